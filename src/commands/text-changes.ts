/**
 * What changed in the text of a run of changed pages: the old pages' text and the new pages'
 * text (each run together, so text that only flowed to another page is no change; its footnotes
 * after it, so a footnote that went to another page with its line is none either) compared
 * character by character (Chinese has no spaces to split words at); two neighbouring changes
 * joined where one change says it more simply (see joinedWhereSimpler); each change then
 * widened to whole words (Intl.Segmenter: a dictionary for Chinese, spaces for other scripts;
 * never across the edge of a table cell, a number held together by its spaces one word).
 */
import type { EditionPage, PageChar } from './pdf-edition.js';
import type { PageSpan } from './page-alignment.js';
import { diffSequences } from './sequence-diff.js';
import { numberSpaces } from '../text/spaces.js';
import { isCarriedSign, isScriptCharacter } from '../text/char-class.js';
import { wordStartsIn } from '../text/word-segments.js';

/** A character of a run of pages, with the index of its page in its edition. */
export interface RunChar extends PageChar {
  page: number;
}

/** Characters of a run, by index into its `RunChar`s. */
export interface CharSpan {
  first: number;
  count: number;
}

/** One change: characters of the old text replaced by characters of the new (either may be none). */
export interface TextChange {
  removed: CharSpan;
  added: CharSpan;
}

/** The changes of a run of pages. */
export interface RunChanges {
  old: RunChar[];
  new: RunChar[];
  /** In reading order, the footnotes' last; undefined when the texts differ too much to list (more than `MAX_CHAR_EDITS`). */
  changes: TextChange[] | undefined;
  /** For each page of the new run (by page index): the old page whose text it most carries on, if any. */
  partners: Map<number, number>;
  /** For each page of the old run (by page index): the new pages its unchanged characters stand on. */
  carriedTo: Map<number, Set<number>>;
}

/** Characters removed and added compared at most in one run (the cost grows with its square). */
const MAX_CHAR_EDITS = 3000;

/** The changes between the old pages `oldSpan` and the new pages `newSpan`. */
export function runChanges(oldPages: readonly EditionPage[], oldSpan: PageSpan, newPages: readonly EditionPage[], newSpan: PageSpan): RunChanges {
  const old = runChars(oldPages, oldSpan);
  const now = runChars(newPages, newSpan);
  const edits = diffSequences(
    old.map((c) => c.char),
    now.map((c) => c.char),
    MAX_CHAR_EDITS,
  );
  if (!edits) return { old, new: now, changes: undefined, partners: new Map(), carriedTo: new Map() };
  const shared = sharedCounts(edits.filter((e) => e.kind === 'equal'), old, now);
  const raw: TextChange[] = [];
  let open: TextChange | undefined;
  for (const e of edits) {
    if (e.kind === 'equal') {
      open = undefined;
      continue;
    }
    if (!open) raw.push((open = { removed: { first: e.old, count: 0 }, added: { first: e.new, count: 0 } }));
    if (e.kind === 'removed') open.removed.count += e.count;
    else open.added.count += e.count;
  }
  return { old, new: now, changes: toWholeWords(joinedWhereSimpler(raw, old, now), old, now), partners: partnersOf(shared), carriedTo: carriedToOf(shared) };
}

/**
 * The changes with two neighbours joined where one change says it more simply: the shortest
 * edit script may split an inserted paragraph `本学年…功能。` before `学校` into `本`, `学` kept,
 * and `年…功能。学`; joined, the two sides share `学` at their end, and left without it the
 * change is the paragraph alone, fewer characters than the two. Changes that would not shrink
 * so (`1` → `2` and a word added two characters on) stay apart.
 */
