/**
 * A table cell's footnote marker takes room on its line, so the column widths count it: a short
 * header or cell with a note (`国家标准①`, `达标项数①`) stays on one line where the same text without
 * one does (column widths measured the text without its marker, and the marker broke the line:
 * `国家|标准①`). In a column set right, a marked number ends where the others do, its marker
 * past it (the marker set it a marker's width left of them).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlyphRunOp, LineOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';
import { cellLinesOf } from '../helpers/table-cells.js';

const oneTable = (table: string[]) => ['report:', '  title: 表', 'chapters:', '  - title: 一', '    body:', '      - table:', ...table.map((l) => `          ${l}`), ''].join('\n');

/** The lines of the cells whose text (lines joined) is `t`. */
const cellsOf = (cells: string[][], t: string) => cells.filter((lines) => lines.join('') === t);

/** A self-evaluation's table of standards: numbers under years, the national standard with its source as a note. */
const STANDARDS = (standard: string, below: string) => [
  'title: 学校基本办学条件主要指标',
  'head:',
  `  - [{text: 指标, rowspan: 2}, {text: 单位, rowspan: 2}, {text: 年度数值, colspan: 3}, {text: "${standard}", rowspan: 2}, {text: 达标情况, rowspan: 2}]`,
  '  - [2023 年, 2024 年, 2025 年]',
  'rows:',
  '  - [占地面积, ㎡, 86 420, 86 420, 86 420, "≥40 000", 达标]',
  `  - [生均校舍建筑面积, ㎡/人, 19.12, 18.09, 18.67, "≥20", "${below}"]`,
  '  - [生均教学仪器设备值, 万元/人, 2.41, 2.65, 2.87, "≥0.3", 达标]',
  '  - [{text: 图书, rowspan: 2}, 纸质（万册）, 12.6, 13.1, 13.5, "≥6", 达标]',
  '  - [电子（万种）, 4.2, 5.8, 7.3, —, —]',
  '  - [校园网出口带宽, Gbps, 2, 5, 10, "≥1", 达标]',
  'align: [left, center, decimal, decimal, decimal, center, center]',
  'size: small',
];

