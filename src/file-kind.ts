/**
 * What stands at a path, as the commands that write or remove files ask it before they touch
 * anything: nothing, a regular file, a folder or something else (a device, a pipe, a socket),
 * following links; and whether the path itself is a symbolic link.
 */
import { lstatSync, statSync } from 'node:fs';

/** What stands at a path (following links). */
export function kindOf(file: string): 'absent' | 'file' | 'folder' | 'other' {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    // a link to nothing, or a path through a file: nothing there (a write there makes a new file, or fails)
    return 'absent';
  }
  return stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
}

/** Whether `file` is itself a symbolic link (to anything, or to nothing). */
export function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
