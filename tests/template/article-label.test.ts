/** The numbers of a 规章's articles (template/article-label.ts): 第一条 … 第一百零一条. */
import { describe, expect, it } from 'vitest';
import { articleLabel, articleNumber } from '../../src/template/article-label.js';

/** A Chinese numeral below a thousand read back (the test's own reading: 百, 十, 零 and the digits). */
function readBack(text: string): number {
  const digit = (c: string | undefined) => (c === undefined ? 1 : '零一二三四五六七八九'.indexOf(c));
  const m = /^(?:(.)百)?(?:零)?(?:(.)?十)?(.)?$/u.exec(text);
  if (!m) return NaN;
  const [, hundreds, tens, ones] = m;
  return (hundreds ? digit(hundreds) * 100 : 0) + (text.includes('十') ? digit(tens) * 10 : 0) + (ones ? digit(ones) : 0);
}

describe('article numbers', () => {
  it('are written as a 规章 writes them: 十, 十一, 二十, 一百, 一百零一, 一百一十', () => {
    const cases: [number, string][] = [[1, '一'], [9, '九'], [10, '十'], [11, '十一'], [19, '十九'], [20, '二十'], [21, '二十一'], [40, '四十'], [99, '九十九'], [100, '一百'], [101, '一百零一'], [105, '一百零五'], [110, '一百一十'], [111, '一百一十一'], [120, '一百二十'], [199, '一百九十九'], [200, '二百']];
    expect(cases.map(([n]) => articleNumber(n))).toEqual(cases.map(([, s]) => s));
  });
  it('read back as the number for every article from 1 to 199, each once', () => {
    const numbers = Array.from({ length: 199 }, (_, i) => i + 1);
    expect(numbers.map((n) => readBack(articleNumber(n)))).toEqual(numbers);
    expect(new Set(numbers.map(articleNumber)).size).toBe(199);
    for (const n of numbers) expect(articleNumber(n)).not.toMatch(/〇|^一十/u);
  });
  it('label an article 第…条', () => {
    expect([1, 12, 40, 101].map(articleLabel)).toEqual(['第一条', '第十二条', '第四十条', '第一百零一条']);
  });
});
