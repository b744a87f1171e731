/**
 * The thread `imprint watch` builds in (see watch-thread.ts): the watcher from the bundle when
 * the command runs from it, else from the modules. Its lines go to the main thread, which
 * prints them (what this thread writes to the console itself, a library's warning, comes
 * through Node's own pipe, in its own time).
 */
import { parentPort, resourceLimits, workerData } from 'node:worker_threads';
import { runBundle } from './bundle.cjs';
import type { WatchThreadData } from './watch-thread.js';

type Watcher = typeof import('./watch.js');
type WatchLog = import('./watch.js').WatchLog;

const { options, output, watchOptions, fromBundle } = workerData as WatchThreadData;
const bundled = fromBundle ? (runBundle(false) as { watcherModule(): Promise<Watcher> } | undefined) : undefined;
const { watchReport } = await (bundled ? bundled.watcherModule() : import('./watch.js'));
const log: WatchLog = (line, problem) => parentPort!.postMessage({ line, problem: !!problem });
if (process.env.IMPRINT_DEBUG) log(`imprint: watch thread: ${bundled ? 'the bundle' : 'the modules'}, young generation ${resourceLimits.maxYoungGenerationSizeMb} MiB`);
watchReport(options, output, log, watchOptions);