function joinedWhereSimpler(changes: TextChange[], old: RunChar[], now: RunChar[]): TextChange[] {
  const size = (c: TextChange) => c.removed.count + c.added.count;
  const joined: TextChange[] = [];
  for (const c of changes) {
    const previous = joined[joined.length - 1];
    const both = previous && withoutSharedEdges({ removed: span(previous.removed, c.removed), added: span(previous.added, c.added) }, old, now);
    if (both && size(both) <= size(previous) + size(c)) joined[joined.length - 1] = both;
    else joined.push(c);
  }
  return joined;
}

/** The characters from the start of `a` to the end of `b` (b after a). */
function span(a: CharSpan, b: CharSpan): CharSpan {
  return { first: a.first, count: b.first + b.count - a.first };
}

/** A change without the characters its removed and added text share at their start and at their end. */
function withoutSharedEdges({ removed, added }: TextChange, old: RunChar[], now: RunChar[]): TextChange {
  let head = 0;
  while (head < removed.count && head < added.count && old[removed.first + head].char === now[added.first + head].char) head++;
  let tail = 0;
  while (tail < removed.count - head && tail < added.count - head && old[removed.first + removed.count - 1 - tail].char === now[added.first + added.count - 1 - tail].char) tail++;
  return { removed: { first: removed.first + head, count: removed.count - head - tail }, added: { first: added.first + head, count: added.count - head - tail } };
}

/**
 * The text of the characters `span` as printed: with the space that stood between two of them,
 * a space for a line's end between words and between parts set apart (two table cells).
 */
export function printedText(chars: readonly RunChar[], span: CharSpan): string {
  return chars
    .slice(span.first, span.first + span.count)
    .map((c, i) => (i > 0 ? printedSpace(c) : '') + c.char)
    .join('');
}

/** The white space printed before a character: as the PDF gives it, a line's end or the edge of a part as a space. */
function printedSpace(c: PageChar): string {
  if (c.spaceBefore === '\n' || (c.apart && !c.spaceBefore)) return ' ';
  return c.spaceBefore;
}

/**
 * The characters of the pages `span`: their text, then their footnotes' (each in page order). A
 * footnote stands at the foot of its marker's page: among the text it would move when the
 * marker's line goes to another page; among the footnotes it keeps its place.
 */
function runChars(pages: readonly EditionPage[], span: PageSpan): RunChar[] {
  const chars = pages.slice(span.first, span.first + span.count).flatMap((p, i) => p.chars.map((c) => ({ ...c, page: span.first + i })));
  return [...chars.filter((c) => !c.note), ...chars.filter((c) => c.note)];
}

/** For each new page, for each old page: how many unchanged characters of the old page it holds. */
function sharedCounts(kept: { old: number; new: number; count: number }[], old: RunChar[], now: RunChar[]): Map<number, Map<number, number>> {
  const shared = new Map<number, Map<number, number>>();
  for (const e of kept) {
    for (let i = 0; i < e.count; i++) {
      const byOld = shared.get(now[e.new + i].page) ?? new Map<number, number>();
      shared.set(now[e.new + i].page, byOld);
      const page = old[e.old + i].page;
      byOld.set(page, (byOld.get(page) ?? 0) + 1);
    }
  }
  return shared;
}

/** For each new page, the old page that gives it the most unchanged characters. */
function partnersOf(shared: Map<number, Map<number, number>>): Map<number, number> {
  const partners = new Map<number, number>();
  for (const [page, byOld] of shared) partners.set(page, [...byOld].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0]);
  return partners;
}

/** For each old page, the new pages that hold some of its unchanged characters. */
function carriedToOf(shared: Map<number, Map<number, number>>): Map<number, Set<number>> {
  const carried = new Map<number, Set<number>>();
  for (const [page, byOld] of shared) for (const oldPage of byOld.keys()) carried.set(oldPage, (carried.get(oldPage) ?? new Set<number>()).add(page));
  return carried;
}

/**
 * Each change widened over the unchanged characters around it to the edges of the words it
 * touches, in the old text and in the new; changes that then meet become one.
 */
