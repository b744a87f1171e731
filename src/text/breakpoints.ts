/**
 * Where a line may break: UAX #14 opportunities (the `linebreak` package) tailored for Chinese,
 * then the clreq line-start and line-end prohibitions.
 */
import LineBreaker from 'linebreak';
import { CONNECTING_MARKS, endsAsWord, isAlnum, NO_LINE_END, NO_LINE_START, startsAsWord } from './char-class.js';
import { countBefore, type Atom } from './atoms.js';
import { isUnitSymbol } from './spaces.js';

/**
 * The package's Unicode 13 data treats “ ” ‘ ’ as ambiguous quotes (QU) and never breaks
 * before “ or after ”. In Chinese they are opening and closing punctuation: stand in
 * （ and ） (same length in UTF-16) before asking it, as ICU and Typst do for zh.
 */
const ZH_TAILORING: Record<string, string> = { '“': '（', '‘': '（', '”': '）', '’': '）' };

/**
 * `allowed[p]` is true when a line may end before atom `p` (1 ≤ p < atoms.length).
 * Breaks never leave a prohibited mark at a line start or end, nor part a connecting mark from
 * either side (80～|89), nor a run of blanks to fill in (＿＿). Inside a long word (see
 * `continuesWord`) a break is allowed too; the breaker charges `wordBreakPenalty` for it.
 */
export function breakOpportunities(text: string, atoms: Atom[]): boolean[] {
  const tailored = text.replace(/[“‘”’]/g, (c) => ZH_TAILORING[c]);
  const uax = new Uint8Array(text.length + 1); // 1 where UAX #14 allows a break before that offset
  const lb = new LineBreaker(tailored);
  for (let bk = lb.nextBreak(); bk; bk = lb.nextBreak()) uax[bk.position] = 1;
  const allowed = new Array<boolean>(atoms.length).fill(false);
  for (let p = 1; p < atoms.length; p++) {
    const before = lastNonSpace(atoms, p - 1);
    const after = atoms[p];
    if (!before || after.kind === 'space' || after.marks.footnote) continue; // a footnote marker stays with its text
    const first = after.text[0];
    const last = before.text[before.text.length - 1];
    const atCodeSpace = codeSpaceBefore(atoms, p);
    const next = atoms[p + 1];
    const opportunity = after.continuesWord || atCodeSpace || ((uax[after.start] === 1 || signedAfterHan(before, after, next) || openingAfterLatin(before, after)) && !bindsToHan(before, after, next));
    const startsOk = !NO_LINE_START.has(first) || (atCodeSpace && PATH_STARTS.has(first));
    allowed[p] = opportunity && startsOk && !NO_LINE_END.has(last) && !CONNECTING_MARKS.has(first) && !CONNECTING_MARKS.has(last) && !(first === FILL_IN && last === FILL_IN);
  }
  return allowed;
}

/**
 * Whether atom p is a word of inline code after one of the code's own spaces (`GET /api/…`): a
 * line may end at any space of inline code, also before a path's `/` or `.`, which UAX #14 keeps
 * off a line start after a space of running text (`km /h`).
 */
function codeSpaceBefore(atoms: Atom[], p: number): boolean {
  const space = atoms[p - 1];
  return space.kind === 'space' && !!space.marks.code && !!atoms[p].marks.code && p >= 2 && !!atoms[p - 2].marks.code;
}

/** The marks a path starts with (`/opt`, `./deploy.sh`, `../conf`): a line of code may start with them after a space. */
const PATH_STARTS = new Set(['/', '.']);

/** The full-width low line: a run of it is a blank to fill in by hand (姓名：＿＿＿＿), never parted. */
const FILL_IN = '＿';

/**
 * A Latin symbol written between Chinese characters without spaces (思政+实践, 1+X证书) binds
 * to them: UAX #14 would break before `+` (a prefix), which strands it at a line start.
 */
function bindsToHan(before: Atom, after: Atom, next: Atom | undefined): boolean {
  return (before.kind === 'han' && startsSymbolic(after, next) && before.end === after.start) || (endsSymbolic(before) && after.kind === 'han' && before.end === after.start);
}

/**
 * A number with its sign after a Han character (和|-0.18, 增加|+420个; `next`: the atom after it): UAX #14 never breaks before a
 * hyphen-minus, which here is the number's sign, not a hyphen.
 */
function signedAfterHan(before: Atom, after: Atom, next: Atom | undefined): boolean {
  return before.kind === 'han' && after.kind === 'latin' && !isAlnum(after.text[0]) && startsAsWord(after.text, countBefore(after, next));
}

/**
 * A Chinese opening mark after a Latin word or number (STEM|（Science, 2025|《…》): it goes with
 * what follows it, and a line may end before it. The package keeps UAX #14's rule of Unicode 7
 * (no break between a letter and an opening bracket); since Unicode 8 the rule leaves out the
 * full-width brackets, as the Chinese ones are.
 */
