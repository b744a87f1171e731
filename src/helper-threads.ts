/**
 * The process's helper threads put below its main thread, for `imprint watch`, as Chrome runs
 * V8's background work. V8 compiles hot functions again (optimised) on helper threads, and
 * in a watch session that goes on for dozens of rebuilds: measured in process, 10–50 ms of
 * helper-thread CPU during each of the first rebuilds after an edit, beside the rebuild's own
 * 25–30. On two cores a compile then took the core the rebuild ran on: its thread waited to run
 * for a median 7–10 ms of a 36–39 ms rebuild. Below it, a helper runs when a core is free.
 * Linux only (a thread there has a priority of its own); elsewhere nothing is changed.
 */
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** How much nicer than the main thread a helper is made (Chrome's background threads: 10), at most 19. */
const NICER_BY = 10;

/**
 * Lowers the helper threads this process has now (V8's, libuv's thread pool, which starts on
 * its first use), not the main thread. Call it again after work that may start new ones (a few
 * microseconds a thread).
 */
export function lowerHelperThreads(): void {
  if (process.platform !== 'linux') return;
  let threads: string[];
  try {
    threads = readdirSync('/proc/self/task');
  } catch {
    return; // no /proc: left as they are
  }
  const niceness = Math.min(19, getPriority() + NICER_BY);
  for (const name of threads) {
    const thread = Number(name);
    if (thread === process.pid) continue;
    try {
      if (getPriority(thread) < niceness) setPriority(thread, niceness);
    } catch {
      // a thread ended meanwhile, or a sandbox refuses: left as it is
    }
  }
}
