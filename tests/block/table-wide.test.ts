/**
 * A table whose numbers do not fit whole with the theme's cell padding is set with narrower
 * padding, every number on one line; one too wide even so is warned of (what is broken).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const text = (op: GlyphRunOp) => String.fromCodePoint(...op.glyphs.codePoints.flat());

/** A small table of `columns` columns, four rows of five-digit numbers. */
function build(columns: number) {
  const names = Array.from({ length: columns }, (_, i) => `c${i}`);
  const rows = Array.from({ length: 4 }, (_, r) => `            - [${names.map((_, c) => 10000 + r * 7919 + c * 104729).map((n) => n % 90000 + 10000).join(', ')}]`);
  const yaml = ['report:', '  title: 表', 'chapters:', '  - title: 一', '    body:', '      - table:', '          title: 五位数', '          size: small', `          columns: [${names.join(', ')}]`, '          rows:', ...rows, ''].join('\n');
  const input = path.join(mkdtempSync(path.join(tmpdir(), 'table-wide-')), 'r.yaml');
  writeFileSync(input, yaml);
  return layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
}

describe('a table of many columns of numbers', () => {
  it('narrows its padding before it breaks a number: twelve columns of five digits, each number on one line', () => {
    const { pages, warnings } = build(12);
    const numbers = pages.flatMap((p) => p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs' && o.size < 10 && /^\d+$/.test(text(o))));
    expect(numbers.length).toBe(48);
    expect(numbers.every((o) => text(o).length === 5)).toBe(true);
    expect(warnings).toEqual([]);
  });
  it('too wide even so is warned of at the table', () => {
    const { warnings } = build(30);
    expect(warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^the table is too wide for the type area \(30 columns\): some of its numbers are broken across lines$/));
  });
});
