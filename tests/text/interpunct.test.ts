/**
 * The interpunct (间隔号, U+00B7 between Chinese characters: 玛丽·居里, 《沁园春·雪》, 第一·二
 * 条) takes half a character's place, its dot in the middle of it (GB/T 15834-2011
 * 5.1.7; clreq: half width on the mainland, full width in Taiwan and Hong Kong). The fonts
 * disagree: Noto Serif SC draws U+00B7 as a Latin middle dot 0.327 em wide, Noto Sans SC as a
 * full-width mark, so body text and 黑体 headings set the same name 0.67 em apart. Set with the
 * real fonts.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaceSet } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { setParagraph } from '../../src/text/paragraph.js';
import { FaceTextFont } from '../../src/text/text-font.js';
import { EM_BOX_ASCENT } from '../../src/text/atoms.js';
import type { PunctuationScheme } from '../../src/text/punctuation.js';

const root = path.resolve(import.meta.dirname, '../..');
const faces = new FaceSet(loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]));
const SIZE = 16;

function set(role: string, text: string, punctuation: PunctuationScheme = 'gb', cell?: number) {
  const font = new FaceTextFont(faces.keyOf(role), (k) => faces.byKey(k));
  const { lines } = setParagraph(parseInlineMarkup(text), { regular: [font], bold: [font], size: SIZE, punctuation, width: 28 * SIZE, indent: 0, align: 'left', ...(cell ? { cell } : {}) });
  return { line: lines[0], font };
}

/** Each `·` of the line: its left edge, its width and where its ink's middle stands across its box and above the baseline, em. */
function dots(role: string, text: string, punctuation: PunctuationScheme = 'gb', cell?: number) {
  const { line, font } = set(role, text, punctuation, cell);
  const [g] = font.shape('·');
  return line.atoms.flatMap((a, k) =>
    a.text === '·'
      ? [{ kind: a.kind, x: (line.xs[k] - a.shift) / SIZE, width: a.width / SIZE, across: (a.shift / SIZE + (g.ink[0] + g.ink[1]) / 2) / (a.width / SIZE), up: a.raise / SIZE + (g.inkHeight[0] + g.inkHeight[1]) / 2 }]
      : [],
  );
}

describe('the interpunct between Chinese characters', () => {
  for (const role of ['serif', 'sans'])
    it(`is half a character wide, its dot in the middle (${role})`, () => {
      for (const d of dots(role, '玛丽·居里与第一·二条')) {
        expect(d.kind).toBe('punct');
        expect(d.width).toBeCloseTo(0.5, 6);
        expect(d.across).toBeCloseTo(0.5, 6);
        // (up, as the font draws it: both fonts' dots stand at the em box's middle, Noto Serif SC's 0.02 em below)
        expect(Math.abs(d.up - (EM_BOX_ASCENT - 0.5))).toBeLessThan(0.025);
      }
      expect(dots(role, '玛丽·居里').map((d) => d.x)).toEqual([2]);
    });

  it('is full width where the scheme keeps every mark full width (Taiwan, Hong Kong, none)', () => {
    for (const scheme of ['taiwan', 'none'] as const) for (const role of ['serif', 'sans']) expect(dots(role, '玛丽·居里', scheme)[0].width).toBeCloseTo(1, 6);
  });

  it('is half a cell on a character grid too (GB/T 15834 says half a character; a whole cell read as 红 · 火, and its text was copied with spaces)', () => {
    const d = dots('serif', '玛丽·居里', 'gb', SIZE)[0];
    expect(d.width).toBeCloseTo(0.5, 6);
    expect(d.across).toBeCloseTo(0.5, 6);
  });

  it('never hangs past a grid line’s last cell as a closing mark does: the character before it goes down with it', () => {
    const font = new FaceTextFont(faces.keyOf('serif'), (k) => faces.byKey(k));
    const { lines } = setParagraph(parseInlineMarkup(`${'文'.repeat(27)}红·火焰蓝`), { regular: [font], bold: [font], size: SIZE, punctuation: 'gb', width: 28 * SIZE, indent: 0, align: 'justify', cell: SIZE });
    expect(lines.map((l) => l.atoms.map((a) => a.text).join(''))).toEqual(['文'.repeat(27), '红·火焰蓝']);
  });

  it('is never at a line start, and never a phrase end where a cell breaks (a name stays whole)', () => {
    const font = new FaceTextFont(faces.keyOf('serif'), (k) => faces.byKey(k));
    // (as a table cell of names breaks: after a space typed between them, or a mark that ends a phrase)
    const lines = (width: number) =>
      setParagraph(parseInlineMarkup('〔美〕埃德加·斯诺 著 董乐山 译'), { regular: [font], bold: [font], size: SIZE, punctuation: 'gb', width: width * SIZE, indent: 0, align: 'left', between: 'spaces' }).lines.map((l) => l.atoms.map((a) => a.text).join(''));
    expect(lines(10)).toEqual(['〔美〕埃德加·斯诺 著', '董乐山 译']);
    expect(lines(7)).toEqual(['〔美〕', '埃德加·斯诺 著', '董乐山 译']);
  });
});

