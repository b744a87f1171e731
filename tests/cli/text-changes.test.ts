/**
 * The text changes of a run of pages (commands/text-changes.ts): a run's footnotes are compared
 * after its text, so a footnote that went to the next page with its marker's line is no change,
 * and a footnote edited is its words.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EditionPage } from '../../src/commands/pdf-edition.js';
import { printedText, runChanges } from '../../src/commands/text-changes.js';

/** Pages of the given texts and footnotes, drawn in that order (the text, then the footnotes at its foot). */
function pages(...texts: [string, string][]): EditionPage[] {
  const chars = (text: string, note: boolean) => [...text].map((char) => ({ char, spaceBefore: false, note, box: { x: 0, y: 0, w: 1, h: 1 } }));
  return texts.map(([text, notes], i) => ({ physical: i + 1, label: String(i + 1), width: 595, height: 842, chars: [...chars(text, false), ...chars(notes, true)], folio: String(i + 1), folioBoxes: [] }));
}

/** The changes of the run of all pages of `old` and `now`, as removed and added text. */
function changesOf(old: EditionPage[], now: EditionPage[]): [string, string][] {
  const r = runChanges(old, { first: 0, count: old.length }, now, { first: 0, count: now.length });
  return r.changes!.map((c) => [printedText(r.old, c.removed), printedText(r.new, c.added)]);
}

describe('runChanges', () => {
  it('finds a footnote that went to the next page with its line no change', () => {
    const old = pages(['第一段文字。第二段文字①。', '①这是一条注释的文字。'], ['第三段文字。', '']);
    const now = pages(['新写的一段。第一段文字。', ''], ['第二段文字①。第三段文字。', '①这是一条注释的文字。']);
    expect(changesOf(old, now)).toEqual([['', '新写的一段。']]);
  });

  it('lists the words of a footnote edited, after those of the text', () => {
    const old = pages(['第一段文字①。', '①这是一条注释的文字。']);
    const now = pages(['第一段新的文字①。', '①这是一条注解的文字。']);
    expect(changesOf(old, now)).toEqual([
      ['', '新的'],
      ['注释', '注解'],
    ]);
  });

  it('reports a paragraph inserted as added, not the word after it as removed and added again', () => {
    // the shortest edit script kept the 学 of 本学年 and put the rest before 校: “removed 学校, added 本学年…学校”
    const { old, new: now } = JSON.parse(readFileSync(path.join(import.meta.dirname, '../fixtures/edition-insert.json'), 'utf8')) as { old: string; new: string };
    const added = '本学年新增一段说明文字，用于测试版本比较功能在插入段落后能否正确报告页面的移动与变化情况。本学年新增一段说明文字，用于测试版本比较功能。';
    expect(changesOf(pages([old, '']), pages([now, '']))).toEqual([
      ['', added],
      ['186', '188'],
    ]);
  });
});
