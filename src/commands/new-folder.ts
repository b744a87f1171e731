/**
 * The folder a command writes a new project into (`init DIR`, `extract FILE.pdf DIR`): a new
 * one in a folder that is there, or an empty folder; anything else there is wrong usage, said as
 * what it is. A missing folder above DIR is never made: a mistyped path (`reprots/2025`) would
 * otherwise leave a tree of folders where none was meant; the message names it and the command
 * that makes it.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { brokenLink } from '../file-kind.js';
import { shellWord } from '../shell-word.js';
import { UsageError } from './usage-error.js';

/** Throws `UsageError` unless `dir` is absent in a folder that is there, or an empty folder (`command`: the command's name, for the message). */
export function refuseUnlessNewFolder(command: string, dir: string): void {
  const refused = (what: string) => new UsageError(`${command} writes into a new or empty folder: ${dir} ${what}`);
  const broken = brokenLink(dir);
  if (broken) throw refused(broken);
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    const parent = missingParent(dir);
    if (parent !== undefined) throw refused(`goes in ${parent}, which ${brokenLink(parent) ?? `does not exist (make it first: mkdir -p ${shellWord(parent)})`}`);
    return; // nothing there (or not to be looked at, or under a file: the write says why)
  }
  if (!stat.isDirectory()) throw refused(stat.isFile() ? 'is a file' : 'is not a folder');
  if (readdirSync(dir).length > 0) throw refused('is not empty');
}

/** The folder `dir` goes in (as written), when nothing is there (not a file that a part of the path names: the write says that). */
function missingParent(dir: string): string | undefined {
  const parent = path.dirname(dir);
  try {
    statSync(parent);
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? parent : undefined;
  }
}
