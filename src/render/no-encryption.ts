/**
 * Stands in the bundle (rolldown.config.mjs) for `@noble/ciphers/aes`, which pdfkit imports
 * for encrypted PDFs: Imprint writes none (an archived PDF/A may not be encrypted), and the
 * package's tables took ~15 ms of every start to compute.
 */

function notBundled(): never {
  throw new Error('PDF encryption is not part of Imprint');
}

export const cbc = notBundled;
export const ecb = notBundled;