describe('a middle dot in Latin text', () => {
  it('keeps its own shape after an interpunct of the same style (a contents leader of ·, after body text with 玛丽·居里)', () => {
    const font = new FaceTextFont(faces.keyOf('serif'), (k) => faces.byKey(k));
    const style = { regular: [font], bold: [font], size: SIZE, punctuation: 'gb' as const, width: 28 * SIZE, indent: 0, align: 'left' as const };
    setParagraph(parseInlineMarkup('玛丽·居里'), style);
    const [dot] = setParagraph(parseInlineMarkup('·'), style).lines[0].atoms;
    expect([dot.kind, dot.width / SIZE, dot.shift, dot.raise]).toEqual(['latin', 0.327, 0, 0]);
  });

  it('inside a word is as narrow as a Latin font’s in every font: Noto Sans SC’s full-width dot keeps its ink with the full stop’s side bearings, its ink in the middle; Noto Serif SC’s Latin dot is left as it is', () => {
    for (const text of ['电量 kW·h 计', '“3·15”消费者权益日']) {
      const dot = (role: string) => {
        const { line, font } = set(role, text);
        const word = line.atoms.find((a) => a.text.includes('·'))!;
        const g = word.glyphs.find((g) => g.codePoints[0] === 0xb7)!;
        const [ink] = font.shape('·');
        const [stop] = font.shape('.');
        return { advance: g.advance / SIZE, dx: g.dx, middle: (g.dx ?? 0) / SIZE + (ink.ink[0] + ink.ink[1]) / 2, ink: ink.ink[1] - ink.ink[0], stop: stop.advance, stopBearings: stop.advance - (stop.ink[1] - stop.ink[0]), laidOut: font.shape(word.text).find((g) => g.codePoints[0] === 0xb7)!.advance };
      };
      const sans = dot('sans');
      expect(sans.advance, text).toBeCloseTo(sans.ink + sans.stopBearings, 6);
      expect(sans.advance, text).toBeLessThan(0.4);
      expect(sans.middle, text).toBeCloseTo(sans.advance / 2, 6);
      const serif = dot('serif');
      expect([serif.advance, serif.dx], text).toEqual([serif.laidOut, undefined]);
      expect(serif.advance, text).toBeLessThanOrEqual(serif.stop);
    }
  });

  it('stays a Latin word’s (kW·h, 3·15)', () => {
    for (const text of ['电量 kW·h 计', '“3·15”消费者权益日']) {
      const { line } = set('serif', text);
      expect(line.atoms.some((a) => /^(kW·h|3·15)$/.test(a.text) && a.kind === 'latin'), text).toBe(true);
    }
  });
});
