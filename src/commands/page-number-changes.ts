/**
 * Which text changes of an edition are only page numbers following the pages they name: the
 * page numbers of the contents and of the list of tables, of a cross-reference ("见第 12 页"),
 * of a "共 29 页", which change because the pages moved, not because anyone edited them. A
 * change is one when its old and its new text differ only in numbers (digits or roman numerals,
 * every other character the same), and each number that changed names a page of the old
 * edition (its label, or its printed page number) whose text now stands on the page the new
 * number names. A number edited in the body is listed as words, unless it happens to be a page
 * number followed by its page.
 */
import type { Edition } from './pdf-edition.js';
import type { EditionDiff } from './edition-diff.js';
import { printedText, type TextChange } from './text-changes.js';

/** A number as a page is numbered: digits, or roman numerals not within a word of Latin letters. */
const PAGE_NUMBER = /([0-9]+|(?<![A-Za-z])(?:[ivxlcdm]+|[IVXLCDM]+)(?![A-Za-z]))/;

/** The changes of `d` that are only page numbers following their pages. */
export function pageNumberChanges(old: Edition, now: Edition, d: EditionDiff): Set<TextChange> {
  const oldPagesNamed = pagesByName(old);
  const newPagesNamed = pagesByName(now);
  const whereNow = pagesNowOf(d);
  /** Whether the old page named `before` now stands on the new page named `after`. */
  const follows = (before: string, after: string) =>
    (oldPagesNamed.get(before) ?? []).some((o) => (newPagesNamed.get(after) ?? []).some((n) => whereNow.get(o)?.has(n)));
  const found = new Set<TextChange>();
  for (const r of d.changes.values()) {
    for (const c of r.changes ?? []) {
      const before = printedText(r.old, c.removed).split(PAGE_NUMBER);
      const after = printedText(r.new, c.added).split(PAGE_NUMBER);
      // split by a capturing pattern: the text between numbers at even indexes, the numbers at odd ones
      if (before.length !== after.length || before.length < 2) continue;
      const numbersOnly = before.every((part, i) => (i % 2 === 0 ? part === after[i] : part === after[i] || follows(part, after[i])));
      if (numbersOnly) found.add(c);
    }
  }
  return found;
}

/** The pages of an edition by the names a page number may give them: its label, and the number of its folio. */
function pagesByName(e: Edition): Map<string, number[]> {
  const named = new Map<string, number[]>();
  const add = (name: string, index: number) => named.set(name, [...(named.get(name) ?? []), index]);
  for (const [index, page] of e.pages.entries()) {
    if (page.label) add(page.label, index);
    const folio = page.folio.match(PAGE_NUMBER)?.[0];
    if (folio && folio !== page.label) add(folio, index);
  }
  return named;
}

/** For each old page (by index), the new pages its text stands on: moved whole, or reflowed within a changed run. */
function pagesNowOf(d: EditionDiff): Map<number, Set<number>> {
  const whereNow = new Map<number, Set<number>>();
  for (const run of d.runs) {
    if (run.kind === 'matched') for (let i = 0; i < run.old.count; i++) whereNow.set(run.old.first + i, new Set([run.new.first + i]));
    else for (const [page, pages] of d.changes.get(run)?.carriedTo ?? []) whereNow.set(page, pages);
  }
  return whereNow;
}
