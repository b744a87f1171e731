/**
 * A table's `widths:` are kept as given, but when they break a cell that the widths Imprint
 * finds would keep whole (an identifier at its marks, `data.|records[].createdAt`; a word cut,
 * `dateti|me`; a number from its unit, `12.5|万元`) while another column has room to give, a
 * warning at the `widths:` key names those cells, what each needs, and widths that keep them
 * whole; widths that keep them so, or a table without the room, are not warned of.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutReport } from '../../src/pipeline.js';
import { formatProblem } from '../../src/problems.js';
import { cellLinesOf, oneTable } from '../helpers/table-cells.js';

const root = path.resolve(import.meta.dirname, '../..');

/** An API's fields: identifiers, types, whether required, notes; `widths` as given. */
const fields = (widths: string) => [
  'title: 返回字段',
  'columns: [字段, 类型, 必填, 说明]',
  `widths: ${widths}`,
  'rows:',
  '  - ["data.records[].tenantId", string, 是, 租户标识，与登录账号所属租户一致。]',
  '  - ["data.records[].createdAt", datetime, 否, 记录创建时间，北京时间。]',
  '  - ["data.total", integer, 是, 符合条件的记录总数。]',
  '  - [单价, 12.5 万元, 是, 按合同约定。]',
];

/** The warnings of a report laid out from `yaml`, as printed. */
function warningsOf(yaml: string): string[] {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'imprint-given-widths-')), 'r.yaml');
  writeFileSync(file, yaml);
  return layoutReport({ input: file, projectDir: root, packageDir: root, version: 'test' }).warnings.map((w) => formatProblem({ ...w, pos: { ...w.pos, file: 'r.yaml' } }));
}

/** The cells of the table set on more than one line, their lines joined by `|`, but the notes (which wrap). */
const brokenCells = (yaml: string) => cellLinesOf(yaml).filter((lines) => lines.length > 1 && !/[，。]/.test(lines.join(''))).map((lines) => lines.join('|'));

describe('given widths that break cells the table could keep whole', () => {
  it('a warning at `widths:` naming each cell, its width and what keeps it whole, and widths that keep them all so', () => {
    const yaml = oneTable('official', fields('[3, 1.2, 0.8, 5]'));
    expect(brokenCells(yaml)).toEqual(['data.records[].|createdAt', 'dateti|me', '12.5|万元']);
    const warnings = warningsOf(yaml);
    expect(warnings).toHaveLength(1);
    const [warning] = warnings;
    expect(warning).toMatch(/^r\.yaml:10:11: warning: `widths:` breaks cells the table has room to keep whole: /);
    expect(warning).toMatch(/"data\.records\[\]\.createdAt" \(row 2, column 1: given [\d.]+pt, it needs [\d.]+pt\)/);
    expect(warning).toMatch(/"datetime" \(row 2, column 2: given [\d.]+pt, it needs [\d.]+pt\)/);
    expect(warning).toMatch(/"12\.5 万元" \(row 4, column 2: given [\d.]+pt, it needs [\d.]+pt\)/);
    // the widths it names keep every cell but the notes' on one line, and are not warned of
    const better = /`widths: (\[[\d., ]+\])` keeps them whole$/.exec(warning)?.[1];
    expect(better).toBeDefined();
    const mended = oneTable('official', fields(better!));
    expect(brokenCells(mended)).toEqual([]);
    expect(warningsOf(mended)).toEqual([]);
  });

  it('no warning for widths that keep those cells whole', () => {
    const yaml = oneTable('official', fields('[4, 1.6, 0.8, 4]'));
    expect(brokenCells(yaml)).toEqual([]);
    expect(warningsOf(yaml)).toEqual([]);
  });

  it('no warning for a cell that no widths keep whole (an identifier wider than the table: the widths Imprint finds break it too)', () => {
    const yaml = oneTable('official', [
      'title: 字段',
      'columns: [甲, 乙]',
      'widths: [1, 1]',
      'rows:',
      '  - ["data.records[].enrollment.totalStudentsByGradeAndSchoolYear.districtSummaryWithBoardingStudentsIncluded", 是]',
    ]);
    expect(brokenCells(yaml)).toHaveLength(1);
    expect(warningsOf(yaml)).toEqual([]);
  });
});
