/**
 * A minor garbage collection on demand, for `imprint watch`'s idle time after a build.
 */
import { setFlagsFromString } from 'node:v8';
import vm from 'node:vm';

/**
 * Collects the young generation's garbage, for the idle time after a build. A rebuild
 * allocates about 25 MB: a collection in the middle of the next rebuild copied everything
 * that rebuild had made so far (5–20 ms of a 50 ms rebuild). Emptied while nothing waits, a
 * young generation large enough for a rebuild (watch's thread: see watch-thread.ts) meets
 * none during it (measured in process with Node's default young generation: median rebuild
 * 50 → 41 ms). V8's `gc` is taken with `--expose-gc` set only while
 * a context is made (the flag back as it was, so the code cache stays valid).
 */
export function collectYoungGarbage(): void {
  gc ??= (globalThis as { gc?: typeof gc }).gc; // node --expose-gc: there already
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as (options: { type: 'minor' }) => void;
    setFlagsFromString('--no-expose-gc');
  }
  gc({ type: 'minor' });
}

let gc: ((options: { type: 'minor' }) => void) | undefined;
