/**
 * `imprint clean [DIR]`: removes the build cache of the project in DIR (see cache-location.ts):
 * the cache files of its cache folder, and only them (a file the user put there, or a folder,
 * stays), then the folder when that leaves it empty. A link in the folder's place is followed
 * and kept: the cache files of the folder it leads to go, the link and that folder stay.
 */
import { lstatSync, readdirSync, readlinkSync, rmdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../commands/usage-error.js';
import { writeFailure } from '../output.js';
import { isLink, kindOf } from '../file-kind.js';
import { cacheFolder, isCacheFileName } from './cache-location.js';

/** Runs `imprint clean` with its arguments; `print` takes each line for the user. Returns the exit status (0; 1 when a file cannot be removed; a usage error throws). */
export function cleanCommand(rest: string[], print: (line: string) => void): number {
  if (rest.length > 1 || rest.some((a) => a.startsWith('-'))) throw new UsageError('clean takes at most one DIR, the project folder');
  const project = rest[0] ?? '.';
  if (kindOf(project) !== 'folder') throw new UsageError(`clean: ${project} is not a folder`);
  const folder = cacheFolder(project);
  const link = isLink(folder) ? readlinkSync(folder) : undefined;
  const to = link === undefined ? '' : ` → ${link}`;
  if (kindOf(folder) === 'absent') {
    print(`${project}: no build cache (${link === undefined ? `${folder} does not exist` : `${folder} is a link to ${link}, which does not exist`})`);
    return 0;
  }
  if (kindOf(folder) !== 'folder') {
    print(`${project}: no build cache (${folder}${to} is not a folder: left as it is)`);
    return 0;
  }
  const names = readdirSync(folder);
  const ours = names.filter((name) => isCacheFileName(name) && lstatSync(path.join(folder, name)).isFile());
  const others = names.length - ours.length;
  const removed: string[] = [];
  try {
    for (const name of ours) {
      rmSync(path.join(folder, name), { force: true });
      removed.push(name);
    }
    if (link === undefined && others === 0 && removed.length) rmdirSync(folder); // it was the cache's alone
  } catch (e) {
    const reason = writeFailure(e);
    if (!reason) throw e;
    print(`${project}: build cache not removed whole (${folder}${to}: ${reason}; ${count(removed.length, 'file')} removed)`);
    return 1;
  }
  const left = [link === undefined ? '' : '; the link kept', others ? `; left there, not Imprint's: ${count(others, 'other')}` : ''].join('');
  print(ours.length ? `${project}: build cache removed (${folder}${to}, ${count(ours.length, 'file')}${left})` : `${project}: no build cache (${folder}${to} holds no cache file${left})`);
  return 0;
}

/** "1 file", "2 files". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
