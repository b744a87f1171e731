/**
 * Unbreakable strings of any length: a word of 150,000 characters with no place to break (or a
 * URL, or a base64 blob) is cut into pieces that each fit the measure, nothing lost, and set as
 * lines that stay inside it. The work grows with the length: every character is shaped a fixed
 * number of times, however long the word.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atomize, type Atom } from '../../src/text/atoms.js';
import { measureText, setParagraph, wordsWidth } from '../../src/text/paragraph.js';
import type { GlyphInfo } from '../../src/text/text-font.js';
import { FakeFont, fakeStyle } from '../helpers/fake-font.js';

/** The fake font (Latin ½ em), counting the characters it is asked to shape, and the longest text. */
class CountingFont extends FakeFont {
  shaped = 0;
  longest = 0;
  shape(text: string): GlyphInfo[] {
    this.shaped += text.length;
    this.longest = Math.max(this.longest, text.length);
    return super.shape(text);
  }
}

/** A 10 pt style over a counting font; `measure` in pt (a Latin character is 5 pt). */
function countingStyle(measureEm: number) {
  const font = new CountingFont();
  return { font, style: { ...fakeStyle(measureEm), regular: [font], bold: [font] } };
}

// letters and digits with no place to break (no run of digits after letters, no camelCase hump)
const ALPHANUMERIC = 'a0b1c2d3e4f5g6h7i8j9klmnopqrstuvwxyz';
const repeatTo = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const run = (text: string) => [{ text, bold: false }];

/** Where the pieces of a text fail to be it, in order and without gaps (undefined when they are). */
function gapIn(atoms: Atom[], text: string): string | undefined {
  let at = 0;
  for (const [i, a] of atoms.entries()) {
    if (a.start !== at || text.slice(a.start, a.end) !== a.text) return `piece ${i} "${a.text.slice(0, 20)}" at ${a.start}, expected ${at}`;
    at = a.end;
  }
  return at === text.length ? undefined : `pieces end at ${at} of ${text.length}`;
}

