/**
 * Short boxes stand whole on one page: a case box of four lines, after fillers of every length
 * (one chapter each, so some box falls across a page end), never splits.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const text = (op: GlyphRunOp) => String.fromCodePoint(...op.glyphs.codePoints.flat());

/** Chapters of `n` one-line paragraphs then a case box: a title and three one-line paragraphs. */
function report(fillers: number[]): string {
  const chapters = fillers.map((n, c) => [
    `  - title: 第${c}章`,
    '    body:',
    ...Array.from({ length: n }, (_, i) => `      - 填充段落${c}之${i}。`),
    '      - case:',
    `          title: 盒${c}标题`,
    '          body:',
    ...[0, 1, 2].map((k) => `            - 盒${c}第${k}行。`),
  ]);
  return ['report:', '  title: 盒子', 'chapters:', ...chapters.flat(), ''].join('\n');
}

describe('short boxes', () => {
  it('are never split across pages (≤ 5 lines inside the padding)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'box-keep-'));
    const input = path.join(dir, 'boxes.yaml');
    const fillers = Array.from({ length: 12 }, (_, i) => 20 + i);
    writeFileSync(input, report(fillers));
    const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
    const pagesOf = new Map<number, Set<number>>();
    pages.forEach((p, n) =>
      p.ops.forEach((o) => {
        const m = o.kind === 'glyphs' && text(o).match(/^盒(\d+)第/);
        if (m) pagesOf.set(Number(m[1]), (pagesOf.get(Number(m[1])) ?? new Set()).add(n));
      }),
    );
    expect(pagesOf.size).toBe(fillers.length);
    const split = [...pagesOf].filter(([, on]) => on.size > 1).map(([c]) => `盒${c}`);
    expect(split).toEqual([]);
  });
});
