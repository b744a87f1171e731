/**
 * Table layout, read from the laid-out pages of tests/block/fixtures/tables.yaml (exact glyph
 * positions, before any PDF is written): ragged cells, column widths from the content.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DrawPage, GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const input = path.join(root, 'tests/block/fixtures/tables.yaml');

let pages: DrawPage[];

beforeAll(() => {
  pages = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' }).pages;
});

/** The glyph runs drawn as table cells (TD or TH), with their page (from 1). */
function cellRuns(): (GlyphRunOp & { page: number })[] {
  return pages.flatMap((p, i) => p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs' && (o.tag?.role === 'TD' || o.tag?.role === 'TH')).map((o) => ({ ...o, page: i + 1 })));
}

const text = (op: GlyphRunOp) => String.fromCodePoint(...op.glyphs.codePoints.flat());
const isHan = (cp: number[]) => cp.length === 1 && /\p{Script=Han}/u.test(String.fromCodePoint(cp[0]));

describe('table cells', () => {
  it('are set ragged: no letter-spacing between Han characters in a cell', () => {
    const spaced: string[] = [];
    for (const op of cellRuns()) {
      const { xs, codePoints } = op.glyphs;
      for (let k = 0; k + 1 < xs.length; k++) {
        const step = xs[k + 1] - xs[k];
        if (isHan(codePoints[k]) && isHan(codePoints[k + 1]) && Math.abs(step - op.size) > 0.01) spaced.push(`${text(op)}: ${step.toFixed(2)} pt`);
      }
    }
    expect(cellRuns().length).toBeGreaterThan(0);
    expect(spaced).toEqual([]);
  });
});

/** The text of each cell (its runs joined in drawing order) and the baselines its lines stand on. */
function cells(): { text: string; lines: number; x0: number; x1: number }[] {
  const byTag = new Map<string, GlyphRunOp[]>();
  for (const op of cellRuns()) byTag.set(op.tag!.id, [...(byTag.get(op.tag!.id) ?? []), op]);
  return [...byTag.values()].map((runs) => ({
    text: runs.map(text).join(''),
    lines: new Set(runs.map((r) => r.y)).size,
    x0: Math.min(...runs.map((r) => r.x)),
    x1: Math.max(...runs.map((r) => r.x + r.glyphs.xs[r.glyphs.xs.length - 1])),
  }));
}

describe('column widths', () => {
  it('keep a short command column on one line when the table can afford it', () => {
    // (spaces are gaps, not glyphs)
    const commands = cells().filter((c) => /^np[mx]/.test(c.text));
    expect(commands.map((c) => c.text)).toEqual(['npmci--omit=dev', 'npximprintbuild', 'npximprintcheckcontent/a.yaml']);
    expect(commands.map((c) => c.lines)).toEqual([1, 1, 1]);
  });
});
