/**
 * V8 tuned for a command that builds and exits (`imprint build`, `imprint check`). V8 optimises
 * a function with TurboFan once it has run a budget of bytecode; a build that lasts half a
 * second spent more on those compiles (on the second core, which the collector also wants)
 * than the optimised code gave back. With V8 11's budget raised eightfold, fewer functions are
 * compiled, and only the hottest (10 alternating runs, Node 20, 2 cores; same PDF bytes):
 *
 * | build | wall | CPU (all threads) |
 * |---|---|---|
 * | sample, no build cache | 0.447 → 0.387 s | 0.70 → 0.52 s |
 * | sample, build cache | 0.273 → 0.238 s | 0.41 → 0.29 s |
 * | 891 pages, no build cache (5 runs) | 1.94 → 1.76 s | 3.21 → 2.47 s |
 *
 * Not for `watch` (its rebuilds are the code V8 should optimise: they were slower), nor where a
 * pool of workers builds (each worker checks the code cache against V8's flags, which are the
 * process's: it would refuse it), nor where this process writes the code cache at exit (the
 * cache would carry these flags and the next run, without them, refuse it). Only on V8 11.3
 * (Node 20), where it was measured: on V8 12.4 (Node 22), whose Maglev compiles between the two
 * tiers, it measured no gain; other versions are left as they are.
 */
import { setFlagsFromString } from 'node:v8';

/** TurboFan's interrupt budget for a build that exits, bytes of bytecode (V8 11's own: 66 KiB; 270 and 1000 KB measured slower on the 891 pages). */
const ONE_BUILD_INTERRUPT_BUDGET = 540_000;

/** The flags for a build that exits on V8 `v8Version` (process.versions.v8), or none. */
export function oneBuildFlags(v8Version: string): string | undefined {
  return v8Version.startsWith('11.3.') ? `--interrupt-budget=${ONE_BUILD_INTERRUPT_BUDGET}` : undefined;
}

/**
 * Sets the flags for a build that exits. Call only when nothing in the process checks or
 * writes V8's code cache afterwards (see above).
 */
export function tuneV8ForOneBuild(): void {
  const flags = oneBuildFlags(process.versions.v8);
  if (flags) setFlagsFromString(flags);
}
