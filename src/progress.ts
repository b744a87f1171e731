/**
 * The progress line of a long build or batch on a terminal: one line on standard error, written
 * over in place (`building r.yaml: layout round 2…`, `3 of 8 reports built`) and cleared when
 * done or before another line is printed. Shown only once the work has run a while, and never
 * when the stream is not a terminal (a pipe, a file, CI): their output stays as it was.
 */
import type { BuildProgress } from './pipeline.js';
import { shownName } from './problems.js';

/** Where a progress line is written: `process.stderr`, or a stand-in in tests. */
export interface ProgressStream {
  /** Whether it is a terminal (only then is anything written). */
  isTTY?: boolean;
  /** Its width in characters, when known: a longer line is cut (a line that wraps cannot be written over). */
  columns?: number;
  write(text: string): unknown;
}

/** Work shorter than this shows no progress line, ms. */
export const SHOW_AFTER_MS = 1000;

/** Back to the start of the line and clear it (a carriage return, then ANSI "erase to end of line"). */
const CLEAR = '\r\x1b[K';

/** One progress line, for one build or batch. */
export class ProgressLine {
  private shown = false;
  private readonly started: number;

  /** `now`: a clock in ms (performance.now, or a stand-in in tests); the work starts at construction. */
  constructor(
    private readonly stream: ProgressStream,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** Shows `text` in place of the line shown, once the work has run `SHOW_AFTER_MS`, on a terminal. */
  update(text: string): void {
    if (!this.stream.isTTY || this.now() - this.started < SHOW_AFTER_MS) return;
    const width = this.stream.columns;
    this.stream.write(`${CLEAR}${width && text.length >= width ? `${text.slice(0, Math.max(0, width - 2))}…` : text}`);
    this.shown = true;
  }

  /** Clears the line shown, if any (when done, and before printing another line). */
  clear(): void {
    if (!this.shown) return;
    this.stream.write(CLEAR);
    this.shown = false;
  }
}

/** The words for where a build of `input` is: "building r.yaml: layout round 2…". */
export function buildProgressText(input: string, p: BuildProgress): string {
  return `building ${shownName(input)}: ${p.stage === 'layout' ? `layout round ${p.round}` : `writing ${p.pages} pages`}…`;
}