function openingAfterLatin(before: Atom, after: Atom): boolean {
  return before.kind === 'latin' && after.kind === 'punct' && NO_LINE_END.has(after.text) && before.end === after.start;
}

/** A Latin piece that starts with a symbol, not as a word or number (a minus sign before digits does). */
function startsSymbolic(a: Atom, next: Atom | undefined): boolean {
  return a.kind === 'latin' && !startsAsWord(a.text, countBefore(a, next));
}

/** A Latin piece that ends with a symbol, not as a word or number (a unit sign after digits does). */
function endsSymbolic(a: Atom): boolean {
  return a.kind === 'latin' && !endsAsWord(a.text);
}

/**
 * Demerits of breaking inside a word after a mark that separates its parts (`/` `\\` in a path,
 * `?` `&` `;` in a query): only when nothing better fits.
 */
const WORD_BREAK_PENALTY = 100;
/**
 * Demerits of breaking after a mark that joins a part to the next (`.` `-` `_` `=`: a domain, a
 * file's extension, a key and its value): more than after a separator, so `…/quality-report.pdf`
 * breaks after `/`, not before `pdf`.
 */
const JOINER_BREAK_PENALTY = 120;
/**
 * Demerits of breaking inside a run of letters and digits (at a camelCase hump, before digits,
 * see atoms.ts): more than after a mark, so a word breaks at its marks where it has them.
 */
const INNER_WORD_BREAK_PENALTY = 150;
/** Demerits of breaking a URL printed whole (`<https://…>`) after one of its marks: where it is meant to break. */
const URL_BREAK_PENALTY = 10;
/**
 * Demerits of breaking a URL inside its host name (`https://jyj.|pujiang.gov.cn/`, see
 * host-names.ts): as much as the loosest line the breaker takes in its first pass (badness 1000,
 * its TOLERANCE; the demerits of a break are its penalty squared, of a line its badness plus 10
 * squared), so the URL breaks after a `/` of its path, or goes whole to the next line, the line
 * before it standing short (up to about a sixth of the measure, see optimal-breaks.ts), before
 * its host name is parted: only when nothing else fits.
 */
const HOST_BREAK_PENALTY = 1000;

/**
 * Demerits of a break between a number and the Chinese character after it, its unit or measure
 * word (`3860.5万|元`, `18|所`, `2025|年`): allowed, as clreq allows it, but taken only when the
 * lines around would otherwise be loose (about r 0.7 on one line); the grid's first fit ends
 * its line before the number instead where the line is then spread little (see grid-breaks.ts).
 */
const NUMBER_UNIT_BREAK_PENALTY = 50;

/**
 * Demerits of a break inside a value, which GB/T 15835-2011 keeps on one line (see `partsValue`):
 * as a URL's host name (HOST_BREAK_PENALTY). The optimal breaker takes one only where no lines
 * within its tolerance keep every value whole (see optimal-breaks.ts); the grid's first fit
 * only where keeping it would spread its line wide (see grid-breaks.ts).
 */
const VALUE_BREAK_PENALTY = 1000;

/**
 * Numerals that scale the number before them (9.86万, 12.87亿, 3万亿): a part of its value, as
 * its digits are.
 */
const MAGNITUDES = new Set(['万', '亿']);

/** Dashes between two numbers that make them a range (2024—2025, 2024–2025). */
const RANGE_DASH = /\d[—–]$/;

/**
 * The penalty of a line break before atom p: inside a value (VALUE_BREAK_PENALTY: see
 * `partsValue`); between a number, or a value scaled by 万 or 亿 (9.86万|人), and the Han
 * character after it, or between an ordinal's 第 and its number (`第|2 页`, `第|12 章`: 第, the
 * number and its unit are read as one word: NUMBER_UNIT_BREAK_PENALTY); 0 for any other break.
 */
export function unitBreakPenalty(atoms: readonly Atom[], p: number): number {
  const b = lastNonSpaceIndex(atoms, p - 1);
  const [before, after] = [atoms[b], atoms[p]];
  if (!before || !after) return 0;
  if (valueParted(atoms, b, after)) return VALUE_BREAK_PENALTY;
  const unitAfter = after.kind === 'han' && b === p - 1 && endsValue(atoms, b);
  const ordinal = before.kind === 'han' && b === p - 1 && before.text.endsWith(ORDINAL) && after.kind === 'latin' && isDigit(after.text[0]);
  return unitAfter || ordinal ? NUMBER_UNIT_BREAK_PENALTY : 0;
}

/** Whether a line break before atom p parts a value (see `valueParted`). */
export function partsValue(atoms: readonly Atom[], p: number): boolean {
  const b = lastNonSpaceIndex(atoms, p - 1);
  return b >= 0 && p < atoms.length && valueParted(atoms, b, atoms[p]);
}

