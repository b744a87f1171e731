/**
 * The folder a command writes a new project into (`init DIR`, `extract FILE.pdf DIR`): a new
 * one, or an empty folder; anything else there is wrong usage, said as what it is.
 */
import { readdirSync, readlinkSync, statSync } from 'node:fs';
import { isLink } from '../file-kind.js';
import { UsageError } from './usage-error.js';

/** Throws `UsageError` unless `dir` is absent or an empty folder (`command`: the command's name, for the message). */
export function refuseUnlessNewFolder(command: string, dir: string): void {
  const refused = (what: string) => new UsageError(`${command} writes into a new or empty folder: ${dir} ${what}`);
  let stat;
  try {
    stat = statSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw refused('is a link that loops');
    if (code === 'ENOENT' && isLink(dir)) throw refused(`is a link to ${readlinkSync(dir)}, which does not exist`);
    return; // nothing there (or not to be looked at: the write says why)
  }
  if (!stat.isDirectory()) throw refused(stat.isFile() ? 'is a file' : 'is not a folder');
  if (readdirSync(dir).length > 0) throw refused('is not empty');
}
