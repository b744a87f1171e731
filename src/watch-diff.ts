/**
 * `imprint watch --diff`: what a rebuild changed in print compared with the build before, in
 * the summary lines of `imprint diff` (the same code: the editions read back from the PDF bytes
 * kept in memory). A comparison gives way to the next build: it stops at its next page drawn
 * once `superseded` says so.
 */
import { editionOf, type Edition } from './commands/pdf-edition.js';
import { diffEditions, printsTheSame } from './commands/edition-diff.js';
import { summaryLines } from './commands/diff-summary.js';

/** How the edition before is named in the summary. */
export const LAST_BUILD = 'the last build';

/** Thrown into a comparison a newer build made pointless. */
class Superseded extends Error {}

/**
 * The lines saying what changed from the PDF `before` to the PDF `after` (written to `output`):
 * the summary of `imprint diff`, or "no change in print"; null when `superseded()` turned true
 * on the way. Neither buffer is changed. Throws `EditionError` for a PDF pdf.js cannot read.
 */
export async function printChanges(before: Buffer, after: Buffer, output: string, superseded: () => boolean): Promise<string[] | null> {
  const opened: Edition[] = [];
  try {
    opened.push(await editionOf(LAST_BUILD, Buffer.from(before))); // copies: pdf.js may take its bytes over
    if (superseded()) return null;
    opened.push(await editionOf(output, Buffer.from(after)));
    const [old, now] = opened.map((e): Edition => ({ ...e, draw: (index, dpi) => (superseded() ? Promise.reject(new Superseded()) : e.draw(index, dpi)) }));
    const d = await diffEditions(old, now);
    if (superseded()) return null;
    return printsTheSame(d) ? ['no change in print'] : summaryLines(old, now, d);
  } catch (e) {
    if (e instanceof Superseded) return null;
    throw e;
  } finally {
    for (const e of opened) await e.close();
  }
}