describe('a word longer than the measure', () => {
  const measure = 300; // pt: 60 Latin characters of the fake font

  it('of 150,000 letters and digits is cut into pieces that each fit, nothing lost', () => {
    const word = repeatTo(ALPHANUMERIC, 150_000);
    const { atoms } = atomize(run(word), fakeStyle(30), measure);
    expect(gapIn(atoms, word)).toBeUndefined();
    expect(atoms.find((a) => a.width > measure)).toBeUndefined();
    expect(atoms.slice(1).every((a) => a.continuesWord)).toBe(true);
  });

  it('of 150,000 characters of a URL or base64 is cut after / and before letters, each piece fitting', () => {
    for (const unit of ['https://example.org/abcdefghij', 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0123+/=']) {
      const word = repeatTo(unit, 150_000);
      const { atoms } = atomize(run(word), fakeStyle(30), measure);
      expect(gapIn(atoms, word)).toBeUndefined();
      expect(atoms.find((a) => a.width > measure)).toBeUndefined();
      // cut at its break points, not into characters: each of its parts fits the measure
      expect(atoms.length).toBeLessThan(word.length / 5);
    }
  });

  it('of 150,000 characters set as a paragraph: lines in order give the word back, none past the measure', () => {
    const word = repeatTo(ALPHANUMERIC, 150_000);
    const style = { ...fakeStyle(30, 2), align: 'justify' as const };
    const { lines } = setParagraph(run(word), style);
    expect(lines.map((l) => l.atoms.map((a) => a.text).join('')).join('')).toBe(word);
    const past = lines.findIndex((l) => l.atoms.some((a, k) => l.xs[k] + a.width > style.width + 1e-6));
    expect(past).toBe(-1);
    // full lines: 60 characters each (58 on the indented first), the last one shorter
    expect(lines.length).toBe(Math.ceil((word.length + 2) / 60));
  });

  it('of 150,000 characters that never fill the measure exactly is set in linear time (no line can end at most of its breaks)', () => {
    // 5 pt characters on a 302 pt measure: every line is 2 pt short and cannot stretch inside a
    // word, so the first pass finds no way at all; its scan over every earlier break for each
    // break was quadratic (200,000 characters of a real font took minutes)
    const word = repeatTo(ALPHANUMERIC, 150_000);
    const { lines } = setParagraph(run(word), { ...fakeStyle(30), width: 302 });
    expect(lines.map((l) => l.atoms.map((a) => a.text).join('')).join('')).toBe(word);
    expect(lines.length).toBe(Math.ceil(word.length / 60));
  });

  it('of a million characters is cut and set too', () => {
    const word = repeatTo(ALPHANUMERIC, 1_000_000);
    const { lines } = setParagraph(run(word), fakeStyle(30));
    expect(lines.length).toBe(Math.ceil(word.length / 60));
    expect(lines[lines.length - 1].end).toBe(word.length);
  });

  it('of 8 million letters (as many as a report file holds, on one line) is cut without running out of stack', () => {
    // a long run of letters was found by a regular expression whose {20,} kept a backtrack entry a
    // character: 7 MB of `aaaa…` in a paragraph was an internal error (Maximum call stack size exceeded)
    const word = 'a'.repeat(8_000_000);
    const { atoms } = atomize(run(word), fakeStyle(30), measure);
    expect(atoms[atoms.length - 1].end).toBe(word.length);
  });

  it('of 150,000 Han characters set on a character grid (GB/T 9704): 30 cells a line', () => {
    const { lines } = setParagraph(run('汉'.repeat(150_000)), { ...fakeStyle(30), cell: 10 });
    expect(lines.length).toBe(5_000);
    expect(lines.every((l) => l.atoms.length === 30)).toBe(true);
  });

  it('measured for a table column: 150,000 Han characters, and a word cut to the table width', () => {
    expect(measureText(run('汉'.repeat(150_000)), fakeStyle(30))).toMatchObject({ natural: 1_500_000, widest: 10 });
    expect(measureText(run('a'.repeat(150_000)), fakeStyle(30), measure)).toMatchObject({ natural: 750_000, widest: 5 });
  });

  it('costs a fixed number of shapings per character, never shapes more than may fit, and gives at most one piece per character', () => {
    fc.assert(
      fc.property(fc.constantFrom('a', 'ab9', 'x/y.z-w_v', 'QUJDREVGR0hJSktMTU5PUFFS/='), fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: 80 }), (unit, length, measureEm) => {
        const word = repeatTo(unit, length);
        const { font, style } = countingStyle(measureEm);
        const { atoms } = atomize(run(word), style, measureEm * 10);
        expect(gapIn(atoms, word)).toBeUndefined();
        expect(atoms.length).toBeLessThanOrEqual(word.length);
        // each character: in the whole word (a short one), alone, and in a part that may fit
        expect(font.shaped).toBeLessThanOrEqual(3 * word.length);
        // no text longer than a short word (under 12 characters) or twice the measure (5 pt a character)
        expect(font.longest).toBeLessThanOrEqual(Math.max(11, (2 * measureEm * 10) / 5));
      }),
      { numRuns: 60 },
    );
  });
});

describe('a word as wide as the measure', () => {
  it('is whole when its width and the measure differ in their last bits only (a table column summed to 34.712999999999994 pt for 34.713)', () => {
    // (the fake font's Latin letter is 5 pt: abcdef is 30 pt)
    for (const text of ['abcdef', 'abcdefghijklmnop']) {
      const width = text.length * 5;
      expect(atomize(run(text), fakeStyle(10), width - 1e-9).atoms.map((a) => a.text)).toEqual([text]);
      expect(setParagraph(run(text), { ...fakeStyle(10), width: width - 1e-9 }).lines).toHaveLength(1);
    }
  });
});

describe('a table header of 1,500 characters', () => {
  // it was measured by a programme over lines × word ends × word ends, its time the fourth power
  // of the length (1,008 characters took 25 s, these over a minute); now in well under a second
  const header = '各校分年级班级数与在校生人数的统计口径说明'.repeat(72);
  it('is measured between its words, no line of one character, at the width of its widest run of words', () => {
    // 10 pt a character: no word of this header is longer than four characters
    const narrowest = wordsWidth(run(header), fakeStyle(1e6));
    expect(narrowest).toBeGreaterThanOrEqual(20);
    expect(narrowest).toBeLessThanOrEqual(40);
  }, 20_000);
  it('and in two lines at about half its width', () => {
    const twoLines = wordsWidth(run(header), fakeStyle(1e6), Infinity, 2);
    expect(twoLines).toBeGreaterThanOrEqual((header.length * 10) / 2);
    expect(twoLines).toBeLessThanOrEqual((header.length * 10) / 2 + 40);
  }, 20_000);
});