function toWholeWords(changes: TextChange[], old: RunChar[], now: RunChar[]): TextChange[] {
  const oldEdges = wordEdges(old);
  const newEdges = wordEdges(now);
  const widened: TextChange[] = [];
  for (const [i, c] of changes.entries()) {
    const previous = widened[widened.length - 1];
    const keptBefore = previous ? c.removed.first - (previous.removed.first + previous.removed.count) : c.removed.first;
    const keptAfter = i + 1 < changes.length ? changes[i + 1].removed.first - (c.removed.first + c.removed.count) : old.length - (c.removed.first + c.removed.count);
    const left = Math.min(keptBefore, Math.max(c.removed.first - edgeAtOrBefore(oldEdges, c.removed.first), c.added.first - edgeAtOrBefore(newEdges, c.added.first)));
    const oldEnd = c.removed.first + c.removed.count;
    const newEnd = c.added.first + c.added.count;
    const right = Math.min(keptAfter, Math.max(edgeAtOrAfter(oldEdges, oldEnd) - oldEnd, edgeAtOrAfter(newEdges, newEnd) - newEnd));
    const wide = { removed: { first: c.removed.first - left, count: c.removed.count + left + right }, added: { first: c.added.first - left, count: c.added.count + left + right } };
    if (previous && previous.removed.first + previous.removed.count >= wide.removed.first) {
      // they meet: one change from the start of the first to the end of this one
      previous.removed.count = wide.removed.first + wide.removed.count - previous.removed.first;
      previous.added.count = wide.added.first + wide.added.count - previous.added.first;
    } else widened.push(wide);
  }
  return widened;
}

/**
 * The character indexes where words start and end (0 and the length included), ascending. Each
 * part set apart (a table cell, a footnote: see `PageChar.apart`) is cut into words on its own,
 * so no word runs across its edges; within it, words are Intl.Segmenter's, but for a number whose
 * spaces hold it together as the engine sets it (`numberSpaces`: `9 327`, `20 Gbps`), one word.
 */
function wordEdges(chars: RunChar[]): number[] {
  const edges = [0];
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  let start = 0;
  while (start < chars.length) {
    let end = start + 1;
    while (end < chars.length && !chars[end].apart) end++;
    if (start > 0) edges.push(start);
    // the part's text as printed, with its spaces, so other scripts' words are split where they are
    let text = '';
    const indexAt: number[] = [];
    for (let i = start; i < end; i++) {
      if (i > start) text += chars[i].spaceBefore;
      indexAt[text.length] = i;
      text += chars[i].char;
    }
    const holding = numberSpaces(text);
    for (const index of wordStartsIn(segmenter, text)) if (index > 0 && indexAt[index] !== undefined && !holding.has(index - 1) && !carried(text, index)) edges.push(indexAt[index]);
    start = end;
  }
  edges.push(chars.length);
  return edges;
}

/**
 * Whether the characters before and at `at` are one word that Intl.Segmenter cuts: a word or
 * number and the sign it carries (`m|²`, `25|℃`, `5.3|%`), or a subscript and the letter after
 * it (`H₂|O`).
 */
function carried(text: string, at: number): boolean {
  const before = text[at - 1];
  const ch = text[at];
  const wordy = (c: string) => /[\p{L}\p{N}]/u.test(c) || isCarriedSign(c);
  return (isCarriedSign(ch) && wordy(before)) || (isScriptCharacter(before) && wordy(ch));
}

function edgeAtOrBefore(edges: number[], at: number): number {
  const i = firstEdgeAbove(edges, at);
  return i > 0 ? edges[i - 1] : 0;
}

function edgeAtOrAfter(edges: number[], at: number): number {
  const i = firstEdgeAbove(edges, at - 1);
  return i < edges.length ? edges[i] : at;
}

/** The index of the first edge greater than `at` (binary search). */
function firstEdgeAbove(edges: number[], at: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] > at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
