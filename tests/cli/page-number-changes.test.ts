/**
 * Text changes that are only page numbers following the pages they name
 * (commands/page-number-changes.ts): the contents' numbers after a page was inserted are; a
 * number edited in the body, whose page did not move there, is not, nor is a word changed.
 */
import { describe, expect, it } from 'vitest';
import { alignPages, type PageRun } from '../../src/commands/page-alignment.js';
import type { Edition, EditionPage } from '../../src/commands/pdf-edition.js';
import { runChanges, printedText, type RunChanges } from '../../src/commands/text-changes.js';
import type { EditionDiff } from '../../src/commands/edition-diff.js';
import { pageNumberChanges } from '../../src/commands/page-number-changes.js';

/** An edition of pages of the given labels and texts (a space: a space before the next character). */
function edition(...labelledTexts: [string, string][]): Edition {
  const pages: EditionPage[] = labelledTexts.map(([label, text], i) => ({
    physical: i + 1,
    label,
    width: 595,
    height: 842,
    chars: text.split(/(?= )/).flatMap((word) => [...word.trim()].map((char, j) => ({ char, spaceBefore: j === 0 && word.startsWith(' ') ? ' ' : '', apart: false, note: false, box: { x: 0, y: 0, w: 1, h: 1 } }))),
    folio: label,
    folioBoxes: [],
  }));
  return { file: 'x.pdf', digest: '', pages, labelled: true, draw: () => Promise.reject(new Error('not drawn')), close: async () => {} };
}

function diffOf(old: Edition, now: Edition): EditionDiff {
  const runs = alignPages(old.pages, now.pages);
  const changes = new Map<PageRun, RunChanges>();
  for (const run of runs) if (run.kind === 'unmatched' && run.old.count && run.new.count) changes.set(run, runChanges(old.pages, run.old, now.pages, run.new));
  return { runs, changes, renumbered: [], redrawn: [] };
}

/** The changes found, as "removed -> added", and whether each is only page numbers. */
function classified(old: Edition, now: Edition): [string, boolean][] {
  const d = diffOf(old, now);
  const numbers = pageNumberChanges(old, now, d);
  return [...d.changes.values()].flatMap((r) => (r.changes ?? []).map((c): [string, boolean] => [`${printedText(r.old, c.removed)} -> ${printedText(r.new, c.added)}`, numbers.has(c)]));
}

describe('pageNumberChanges', () => {
  it('finds the contents’ page numbers that followed their pages, and not a number or a word edited in the body', () => {
    // a page inserted after page 1; on page 1 a number edited, 1 -> 2 (a page label, but page 1 did not move to 2); on page 2 a word
    const old = edition(['i', '目录 前言 1 第一章 2 第二章 3'], ['1', '前言 共 1 人'], ['2', '第一章 甲乙丙'], ['3', '第二章 丁戊己']);
    const now = edition(['i', '目录 前言 1 第一章 3 第二章 4'], ['1', '前言 共 2 人'], ['2', '新的一页'], ['3', '第一章 甲乙丁'], ['4', '第二章 丁戊己']);
    expect(classified(old, now)).toEqual([
      ['2 -> 3', true],
      ['3 -> 4', true],
      ['1 -> 2', false],
      [' -> 新的一页', false],
      ['丙 -> 丁', false],
    ]);
  });
});
