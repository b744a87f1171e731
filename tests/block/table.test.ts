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