describe('a table cell with a footnote', () => {
  it('keeps its line where the same text without the note has one: its marker counted in the column widths (国家标准①, not 国家|标准①)', () => {
    const plain = cellLinesOf(oneTable(STANDARDS('国家标准', '未达标')));
    expect(cellsOf(plain, '国家标准')).toEqual([['国家标准']]);
    const noted = cellLinesOf(oneTable(STANDARDS('国家标准^[《中等职业学校设置标准》（教职成〔2010〕12 号）。]', '未达标^[新建实训楼预计 2026 年 9 月投入使用。]')));
    // (the markers are drawn as references of their own: the cells' text is without them)
    expect(cellsOf(noted, '国家标准')).toEqual([['国家标准']]);
    expect(cellsOf(noted, '未达标')).toEqual([['未达标']]);
  });
  it('after a number in a column set right, stands past it: the numbers end in one line (8.6%① over 7.3%, not 8.6% a marker left of it)', () => {
    const yaml = oneTable(['title: 政府保障程度主要指标', 'columns: [指标, 标准, 2025 年实际, 结论]', 'rows:', '  - [教师交流轮岗比例, 不低于 10%, "8.6%^[其中骨干教师占 17.4%。]", 未达标]', '  - [教师培训经费占公用经费比例, ≥5%, 7.3%, 达标]', '  - [随迁子女在公办学校就读比例, ≥85%, 91.6%, 达标]', '  - [音乐、美术专用教室（间/校）, 每 12 个班级 1 间, "2.4^[按班级数折算。]", 达标]', '  - [学校规模（所均学生数）, "不超过 2,000 人", "1,374", 达标]', 'align: [left, left, right, center]']);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'imprint-cell-notes-')), 'r.yaml');
    writeFileSync(file, yaml);
    const root = path.resolve(import.meta.dirname, '../..');
    const ops = layoutReport({ input: file, projectDir: root, packageDir: root, version: 'test' }).pages.flatMap((p) => p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs' && (o.tag?.role === 'TD' || o.tag?.parent?.role === 'TD')));
    const text = (o: GlyphRunOp) => String.fromCodePoint(...o.glyphs.codePoints.flat());
    // where each number's last glyph starts (all a digit or %, of one width in the font)
    const end = (t: string) => {
      const op = ops.find((o) => text(o) === t)!;
      return op.x + op.glyphs.xs[op.glyphs.xs.length - 1];
    };
    const percents = ['8.6%', '7.3%', '91.6%'].map(end);
    for (const x of percents) expect(x).toBeCloseTo(percents[0], 2);
    const digits = ['2.4', '1,374'].map(end);
    expect(digits[0]).toBeCloseTo(digits[1], 2);
    // the markers past their numbers
    const markers = ops.filter((o) => /^[①②]$/.test(text(o)));
    expect(markers.length).toBe(2);
    for (const m of markers) expect(Math.min(...[...percents, ...digits].map((x) => Math.abs(m.x - x)))).toBeGreaterThan(3);
  });

  it('leaves parallel columns alike: the marker of one (5.86①) neither widens it alone nor breaks its twin\'s header (小学 全区均值 and 初中 全区|均值)', () => {
    const yaml = oneTable([
      'title: 资源配置七项指标达标情况',
      'head:',
      '  - [{text: 指标, rowspan: 2}, {text: 国家标准, rowspan: 2}, {text: 小学, colspan: 3}, {text: 初中, colspan: 3}]',
      '  - [全区均值, 差异系数, 达标校数, 全区均值, 差异系数, 达标校数]',
      'rows:',
      '  - [每百名学生拥有高于规定学历教师数（人）, "≥4.2 / ≥5.3", 6.84, 0.312, 27/27, 7.92, 0.287, 17/17]',
      '  - [每百名学生拥有县级以上骨干教师数（人）, "≥1.0", 1.63, 0.418, 27/27, 1.87, 0.365, 17/17]',
      '  - [生均教学及辅助用房面积（m^2^）, "≥4.5 / ≥5.8", 6.12, 0.394, 26/27, 7.35, 0.341, 17/17]',
      '  - [生均体育运动场馆面积（m^2^）, "≥7.5 / ≥10.2", "5.86^[已按 1∶1.2 折算。]", 0.487, 24/27, 6.93, 0.442, 15/17]',
      '  - [生均教学仪器设备值（元）, "≥2,000 / ≥2,500", "5,612", 0.356, 27/27, "7,028", 0.318, 17/17]',
      'align: [left, center, decimal, decimal, center, decimal, decimal, center]',
    ]);
    expect(cellsOf(cellLinesOf(yaml), '全区均值')).toEqual([['全区均值'], ['全区均值']]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'imprint-cell-notes-')), 'r.yaml');
    writeFileSync(file, yaml);
    const root = path.resolve(import.meta.dirname, '../..');
    const ops = layoutReport({ input: file, projectDir: root, packageDir: root, version: 'test' }).pages.flatMap((p) => p.ops);
    // the columns' edges: the table's vertical rules, left to right (to 0.0001 pt: edges rounded to 0.01 pt made equal widths differ by 0.01)
    const edges = [...new Set(ops.filter((o): o is LineOp => o.kind === 'line' && o.x1 === o.x2).map((o) => Math.round(o.x1 * 1e4) / 1e4))].sort((a, b) => a - b);
    expect(edges.length).toBe(9);
    expect(edges[3] - edges[2]).toBeCloseTo(edges[6] - edges[5], 2);
    // the marker, hanging into its cell's padding, clear of the rule
    const marker = ops.find((o): o is GlyphRunOp => o.kind === 'glyphs' && String.fromCodePoint(...o.glyphs.codePoints.flat()) === '①' && o.x > edges[2] && o.x < edges[3])!;
    expect(marker.x + marker.glyphs.xs[0] + marker.size).toBeLessThan(edges[3] - 2);
  });

  it('leaves columns of one header text under groups of other columns as their cells ask (2024 年 of the amounts and of the rates)', () => {
    const yaml = oneTable([
      'title: 2023—2025 年义务教育经费投入（万元）',
      'head:',
      '  - [{text: 项目, rowspan: 2}, {text: 金额（万元）, colspan: 3}, {text: 增长率（%）, colspan: 2}]',
      '  - [2023 年, 2024 年, 2025 年, 2024 年, 2025 年]',
      'rows:',
      '  - [人员经费, "168,432.56", "176,218.40", "183,905.11", 4.62, 4.36]',
      '  - [校舍维修, "24,870.00", "12,306.47", "13,892.60", -50.52, 12.89]',
      'align: [left, decimal, decimal, decimal, decimal, decimal]',
    ]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'imprint-cell-notes-')), 'r.yaml');
    writeFileSync(file, yaml);
    const root = path.resolve(import.meta.dirname, '../..');
    const ops = layoutReport({ input: file, projectDir: root, packageDir: root, version: 'test' }).pages.flatMap((p) => p.ops);
    const edges = [...new Set(ops.filter((o): o is LineOp => o.kind === 'line' && o.x1 === o.x2).map((o) => Math.round(o.x1 * 100) / 100))].sort((a, b) => a - b);
    expect(edges.length).toBe(7);
    // a rate's column narrower than an amount's of the same year
    expect(edges[5] - edges[4]).toBeLessThan(edges[3] - edges[2] - 5);
  });
});
