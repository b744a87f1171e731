/**
 * The thread `imprint watch` builds in (see watch-thread.ts): the watcher from the bundle, as
 * the command itself runs, else from the modules. Its lines go to the main thread, which
 * prints them.
 */
import { parentPort, resourceLimits, workerData } from 'node:worker_threads';
import { runBundle } from './bundle.cjs';
import type { WatchThreadData } from './watch-thread.js';

type Watcher = typeof import('./watch.js');

const bundled = runBundle(false) as { watcherModule(): Promise<Watcher> } | undefined;
const { watchReport } = await (bundled ? bundled.watcherModule() : import('./watch.js'));
const { options, output, watchOptions } = workerData as WatchThreadData;
const log = (line: string) => parentPort!.postMessage(line);
if (process.env.IMPRINT_DEBUG) log(`imprint: watch thread: young generation ${resourceLimits.maxYoungGenerationSizeMb} MiB`);
watchReport(options, output, log, watchOptions);
