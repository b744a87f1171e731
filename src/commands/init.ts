/**
 * `imprint init DIR`: a starter project written into a new or empty folder, copied from
 * Imprint's `starter/` folder (a report with every kind of block and inline markup, its
 * pictures, a template that extends `official`, a font registry that adds a role, a README),
 * with Imprint's JSON Schema as `schema/report.schema.json`, which the report's first line
 * names for an editor (`# yaml-language-server: $schema=../schema/report.schema.json`).
 * `imprint build` in DIR builds it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeFailure } from '../output.js';
import { refuseUnlessNewFolder } from './new-folder.js';

/** A starter project could not be written: one line for the user (exit status 1). */
export class InitError extends Error {}

/**
 * Writes the starter project into `dir` and returns the files written, relative to it, sorted.
 * Throws `UsageError` for a `dir` that is not a new or empty folder, `InitError` when the file
 * system refuses a write (the files written so far stay).
 */
export function initProject(dir: string, packageDir: string): string[] {
  refuseUnlessNewFolder('init', dir);
  const copies = projectFiles(packageDir);
  const written = (to: string, write: () => void) => {
    try {
      write();
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'the folder it goes in does not exist' : writeFailure(e);
      if (!reason) throw e;
      throw new InitError(`${to}: cannot write (${reason})`);
    }
  };
  // folders one by one, a folder before what it holds, never `recursive` (which loops for ever under /proc in Node 20)
  if (!existsSync(dir)) written(dir, () => mkdirSync(dir));
  for (const folder of foldersOf(copies.map((c) => c.to))) written(path.join(dir, folder), () => mkdirSync(path.join(dir, folder)));
  for (const { from, to } of copies) written(path.join(dir, to), () => writeFileSync(path.join(dir, to), readFileSync(from), { flag: 'wx' })); // never over a file
  return copies.map((c) => c.to).sort();
}

/** A file of the project: where it comes from (absolute) and where it goes (relative to the project). */
interface ProjectFile {
  from: string;
  to: string;
}

/** The files of a starter project: every file of `starter/`, and the JSON Schema from `schema/`. */
function projectFiles(packageDir: string): ProjectFile[] {
  const starter = path.join(packageDir, 'starter');
  const entries = readdirSync(starter, { recursive: true, encoding: 'utf8' });
  const fromStarter = entries.filter((e) => !statSync(path.join(starter, e)).isDirectory()).map((e) => ({ from: path.join(starter, e), to: e }));
  const schema = path.join('schema', 'report.schema.json');
  return [...fromStarter, { from: path.join(packageDir, schema), to: schema }];
}

/** Every folder that holds one of `files` (relative paths), each parent before its children. */
function foldersOf(files: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const file of files) for (let f = path.dirname(file); f !== '.'; f = path.dirname(f)) folders.add(f);
  return [...folders].sort();
}
