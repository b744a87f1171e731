/**
 * The summary of `imprint diff`, one line per run of pages changed, moved, added or removed
 * (pages named by their printed labels when the PDF has them), each changed run followed by
 * its text changes, shortened: "p. 5: removed “提升”, added “提高”"; then, a line per page,
 * the page numbers that only followed the pages they name (the contents'), so that they never
 * crowd out the words.
 */
import { shownName } from '../problems.js';
import type { Edition } from './pdf-edition.js';
import type { PageSpan } from './page-alignment.js';
import { printsTheSame, type EditionDiff } from './edition-diff.js';
import { printedText, type CharSpan, type RunChanges, type RunChar, type TextChange } from './text-changes.js';
import { pageNumberChanges } from './page-number-changes.js';

/** Text changes listed at most per run of pages. */
const CHANGES_LISTED = 12;
/** Characters of a change's text shown whole; a longer one is shown by its start and end. */
const SHOWN_WHOLE = 30;

/** The lines of the summary. */
export function summaryLines(old: Edition, now: Edition, d: EditionDiff): string[] {
  if (printsTheSame(d)) return [`no change: ${shownName(now.file)} prints the same as ${shownName(old.file)} (${pagesInDigits(now.pages.length)})`];
  const lines = [`${shownName(old.file)} (${pagesInDigits(old.pages.length)}) -> ${shownName(now.file)} (${pagesInDigits(now.pages.length)})`];
  const was = (oldSpan: PageSpan, newSpan: PageSpan) => {
    const before = spanName(old, oldSpan);
    const after = spanName(now, newSpan);
    return before === after ? `p. ${before}` : `p. ${before} (now ${after})`;
  };
  const pageNumbers = pageNumberChanges(old, now, d);
  /** New page index -> how many of its page numbers only followed their pages. */
  const pageNumbersOnPage = new Map<number, number>();
  for (const run of d.runs) {
    if (run.kind === 'matched') {
      const offset = run.new.first - run.old.first;
      if (offset) lines.push(`p. ${spanName(old, run.old)} moved ${offset > 0 ? '' : 'back '}by ${Math.abs(offset) === 1 ? 'one page' : pagesInDigits(Math.abs(offset))} (now ${spanName(now, run.new)})`);
      for (const p of d.renumbered.filter((p) => inSpan(p.new, run.new)))
        lines.push(`p. ${spanName(old, single(p.old))}: its printed page number changed, “${old.pages[p.old].folio}” -> “${now.pages[p.new].folio}”`);
      for (const p of d.redrawn.filter((p) => inSpan(p.new, run.new))) lines.push(`${was(single(p.old), single(p.new))}: the same text, drawn differently`);
    } else if (!run.old.count) lines.push(`p. ${spanName(now, run.new)} added (new pages)`);
    else if (!run.new.count) lines.push(`p. ${spanName(old, run.old)} removed`);
    else {
      const r = d.changes.get(run)!;
      const followed = (r.changes ?? []).filter((c) => pageNumbers.has(c));
      for (const c of followed) {
        const page = newPagesOf(r, c.added)[0];
        pageNumbersOnPage.set(page, (pageNumbersOnPage.get(page) ?? 0) + 1);
      }
      const details = changeLines(now, r, run.new, followed);
      // a run whose only change is page numbers is said by those, at the end; unless it moved
      if (details.length || spanName(old, run.old) !== spanName(now, run.new)) lines.push(`${was(run.old, run.new)} changed`, ...details);
    }
  }
  for (const [page, count] of [...pageNumbersOnPage].sort((a, b) => a[0] - b[0]))
    lines.push(`p. ${pageName(now, page)}: ${count === 1 ? '1 page number changed (the page it refers to moved)' : `${count} page numbers changed (the pages they refer to moved)`}`);
  return lines;
}

/**
 * The text changes of a run but the page numbers that only followed their pages (`followed`),
 * a line each, then its pages whose words did not change.
 */
function changeLines(now: Edition, r: RunChanges, newSpan: PageSpan, followed: TextChange[]): string[] {
  if (!r.changes) return ['  the text differs too much to list word by word'];
  const lines: string[] = [];
  const pagesWithChanges = new Set<number>(followed.flatMap((c) => newPagesOf(r, c.added)));
  const words = r.changes.filter((c) => !followed.includes(c));
  for (const c of words) {
    const pages = newPagesOf(r, c.added);
    pages.forEach((p) => pagesWithChanges.add(p));
    if (lines.length === CHANGES_LISTED) continue;
    const what = [c.removed.count ? `removed ${quoted(r.old, c.removed)}` : '', c.added.count ? `added ${quoted(r.new, c.added)}` : ''].filter(Boolean).join(', ');
    lines.push(`  p. ${spanName(now, { first: Math.min(...pages), count: Math.max(...pages) - Math.min(...pages) + 1 })}: ${what}`);
  }
  if (words.length > CHANGES_LISTED) lines.push(`  … and ${words.length - CHANGES_LISTED} more changes`);
  const unchanged = [...Array(newSpan.count).keys()].map((i) => newSpan.first + i).filter((p) => !pagesWithChanges.has(p));
  for (const span of spansOf(unchanged)) lines.push(`  p. ${spanName(now, span)}: the same words, broken into pages differently`);
  return lines;
}

/** The new pages a change stands on: those of its added characters, or the page where removed ones were. */
export function newPagesOf(r: RunChanges, added: CharSpan): number[] {
  if (added.count) return [...new Set(r.new.slice(added.first, added.first + added.count).map((c) => c.page))];
  const at = r.new[Math.min(added.first, r.new.length - 1)];
  return at ? [at.page] : [];
}

/** Consecutive page indexes as spans. */
function spansOf(pages: number[]): PageSpan[] {
  const spans: PageSpan[] = [];
  for (const p of pages) {
    const last = spans[spans.length - 1];
    if (last && last.first + last.count === p) last.count++;
    else spans.push({ first: p, count: 1 });
  }
  return spans;
}

/** The text of characters as printed (with its spaces), quoted; a long one shortened, with its length. */
function quoted(chars: RunChar[], span: CharSpan): string {
  const text = [...printedText(chars, span)];
  if (text.length <= SHOWN_WHOLE) return `“${text.join('')}”`;
  return `“${text.slice(0, 20).join('')}…${text.slice(-8).join('')}” (${span.count} characters)`;
}

/** A page's name: its printed label; without one, its physical number (after "#" when other pages have labels). */
function pageName(e: Edition, index: number): string {
  const page = e.pages[index];
  return page.label || (e.labelled ? `#${page.physical}` : String(page.physical));
}

function spanName(e: Edition, span: PageSpan): string {
  const first = pageName(e, span.first);
  return span.count <= 1 ? first : `${first}–${pageName(e, span.first + span.count - 1)}`;
}

function single(index: number): PageSpan {
  return { first: index, count: 1 };
}

function inSpan(index: number, span: PageSpan): boolean {
  return index >= span.first && index < span.first + span.count;
}

/** "1 page", "3 pages" …, as build counts them. */
function pagesInDigits(n: number): string {
  return `${n} page${n === 1 ? '' : 's'}`;
}
