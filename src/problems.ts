/**
 * Problems in the user's input (content, templates, theme, fonts, images), reported as
 * `FILE:LINE:COLUMN: message`. A build collects every problem it can before giving up.
 */
import path from 'node:path';
import { codePointName } from './code-point-name.js';

/** A place in a source file. Lines and columns count from 1. */
export interface SourcePos {
  file: string;
  line: number;
  col: number;
}

/** One problem found in the input. */
export interface Problem {
  pos: SourcePos;
  message: string;
  /** A warning does not stop the build (e.g. a character no font has). */
  severity: 'error' | 'warning';
  /**
   * The file the problem is about when it is not the one at `pos`, absolute: an image, a font
   * file or a template folder that is missing or unusable (`watch` follows it, so that making or
   * mending it builds again).
   */
  about?: string;
  /**
   * For a warning of characters no font has (block/missing-chars.ts): those characters, in order,
   * each as often as it stands in the run the warning names, each at its own place.
   */
  missing?: MissingChar[];
}

/** A character no font has, and where it stands (where the text it is in stands, for a template's words). */
export interface MissingChar {
  char: string;
  pos: SourcePos;
}

/**
 * Thrown when the input has errors: carries all of them, never a stack trace for the user, and
 * after them the warnings found so far (by the stage that failed and those before it), so that a
 * user mending the errors sees every problem in one run.
 */
export class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
  }
}

/**
 * `stage()`, whose `InputError` carries `warnings` too, after its errors and before its own
 * warnings: those of the stages before it, or (a function, read when the error is thrown) those
 * the stage collected before it threw an error as it met it.
 */
export function keepingWarnings<T>(warnings: readonly Problem[] | (() => readonly Problem[]), stage: () => T): T {
  try {
    return stage();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const kept = (typeof warnings === 'function' ? warnings() : warnings).filter((w) => !e.problems.includes(w));
    if (!kept.length) throw e;
    const errors = e.problems.filter((p) => p.severity === 'error');
    throw new InputError([...errors, ...kept, ...e.problems.filter((p) => p.severity === 'warning')]);
  }
}

/** `FILE:LINE:COL: message` (with `warning: ` before warnings). */
export function formatProblem(p: Problem): string {
  const where = `${shownFile(p.pos.file)}:${p.pos.line}:${p.pos.col}`;
  const message = p.message.replace(UNSHOWN, (c) => codePointName(c));
  return p.severity === 'warning' ? `${where}: warning: ${message}` : `${where}: ${message}`;
}

/**
 * How often one message in one file is printed before the rest are counted: a list indented
 * wrong, or a column of a thousand rows of the wrong kind, makes the same problem at every item,
 * and a terminal full of them hides the first, which is the one to mend.
 */
const SAME_SHOWN = 3;

/**
 * The problems as printed, each `formatProblem`, in order; an error given more than
 * `SAME_SHOWN` times in one file is printed that often, and after its last printed one a line
 * counts the rest (`FILE:LINE:COL: 997 more like the one above, to line 1013`, at the first not
 * printed). Warnings are all printed: the build goes on, and each names a place of the PDF to
 * look at (a character dropped there).
 */
export function shownProblems(problems: readonly Problem[]): string[] {
  const keyOf = (p: Problem) => `${p.pos.file}\0${p.severity}\0${p.message}`;
  const all = new Map<string, Problem[]>();
  for (const p of problems) {
    const same = all.get(keyOf(p));
    if (same) same.push(p);
    else all.set(keyOf(p), [p]);
  }
  const lines: string[] = [];
  const printed = new Map<string, number>();
  for (const p of problems) {
    const key = keyOf(p);
    const count = (printed.get(key) ?? 0) + 1;
    printed.set(key, count);
    if (count > SAME_SHOWN && p.severity === 'error') continue;
    lines.push(formatProblem(p));
    const same = all.get(key)!;
    if (count === SAME_SHOWN && same.length > SAME_SHOWN && p.severity === 'error') {
      const [next, last] = [same[SAME_SHOWN], same[same.length - 1]];
      const more = same.length - SAME_SHOWN;
      lines.push(`${shownFile(next.pos.file)}:${next.pos.line}:${next.pos.col}: ${more} more like the one above, ${more === 1 ? 'here' : `to line ${last.pos.line}`}`);
    }
  }
  return lines;
}

/**
 * What a message shows by its code (`U+2028`), never raw: a control character (tab aside), a line
 * feed (of a value the message quotes: a U+2028 read as a line break) or a line or paragraph
 * separator would break its line, or act on the terminal.
 */
const UNSHOWN = /(?!\t)[\p{Cc}\u2028\u2029]/gu;

/**
 * A file as a message names it: relative to the working folder when it is inside it, as the
 * report's own file is usually typed (a theme or template of the project then reads
 * `templates/mine/theme.yaml`, not its whole path); else as it is; either as `shownName` shows it.
 */
export function shownFile(file: string, cwd = process.cwd()): string {
  if (!path.isAbsolute(file)) return shownName(file);
  const relative = path.relative(cwd, file);
  return shownName(relative && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative) ? relative : file);
}

/**
 * A name (a file's, as typed) as a message shows it: a control character (a line break, a tab,
 * an escape) or a line or paragraph separator by its code (`U+000A`), so that the message stays
 * one line and never acts on the terminal.
 */
export function shownName(name: string): string {
  return name.replace(CONTROLS, (c) => codePointName(c));
}

/**
 * An error whose message is one line for the user, whatever it names: every control character
 * in it (a line break or an escape in a file's name) shown by its code, as `shownName` shows it.
 */
export class OneLineError extends Error {
  constructor(message: string) {
    super(shownName(message));
  }
}

/** What `shownName` shows by its code. */
const CONTROLS = /[\p{Cc}\u2028\u2029]/gu;

/** Collects problems during a stage; `throwIfErrors` ends the stage when any is an error. */
export class ProblemList {
  readonly items: Problem[] = [];
  /** The warnings given, by place and message: a warning repeated (a text set again) says nothing new. */
  private readonly warned = new Set<string>();

  /** An error at `pos`; `about`: the file it is about, when another (see `Problem.about`). */
  error(pos: SourcePos, message: string, about?: string): void {
    this.items.push(about === undefined ? { pos, message, severity: 'error' } : { pos, message, severity: 'error', about });
  }

  /** A warning at `pos`; `missing`: the characters no font has it names, if it is about them (see `Problem.missing`). */
  warn(pos: SourcePos, message: string, missing?: MissingChar[]): void {
    const key = `${pos.file}:${pos.line}:${pos.col}:${message}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.items.push(missing === undefined ? { pos, message, severity: 'warning' } : { pos, message, severity: 'warning', missing });
  }

  get hasErrors(): boolean {
    return this.items.some((p) => p.severity === 'error');
  }

  /** Ends the stage when any problem is an error: all its problems thrown, the errors first, then the warnings. */
  throwIfErrors(): void {
    if (this.hasErrors) throw new InputError([...this.items.filter((p) => p.severity === 'error'), ...this.warnings()]);
  }

  warnings(): Problem[] {
    return this.items.filter((p) => p.severity === 'warning');
  }
}
