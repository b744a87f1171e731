/**
 * Where a project's build cache is: `node_modules/.cache/imprint/` in the project when it has a
 * `node_modules` folder (where Babel, ESLint and others keep theirs), else the user's cache
 * folder (`$XDG_CACHE_HOME`, or `~/.cache`) under `imprint/` and a hash of the project's path.
 * One file per report, named for the report and a hash of its path: nothing a user writes is
 * named so.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sha256 } from '../sha256.js';

/** The ending of a cache file's name. */
export const CACHE_FILE_ENDING = '.imprint-cache';

/** Whether `name` is that of a temporary file a cache is written through (see `tempPathFor` in output.ts). */
export function isCacheTempName(name: string): boolean {
  return name.startsWith('.') && name.includes(`${CACHE_FILE_ENDING}.`) && name.endsWith('.tmp');
}

/** Whether `name` is that of a file Imprint keeps in a cache folder: a cache file, or one being written. */
export function isCacheFileName(name: string): boolean {
  return name.endsWith(CACHE_FILE_ENDING) || isCacheTempName(name);
}

/** The folder of the build caches of the project in `projectDir`. */
export function cacheFolder(projectDir: string): string {
  const project = path.resolve(projectDir);
  const modules = path.join(project, 'node_modules');
  if (existsSync(modules)) return path.join(modules, '.cache', 'imprint');
  const base = process.env.XDG_CACHE_HOME && path.isAbsolute(process.env.XDG_CACHE_HOME) ? process.env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'imprint', shortHash(project));
}

/** The cache file of the report `input` of the project in `projectDir`. */
export function cacheFileOf(projectDir: string, input: string): string {
  const name = path.basename(input).replace(/\.ya?ml$/i, '').replace(/[^\p{L}\p{N}_.-]/gu, '_').slice(0, 60);
  return path.join(cacheFolder(projectDir), `${name}-${shortHash(path.resolve(input))}${CACHE_FILE_ENDING}`);
}

function shortHash(text: string): string {
  return sha256(text).slice(0, 16);
}
