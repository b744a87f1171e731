/**
 * A column of identifiers beside a column of Chinese notes (an API's fields: 字段 | 类型 | 说明):
 * an identifier is one word that breaks only at its marks, and a break there
 * (`data.|records[].tenantId`) reads as two names; the notes wrap anyway. The identifiers'
 * column gets its widest identifier where the other columns can wrap.
 */
import { describe, expect, it } from 'vitest';
import { cellLinesOf, oneTable } from '../helpers/table-cells.js';

/** An API's response fields: dotted identifiers, their types, notes of 20–60 characters. */
const FIELDS = [
  'title: 接口返回字段说明',
  'columns: [字段, 类型, 说明]',
  'rows:',
  '  - ["`data.records[].tenantId`", string, 租户唯一标识，由统一身份认证平台在学校开户时分配，全局唯一且不可修改]',
  '  - ["`data.records[].schoolName`", string, 学校全称，与教育事业统计年报中登记的名称保持一致]',
  '  - ["`data.records[].enrollment.total`", integer, 在校生总数，按当年九月开学初的学籍系统数据统计，含贯通培养专业学生，不含短期培训学员]',
  '  - ["`data.pagination.pageSize`", integer, 每页返回的记录条数，默认二十条，最大不超过二百条]',
  '  - ["`data.records[].updatedAt`", string, 最近一次更新时间，采用北京时间的日期时间格式]',
];
const IDS = ['data.records[].tenantId', 'data.records[].schoolName', 'data.records[].enrollment.total', 'data.pagination.pageSize', 'data.records[].updatedAt'];

describe('a column of identifiers beside notes that wrap', () => {
  it('sets each identifier on one line where the notes keep a readable width (official: data.|records[].enrollment.total was broken, its row three lines anyway)', () => {
    const cells = cellLinesOf(oneTable('official', FIELDS));
    const ids = cells.filter((lines) => lines.join('').startsWith('data.'));
    expect(ids.map((lines) => lines.join(''))).toEqual(IDS);
    expect(ids.filter((lines) => lines.length > 1).map((lines) => lines.join('|'))).toEqual([]);
  });

  it('breaks them at their marks where the notes would go below a readable width (GB/T: 四号 on 156 mm), each in two lines at the mark that keeps its longest part whole', () => {
    const cells = cellLinesOf(oneTable('gbt9704', FIELDS));
    const ids = cells.filter((lines) => lines.join('').startsWith('data.'));
    // (data.|records[].enrollment.total was the only break of the widest: its column kept as wide as records[].enrollment.total)
    expect(ids.map((lines) => lines.join('|'))).toEqual(['data.records[].|tenantId', 'data.records[].|schoolName', 'data.records[].|enrollment.total', 'data.pagination.|pageSize', 'data.records[].|updatedAt']);
    // the notes at ten characters a line or so, not five
    const notes = cells.filter((lines) => lines.join('').length > 20);
    expect(Math.max(...notes.flatMap((lines) => lines.map((l) => [...l].length)))).toBeGreaterThanOrEqual(10);
  });
});
