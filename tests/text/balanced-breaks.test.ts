/**
 * Centred text balanced (text/balanced-breaks.ts): a centred title of two lines or more has lines
 * of like length, never a long line over a character or two; other alignments are left alone.
 */
import { describe, expect, it } from 'vitest';
import { setParagraph } from '../../src/text/paragraph.js';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { fakeStyle } from '../helpers/fake-font.js';

const TITLE = '立德树人品牌化引领与沉浸式体验的双路径实践探索与区域推进成效分析';
const lineTexts = (align: 'center' | 'justify', widthEm: number, text = TITLE) =>
  setParagraph(parseInlineMarkup(text), { ...fakeStyle(widthEm), align }).lines.map((l) => l.atoms.map((a) => a.text).join(''));

describe('a centred title', () => {
  it('over two lines is broken into lines of like length, in no more lines than the measure needs', () => {
    // 32 characters on a measure of 30: 16 + 16, not 30 + 2
    expect(lineTexts('center', 30).map((l) => [...l].length)).toEqual([16, 16]);
    // three lines: none shorter than 10 of the 32
    const three = lineTexts('center', 14).map((l) => [...l].length);
    expect(three).toHaveLength(3);
    expect(Math.min(...three)).toBeGreaterThanOrEqual(10);
  });
  it('of two lines ends its first after a pause or stop mark when the lines stay near balanced, not inside a phrase', () => {
    const title = '区域协同，精准造血：职业教育组团式对口帮扶的静安实践';
    const lines = lineTexts('center', 22, title);
    expect(lines).toEqual(['区域协同，精准造血：', '职业教育组团式对口帮扶的静安实践']);
    // a mark far from the middle is not taken: 立德树人： over 19 characters
    expect(lineTexts('center', 30, '立德树人：品牌化引领与沉浸式体验的双路径实践探索与区域推进')[0]).not.toBe('立德树人：');
  });
  it('ends a line between words, not inside one (职|业, 队|伍), when the lines still fit', () => {
    expect(lineTexts('center', 16, '上海市静安区中等职业教育质量年度报告')).toEqual(['上海市静安区中等', '职业教育质量年度报告']);
    expect(lineTexts('center', 14, '加强中等职业学校教师队伍建设提高人才培养质量')).toEqual(['加强中等职业学校教师', '队伍建设提高人才培养质量']);
    // three lines: each break moves to its word edge
    expect(lineTexts('center', 12, '立德树人品牌化引领与沉浸式体验的双路径实践探索与区域推进成效分析')).toEqual(['立德树人品牌化引领与', '沉浸式体验的双路径实践', '探索与区域推进成效分析']);
  });
  it('keeps a number with the measure word or unit after it (2025 年度, 48 项): never 2025|年度 at the end of a line', () => {
    // (a cover title: 浦江职业技术学校 2025 | 年度办学质量自评报告 was set, the year apart from 年度)
    const joined = (lines: string[]) => lines.map((l) => l.replace(/\s/g, ''));
    for (const title of ['浦江职业技术学校2025年度办学质量自评报告', '浦江职业技术学校 2025 年度办学质量自评报告']) {
      for (const w of [14, 16, 18]) expect(joined(lineTexts('center', w, title)), `${title} in ${w}`).toEqual(['浦江职业技术学校', '2025年度办学质量自评报告']);
    }
    expect(joined(lineTexts('center', 12, '学校自评共涉及48项指标和若干观测点'))).not.toContain('学校自评共涉及48');
  });
  it('on one line, and a justified paragraph, are set as before', () => {
    expect(lineTexts('center', 40)).toEqual([TITLE]);
    expect(lineTexts('justify', 30).map((l) => [...l].length)).toEqual([30, 2]);
  });
  it('keeps every character, in order', () => {
    for (const w of [8, 11, 15, 19, 23, 31]) expect(lineTexts('center', w).join('')).toBe(TITLE);
  });
});
