/**
 * A table's or figure's note written over several lines (`note: |`, 注：1. … 2. … each on a line
 * of its own, as a 决算 report's notes are) keeps its line breaks: each line of it starts a line
 * in print (helper-99's 决算 report: the three notes were folded into one run of text). The
 * lines after one that starts with a label (`注：`) stand under the text after it.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');

/** The printed lines of the notes of a report with `block` (YAML lines under `body:`), in `template`: each line's text (spaces left out), left edge and baseline, pt, and where each of its characters stands. */
function noteLines(block: string[], template = 'official'): { text: string; x: number; y: number; at: (ch: string) => number }[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'imprint-note-lines-'));
  copyFileSync(path.join(root, 'tests/fixtures/bar-chart.svg'), path.join(dir, 'chart.svg'));
  const file = path.join(dir, 'r.yaml');
  writeFileSync(file, ['report:', '  title: 表注', `  template: ${template}`, 'chapters:', '  - title: 一', '    body:', ...block.map((l) => `      ${l}`), ''].join('\n'));
  const pages = layoutReport({ input: file, projectDir: root, packageDir: root, version: 'test' }).pages;
  // a note is tagged Caption as its caption is (its footnote markers inside it), in the smaller note size
  const runs = pages.flatMap((p) => p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs' && (o.tag?.role === 'Caption' || o.tag?.parent?.role === 'Caption') && o.size < 10.5));
  const ys = [...new Set(runs.map((o) => Math.round(o.y * 100) / 100))].sort((a, b) => a - b);
  return ys.map((y) => {
    const line = runs.filter((o) => Math.round(o.y * 100) / 100 === y).sort((a, b) => a.x - b.x);
    const xs = new Map<string, number>();
    for (const o of line) o.glyphs.codePoints.forEach((cps, k) => cps.forEach((cp) => xs.has(String.fromCodePoint(cp)) || xs.set(String.fromCodePoint(cp), o.x + o.glyphs.xs[k])));
    return { text: line.map((o) => String.fromCodePoint(...o.glyphs.codePoints.flat())).join('').replace(/\s/g, ''), x: line[0].x + line[0].glyphs.xs[0], y, at: (ch: string) => xs.get(ch)! };
  });
}

const NOTE = ['note: |', '  注：1. 本表金额单位为万元。', '  2. 空白单元格表示该项无数据。', '  3. 本表数据来源于2025年度部门决算报表。'];
const TABLE = ['- table:', '    title: 收入决算表', '    columns: [项目, 金额]', '    rows:', '      - [财政拨款收入, "156,119.96"]', ...NOTE.map((l) => `    ${l}`)];

describe('a note of several lines', () => {
  it('under a table, sets each line of it on a line of its own, the numbers after 注： one under another', () => {
    const lines = noteLines(TABLE);
    expect(lines.map((l) => l.text)).toEqual(['注：1.本表金额单位为万元。', '2.空白单元格表示该项无数据。', '3.本表数据来源于2025年度部门决算报表。']);
    expect(lines[1].x).toBeGreaterThan(lines[0].x + 10);
    expect(lines[2].x).toBeCloseTo(lines[1].x, 2);
  });
  it('hangs a numbered line’s wrapped lines under its text after the number, as a typesetter does (2. and （3）), the numbers under the one after 注：', () => {
    const long = '空白单元格表示该项无数据，本表数据来源于2025年度部门决算报表，各项数字因四舍五入，合计数与分项之和可能略有出入。';
    const lines = noteLines(['- table:', '    title: 收入决算表', '    columns: [项目, 金额]', '    rows:', '      - [财政拨款收入, "156,119.96"]', '    note: |', '      注：1. 本表金额单位为万元。', `      2. ${long}`, `      （3）${long.replace('空白', '填列')}`]);
    expect(lines.map((l) => l.text.slice(0, 3))).toEqual(['注：1', '2.空', lines[2].text.slice(0, 3), '（3）', lines[4].text.slice(0, 3)]);
    // the numbers one under another: 2. and （3） under the 1. after 注：
    expect(lines[1].x).toBeCloseTo(lines[0].at('1'), 1);
    // a wrapped line under the text after its number, not under the number
    expect(lines[2].x).toBeCloseTo(lines[1].at('空'), 1);
    expect(lines[4].x).toBeCloseTo(lines[3].at('填'), 1);
  });
  it('with its label on a line of its own, sets the lines under it as before (注： alone crashed the hanging numbers)', () => {
    const lines = noteLines(['- table:', '    title: 收入决算表', '    columns: [项目, 金额]', '    rows:', '      - [财政拨款收入, "156,119.96"]', '    note: |', '      注：', '      1. 本表金额单位为万元。', '      2. 空白单元格表示该项无数据。']);
    expect(lines.map((l) => l.text)).toEqual(['注：', '1.本表金额单位为万元。', '2.空白单元格表示该项无数据。']);
    expect(lines[2].x).toBeCloseTo(lines[1].x, 2);
  });
  it('keeps a footnote a line of it holds', () => {
    const lines = noteLines(['- table:', '    title: 收入决算表', '    columns: [项目, 金额]', '    rows:', '      - [财政拨款收入, "156,119.96"]', '    note: |', '      注：1. 本表金额单位为万元。', '      2. 空白单元格表示该项无数据^[指决算报表中未填列的项目。]。']);
    // (the marker raised above its line; its note at the foot of the page)
    expect(lines.map((l) => l.text)).toEqual(['注：1.本表金额单位为万元。', '①', '2.空白单元格表示该项无数据。', '指决算报表中未填列的项目。']);
  });
  it('under a figure, likewise', () => {
    const lines = noteLines(['- figure:', '    title: 各年级学生人数', '    image: chart.svg', ...NOTE.map((l) => `    ${l}`)]);
    expect(lines.map((l) => l.text)).toEqual(['注：1.本表金额单位为万元。', '2.空白单元格表示该项无数据。', '3.本表数据来源于2025年度部门决算报表。']);
  });
  it('under a figure on the GB/T 9704 grid, at its own leading as under a table (9 pt type 13.5 pt apart: it was a 29 pt grid row a line)', () => {
    const lines = noteLines(['- figure:', '    title: 各年级学生人数', '    image: chart.svg', ...NOTE.map((l) => `    ${l}`)], 'gbt9704');
    expect(lines.length).toBe(3);
    expect(lines[1].y - lines[0].y).toBeCloseTo(13.5, 1);
    expect(lines[2].y - lines[1].y).toBeCloseTo(13.5, 1);
  });
  it('of one line, or written as one paragraph (YAML folds a plain text\'s lines), is one text as before', () => {
    const lines = noteLines(['- table:', '    title: 收入决算表', '    columns: [项目, 金额]', '    rows:', '      - [财政拨款收入, "156,119.96"]', '    note: 注：本表金额单位为万元。', '      空白单元格表示该项无数据。']);
    expect(lines.map((l) => l.text)).toEqual(['注：本表金额单位为万元。空白单元格表示该项无数据。']);
  });
});
