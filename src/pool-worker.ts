/**
 * A worker of the pool that builds several reports at once (`imprint build a.yaml b.yaml …`):
 * `buildJob` from the bundle, as the command itself runs (a worker starting from the ~300
 * module files spent 0.4 s before its first report), else from the modules.
 */
import type buildJobOf from './build-worker.js';
import { runBundle } from './bundle.cjs';

const bundled = runBundle(false) as { buildJob: typeof buildJobOf } | undefined;

export default bundled?.buildJob ?? (await import('./build-worker.js')).default;
