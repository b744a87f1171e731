/**
 * Contents leaders: one dot for every level, the dots of every entry ending at one x; drawn as
 * artifacts (filler, not words of the entry: PDF/UA), the entry's words and page number in its link.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const text = (op: GlyphRunOp) => String.fromCodePoint(...op.glyphs.codePoints.flat());

/** The contents page of the sample, laid out: its glyph runs. */
function contentsRuns(): GlyphRunOp[] {
  const { pages } = layoutReport({ input: path.join(root, 'content/jingan-2025.yaml'), projectDir: root, packageDir: root, version: 'test' });
  const contents = pages.find((p) => p.ops.some((o) => o.kind === 'glyphs' && text(o).startsWith('目')))!;
  return contents.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs');
}

describe('contents leaders', () => {
  it('use one dot (font and size) for chapters and sections, and end at one x', () => {
    const runs = contentsRuns();
    const dots = runs.filter((o) => text(o) === '·');
    const lines = new Set(dots.map((d) => d.y));
    // chapter entries (黑体) and section entries (宋体) both there
    const entryFonts = new Set(runs.filter((o) => lines.has(o.y) && text(o) !== '·').map((o) => o.font));
    expect(entryFonts.size).toBeGreaterThan(1);
    expect(lines.size).toBeGreaterThan(10);
    expect(new Set(dots.map((d) => `${d.font}@${d.size}`)).size).toBe(1);
    const lastDot = new Map<number, number>();
    for (const d of dots) lastDot.set(d.y, Math.max(lastDot.get(d.y) ?? 0, d.x));
    expect(new Set([...lastDot.values()].map((x) => x.toFixed(2))).size).toBe(1);
  });

  it('are artifacts: the dots carry no structure tag, the words and the page number of every entry their link', () => {
    const runs = contentsRuns();
    const dots = runs.filter((o) => text(o) === '·');
    expect(dots.length).toBeGreaterThan(100);
    expect(dots.filter((d) => d.tag)).toEqual([]);
    const lines = new Set(dots.map((d) => d.y));
    const words = runs.filter((o) => lines.has(o.y) && text(o) !== '·');
    expect(words.map((w) => w.tag?.role)).toEqual(words.map(() => 'Link'));
  });
});
