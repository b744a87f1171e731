/**
 * `imprint clean [DIR]`: removes the build cache of the project in DIR (see cache-location.ts):
 * the cache files of its cache folder, and only them (a file the user put there, or a folder,
 * stays), then the folder when that leaves it empty. A running `watch` may write and prune cache
 * files meanwhile: one gone before it is removed is passed over, one written after the folder was
 * read keeps the folder (and stays). A link in the folder's place is followed and kept: the
 * cache files of the folder it leads to go, the link and that folder stay.
 */
import { lstatSync, readdirSync, readlinkSync, rmdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../commands/usage-error.js';
import { writeFailure } from '../output.js';
import { brokenLink, isLink, kindOf, notAFolder } from '../file-kind.js';
import { shownName } from '../problems.js';
import { cacheFolder, isCacheFileName } from './cache-location.js';

/** Runs `imprint clean` with its arguments; `print` takes each line for the user. Returns the exit status (0; 1 when a file cannot be removed; a usage error throws). */
export function cleanCommand(rest: string[], print: (line: string) => void): number {
  if (rest.length > 1 || rest.some((a) => a.startsWith('-'))) throw new UsageError('clean takes at most one DIR, the project folder');
  const project = rest[0] ?? '.';
  const notFolder = notAFolder(project);
  if (notFolder) throw new UsageError(`clean: ${shownName(project)} ${notFolder}`);
  const folder = cacheFolder(project);
  const link = isLink(folder) ? readlinkSync(folder) : undefined;
  const to = link === undefined ? '' : ` → ${shownName(link)}`;
  if (kindOf(folder) === 'absent') {
    print(`${shownName(project)}: no build cache (${shownName(folder)} ${brokenLink(folder) ?? 'does not exist'})`);
    return 0;
  }
  if (kindOf(folder) !== 'folder') {
    print(`${shownName(project)}: no build cache (${shownName(folder)}${to} is not a folder: left as it is)`);
    return 0;
  }
  const kinds = readdirSync(folder).map((name) => entryKind(folder, name));
  const ours = kinds.filter((k) => k.kind === 'cache').map((k) => k.name);
  const others = kinds.filter((k) => k.kind === 'other').length;
  const removed: string[] = [];
  let kept = false;
  try {
    for (const name of ours) {
      rmSync(path.join(folder, name), { force: true });
      removed.push(name);
    }
    if (link === undefined && others === 0 && removed.length) kept = !removeEmptyFolder(folder); // it was the cache's alone
  } catch (e) {
    const reason = writeFailure(e);
    if (!reason) throw e;
    print(`${shownName(project)}: build cache not removed whole (${shownName(folder)}${to}: ${reason}; ${count(removed.length, 'file')} removed)`);
    return 1;
  }
  const left = [
    link === undefined ? '' : '; the link kept',
    others ? `; left there, not Imprint's: ${count(others, 'other')}` : '',
    kept ? '; the folder kept: a file was written there meanwhile' : '',
  ].join('');
  print(ours.length ? `${shownName(project)}: build cache removed (${shownName(folder)}${to}, ${count(ours.length, 'file')}${left})` : `${shownName(project)}: no build cache (${shownName(folder)}${to} holds no cache file${left})`);
  return 0;
}

/** "1 file", "2 files". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * What an entry of the cache folder is: a cache file of Imprint's, anything else (kept), or
 * gone (a `watch` pruned it, or renamed its temporary file, since the folder was read).
 */
function entryKind(folder: string, name: string): { name: string; kind: 'cache' | 'other' | 'gone' } {
  if (!isCacheFileName(name)) return { name, kind: 'other' };
  try {
    return { name, kind: lstatSync(path.join(folder, name)).isFile() ? 'cache' : 'other' };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { name, kind: 'gone' };
    throw e;
  }
}

/**
 * Removes `folder` if it is empty; false when it is not (a `watch` wrote a cache file there
 * since it was read): the folder is kept, with that file.
 */
function removeEmptyFolder(folder: string): boolean {
  try {
    rmdirSync(folder);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') return false; // (POSIX allows either for a folder not empty)
    throw e;
  }
}
