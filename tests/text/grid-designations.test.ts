/**
 * A standard's designation (`GB/T 9704—2012`, `ISO 9001:2015`, `DG/TJ 08-12—2020`) is one word,
 * never parted at its year's dash; on a character grid (GB/T 9704), whose lines must fill their
 * cells, keeping it whole left the line before it up to four cells short (helper-88's 督导评估报告:
 * `数字用法参照 GB/T 15835—2011，质量管理流程符合` over `ISO 9001:2015 的要求`): there it is
 * parted at its space where that fills the line, and only there. Set with the real fonts, 16 pt
 * in 28 cells of 16 pt (gbt9704), and off the grid at the official template's measure.
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
const TEXT = '质量管理流程符合 ISO 9001:2015 的要求，数字用法参照 GB/T 15835—2011，校舍均达到《上海市中小学校建设标准》（DG/TJ 08-12—2020）的要求，版式参照 GB/T 9704—2012《党政机关公文格式》。';
const CODES = /(?:ISO|GB\/T|DG\/TJ)$/;

describe("a standard's designation at a line's end", () => {
  const faces = new FaceSet(loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]));
  const font = new FaceTextFont(faces.keyOf('serif'), (k) => faces.byKey(k));
  const set = (text: string, grid: boolean) => {
    const size = grid ? 16 : 12;
    const width = grid ? 28 * 16 : 442.2;
    return setParagraph(parseInlineMarkup(text), { regular: [font], bold: [font], size, punctuation: 'gb', width, indent: 2 * size, align: 'justify', ...(grid ? { cell: size } : {}) }).lines;
  };

  it('on a grid, is parted at its space where the line before it would stand short, filling it (符合 ISO|9001:2015; it stood four cells short)', () => {
    const lines = set(`${'文'.repeat(12)}${TEXT}`, true);
    const texts = lineTexts(lines);
    expect(texts[0].endsWith('符合ISO'), texts.join(' | ')).toBe(true);
    expect(texts[1].startsWith('9001:2015的要求'), texts.join(' | ')).toBe(true);
    // every line but the last fills its cells (the first less its indent)
    lines.slice(0, -1).forEach((l, k) => expect(l.used, texts[k]).toBeCloseTo(28 * 16 - (k === 0 ? 32 : 0), 1));
  });

  it('is parted nowhere else: whole where the line fills without parting it, never at its dash, and off the grid never', () => {
    expect(lineTexts(set(`${'文'.repeat(5)}${TEXT}`, true))[0]).toBe('文文文文文质量管理流程符合ISO 9001:2015的要求，数字');
    const parted: string[] = [];
    for (const grid of [true, false])
      for (let n = 0; n < 28; n++) {
        const lines = set(`${'文'.repeat(n)}${TEXT}`, grid);
        const texts = lineTexts(lines);
        const place = `${grid ? 'grid' : 'free'} ${n}: ${texts.join(' | ')}`;
        for (let k = 0; k + 1 < texts.length; k++) {
          if (/—$/.test(texts[k])) parted.push(place);
          // at its space: on the grid only, to fill the line (the first less its indent)
          if (CODES.test(texts[k]) && (!grid || Math.abs(lines[k].used - (28 * 16 - (k === 0 ? 32 : 0))) > 0.1)) parted.push(place);
        }
      }
    expect(parted).toEqual([]);
  });
});
