/** Heading numbering styles (template/numbering.ts), as a theme chooses them. */
import { describe, expect, it } from 'vitest';
import { chinese, headingLabel, letter, referenceNumber, unnumberedAppendix, type Numbering } from '../../src/template/numbering.js';

const style = (s: Numbering['style']): Numbering => ({ style: s, appendix: '附录 {A}' });
const printed = (n: Numbering, paths: number[][], appendix = false) => paths.map((p) => headingLabel(n, p, appendix).printed);

describe('heading numbering', () => {
  it('decimal: 1 / 1.1 / 1.1.1, then the title after an ideographic space', () => {
    expect(printed(style('decimal'), [[2], [2, 3], [2, 3, 1]])).toEqual(['2　', '2.3　', '2.3.1　']);
    expect(headingLabel(style('decimal'), [2, 3], false).bookmark).toBe('2.3 ');
  });
  it('official (GB/T 9704): 一、/（一）/ 1. / （1）, the title right after', () => {
    expect(printed(style('official'), [[3], [3, 2], [3, 2, 1]])).toEqual(['三、', '（二）', '1.']);
  });
  it('chapters: 第一章 / 第一节 / 一、', () => {
    expect(printed(style('chapters'), [[12], [12, 1], [12, 1, 4]])).toEqual(['第十二章　', '第一节　', '四、']);
  });
  it('parts (部门预决算公开: 第一部分 部门概况): 第一部分 / 一、/（一）/ 1.; a reference to a part of a part joined by 之', () => {
    expect(printed(style('parts'), [[2], [2, 3], [2, 3, 1], [2, 3, 1, 4]])).toEqual(['第二部分　', '三、', '（一）', '4.']);
    expect(headingLabel(style('parts'), [2], false).bookmark).toBe('第二部分 ');
    expect([[2], [2, 3], [2, 3, 1]].map((p) => referenceNumber(style('parts'), p, false))).toEqual(['二', '之三', '之三（一）']);
    expect(printed(style('parts'), [[1], [1, 2]], true)).toEqual(['附录 A　', '二、']);
  });
  it('appendices: the theme\'s label with the letter; their sections A.1 (decimal) or in the style\'s next levels', () => {
    expect(printed({ style: 'decimal', appendix: 'Appendix {A}:' }, [[2], [2, 1]], true)).toEqual(['Appendix B:　', 'B.1　']);
    expect(printed(style('official'), [[1], [1, 2]], true)).toEqual(['附录 A　', '（二）']);
  });
  it('appendices numbered ({1}, GB/T 9704 附件 1): the label, a reference and decimal sections with the number', () => {
    const fujian = (s: Numbering['style']): Numbering => ({ style: s, appendix: '附件 {1}' });
    expect(printed(fujian('official'), [[2], [2, 1]], true)).toEqual(['附件 2　', '（一）']);
    expect(printed(fujian('decimal'), [[2], [2, 1]], true)).toEqual(['附件 2　', '2.1　']);
    expect([[2], [2, 1]].map((p) => referenceNumber(fujian('official'), p, true))).toEqual(['2', '（一）']);
  });
  it('the only appendix of a label ending in its number: 附件 alone (GB/T 9704 8); a letter stays, 附录 A', () => {
    const fujian: Numbering = { style: 'official', appendix: '附件 {1}' };
    expect([1, 2].map((count) => unnumberedAppendix(fujian, count))).toEqual([true, false]);
    expect(unnumberedAppendix(style('official'), 1)).toBe(false);
    expect(headingLabel(fujian, [1], true, true)).toEqual({ printed: '附件　', bookmark: '附件 ' });
  });
  it('counts in Chinese as numbers are read, and in letters past Z', () => {
    expect([1, 10, 11, 20, 21, 99, 100, 105, 110, 115].map(chinese)).toEqual(['一', '十', '十一', '二十', '二十一', '九十九', '一百', '一百〇五', '一百一十', '一百一十五']);
    expect([1, 26, 27, 52, 53].map(letter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA']);
  });
  it('a reference numbers a chapter or section as its headings are numbered, so it names what the page shows', () => {
    const refs = (n: Numbering, paths: number[][], appendix = false) => paths.map((p) => referenceNumber(n, p, appendix));
    expect(refs(style('decimal'), [[2], [2, 1], [2, 1, 3]])).toEqual(['2', '2.1', '2.1.3']);
    // a third level's bare number (三、, 3.) joined by 之: 第二章第一节之三, not 第一节三 read as one number
    expect(refs(style('official'), [[2], [2, 1], [2, 1, 3]])).toEqual(['二', '（一）', '（一）之3']);
    expect(refs(style('chapters'), [[2], [2, 1], [2, 1, 3]])).toEqual(['二', '第一节', '第一节之三']);
    expect(refs(style('official'), [[1, 2, 3]], true)).toEqual(['（二）之3']);
    expect(refs(style('official'), [[1], [1, 2]], true)).toEqual(['A', '（二）']);
  });
});
