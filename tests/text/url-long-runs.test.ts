/**
 * A URL whose file name is a long run of letters and digits (a hash:
 * `…/files/3f9a2b7c4d5e6f708192a3b4c5d6e7f8.pdf`) broke inside that run although a `/` of the
 * URL was there to break at (a proofreader's report): inside such a run is a last resort, taken
 * only where none of the URL's own marks fits without leaving the line before it less than 70 %
 * full (kept whole, `详见 https://…/files/` stood 38 % full), and never leaving one or two of its
 * characters on a line. Set with the real fonts at the official template's measure, in the
 * body's size and the footnotes', the URL printed whole (`<…>`) and written in the text, on a
 * free measure and on a character grid (gbt9704).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaceSet } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { setParagraph } from '../../src/text/paragraph.js';
import { FaceTextFont } from '../../src/text/text-font.js';
import { lineTexts } from './line-text.js';

const root = path.resolve(import.meta.dirname, '../..');
/** The official template's measure (A4 less 27 mm each side) and its body's first-line indent, pt. */
const [MEASURE, INDENT] = [442.2, 24];
const HASH = '3f9a2b7c4d5e6f708192a3b4c5d6e7f8';
const URL = `https://example.gov.cn/files/${HASH}.pdf`;

describe('a long run of letters and digits in a URL', () => {
  const faces = new FaceSet(loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]));
  const font = new FaceTextFont(faces.keyOf('serif'), (k) => faces.byKey(k));
  const setLines = (text: string, size: number, width = MEASURE, grid = false) =>
    setParagraph(parseInlineMarkup(text), { regular: [font], bold: [font], size, punctuation: 'gb', width, indent: 2 * size, align: 'justify', ...(grid ? { cell: size } : {}) }).lines;
  const set = (text: string, size: number, width = MEASURE, grid = false) => lineTexts(setLines(text, size, width, grid));

  it('is not broken where the URL has a mark to break at (after files/, or the URL going whole to the next line) that leaves every line 70 % full', () => {
    const broken: string[] = [];
    // (broken while the line before its file name would stand 70 % full or more)
    const short: string[] = [];
    for (const [size, width, grid] of [[12, MEASURE, false], [9, MEASURE, false], [16, 16 * 28, true]] as const)
      for (const written of [`<${URL}>`, ` ${URL} `])
        for (let n = 0; n < 40; n++) {
          const lines = setLines(`${'文'.repeat(n)}详见${written}。`, size, width, grid);
          const texts = lineTexts(lines);
          const place = `${size}pt ${written.trim()} after ${n}: ${texts.join(' | ')}`;
          // (broken only where what the line holds up to files/ fills less than 70 % of it: set alone, unbroken)
          const k = texts.findIndex((l) => l.includes('files/'));
          const upToFiles = k < 0 ? undefined : setLines(texts[k].slice(0, texts[k].indexOf('files/') + 6), size, 1e6, false)[0];
          if (!texts.some((l) => l.includes(HASH)) && !(upToFiles && upToFiles.used < 0.7 * (k === 0 ? width - 2 * size : width))) broken.push(place);
          // (the first line's measure less its indent; short before a URL whose host does not fit on it, which is never parted for it)
          if (lines.slice(0, -1).some((l, k) => l.used < 0.7 * (k === 0 ? width - 2 * size : width) && !texts[k + 1].startsWith('https://'))) short.push(place);
        }
    expect(short).toEqual([]);
    expect(broken).toEqual([]);
  });

  it("is broken rather than leave the line before it less than 70 % full (详见 https://…/files/ stood 38 % full, the file name on the next line)", () => {
    const lines = set(`详见<${URL}>，请各校对照自查，并于十二月底前报送整改情况。`, 12);
    expect(lines[0].startsWith(`详见https://example.gov.cn/files/${HASH.slice(0, 3)}`), lines.join(' | ')).toBe(true);
    expect(lines.join('')).toContain(HASH);
  });

  it('breaks inside the run only when the run is wider than the line, never leaving one or two of its characters on a line', () => {
    const long = `${HASH}${HASH}${HASH}`;
    for (const written of [`<https://example.gov.cn/${long}.pdf>`, ` https://example.gov.cn/${long}.pdf `])
      for (let n = 0; n < 12; n++) {
        const lines = set(`${'文'.repeat(n)}见${written}。`, 12, 200);
        expect(lines.join('')).toContain(long);
        for (let k = 0; k + 1 < lines.length; k++) {
          const [before, after] = [/[0-9a-f]*$/.exec(lines[k])![0], /^[0-9a-f]*/.exec(lines[k + 1])![0]];
          if (before && after) expect(Math.min(before.length, after.length), lines.join(' | ')).toBeGreaterThanOrEqual(3);
        }
      }
  });
});
