/**
 * A column's alignment is decided for the column as a whole: numbers right only when all its
 * body cells are numbers, dashes or empty; a version number (`24.0.5`) is no number.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const text = (op: GlyphRunOp) => String.fromCodePoint(...op.glyphs.codePoints.flat());

/** The left edge, pt, of each glyph run of the report whose text is one of `texts`. */
function leftEdges(rows: string[], texts: string[]): Map<string, number> {
  const yaml = ['report:', '  title: 表', 'chapters:', '  - title: 一', '    body:', '      - table:', '          title: 版本', '          columns: [组件, 版本, 数量]', '          rows:', ...rows.map((r) => `            - ${r}`), ''].join('\n');
  const input = path.join(mkdtempSync(path.join(tmpdir(), 'table-numbers-')), 'r.yaml');
  writeFileSync(input, yaml);
  const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
  const out = new Map<string, number>();
  for (const p of pages) for (const o of p.ops) if (o.kind === 'glyphs' && texts.includes(text(o))) out.set(text(o), o.x);
  return out;
}

describe('a column of numbers and text', () => {
  it('sets a column of version numbers left as a whole (v3.2.1, 24.0.5, 2.8.0-rc.3 start in one place)', () => {
    const edges = leftEdges(['[编译器, v3.2.1, 12]', '[运行时, 24.0.5, 3]', '[插件, 2.8.0-rc.3, —]'], ['v3.2.1', '24.0.5', '2.8.0-rc.3']);
    expect(edges.size).toBe(3);
    expect(new Set(edges.values()).size).toBe(1);
  });
  it('sets a column of numbers and dashes right (12 and 3 end in one place)', () => {
    const edges = leftEdges(['[编译器, v3.2.1, 12]', '[运行时, 24.0.5, 3]', '[插件, 2.8.0-rc.3, —]'], ['12', '3']);
    expect(edges.get('3')!).toBeGreaterThan(edges.get('12')!);
  });
  it('sets a column of numbers with a word among them left as a whole (12, 3 and 不适用 start in one place)', () => {
    const edges = leftEdges(['[编译器, v3.2.1, 12]', '[运行时, v24.0.5, 3]', '[插件, v2.8.0, 不适用]'], ['12', '3', '不适用']);
    expect(edges.size).toBe(3);
    expect(new Set(edges.values()).size).toBe(1);
  });
});
