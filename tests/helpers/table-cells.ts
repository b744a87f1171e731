/** The lines of a report's table cells as laid out, for tests of how cells break. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const text = (op: GlyphRunOp) => String.fromCodePoint(...op.glyphs.codePoints.flat());

/** The lines of each table cell (its runs on one baseline joined, spaces left out) of a report laid out from `yaml`, by cell in drawing order. */
export function cellLinesOf(yaml: string): string[][] {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'imprint-cells-')), 'r.yaml');
  writeFileSync(file, yaml);
  const laid = layoutReport({ input: file, projectDir: root, packageDir: root, version: 'test' }).pages;
  const byTag = new Map<string, Map<number, string>>();
  for (const op of laid.flatMap((p) => p.ops)) {
    if (op.kind !== 'glyphs' || (op.tag?.role !== 'TD' && op.tag?.role !== 'TH')) continue;
    const lines = byTag.get(op.tag.id) ?? new Map<number, string>();
    byTag.set(op.tag.id, lines.set(op.y, (lines.get(op.y) ?? '') + text(op)));
  }
  return [...byTag.values()].map((lines) => [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t));
}

/** A report of one chapter holding one table (`table`: the table's YAML lines, its keys), in `template`. */
export function oneTable(template: string, table: string[]): string {
  return ['report:', '  title: 表', `  template: ${template}`, 'chapters:', '  - title: 一', '    body:', '      - table:', ...table.map((l) => `          ${l}`), ''].join('\n');
}
