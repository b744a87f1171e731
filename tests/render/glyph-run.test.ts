/**
 * Glyph runs in the page content (render/glyph-run.ts): every glyph stands where the layout put
 * it, as a PDF reader (pdf.js) places it from the text matrix, the character spacing and the
 * `TJ` numbers; a justified line's even spacing is one `Tc`, not a number between every two
 * glyphs; a run sets only the text state the run before it did not leave set.
 */
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { advanceOf, FaceSet, glyphOf } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import type { DrawOp, DrawPage, GlyphRunOp } from '../../src/page/draw.js';
import { makePng } from '../helpers/png.js';
import { renderedPdf } from '../helpers/rendered-pdf.js';

const root = path.resolve(import.meta.dirname, '../..');
let faces: FaceSet;
beforeAll(() => {
  faces = new FaceSet(loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]));
});

const TEXT = '教育质量报告（２０２５年度）中等职业学校，“双师型”教师。Imprint 排版';

/** A run of `text` at `size` pt whose glyph k stands `gaps[k − 1]` pt after the advance of glyph k − 1. */
function run(text: string, size: number, gaps: (k: number) => number, extra: Partial<GlyphRunOp> = {}): GlyphRunOp {
  const face = faces.face('serif');
  const chars = [...text];
  const ids = chars.map((c) => glyphOf(face, c.codePointAt(0)!));
  const xs: number[] = [];
  let x = 0;
  ids.forEach((id, k) => {
    if (k > 0) x += gaps(k);
    xs.push(x);
    x += (advanceOf(face, id) / face.font.unitsPerEm) * size;
  });
  return { kind: 'glyphs', x: 72, y: 100, font: faces.keyOf('serif'), size, color: '#000000', glyphs: { ids, xs, codePoints: chars.map((c) => [c.codePointAt(0)!]) }, ...extra };
}

/** A PDF of pages drawing `ops` each. */
async function pdfOf(...pages: DrawOp[][]): Promise<Buffer> {
  const drawn: DrawPage[] = pages.map((ops, i) => ({ width: 595, height: 842, label: String(i + 1), ops, outline: [], anchors: [] }));
  return renderedPdf({ pages: drawn, document: { title: 't', keywords: [], date: new Date(Date.UTC(2026, 0, 1)), creator: 'test', lang: 'zh-CN' }, faces });
}

/** The content streams of the pages, inflated, in page order. */
function pageContents(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const streams = [...text.matchAll(/stream\n/g)].map((m) => {
    const start = m.index + m[0].length;
    return pdf.subarray(start, text.indexOf('\nendstream', start));
  });
  return streams
    .map((s) => {
      try {
        return inflateSync(s).toString('latin1');
      } catch {
        return '';
      }
    })
    .filter((s) => s.startsWith('1 0 0 -1 0 842 cm')); // pdfkit's first operator of a page
}

/** The first page's content stream, inflated. */
function pageContent(pdf: Buffer): string {
  return pageContents(pdf)[0];
}

/** Each glyph's place (x, baseline y from the page's top, pt) as pdf.js reads it. */
async function placesRead(pdf: Buffer): Promise<{ x: number; y: number }[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, verbosity: 0 }).promise;
  const ops = await (await doc.getPage(1)).getOperatorList();
  const places: { x: number; y: number }[] = [];
  let ctm = [1, 0, 0, 1, 0, 0];
  const saved: { ctm: number[]; spacing: number }[] = [];
  let [tm, size, spacing, x] = [[1, 0, 0, 1, 0, 0], 0, 0, 0];
  ops.fnArray.forEach((fn, i) => {
    const args = ops.argsArray[i];
    if (fn === OPS.save) saved.push({ ctm, spacing });
    else if (fn === OPS.restore) ({ ctm, spacing } = saved.pop()!);
    else if (fn === OPS.transform) {
      const [a, b, c, d, e, f] = args as number[];
      const [a0, b0, c0, d0, e0, f0] = ctm;
      ctm = [a * a0 + b * c0, a * b0 + b * d0, c * a0 + d * c0, c * b0 + d * d0, e * a0 + f * c0 + e0, e * b0 + f * d0 + f0];
    } else if (fn === OPS.setTextMatrix) [tm, x] = [args[0] as number[], 0];
    else if (fn === OPS.setFont) size = args[1] as number;
    else if (fn === OPS.setCharSpacing) spacing = args[0] as number;
    else if (fn === OPS.showText) {
      for (const g of args[0] as (number | { width: number })[]) {
        if (typeof g === 'number') x -= (g / 1000) * size;
        else {
          const [tx, ty] = [tm[0] * x + tm[4], tm[1] * x + tm[5]];
          places.push({ x: ctm[0] * tx + ctm[2] * ty + ctm[4], y: 842 - (ctm[1] * tx + ctm[3] * ty + ctm[5]) });
          x += (g.width / 1000) * size + spacing;
        }
      }
    }
  });
  await doc.destroy();
  return places;
}

