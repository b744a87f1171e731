/**
 * The encoding of an SVG file: Imprint reads SVG in UTF-8 only (US-ASCII, a part of it, too). A
 * file in another is refused with a message that names it, not read as UTF-8 (its Chinese text
 * would be drawn as U+FFFD boxes, or saxes would call it damaged): one that declares another
 * (`<?xml … encoding="GBK"?>`), one in UTF-16 (by its byte order mark, or its NUL bytes between
 * ASCII characters), one whose bytes are not UTF-8.
 */

/** What the user is told to do. */
const ONLY_UTF8 = 'Imprint reads SVG in UTF-8 only (save it as UTF-8)';

/** The encodings an SVG may declare (as XML names them, any case). */
const READ = /^(?:utf-?8|us-ascii|ascii)$/i;

/** Whether `data` looks like XML in UTF-16: a byte order mark, or `<` next to a NUL byte at its start. */
export function looksUtf16(data: Buffer): boolean {
  const [a, b] = data;
  return (a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff) || (a === 0x3c && b === 0) || (a === 0 && b === 0x3c);
}

/** Why the SVG `data` cannot be read as UTF-8 (naming its encoding), or undefined when it can. */
export function svgEncodingProblem(data: Buffer): string | undefined {
  if (looksUtf16(data)) return `SVG encoded as UTF-16: ${ONLY_UTF8}`;
  const declared = /^(?:\ufeff)?\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']/.exec(data.subarray(0, 256).toString('latin1'))?.[1];
  if (declared !== undefined && !READ.test(declared)) return `SVG encoded as ${declared}: ${ONLY_UTF8}`;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return undefined;
  } catch {
    const line = firstBadLine(data);
    return `SVG is not valid UTF-8 (line ${line} of the SVG): ${ONLY_UTF8}`;
  }
}

/** The line of the first byte of `data` that is not part of valid UTF-8. */
function firstBadLine(data: Buffer): number {
  const text = data.toString('utf8');
  const bad = text.indexOf('\ufffd');
  return text.slice(0, bad < 0 ? text.length : bad).split('\n').length;
}
