/** Contents entries: labels cut off at the ideographic space; titles of one style in one column. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitLabel } from '../../src/block/toc-entry.js';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('contents entries', () => {
  it('cut the label after the first ideographic space, across runs', () => {
    expect(splitLabel([{ text: '案例 4　传承', bold: false }])).toEqual({ label: [{ text: '案例 4　', bold: false }], title: [{ text: '传承', bold: false }] });
    expect(splitLabel([{ text: '前言', bold: false }])).toEqual({ label: [], title: [{ text: '前言', bold: false }] });
    expect(splitLabel([{ text: '1.1', bold: true }, { text: '　基本', bold: false }])).toEqual({
      label: [{ text: '1.1', bold: true }, { text: '　', bold: false }],
      title: [{ text: '基本', bold: false }],
    });
  });

  it('line up the titles of 图表与案例目录 whatever the label (表 1, 案例 1)', () => {
    const { pages } = layoutReport({ input: path.join(root, 'content/jingan-2025.yaml'), projectDir: root, packageDir: root, version: 'test' });
    const listing = pages.find((p) => p.ops.some((o) => o.kind === 'glyphs' && String.fromCodePoint(...o.glyphs.codePoints.flat()).startsWith('图表与案例目录')))!;
    const byLine = new Map<number, GlyphRunOp[]>();
    for (const op of listing.ops) if (op.kind === 'glyphs') byLine.set(op.y, [...(byLine.get(op.y) ?? []), op]);
    const titleStarts = [...byLine.values()]
      .filter((runs) => String.fromCodePoint(...runs[0].glyphs.codePoints.flat()).match(/^(表|案例)\s?\d/))
      .map((runs) => Math.round(runs[1].x * 100) / 100);
    expect(titleStarts.length).toBe(7);
    // one column; a title that opens with “ has the quote's blank trimmed (its ink on the column)
    const quoted = [...byLine.values()].filter((runs) => runs[1] && runs[1].glyphs.codePoints[0][0] === 0x201c).map((r) => Math.round(r[1].x * 100) / 100);
    expect(new Set(titleStarts.filter((x) => !quoted.includes(x))).size).toBe(1);
    expect(quoted.length).toBe(1);
  });
});
