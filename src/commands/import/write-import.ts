/**
 * Writing what an import made, all of it or nothing new: each file atomically (output.ts), the
 * YAML last, a stop signal held until all are written; when a write fails, the files and folders this import made are removed again, so
 * a failed import leaves nothing behind that would refuse the next one ("fig-1.png exists").
 * A file it replaced (`--force`) stays replaced: its old bytes are gone, and the next import
 * replaces it again.
 */
import { existsSync, rmdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { holdStopSignals, writeFileAtomic } from '../../output.js';

/** A file an import writes. */
export interface ImportFile {
  file: string;
  bytes: Buffer;
}

/**
 * Writes `files` in order, in one turn of the event loop: a stop signal (held meanwhile, see
 * `holdStopSignals`) ends the process once they are all written. Throws the first write's
 * failure (an `OutputError`), after removing what it made.
 */
export async function writeImportFiles(files: readonly ImportFile[]): Promise<void> {
  const madeFolders = [...new Set(files.flatMap(({ file }) => absentFolders(path.dirname(file))))];
  const madeFiles: string[] = [];
  const release = holdStopSignals();
  try {
    for (const { file, bytes } of files) {
      const isNew = !existsSync(file);
      writeFileAtomic(file, bytes);
      if (isNew) madeFiles.push(file);
    }
  } catch (e) {
    madeFiles.forEach((file) => rmSync(file, { force: true }));
    // deepest first; a folder something else was put in meanwhile stays
    for (const folder of madeFolders.sort((a, b) => b.length - a.length)) {
      try {
        rmdirSync(folder);
      } catch {
        // not empty, or not there
      }
    }
    throw e;
  } finally {
    await release();
  }
}

/** `folder` and those above it that are not there yet, innermost first. */
function absentFolders(folder: string): string[] {
  const absent: string[] = [];
  for (let f = folder; !existsSync(f) && path.dirname(f) !== f; f = path.dirname(f)) absent.push(f);
  return absent;
}