/**
 * Whether a line break before `after` (the atom before it not a space: atoms[b]) parts a value,
 * which GB/T 15835-2011 keeps on one line: a number from the 万 or 亿 that scales it
 * (9.86|万人), that numeral from a unit symbol after it (312.46万|m², as `3 200 m²` is held
 * together: see spaces.ts), or a range of numbers at its dash (2024—|2025; a range of dates
 * written with Chinese, 4月1日—|4月23日, breaks after its dash as before).
 */
function valueParted(atoms: readonly Atom[], b: number, after: Atom): boolean {
  const before = atoms[b];
  if (after.kind === 'han' && MAGNITUDES.has(after.text)) return endsValue(atoms, b);
  if (after.kind === 'latin' && MAGNITUDES.has(before.text)) return endsValue(atoms, b) && isUnitSymbol(after.text);
  return before.kind === 'latin' && RANGE_DASH.test(before.text) && isDigit(after.text[0]);
}

/** Whether atom i ends a number or a value (a digit, or a 万 or 亿 scaling one: see MAGNITUDES). */
function endsValue(atoms: readonly Atom[], i: number): boolean {
  const a = atoms[i];
  if (!a) return false;
  if (a.kind === 'latin') return isDigit(a.text[a.text.length - 1]);
  return a.kind === 'han' && MAGNITUDES.has(a.text) && endsValue(atoms, lastNonSpaceIndex(atoms, i - 1));
}

/** The prefix of an ordinal number (第 2 页, 第12章). */
const ORDINAL = '第';

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/**
 * Demerits of a break inside a book title (`《义务教育|课程方案》`): allowed, as clreq allows it,
 * but taken in justified text only where the lines around would otherwise be loose, as a break
 * between a number and its unit (NUMBER_UNIT_BREAK_PENALTY). Ragged text (a table cell) keeps a
 * title whole where that takes no more lines (see paragraph.ts).
 */
const TITLE_BREAK_PENALTY = 50;

/** The penalty of a line break before atom p, `inside` a book title or not (see `insideTitles`). */
export function titleBreakPenalty(inside: boolean): number {
  return inside ? TITLE_BREAK_PENALTY : 0;
}

/**
 * `inside[p]`: a break before atom p falls inside a book title, between a `《` and the `》` that
 * closes it (nested ones inside the outer; a mark left open closes nothing).
 */
export function insideTitles(atoms: readonly Atom[]): boolean[] {
  const inside = new Array<boolean>(atoms.length + 1).fill(false);
  const open: number[] = [];
  atoms.forEach((a, p) => {
    for (const ch of a.text) {
      if (ch === '《') open.push(p);
      else if (ch === '》' && open.length) {
        const from = open.pop()!;
        // (the outermost title marks its inside; a break right after its 《 or before its 》 is not one the rules allow anyway)
        if (!open.length) for (let q = from + 1; q <= p; q++) inside[q] = true;
      }
    }
  });
  return inside;
}

/** Marks after which a word breaks (see atoms.ts) that join its parts rather than separate them. */
const JOINING_MARKS = new Set(['.', '-', '_', '=', ':']);

/**
 * Demerits of a break between two letters or digits of a URL (inside a hash that names its file:
 * see host-names.ts), where the breakers allow one: as for a host name, so its marks go first.
 */
const RUN_BREAK_PENALTY = HOST_BREAK_PENALTY;

/** The penalty of a line break before `after`, an atom that continues the word of `before`; `inHost`: the break parts a URL's host name, `inRun` two of its letters or digits (see host-names.ts). */
export function wordBreakPenalty(before: Atom, after: Atom, inHost: boolean, inRun: boolean): number {
  if (inHost) return HOST_BREAK_PENALTY;
  if (inRun) return RUN_BREAK_PENALTY;
  if (after.marks.url) return URL_BREAK_PENALTY;
  if (betweenLetters(before, after)) return INNER_WORD_BREAK_PENALTY;
  return JOINING_MARKS.has(before.text[before.text.length - 1]) ? JOINER_BREAK_PENALTY : WORD_BREAK_PENALTY;
}

/**
 * Whether a line break before atom p parts a word between two of its letters or digits (a
 * camelCase hump `getUserInfoBy|IdAsync`, `release|2026`, a hash cut anywhere), rather than
 * falling after a mark of the word: it reads as two words, and the breakers take it only as a
 * last resort (see optimal-breaks.ts, grid-breaks.ts).
 */
export function partsRun(atoms: readonly Atom[], p: number): boolean {
  return p > 0 && p < atoms.length && atoms[p].continuesWord && betweenLetters(atoms[p - 1], atoms[p]);
}

const betweenLetters = (before: Atom, after: Atom) => isAlnum(before.text[before.text.length - 1]) && isAlnum(after.text[0]);

function lastNonSpace(atoms: Atom[], i: number): Atom | undefined {
  return atoms[lastNonSpaceIndex(atoms, i)];
}

/** The index of the last atom at or before i that is not a space (-1 when none is). */
function lastNonSpaceIndex(atoms: readonly Atom[], i: number): number {
  while (i >= 0 && atoms[i].kind === 'space') i--;
  return i;
}
