/**
 * The sRGB output intent of a PDF/A file. pdfkit writes the same dictionary, but finds its ICC
 * profile next to its own module file, which is not there when Imprint runs as one bundled
 * file; here the profile is found through the package resolver, wherever pdfkit is installed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The parts of pdfkit's document used here. */
interface Doc {
  ref(data: Record<string, unknown>): { write(chunk: Buffer): void; end(): void };
  _root: { data: Record<string, unknown> };
}

let profile: Buffer | undefined;

/** sRGB IEC61966-2.1, as shipped with pdfkit. */
function srgbProfile(): Buffer {
  const pdfkitDir = path.dirname(createRequire(import.meta.url).resolve('pdfkit'));
  return (profile ??= readFileSync(path.join(pdfkitDir, 'data', 'sRGB_IEC61966_2_1.icc')));
}

/** Adds the ICC profile and the GTS_PDFA1 output intent to the document catalog. */
export function addOutputIntent(doc: Doc): void {
  const icc = srgbProfile();
  const iccRef = doc.ref({ Length: icc.length, N: 3 });
  iccRef.write(icc);
  iccRef.end();
  const intent = doc.ref({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    Info: new String('sRGB IEC61966-2.1'),
    OutputConditionIdentifier: new String('sRGB IEC61966-2.1'),
    DestOutputProfile: iccRef,
  });
  intent.end();
  doc._root.data.OutputIntents = [intent];
}
