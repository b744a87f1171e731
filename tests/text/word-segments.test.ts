/**
 * Words found by ICU's segmenter slice by slice (text/word-segments.ts): Node's segmenter takes
 * about 1 ms a word past 65,536 UTF-16 units of one text (70,000 characters: 65 s), so a table
 * cell of 80,000 characters took 174 s to build. A long text is given to it in slices cut where a word
 * ends, and its words are those of the whole text.
 */
import { describe, expect, it } from 'vitest';
import { SEGMENTED_SLICE, wordStartsIn } from '../../src/text/word-segments.js';
import { wordStarts } from '../../src/text/word-starts.js';
import { atomize } from '../../src/text/atoms.js';
import { fakeStyle } from '../helpers/fake-font.js';

const HAN = '职业教育组团式帮扶区域协同静安实践立德树人品牌化引领与沉浸式体验的双路径探索推进成效分析';
/** `n` characters of Chinese, a full stop after every `every` (none: 0), the same for every run. */
function chinese(n: number, every = 0): string {
  let s = '';
  for (let i = 0; i < n; i++) s += every && i % every === every - 1 ? '。' : HAN[(i * 7 + (i >> 3)) % HAN.length];
  return s;
}
const segmenter = new Intl.Segmenter('zh-Hans', { granularity: 'word' });

describe('the words of a long text', () => {
  it('are found in seconds for 100,000 characters (it took minutes), as a cell of that text is set', () => {
    const started = Date.now();
    const starts = [...wordStartsIn(segmenter, chinese(100_000))];
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(starts[0]).toBe(0);
    expect(starts.length).toBeGreaterThan(30_000);
    const atoms = atomize([{ text: chinese(100_000, 40), bold: false }], fakeStyle(30)).atoms;
    const t = Date.now();
    // (fewer than ICU gives: none between two characters it gives apart, see word-starts.ts)
    expect(wordStarts(atoms).filter(Boolean).length).toBeGreaterThan(20_000);
    expect(Date.now() - t).toBeLessThan(2_000);
  });

  it('are those of the whole text: cut after a mark or space near a slice\'s end, never inside a word nor a surrogate pair', () => {
    const text = chinese(2 * SEGMENTED_SLICE + 77, 50) + ' abc 𠀀𠀁' + chinese(SEGMENTED_SLICE / 2, 0) + '𠀀'.repeat(SEGMENTED_SLICE / 2);
    const whole: number[] = [];
    for (const s of segmenter.segment(text)) whole.push(s.index); // (each segment holds a copy of the text: kept, they would fill the heap)
    const sliced = [...wordStartsIn(segmenter, text)];
    const inWhole = new Set(whole);
    const agree = sliced.filter((i) => inWhole.has(i)).length;
    // only the few words at a slice cut without a mark may differ
    expect(agree).toBeGreaterThan(sliced.length - 8);
    expect(sliced).toEqual([...sliced].sort((a, b) => a - b));
    for (const i of sliced) expect(text.charCodeAt(i) >= 0xdc00 && text.charCodeAt(i) <= 0xdfff).toBe(false);
    // a text no longer than a slice is ICU's own
    const short = chinese(SEGMENTED_SLICE, 30);
    expect([...wordStartsIn(segmenter, short)]).toEqual([...segmenter.segment(short)].map((s) => s.index));
  });
});
