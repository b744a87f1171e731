/**
 * The last resort of the line breaker (greedy, when no set of allowed breaks fits the measure):
 * it still keeps an opening mark off a line's end and a closing mark off a line's start wherever
 * a break that does so fits, as in a narrow table column given by `widths:`.
 */
import { describe, expect, it } from 'vitest';
import { setParagraph } from '../../src/text/paragraph.js';
import { fakeStyle } from '../helpers/fake-font.js';
import { lineTexts } from './line-text.js';

const run = (text: string) => [{ text, bold: false }];

describe('a forced break', () => {
  it('leaves no opening bracket at a line end when a break before it fits (进|度|（m2|）, not 进|度（|m2）)', () => {
    // (the fake font: Han and marks 1 em, Latin ½ em; （m2） is 2 em at the least, wider than the 1.6 em measure)
    for (const align of ['left', 'center'] as const) {
      const { lines, forced } = setParagraph(run('进度（m2）'), { ...fakeStyle(1.6), align });
      expect(forced).toBe(true);
      expect(lineTexts(lines)).toEqual(['进', '度', '（m2', '）']);
    }
  });
});
