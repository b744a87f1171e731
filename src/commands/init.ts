/**
 * `imprint init DIR`: a starter project written into a new or empty folder, copied from
 * Imprint's `starter/` folder (a report with every kind of block, a template that extends
 * `official`, a font registry that adds a role, a README). `imprint build` in DIR builds it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeFailure } from '../output.js';
import { UsageError } from './usage-error.js';

/** A starter project could not be written: one line for the user (exit status 1). */
export class InitError extends Error {}

/**
 * Writes the starter project into `dir` and returns the files written, relative to it, sorted.
 * Throws `UsageError` for a `dir` that is not a new or empty folder, `InitError` when the file
 * system refuses a write (the files written so far stay).
 */
export function initProject(dir: string, packageDir: string): string[] {
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) throw new UsageError(`init writes into a new or empty folder: ${dir} ${statSync(dir).isDirectory() ? 'is not empty' : 'is a file'}`);
  const starter = path.join(packageDir, 'starter');
  const entries = readdirSync(starter, { recursive: true, encoding: 'utf8' }).sort(); // a folder before what it holds
  const isFolder = (entry: string) => statSync(path.join(starter, entry)).isDirectory();
  const written = (to: string, write: () => void) => {
    try {
      write();
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'the folder it goes in does not exist' : writeFailure(e);
      if (!reason) throw e;
      throw new InitError(`${to}: cannot write (${reason})`);
    }
  };
  // folders one by one, never `recursive` (which loops for ever under /proc in Node 20)
  if (!existsSync(dir)) written(dir, () => mkdirSync(dir));
  for (const entry of entries.filter(isFolder)) written(path.join(dir, entry), () => mkdirSync(path.join(dir, entry)));
  const files = entries.filter((e) => !isFolder(e));
  for (const file of files) written(path.join(dir, file), () => writeFileSync(path.join(dir, file), readFileSync(path.join(starter, file)), { flag: 'wx' })); // never over a file
  return files;
}
