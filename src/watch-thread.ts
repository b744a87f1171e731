/**
 * `imprint watch` builds in a thread of its own (the main thread only prints its lines and takes
 * signals), made with a young generation (V8's heap for new objects) that holds a whole
 * rebuild: a rebuild of the sample makes ~25 MB of objects, more than the 16 MB semi-space of
 * a Node thread by default, so a collection of the young generation came in the middle of
 * each rebuild, copying (and promoting to the old generation) what the rebuild had made so far
 * and still held. With semi-spaces of 32 MB, the rebuild meets none (V8's trace: one
 * collection each edit, the one after the rebuild, while the watcher waits: see
 * young-garbage.ts). A thread, not a flag of the process: a V8 flag (`--max-semi-space-size`)
 * would make V8 refuse the bundle's code cache. Measured with the real watch, edits 600 ms
 * apart, runs of 20 edits: median rebuild 38–46 ms with the default young generation (in this
 * thread or the main one), 31–34 ms with this one (144 MiB: no faster); peak memory 148 MiB
 * (building on the main thread) → 235 MiB watching the sample (~300 MiB since the warm-ups
 * rehearse edits, see watch.ts: what 30 edits that move pages reached before). A report much larger than the
 * sample still meets collections during a rebuild, fewer of them.
 */
import { createRequire } from 'node:module';
import type { BuildOptions } from './pipeline.js';
import type { WatchLog, WatchOptions } from './watch.js';
import { describeInternalError } from './internal-error.js';

/** The young generation of the watch thread, MiB: V8 makes it three semi-spaces, so 32 MB each. */
export const WATCH_YOUNG_GENERATION_MIB = 96;

/** What the watch thread is given (a structured clone). */
export interface WatchThreadData {
  options: BuildOptions;
  output: string;
  watchOptions: WatchOptions;
  /** The watcher is taken from the bundle, as the command runs from it (see bundle.cts), else from the modules. */
  fromBundle: boolean;
}

/**
 * Starts watching in the watch thread (see watchReport); `log` receives its lines. A bug that
 * ends the thread ends the process (status 3). Returns what stops the thread.
 */
export function watchInThread(options: BuildOptions, output: string, log: WatchLog, watchOptions: WatchOptions, fromBundle: boolean): () => Promise<void> {
  const workerData: WatchThreadData = { options, output, watchOptions, fromBundle };
  // loaded here, not with the CLI (Node's worker modules: a millisecond of every build's start-up)
  const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  const thread = new Worker(new URL('./watch-worker.js', import.meta.url), { workerData, resourceLimits: { maxYoungGenerationSizeMb: WATCH_YOUNG_GENERATION_MIB } });
  let stopping = false;
  thread.on('message', ({ line, problem }: { line: string; problem: boolean }) => log(line, problem));
  thread.on('error', (e) => {
    log(describeInternalError(e, options.input), true);
    process.exit(3);
  });
  thread.on('exit', (code) => {
    if (stopping) return;
    log(describeInternalError(new Error(`the watch thread ended (exit code ${code})`), options.input), true); // a watch never ends by itself
    process.exit(3);
  });
  return async () => {
    stopping = true;
    await thread.terminate();
  };
}
