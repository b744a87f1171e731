/**
 * The folder a command writes a new project into (`init DIR`, `extract FILE.pdf DIR`): a new
 * one, or an empty folder; anything else there is wrong usage, said as what it is.
 */
import { readdirSync, statSync } from 'node:fs';
import { brokenLink } from '../file-kind.js';
import { UsageError } from './usage-error.js';

/** Throws `UsageError` unless `dir` is absent or an empty folder (`command`: the command's name, for the message). */
export function refuseUnlessNewFolder(command: string, dir: string): void {
  const refused = (what: string) => new UsageError(`${command} writes into a new or empty folder: ${dir} ${what}`);
  const broken = brokenLink(dir);
  if (broken) throw refused(broken);
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    return; // nothing there (or not to be looked at: the write says why)
  }
  if (!stat.isDirectory()) throw refused(stat.isFile() ? 'is a file' : 'is not a folder');
  if (readdirSync(dir).length > 0) throw refused('is not empty');
}
