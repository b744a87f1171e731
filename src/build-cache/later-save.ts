/**
 * The build cache of a watch session saved once its builds pause, not after each (saving the
 * sample's cache takes 10–20 ms, which a rebuild after an edit would otherwise wait for). A
 * session stopped before the pause ends leaves the cache its last save wrote.
 */
import type { BuildCache, BuildOptions } from '../pipeline.js';
import { saveBuildCache } from './disk-cache.js';

/** Quiet time after a good build before its cache is saved, ms. */
const PAUSE_MS = 1000;

export class LaterSave {
  private timer: NodeJS.Timeout | undefined;

  /** `output`: the PDF the builds write; `log` takes the lines `saveBuildCache` returns. */
  constructor(
    private readonly o: BuildOptions,
    private readonly output: string,
    private readonly log: (line: string) => void,
  ) {}

  /** After a good build with `cache` (`themeFiles`: the theme files it read): saves it once no build has begun for a while. */
  after(cache: BuildCache, themeFiles: string[]): void {
    this.cancel();
    if (!cache.disk) return;
    this.timer = setTimeout(() => saveBuildCache(cache, this.o, themeFiles, this.output).forEach((line) => this.log(line)), PAUSE_MS);
    this.timer.unref();
  }

  /** A build begins: the save waits for the next good one. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
