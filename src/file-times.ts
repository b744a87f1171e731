/** Whether a file changed since a moment, from its times (watch, the build cache). */
import { statSync } from 'node:fs';
import path from 'node:path';

/**
 * File times are stamped from a coarse clock, up to a tick of the kernel (4–10 ms) behind the
 * clock `Date.now()` reads, ms.
 */
const FILE_CLOCK_LAG_MS = 20;

/**
 * Whether `file` may have changed at or after `time` (ms since 1970): written, renamed over or
 * removed (its folder's list changed since). A file that was not there then and is not now (an
 * image a problem is about) has not.
 */
export function changedSince(file: string, time: number): boolean {
  const since = (f: string) => statSync(f).ctimeMs >= time - FILE_CLOCK_LAG_MS;
  try {
    return since(file);
  } catch {
    try {
      return since(path.dirname(file));
    } catch {
      return true;
    }
  }
}

