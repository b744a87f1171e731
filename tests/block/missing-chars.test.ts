/**
 * Characters no font has, reported by the run (a Korean or Arabic phrase is one warning, not one
 * per letter), each run at its first character, with every character's code point; and a total.
 */
import { describe, expect, it } from 'vitest';
import { missingMessage, missingRuns, missingTotal } from '../../src/block/missing-chars.js';
import type { Problem } from '../../src/problems.js';

const korean = new Set([...'안녕하세요계']);
const arabic = new Set([...'مرحبالع']);

describe('runs of characters no font has', () => {
  it('a phrase is one run, across its spaces and marks; a character a font has that is a letter or digit ends it', () => {
    const text = '校训是“안녕하세요 세계”，问候为“مرحبا بالعالم”。';
    expect(missingRuns(text, new Set([...korean, ...arabic]))).toEqual([
      { at: 4, text: '안녕하세요 세계', chars: '안녕하세요세계', charsAt: [4, 5, 6, 7, 8, 10, 11] },
      { at: 18, text: 'مرحبا بالعالم', chars: 'مرحبابالعالم', charsAt: [18, 19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30] },
    ]);
    // a Han character between: two runs; the same characters again: reported again, at their place
    expect(missingRuns('안녕，你好，안녕', korean)).toEqual([
      { at: 0, text: '안녕', chars: '안녕', charsAt: [0, 1] },
      { at: 6, text: '안녕', chars: '안녕', charsAt: [6, 7] },
    ]);
    // a character outside the BMP counts as one, its index in UTF-16
    expect(missingRuns('段😀与😀😀', new Set(['😀']))).toEqual([
      { at: 1, text: '😀', chars: '😀', charsAt: [1] },
      { at: 4, text: '😀😀', chars: '😀😀', charsAt: [4, 6] },
    ]);
    expect(missingRuns('没有缺字', korean)).toEqual([]);
  });

  it('the message: one character as before; a run with its count, the text and each distinct code point', () => {
    expect(missingMessage('😀', '😀')).toBe('no font has the character "😀" (U+1F600); it is drawn as an empty box');
    expect(missingMessage('안녕하세요 세계', '안녕하세요세계')).toBe(
      'no font has the 7 characters of "안녕하세요 세계" (U+C548 U+B155 U+D558 U+C138 U+C694 U+ACC4); they are drawn as empty boxes',
    );
  });

  it('the total: characters, distinct ones and places, at the first place; none for a single place', () => {
    const w = (line: number, chars: string): Problem => {
      const pos = { file: 'r.yaml', line, col: 3 };
      return { pos, message: 'm', severity: 'warning', missing: [...chars].map((char) => ({ char, pos })) };
    };
    const other: Problem = { pos: { file: 'r.yaml', line: 1, col: 1 }, message: 'dropped', severity: 'warning' };
    expect(missingTotal([other, w(6, '안녕하세요세계'), w(6, 'مرحبابالعالم'), w(7, '😀')])).toEqual({
      pos: { file: 'r.yaml', line: 6, col: 3 },
      message: 'in all, no font has 20 characters of the report (14 distinct), in 3 places',
      severity: 'warning',
    });
    expect(missingTotal([other, w(7, '😀😀')])).toBeUndefined();
  });
});
