/**
 * `imprint init DIR`: a starter project written into a new or empty folder, copied from
 * Imprint's `starter/` folder (a report with every kind of block and inline markup, its
 * pictures, a template that extends `official`, a font registry that adds a role, a README),
 * with Imprint's JSON Schema as `schema/report.schema.json`, which the report's first line
 * names for an editor (`# yaml-language-server: $schema=../schema/report.schema.json`).
 * `imprint build` in DIR builds it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { OutputError } from '../output.js';
import { OneLineError } from '../problems.js';
import { writeNewFiles } from '../new-files.js';
import { refuseUnlessNewFolder } from './new-folder.js';

/** A starter project could not be written: one line for the user (exit status 1). */
export class InitError extends OneLineError {}

/**
 * Writes the starter project into `dir` (made when missing, in a folder that is there) and
 * returns the files written, relative to it, sorted. Throws `UsageError` for a `dir` that is
 * not a new or empty folder, or whose folder is missing (see new-folder.ts), `InitError` when
 * the file system refuses a write (nothing new left then: see new-files.ts).
 */
export async function initProject(dir: string, packageDir: string): Promise<string[]> {
  refuseUnlessNewFolder('init', dir);
  const copies = projectFiles(packageDir);
  try {
    await writeNewFiles(copies.map(({ from, to }) => ({ file: path.join(dir, to), bytes: readFileSync(from) })));
  } catch (e) {
    if (!(e instanceof OutputError)) throw e;
    throw new InitError(`${e.file}: cannot write (${e.reason})`);
  }
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
