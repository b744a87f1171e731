/**
 * Which page of the new edition is which of the old: pages matched by their text (so that an
 * inserted paragraph, shifting every page after it, shows as a few changed pages and the rest
 * moved), by the shortest edit over the two sequences of page texts.
 */
import type { EditionPage } from './pdf-edition.js';
import { diffSequences } from './sequence-diff.js';

/** Consecutive pages, by index (0-based) into an edition's pages. */
export interface PageSpan {
  first: number;
  count: number;
}

/**
 * A run of pages: `matched`, the same text in both editions page for page (at the same place
 * or moved); `unmatched`, pages whose text changed, the old ones in `old` and what stands in
 * their place in `new` (one of them may be empty: pages added or removed).
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
  return runs;
}
