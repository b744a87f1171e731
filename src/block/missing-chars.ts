/**
 * Characters no font has (spec §5: never silently; named with their code points and places).
 * A phrase in a script no font covers (Korean, Arabic) is one warning, not one per letter:
 * a run is the stretch from a character no font has to the last one after it with nothing
 * between that a font has but spaces, marks and symbols (a letter or digit a font has ends it).
 * Every character stays reported: each run at its first character (and each of its characters
 * at its own place, for `imprint fonts`), and the build's total.
 */
import { codePointName } from '../code-point-name.js';
import type { WrittenText } from '../content/markup-check.js';
import type { MissingChar, Problem, SourcePos } from '../problems.js';
import type { LayoutContext } from './context.js';

/** A run of characters no font has in a text. */
export interface MissingRun {
  /** UTF-16 index of its first character in the text. */
  at: number;
  /** The text from its first character no font has to its last, as written. */
  text: string;
  /** The characters no font has in it, in order, each as often as it stands there. */
  chars: string;
  /** The UTF-16 index of each of `chars` in the text. */
  charsAt: number[];
}

/** What a font has that may stand inside a run: not a letter or a digit. */
const JOINS = /[^\p{L}\p{N}]/u;

/** The runs of characters of `missing` in `text`, in order. */
export function missingRuns(text: string, missing: ReadonlySet<string>): MissingRun[] {
  const runs: MissingRun[] = [];
  let run: MissingRun | undefined;
  let i = 0;
  for (const ch of text) {
    if (missing.has(ch)) {
      if (run) {
        run.text = text.slice(run.at, i + ch.length);
        run.chars += ch;
        run.charsAt.push(i);
      } else runs.push((run = { at: i, text: ch, chars: ch, charsAt: [i] }));
    } else if (run && !JOINS.test(ch)) run = undefined;
    i += ch.length;
  }
  return runs;
}

/** A quoted run longer than this many characters shows its first and last QUOTED_END ones. */
const QUOTED_MOST = 40;
const QUOTED_END = 18;

/** The warning of a run: its text (`text`), its characters no font has (`chars`) and each distinct code point. */
export function missingMessage(text: string, chars: string): string {
  const all = [...chars];
  if (all.length === 1) return `no font has the character "${chars}" (${codePointName(chars)}); it is drawn as an empty box`;
  const written = [...text];
  const quoted = written.length > QUOTED_MOST ? `${written.slice(0, QUOTED_END).join('')} … ${written.slice(-QUOTED_END).join('')}` : text;
  const points = [...new Set(all)].map((c) => codePointName(c)).join(' ');
  return `no font has the ${all.length} characters of "${quoted}" (${points}); they are drawn as empty boxes`;
}

/**
 * Warns of the characters of `missing` in a text set at `at` (none: a template's own words):
 * each run where it stands in the content as written; what the written text does not hold (the
 * words of a cross-reference, of a template) in `printed`, the text as set, at `at`.
 */
export function warnMissing(ctx: LayoutContext, missing: ReadonlySet<string>, at: SourcePos | undefined, printed: string): void {
  if (!missing.size) return;
  const written: WrittenText | undefined = at && ctx.writtenText?.(at);
  const found = written ? missingRuns(written.value, missing) : [];
  for (const run of found) ctx.problems.warn(written!.charPos(run.at), missingMessage(run.text, run.chars), placed(run, (i) => written!.charPos(i)));
  const where = at ?? ctx.templatePos;
  const left = notIn(found, missing);
  const rest = missingRuns(printed, left);
  for (const run of rest) ctx.problems.warn(where, missingMessage(run.text, run.chars), placed(run, () => where));
  // (a character the text as set does not hold as such either: named alone)
  for (const ch of notIn(rest, left)) ctx.problems.warn(where, missingMessage(ch, ch), [{ char: ch, pos: where }]);
}

/** The characters of `run`, each at its place (`placeOf`: where the character at a UTF-16 index of the text stands). */
function placed(run: MissingRun, placeOf: (index: number) => SourcePos): MissingChar[] {
  return [...run.chars].map((char, k) => ({ char, pos: placeOf(run.charsAt[k]) }));
}

/** The characters of `chars` that none of `runs` holds. */
function notIn(runs: readonly MissingRun[], chars: ReadonlySet<string>): Set<string> {
  const left = new Set(chars);
  for (const run of runs) for (const ch of run.chars) left.delete(ch);
  return left;
}

/**
 * One warning more when characters no font has stand in several places: how many in all, how
 * many distinct, in how many places; at the first place. None for one place or none.
 */
export function missingTotal(warnings: readonly Problem[]): Problem | undefined {
  const runs = warnings.filter((w) => w.missing !== undefined);
  if (runs.length < 2) return undefined;
  const chars = runs.flatMap((w) => w.missing!.map((m) => m.char));
  return { pos: runs[0].pos, message: `in all, no font has ${chars.length} characters of the report (${new Set(chars).size} distinct), in ${runs.length} places`, severity: 'warning' };
}
