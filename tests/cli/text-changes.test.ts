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
  const chars = (text: string, note: boolean) => [...text].map((char) => ({ char, spaceBefore: '', apart: false, note, box: { x: 0, y: 0, w: 1, h: 1 } }));
  return texts.map(([text, notes], i) => ({ physical: i + 1, label: String(i + 1), width: 595, height: 842, chars: [...chars(text, false), ...chars(notes, true)], folio: String(i + 1), folioBoxes: [] }));
}

/**
 * A page of one text, read as pdf.js's text is: a space (or a thin space) before the character
 * after it, a line feed a line's end between words, `|` the edge of a table cell (a part of its own).
 */
function page(text: string): EditionPage {
  const chars: EditionPage['chars'] = [];
  let spaceBefore = '';
  let apart = false;
  for (const char of text) {
    if (char === '|') apart = true;
    else if (/\s/u.test(char)) spaceBefore += char;
    else {
      chars.push({ char, spaceBefore, apart, note: false, box: { x: 0, y: 0, w: 1, h: 1 } });
      spaceBefore = '';
      apart = false;
    }
  }
  return { physical: 1, label: '1', width: 595, height: 842, chars, folio: '1', folioBoxes: [] };
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

  it('quotes a number held together by its spaces whole, as printed: typed, thin or no-break', () => {
    expect(changesOf([page('共查阅资料 2 360 余份，有效率 97.0%。')], [page('共查阅资料 2 630 余份，有效率 97.0%。')])).toEqual([['2 360', '2 630']]);
    expect(changesOf([page('合计 1\u2009234\u2009567 元')], [page('合计 1\u2009234\u2009576 元')])).toEqual([['1\u2009234\u2009567', '1\u2009234\u2009576']]);
    expect(changesOf([page('带宽 3\u00a0860.5 Mbps')], [page('带宽 3\u00a0680.5 Mbps')])).toEqual([['3\u00a0860.5 Mbps', '3\u00a0680.5 Mbps']]);
  });

  it('keeps a table cell its own: a number changed in one is that cell, not the cells beside it run together', () => {
    const row = (n: string) => page(`|浦东第二中学|${n}|3.69|7|浦东实验学校|4 428|3.94|7`);
    expect(changesOf([row('9 327')], [row('9 372')])).toEqual([['9 327', '9 372']]);
    // cells that touch, with no space between them
    expect(changesOf([page('|327|3.69|7')], [page('|372|3.69|7')])).toEqual([['327', '372']]);
    // quoted with a space between the cells where a change spans two
    expect(changesOf([page('|甲|1|乙|2')], [page('|甲|3|丙|2')])).toEqual([['1 乙', '3 丙']]);
  });

  it('does not hold a Latin word, another number or the next line to a number by a space', () => {
    expect(changesOf([page('型号 A 327 共 2 台')], [page('型号 A 372 共 2 台')])).toEqual([['327', '372']]);
    expect(changesOf([page('分别为 2024 2025 年')], [page('分别为 2024 2026 年')])).toEqual([['2025', '2026']]);
    expect(changesOf([page('共 7\n327 人')], [page('共 7\n372 人')])).toEqual([['327', '372']]);
  });

  it('quotes a number or word with the unit sign, superscript or subscript it carries (m², 25℃, 5.3%, H₂O)', () => {
    expect(changesOf([page('生均面积 6.4 m²。')], [page('生均面积 6.4 km²。')])).toEqual([['6.4 m²', '6.4 km²']]);
    expect(changesOf([page('气温 25℃，')], [page('气温 27℃，')])).toEqual([['25℃', '27℃']]);
    expect(changesOf([page('增长 5.3%，比重 3‰')], [page('增长 5.8%，比重 3‰')])).toEqual([['5.3%', '5.8%']]);
    expect(changesOf([page('生成 H₂O 与 CO₂')], [page('生成 H₂O₂ 与 CO₂')])).toEqual([['H₂O', 'H₂O₂']]);
    expect(changesOf([page('角度 30° 以内')], [page('角度 45° 以内')])).toEqual([['30°', '45°']]);
  });
});
