/**
 * The process's other threads put below the thread that builds, for `imprint watch` (see
 * watch-thread.ts), as Chrome runs V8's background work. V8 compiles hot functions again
 * (optimised) on helper threads, and in a watch session that goes on for dozens of rebuilds:
 * measured in process, 10–50 ms of helper-thread CPU during each of the first rebuilds after an
 * edit, beside the rebuild's own 25–30. On two cores a compile then took the core the rebuild
 * ran on: its thread waited to run for a median 7–10 ms of a 36–39 ms rebuild. Below it, a
 * helper runs when a core is free. Linux only (a thread there has a priority of its own);
 * elsewhere nothing is changed.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import path from 'node:path';

/** How much nicer than the calling thread the others are made (Chrome's background threads: 10), at most 19. */
const NICER_BY = 10;

/**
 * Lowers every thread this process has now but the calling one (V8's helpers, libuv's thread
 * pool, which starts on its first use, and the main thread when called from a worker). Call it
 * again after work that may start new ones (a few microseconds a thread).
 */
export function lowerHelperThreads(): void {
  if (process.platform !== 'linux') return;
  let threads: string[];
  let caller: string;
  try {
    threads = readdirSync('/proc/self/task');
    caller = path.basename(readlinkSync('/proc/thread-self')); // PID/task/TID
  } catch {
    return; // no /proc, or no /proc/thread-self (Linux before 3.17): left as they are
  }
  const niceness = Math.min(19, getPriority() + NICER_BY); // (the calling thread's)
  for (const name of threads) {
    if (name === caller) continue;
    const thread = Number(name);
    try {
      if (getPriority(thread) < niceness) setPriority(thread, niceness);
    } catch {
      // a thread ended meanwhile, or a sandbox refuses: left as it is
    }
  }
}
