import { describe, expect, it } from 'vitest';
import { pageLabelRanges } from '../../src/render/page-labels.js';
import { fromRoman, toRoman } from '../../src/page/page-label.js';

describe('PDF page label ranges', () => {
  it('are the fewest that give every page its printed label', () => {
    expect(pageLabelRanges(['', 'i', 'ii', 'iii', '1', '2', '3'])).toEqual([{ start: 0 }, { start: 1, style: 'r' }, { start: 4, style: 'D' }]);
    expect(pageLabelRanges(['', '', 'i', '5', '6', '', '9'])).toEqual([
      { start: 0 },
      { start: 2, style: 'r' },
      { start: 3, style: 'D', first: 5 },
      { start: 5 },
      { start: 6, style: 'D', first: 9 },
    ]);
  });

  it('start a range where a numbering restarts or skips', () => {
    expect(pageLabelRanges(['1', '2', '1', '2', '4'])).toEqual([
      { start: 0, style: 'D' },
      { start: 2, style: 'D' },
      { start: 4, style: 'D', first: 4 },
    ]);
  });

  it('write a label that is no number as it is, one page each', () => {
    expect(pageLabelRanges(['封面', 'A-1', 'A-1'])).toEqual([
      { start: 0, prefix: '封面' },
      { start: 1, prefix: 'A-1' },
      { start: 2, prefix: 'A-1' },
    ]);
    expect(pageLabelRanges(['01', 'iiii'])).toEqual([{ start: 0, prefix: '01' }, { start: 1, prefix: 'iiii' }]);
  });
});

describe('roman numerals', () => {
  it('read back what toRoman writes, and nothing else', () => {
    for (let n = 1; n < 4000; n++) expect(fromRoman(toRoman(n))).toBe(n);
    for (const bad of ['iiii', 'vx', 'il', 'mmmm', 'a', '']) expect(fromRoman(bad)).toBeUndefined();
  });
});
