/**
 * Forms (申请表, 登记表) as tables: a line break written in a cell is a forced line break (a
 * 签字 cell's `年　月　日` on a line of its own), where it folded to a space; the widths solver
 * takes such a cell's widest line, not its lines joined.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutReport } from '../../src/pipeline.js';
import { cellLinesOf, oneTable } from '../helpers/table-cells.js';

const root = path.resolve(import.meta.dirname, '../..');
const FORM = (cell: string) => ['title: 申请表', 'columns: [项目, 内容]', 'rows:', '  - [申请单位意见, ' + cell + ']', '  - [备注, 无]'];

describe('a line break written in a table cell', () => {
  it('starts a new line, in a double-quoted cell and in a literal block', () => {
    for (const template of ['official', 'gbt9704']) {
      const quoted = cellLinesOf(oneTable(template, FORM('"同意。\\n签字（盖章）：\\n年　月　日"')));
      expect(quoted[3], template).toEqual(['同意。', '签字（盖章）：', '年　月　日']);
      const literal = cellLinesOf(oneTable(template, ['title: 申请表', 'columns: [项目, 内容]', 'rows:', '  - - 申请单位意见', '    - |', '      同意。', '      签字（盖章）：', '      年　月　日', '  - [备注, 无]']));
      expect(literal[3], template).toEqual(['同意。', '签字（盖章）：', '年　月　日']);
    }
  });

  it('at the cell end, or as a blank line, adds no empty line', () => {
    const lines = cellLinesOf(oneTable('official', FORM('"同意。\\n\\n年　月　日\\n"')));
    expect(lines[3]).toEqual(['同意。', '年　月　日']);
  });

  it('makes the column as wide as the widest line, not the lines joined', () => {
    // joined, the dates would ask for most of the measure; their widest line is a fifth of the label
    const label = '申请单位名称及详细通讯地址（含邮政编码）';
    const date = '年　月　日';
    const x = cellStartsOf(oneTable('official', ['title: 申请表', 'columns: [项目, 内容]', 'rows:', `  - [${label}, "${Array(12).fill(date).join('\\n')}"]`]));
    const [labelX, dateX] = [x.get(label)!, x.get(date)!];
    // the label's column takes most of the type area (its share of the natural widths)
    expect(dateX - labelX).toBeGreaterThan(300);
  });
});

/** Where each table body cell's text starts (the least x of its glyphs), pt, by its first line's text. */
function cellStartsOf(yaml: string): Map<string, number> {
  const input = path.join(mkdtempSync(path.join(tmpdir(), 'form-cells-')), 'r.yaml');
  writeFileSync(input, yaml);
  const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
  const byTag = new Map<string, { text: string; x: number; y: number }>();
  for (const op of pages.flatMap((p) => p.ops)) {
    if (op.kind !== 'glyphs' || op.tag?.role !== 'TD') continue;
    const text = String.fromCodePoint(...op.glyphs.codePoints.flat());
    const seen = byTag.get(op.tag.id);
    if (!seen || op.y < seen.y - 0.01) byTag.set(op.tag.id, { text, x: op.x, y: op.y });
    else if (Math.abs(op.y - seen.y) < 0.01) byTag.set(op.tag.id, { text: seen.text + text, x: Math.min(seen.x, op.x), y: seen.y });
  }
  return new Map([...byTag.values()].map((c) => [c.text, c.x]));
}
