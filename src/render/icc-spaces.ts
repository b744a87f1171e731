/**
 * The ICCBased colour spaces of a PDF's images (ISO 32000-1 8.6.5.5): an array naming a stream
 * that holds an ICC profile, the stream's N the profile's components. One stream for each
 * profile's bytes, however many images carry it (a report's photographs mostly share one: their
 * camera's, Adobe RGB's or sRGB's).
 */
import { iccComponents } from '../content/icc-profile.js';
import type { PdfRef, PdfWriter } from './embedded-face.js';

/** An ICCBased colour space as an image's dictionary names it: `[/ICCBased n 0 R]`. */
export type IccBasedSpace = ['ICCBased', PdfRef];

/** For one PDF: the ICCBased space of a profile (checked: content/icc-profile.ts), its stream written when it is first asked for. */
export function iccBasedSpaces(doc: PdfWriter): (profile: Buffer) => IccBasedSpace {
  const spaces = new Map<string, IccBasedSpace>();
  return (profile) => {
    const bytes = profile.toString('latin1');
    let space = spaces.get(bytes);
    if (!space) {
      const stream = doc.ref({ N: iccComponents(profile) });
      stream.end(profile);
      spaces.set(bytes, (space = ['ICCBased', stream]));
    }
    return space;
  };
}
