/**
 * Writing the files a command makes (an import's pictures and YAML, a starter project, a project
 * extracted from a PDF), all of them or nothing new: each file atomically (output.ts), in order,
 * in one turn of the event loop (a stop signal, held meanwhile, ends the process once all are
 * written: see `holdStopSignals`); the folders they go in made one by one, outermost first
 * (never `recursive`, which loops for ever under /proc in Node 20). When a write fails (a full
 * disk, a file past `ulimit -f`, a part of the path that is a file), the files and folders made
 * are removed again: a failed command leaves neither a file cut short nor anything that would
 * refuse the next run ("fig-1.png exists", "DIR is not empty"). A file replaced (`import
 * --force`) stays replaced: its old bytes are gone, and the next run replaces it again.
 */
import { existsSync, mkdirSync, rmdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { holdStopSignals, OutputError, writeFailure, writeFileAtomic } from './output.js';

/** A file a command writes. */
export interface NewFile {
  file: string;
  bytes: Buffer;
}

/** Writes `files` in order. Throws the first write's failure (an `OutputError`, at the file or the folder), after removing what it made. */
export async function writeNewFiles(files: readonly NewFile[]): Promise<void> {
  const madeFolders: string[] = [];
  const madeFiles: string[] = [];
  const release = holdStopSignals();
  try {
    for (const folder of [...new Set(files.flatMap(({ file }) => absentFolders(path.dirname(file))))]) {
      if (existsSync(folder)) continue;
      try {
        mkdirSync(folder);
      } catch (e) {
        const reason = writeFailure(e);
        throw reason ? new OutputError(folder, reason) : e;
      }
      madeFolders.push(folder);
    }
    for (const { file, bytes } of files) {
      const isNew = !existsSync(file);
      writeFileAtomic(file, bytes);
      if (isNew) madeFiles.push(file);
    }
  } catch (e) {
    madeFiles.forEach((file) => rmSync(file, { force: true }));
    // innermost first; a folder something else was put in meanwhile stays
    for (const folder of madeFolders.reverse()) {
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

/** `folder` and those above it that are not there yet, outermost first. */
function absentFolders(folder: string): string[] {
  const absent: string[] = [];
  for (let f = folder; !existsSync(f) && path.dirname(f) !== f; f = path.dirname(f)) absent.unshift(f);
  return absent;
}
