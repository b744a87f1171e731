/**
 * Which page of the new edition is which of the old: pages matched by their text (so that an
 * inserted paragraph, shifting every page after it, shows as a few changed pages and the rest
 * moved), by the shortest edit over the two sequences of page texts. A run never holds pages of
 * two matters (the front matter numbered i, ii …, the body 1, 2 …): the contents, whose page
 * numbers change with the body, is not one run with the body pages after it.
 */
import type { EditionPage } from './pdf-edition.js';
import { diffSequences } from './sequence-diff.js';

/** Consecutive pages, by index (0-based) into an edition's pages. */
export interface PageSpan {
  first: number;
  count: number;
}

/**
 * A run of pages of one matter: `matched`, the same text in both editions page for page (at
 * the same place or moved); `unmatched`, pages whose text changed, the old ones in `old` and
 * what stands in their place in `new` (one of them may be empty: pages added or removed).
 */
export interface PageRun {
  kind: 'matched' | 'unmatched';
  old: PageSpan;
  new: PageSpan;
}

/** Page texts compared at most (an edition of more differing pages is one unmatched run). */
const MAX_PAGE_EDITS = 4000;

/** The runs of pages of both editions, in order. */
export function alignPages(old: readonly EditionPage[], now: readonly EditionPage[]): PageRun[] {
  const ids = new Map<string, number>();
  const idOf = (p: EditionPage) => {
    const text = p.chars.map((c) => c.char).join('');
    let id = ids.get(text);
    if (id === undefined) ids.set(text, (id = ids.size));
    return id;
  };
  const edits = diffSequences(old.map(idOf), now.map(idOf), MAX_PAGE_EDITS) ?? [
    { kind: 'removed' as const, old: 0, new: 0, count: old.length },
    { kind: 'added' as const, old: old.length, new: 0, count: now.length },
  ];
  const runs: PageRun[] = [];
  for (const e of edits) {
    if (e.count === 0) continue;
    if (e.kind === 'equal') {
      runs.push({ kind: 'matched', old: { first: e.old, count: e.count }, new: { first: e.new, count: e.count } });
      continue;
    }
    let last = runs[runs.length - 1];
    if (last?.kind !== 'unmatched') runs.push((last = { kind: 'unmatched', old: { first: e.old, count: 0 }, new: { first: e.new, count: 0 } }));
    if (e.kind === 'removed') last.old.count += e.count;
    else last.new.count += e.count;
  }
  return runs.flatMap((run) => (run.kind === 'matched' ? matchedByMatter(run, old, now) : unmatchedByMatter(run, old, now)));
}

/**
 * The matter a page belongs to, by how its label is numbered: its prefix and the style of its
 * number ("ii" and "iv" are "i", "3" and "12" are "1", "A-2" is "A-1"); "" for a page without a
 * label (every page of a PDF without labels, a cover before the numbered pages).
 */
function matterOf(page: EditionPage): string {
  return page.label.replace(/(?:[0-9]+|[ivxlcdm]+|[IVXLCDM]+)$/, (n) => (/[0-9]/.test(n) ? '1' : n === n.toLowerCase() ? 'i' : 'I'));
}

/** A matched run cut where the matter of its old or its new pages changes. */
function matchedByMatter(run: PageRun, old: readonly EditionPage[], now: readonly EditionPage[]): PageRun[] {
  const runs: PageRun[] = [];
  for (let i = 0; i < run.old.count; i++) {
    const o = run.old.first + i;
    const n = run.new.first + i;
    const last = runs[runs.length - 1];
    if (last && matterOf(old[o - 1]) === matterOf(old[o]) && matterOf(now[n - 1]) === matterOf(now[n])) {
      last.old.count++;
      last.new.count++;
    } else runs.push({ kind: 'matched', old: { first: o, count: 1 }, new: { first: n, count: 1 } });
  }
  return runs;
}

/**
 * An unmatched run cut into its matters: the old and the new pages of each matter (in order)
 * stand against each other; a matter on one side only is pages removed or added.
 */
function unmatchedByMatter(run: PageRun, old: readonly EditionPage[], now: readonly EditionPage[]): PageRun[] {
  const oldParts = byMatter(old, run.old);
  const newParts = byMatter(now, run.new);
  const edits = diffSequences(
    oldParts.map((p) => p.matter),
    newParts.map((p) => p.matter),
    oldParts.length + newParts.length,
  )!;
  // where the pages of a matter on one side only would stand on the other: before its next part, or at the run's end
  const at = (parts: { span: PageSpan }[], index: number, whole: PageSpan): PageSpan => ({ first: parts[index]?.span.first ?? whole.first + whole.count, count: 0 });
  const runs: PageRun[] = [];
  for (const e of edits) {
    for (let i = 0; i < e.count; i++) {
      const oldSpan = e.kind === 'added' ? at(oldParts, e.old, run.old) : oldParts[e.old + i].span;
      const newSpan = e.kind === 'removed' ? at(newParts, e.new, run.new) : newParts[e.new + i].span;
      runs.push({ kind: 'unmatched', old: oldSpan, new: newSpan });
    }
  }
  return runs;
}

/** The pages of `span` cut where their matter changes. */
function byMatter(pages: readonly EditionPage[], span: PageSpan): { matter: string; span: PageSpan }[] {
  const parts: { matter: string; span: PageSpan }[] = [];
  for (let i = span.first; i < span.first + span.count; i++) {
    const matter = matterOf(pages[i]);
    const last = parts[parts.length - 1];
    if (last?.matter === matter) last.span.count++;
    else parts.push({ matter, span: { first: i, count: 1 } });
  }
  return parts;
}
