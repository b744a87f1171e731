/**
 * `imprint diff OLD.pdf NEW.pdf [-o DIR]`: which pages of an edition changed, for a proofreader
 * and a print shop when a report is regenerated after edits. Pages are matched by their text,
 * so an inserted paragraph shows as the pages it changed and the pages after it moved; a summary
 * on stdout, and with `-o DIR` an image of each changed page with the changes marked.
 * Exit status as `cmp` and `diff`: 0 the editions print the same, 1 they differ, 2 trouble (wrong
 * usage, a file that cannot be read as a PDF, an image that cannot be written). A stop signal
 * while the images are written is handled between two images, as a build's (`holdStopSignals`).
 */
import { UsageError } from './usage-error.js';
import { optionName, unknownOption } from '../option-value.js';
import { EditionError, openEdition, type Edition } from './pdf-edition.js';
import { diffEditions, printsTheSame } from './edition-diff.js';
import { summaryLines } from './diff-summary.js';
import { statSync } from 'node:fs';
import { brokenLink } from '../file-kind.js';
import { ImageNotWritten, writeChangeImages } from './change-images.js';
import { enableStopSignalHolds, holdStopSignals, removeTempFilesAtExit } from '../output.js';

/** What `imprint diff` was asked. */
interface DiffArgs {
  old: string;
  now: string;
  /** Folder for the page images. */
  imagesDir?: string;
}

function parseDiffArgs(rest: string[]): DiffArgs {
  const files: string[] = [];
  let imagesDir: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '-o' || a === '--output') {
      imagesDir = optionName('-o', rest[++i], 'a folder for the page images');
    } else if (a.startsWith('-') && a !== '-') throw unknownOption(a);
    else files.push(a);
  }
  if (files.length !== 2) throw new UsageError('diff takes two PDFs: OLD.pdf NEW.pdf');
  const broken = imagesDir && brokenLink(imagesDir);
  if (broken) throw new UsageError(`-o ${imagesDir} ${broken}: -o names the folder for the images of the changed pages, and nothing was written`);
  if (imagesDir && !isFolderOrAbsent(imagesDir)) throw new UsageError(`-o ${imagesDir}: not a folder; -o names the folder for the images of the changed pages, and nothing was written`);
  return { old: files[0], now: files[1], imagesDir };
}

/** Whether `name` is a folder or nothing yet (a folder made for the images). */
function isFolderOrAbsent(name: string): boolean {
  try {
    return statSync(name).isDirectory();
  } catch {
    return true; // absent, or not to be looked at: the writes say why
  }
}

/** Runs `imprint diff` with the arguments after `diff`; prints the summary; returns the exit status. */
export async function diffCommand(rest: string[], print: (line: string) => void, printError: (line: string) => void): Promise<number> {
  const args = parseDiffArgs(rest);
  const opened: Edition[] = [];
  try {
    opened.push(await openEdition(args.old));
    opened.push(await openEdition(args.now));
    const [old, now] = opened;
    const d = await diffEditions(old, now);
    summaryLines(old, now, d).forEach((line) => print(line));
    if (args.imagesDir && !printsTheSame(d)) {
      removeTempFilesAtExit([args.imagesDir]);
      enableStopSignalHolds();
      const release = holdStopSignals();
      const files = await writeChangeImages(args.imagesDir, old, now, d).finally(release);
      print(`${files.length} image${files.length === 1 ? '' : 's'} in ${args.imagesDir}${files.length ? ` (${files.map((f) => f.slice(args.imagesDir!.length).replace(/^[\\/]/, '')).join(', ')})` : ''}`);
    }
    return printsTheSame(d) ? 0 : 1;
  } catch (e) {
    if (!(e instanceof EditionError) && !(e instanceof ImageNotWritten)) throw e;
    printError(`imprint: ${e.message}`);
    return 2;
  } finally {
    for (const e of opened) await e.close();
  }
}