describe('glyph runs in the page content', () => {
  it('a justified line: one character spacing, no number between its glyphs', async () => {
    const content = pageContent(await pdfOf([run(TEXT.slice(0, 30), 12, () => 0.30937)]));
    expect(content).toMatch(/^0\.30937 Tc$/m);
    const arrays = [...content.matchAll(/\[(.*)\] TJ/g)].map((m) => m[1]);
    expect(arrays).toEqual([expect.stringMatching(/^<[0-9a-f]+>$/)]);
  });

  it('spacing that differs at one place: one number there, the rest by Tc', async () => {
    const content = pageContent(await pdfOf([run(TEXT.slice(0, 20), 12, (k) => (k === 7 ? -3 : 0.5))]));
    expect(content).toMatch(/^0\.5 Tc$/m);
    expect([...content.matchAll(/> (-?[\d.]+) </g)]).toHaveLength(1);
  });

  it('a run sets only the state the run before it left otherwise', async () => {
    const content = pageContent(
      await pdfOf([run('第一行', 12, () => 0.3), { ...run('第二行', 12, () => 0.3), y: 120 }, { ...run('第三行', 12, () => 0), y: 140, color: '#ff0000' }, { ...run('第四行', 14, () => 0), y: 160, color: '#ff0000' }]),
    );
    expect([...content.matchAll(/ Tf$/gm)]).toHaveLength(2); // 12 pt, then 14 pt
    expect([...content.matchAll(/ scn$/gm)]).toHaveLength(2); // black, then red
    expect([...content.matchAll(/ Tc$/gm)].map((m) => content.slice(content.lastIndexOf('\n', m.index) + 1, m.index))).toEqual(['0.3', '0']);
    expect(content).not.toMatch(/ cm\n(?!\/)/); // no transform but pdfkit's one at the page's start
    expect([...content.matchAll(/^q$/gm)]).toHaveLength(0);
  });

  it('every glyph stands where the layout put it, within 0.001 pt (its origin written to 0.001, each glyph within 0.0005 of it), as pdf.js reads it', async () => {
    const gap = fc.oneof(fc.constant(0), fc.constant(0.30937), fc.double({ min: -3, max: 6, noNaN: true }));
    // sizes as themes give them: pt, and mm (4mm = 11.33858… pt, not a number Tf writes as it is)
    const size = fc.constantFrom(9, 10.5, 12, 16, (4 * 72) / 25.4, (2.5 * 72) / 25.4);
    const place = fc.double({ min: 20, max: 500, noNaN: true });
    await fc.assert(
      fc.asyncProperty(fc.array(gap, { minLength: 1, maxLength: 6 }), fc.integer({ min: 5, max: 40 }), size, fc.double({ min: -0.3, max: 0.3, noNaN: true }), place, place, async (gaps, length, size, slant, x, y) => {
        // gaps repeat (a justified line has few kinds), each a little off as sums of floats are
        const r = { ...run(TEXT.slice(0, length), size, (k) => gaps[k % gaps.length] + ((k * 7) % 5) * 1e-9, { slant }), x, y };
        const read = await placesRead(await pdfOf([r]));
        expect(read).toHaveLength(r.glyphs.ids.length);
        // (+ 5e-5: the reader's arithmetic, in 32-bit floats where it is (an ulp is 3e-5 at 500 pt):
        // a place written 0.00049 off came out 0.000501000000042 off)
        read.forEach((p, k) => {
          expect(Math.abs(p.x - (r.x + r.glyphs.xs[k]))).toBeLessThan(0.001 + 5e-5);
          expect(Math.abs(p.y - r.y)).toBeLessThan(0.0005 + 5e-5);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('what else a page draws leaves the text state as the runs set it; an SVG colour pdfkit does not know is black, not the colour a run left', async () => {
    const red = { ...run('红色标题', 12, () => 0), color: '#ff0000' };
    const svg: DrawOp = { kind: 'svg', x: 72, y: 200, w: 10, h: 10, scale: 1, paths: [{ d: 'M0 0 L10 0 L10 10 Z', matrix: [1, 0, 0, 1, 0, 0], fill: { color: 'blak', opacity: 1 }, fillRule: 'nonzero' }] };
    const between: DrawOp[] = [{ kind: 'rect', x: 72, y: 120, w: 100, h: 10, fill: '#00ff00' }, svg, { kind: 'image', x: 72, y: 300, w: 20, h: 20, data: makePng(8, 8) }, { kind: 'line', x1: 72, y1: 330, x2: 200, y2: 330, width: 0.5, color: '#0000ff' }];
    const pdf = await pdfOf([red, ...between, { ...red, y: 400 }], [{ ...red, y: 100 }]);
    const [first, second] = pageContents(pdf);
    // the rules, fills, image and SVG set their colours between q and Q: the second red run sets nothing
    expect([...first.matchAll(/ Tf$/gm)]).toHaveLength(1);
    expect([...first.matchAll(/^1 0 0 scn$/gm)]).toHaveLength(1);
    // the SVG's path is filled black (its unknown colour, in DeviceGray), inside its own q … Q
    const path = first.slice(first.indexOf('0 0 m'), first.indexOf('\nf\n', first.indexOf('0 0 m')));
    expect(path).toMatch(/^\/DeviceGray cs\n0 scn$/m);
    // a new page starts from the default state: font, size and colour set again
    expect(second).toMatch(/^\/F\d+ 12 Tf$/m);
    expect(second).toMatch(/^1 0 0 scn$/m);
  });
});
