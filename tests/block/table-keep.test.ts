/**
 * A short table stands whole on one page: a table of five rows under a two-row header, after
 * fillers of every length (one chapter each, so some table falls across a page end), is never
 * split (it was 2 + 3 rows, its caption and header repeated for three).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const text = (op: GlyphRunOp) => String.fromCodePoint(...op.glyphs.codePoints.flat());

/** Chapters of `n` one-line paragraphs then a table of `rows` rows under two header rows. */
function report(fillers: number[], rows: number): string {
  const chapters = fillers.map((n, c) => [
    `  - title: 第${c}章`,
    '    body:',
    ...Array.from({ length: n }, (_, i) => `      - 填充段落${c}之${i}。`),
    '      - table:',
    `          title: 表${c}`,
    '          head:',
    '            - [{text: 交流方式, rowspan: 2}, {text: 小学, colspan: 2}, {text: 合计, rowspan: 2}]',
    '            - [人数, 其中骨干]',
    '          rows:',
    ...Array.from({ length: rows }, (_, r) => `            - [行${c}之${r}, ${r + 10}, ${r}, ${r + 20}]`),
  ]);
  return ['report:', '  title: 表格', 'chapters:', ...chapters.flat(), ''].join('\n');
}

/** The pages (by index) each table's rows stand on. */
function tablePages(fillers: number[], rows: number): Map<number, Set<number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'table-keep-'));
  const input = path.join(dir, 'tables.yaml');
  writeFileSync(input, report(fillers, rows));
  const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
  const pagesOf = new Map<number, Set<number>>();
  pages.forEach((p, n) =>
    p.ops.forEach((o) => {
      const m = o.kind === 'glyphs' && text(o).match(/^行(\d+)之/);
      if (m) pagesOf.set(Number(m[1]), (pagesOf.get(Number(m[1])) ?? new Set()).add(n));
    }),
  );
  return pagesOf;
}

describe('short tables', () => {
  const fillers = Array.from({ length: 16 }, (_, i) => 22 + i);

  it('are never split across pages (≤ 5 rows)', () => {
    const pagesOf = tablePages(fillers, 5);
    expect(pagesOf.size).toBe(fillers.length);
    expect([...pagesOf].filter(([, on]) => on.size > 1).map(([c]) => `表${c}`)).toEqual([]);
  });

  it('but a longer one still breaks where it falls (12 rows)', () => {
    const pagesOf = tablePages(fillers, 12);
    expect([...pagesOf].filter(([, on]) => on.size > 1).length).toBeGreaterThan(0);
  });
});
