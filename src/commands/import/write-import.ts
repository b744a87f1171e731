/**
 * Writing what an import made, all of it or nothing new: each file atomically (output.ts), the
 * YAML last; when a write fails, the files and folders this import made are removed again, so
 * a failed import leaves nothing behind that would refuse the next one ("fig-1.png exists").
 * A file it replaced (`--force`) stays replaced: its old bytes are gone, and the next import
 * replaces it again.
 */
import { existsSync, rmdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../output.js';

/** A file an import writes. */
export interface ImportFile {
  file: string;
  bytes: Buffer;
}

/** Writes `files` in order. Throws the first write's failure (an `OutputError`), after removing what it made. */
export function writeImportFiles(files: readonly ImportFile[]): void {
  const madeFolders = [...new Set(files.flatMap(({ file }) => absentFolders(path.dirname(file))))];
  const madeFiles: string[] = [];
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
  }
}

/** `folder` and those above it that are not there yet, innermost first. */
function absentFolders(folder: string): string[] {
  const absent: string[] = [];
  for (let f = folder; !existsSync(f) && path.dirname(f) !== f; f = path.dirname(f)) absent.push(f);
  return absent;
}
