/**
 * `imprint watch` builds in a thread of its own, beside the main thread (which only prints its
 * lines and takes signals). V8 sizes a worker thread's heap more freely than the main thread's:
 * watching the sample, the main thread's old generation stayed near 30 MB and was collected
 * every 3–4 edits, each collection some 15 ms of marking on the thread that builds, where the
 * watch thread's grows to ~75 MB and was collected once in 20 edits. Measured with the real
 * watch, edits 600 ms apart, 10 alternating runs of 20 edits: median rebuild 38 → 31 ms (10 of
 * 10 better); peak memory 150 → 235 MiB (891 pages: 605 → 693 MiB, rebuild unchanged). A larger
 * young generation for the thread (`resourceLimits`) changed nothing measurable.
 */
import { Worker } from 'node:worker_threads';
import type { BuildOptions } from './pipeline.js';
import type { WatchOptions } from './watch.js';
import { describeInternalError } from './internal-error.js';

/** What the watch thread is given (a structured clone). */
export interface WatchThreadData {
  options: BuildOptions;
  output: string;
  watchOptions: WatchOptions;
}

/** Starts watching in the watch thread (see watchReport); `log` receives its lines. A bug that ends the thread ends the process (status 3). */
export function watchInThread(options: BuildOptions, output: string, log: (line: string) => void, watchOptions: WatchOptions): void {
  const workerData: WatchThreadData = { options, output, watchOptions };
  const thread = new Worker(new URL('./watch-worker.js', import.meta.url), { workerData });
  thread.on('message', (line: string) => log(line));
  thread.on('error', (e) => {
    log(describeInternalError(e, options.input));
    process.exit(3);
  });
  thread.on('exit', () => process.exit(3)); // a watch never ends by itself
}
