/**
 * Pages of two editions matched by their text (commands/page-alignment.ts): a run of pages
 * never holds two matters, so the contents (i, ii …), whose page numbers change with the body,
 * is not one run with the body pages (1, 2 …) after it; without labels nothing is cut.
 */
import { describe, expect, it } from 'vitest';
import { alignPages } from '../../src/commands/page-alignment.js';
import type { EditionPage } from '../../src/commands/pdf-edition.js';

/** Pages of the given labels and texts. */
function pages(...labelledTexts: [string, string][]): EditionPage[] {
  return labelledTexts.map(([label, text], i) => ({
    physical: i + 1,
    label,
    width: 595,
    height: 842,
    chars: [...text].map((char) => ({ char, spaceBefore: '', apart: false, note: false, box: { x: 0, y: 0, w: 1, h: 1 } })),
    folio: label,
    folioBoxes: [],
  }));
}

/** A run of pages: `count` pages from index `first` of each side. */
const run = (kind: 'matched' | 'unmatched', oldFirst: number, oldCount: number, newFirst: number, newCount: number) => ({ kind, old: { first: oldFirst, count: oldCount }, new: { first: newFirst, count: newCount } });

describe('alignPages', () => {
  it('cuts a changed run where the front matter ends and the body begins', () => {
    const old = pages(['', '封面'], ['i', '目录 前言 1 一 2'], ['1', '前言'], ['2', '一']);
    const now = pages(['', '封面'], ['i', '目录 前言 1 一 3'], ['1', '前言 新的段落'], ['2', '新的段落'], ['3', '一']);
    expect(alignPages(old, now)).toEqual([
      run('matched', 0, 1, 0, 1),
      run('unmatched', 1, 1, 1, 1),
      run('unmatched', 2, 1, 2, 2),
      run('matched', 3, 1, 4, 1),
    ]);
  });

  it('makes a matter on one side only pages added or removed, and cuts matched runs too', () => {
    const old = pages(['i', '甲'], ['1', '乙'], ['2', '丙']);
    const now = pages(['i', '甲'], ['ii', '新'], ['1', '乙改'], ['2', '丙']);
    expect(alignPages(old, now)).toEqual([
      run('matched', 0, 1, 0, 1),
      run('unmatched', 1, 0, 1, 1),
      run('unmatched', 1, 1, 2, 1),
      run('matched', 2, 1, 3, 1),
    ]);
    const same = pages(['i', '甲'], ['1', '乙']);
    expect(alignPages(same, same)).toEqual([
      run('matched', 0, 1, 0, 1),
      run('matched', 1, 1, 1, 1),
    ]);
  });

  it('keeps a changed run whole in a PDF without labels', () => {
    const old = pages(['', '目录 2'], ['', '前言'], ['', '一']);
    const now = pages(['', '目录 3'], ['', '前言 新'], ['', '新'], ['', '一']);
    expect(alignPages(old, now)).toEqual([
      run('unmatched', 0, 2, 0, 3),
      run('matched', 2, 1, 3, 1),
    ]);
  });
});
