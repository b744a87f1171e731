/**
 * The differences between two editions: the runs of pages (matched by text, moved or in
 * place; changed, added or removed), the text changes of each changed run, and, among the
 * pages of the same text, those whose page number or drawing changed.
 */
import type { Box, Edition } from './pdf-edition.js';
import { alignPages, type PageRun } from './page-alignment.js';
import { runChanges, type RunChanges } from './text-changes.js';
import { COMPARE_DPI, differingRegions } from './page-pixels.js';

/** A page of the same text in both editions, by its index (0-based) in each. */
export interface PagePair {
  old: number;
  new: number;
}

/** The differences found. */
export interface EditionDiff {
  runs: PageRun[];
  /** The text changes of each unmatched run that has pages on both sides. */
  changes: Map<PageRun, RunChanges>;
  /** Pages of the same text in the same place whose printed page number changed. */
  renumbered: PagePair[];
  /** Pages of the same text drawn differently, with where (pt, on the new page). */
  redrawn: (PagePair & { regions: Box[] })[];
}

/** Whether the two editions print the same. */
export function printsTheSame(d: EditionDiff): boolean {
  return d.runs.every((r) => r.kind === 'matched' && r.old.first === r.new.first) && !d.renumbered.length && !d.redrawn.length;
}

/** Compares `old` with `now`; files of the same bytes are the same without drawing a page. */
export async function diffEditions(old: Edition, now: Edition): Promise<EditionDiff> {
  const runs = alignPages(old.pages, now.pages);
  const changes = new Map<PageRun, RunChanges>();
  for (const run of runs) if (run.kind === 'unmatched' && run.old.count && run.new.count) changes.set(run, runChanges(old.pages, run.old, now.pages, run.new));
  const renumbered: PagePair[] = [];
  const redrawn: EditionDiff['redrawn'] = [];
  if (old.digest !== now.digest) {
    for (const run of runs.filter((r) => r.kind === 'matched')) {
      for (let i = 0; i < run.old.count; i++) {
        const pair = { old: run.old.first + i, new: run.new.first + i };
        if (pair.old === pair.new && old.pages[pair.old].folio !== now.pages[pair.new].folio) renumbered.push(pair);
        const masks = [...old.pages[pair.old].folioBoxes, ...now.pages[pair.new].folioBoxes];
        const regions = differingRegions(await old.draw(pair.old, COMPARE_DPI), await now.draw(pair.new, COMPARE_DPI), masks);
        if (regions.length) redrawn.push({ ...pair, regions });
      }
    }
  }
  return { runs, changes, renumbered, redrawn };
}
