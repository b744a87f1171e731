/**
 * A table cell's footnote marker takes room on its line, so the column widths count it: a short
 * header or cell with a note (`国家标准①`, `达标项数①`) stays on one line where the same text without
 * one does (column widths measured the text without its marker, and the marker broke the line:
 * `国家|标准①`).
 */
import { describe, expect, it } from 'vitest';
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
});
