/**
 * Forms (申请表, 登记表) as tables: a line break written in a cell is a forced line break (a
 * 签字 cell's `年　月　日` on a line of its own), where it folded to a space; the widths solver
 * takes such a cell's widest line, not its lines joined. A cell's `height:` (a length) leaves
 * writing room: its row at least so tall, the cell's text at its top, the row kept whole on a page.
 */
import { spawnSync } from 'node:child_process';
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
    const x = cellPlacesOf(oneTable('official', ['title: 申请表', 'columns: [项目, 内容]', 'rows:', `  - [${label}, "${Array(12).fill(date).join('\\n')}"]`]));
    const [labelX, dateX] = [x.get(label)!.x, x.get(date)!.x];
    // the label's column takes most of the type area (its share of the natural widths)
    expect(dateX - labelX).toBeGreaterThan(300);
  });
});

/** 1 mm in pt. */
const MM = 72 / 25.4;

describe('a cell with a height (writing room)', () => {
  const form = (height: string, before = 0) =>
    [
      'report:',
      '  title: 表',
      'chapters:',
      '  - title: 一',
      '    body:',
      ...Array.from({ length: before }, (_, i) => `      - 第${i}段，${'这是表前用来占位的正文文字，说明有关情况。'.repeat(3)}`),
      '      - table:',
      '          title: 申请表',
      '          columns: [项目, 内容]',
      '          rows:',
      '            - [申请单位, 某某学校]',
      `            - [申请理由, {text: "签字：\\n一\\n二\\n三\\n四\\n五", height: ${height}}]`,
      '            - [备注, 无]',
      '',
    ].join('\n');

  it('makes its row at least that tall, its text at the top, the other cells centred', () => {
    const at = cellPlacesOf(form('80mm'));
    const [above, room, label, below] = ['某某学校', '签字：', '申请理由', '无'].map((t) => at.get(t)!);
    expect(below.y - room.y).toBeCloseTo(80 * MM, 1);
    // at the top: one row below the cell above, as any row
    const rowStep = room.y - above.y;
    expect(rowStep).toBeLessThan(30);
    // the label beside it centred on the row
    expect(label.y - room.y).toBeCloseTo((80 * MM - rowStep) / 2, 0);
  });

  it('keeps its row whole on one page wherever the page breaks', () => {
    const pagesSeen = new Set<number>();
    for (let before = 8; before <= 16; before++) {
      const room = cellPlacesOf(form('60mm', before)).get('签字：')!;
      expect(room.pages.size, `${before} paragraphs before it`).toBe(1);
      pagesSeen.add(room.page);
    }
    // (the paragraphs before it moved it over a page break)
    expect(pagesSeen.size).toBe(2);
  });

  it('is an error at the key when it is no length, or taller than a page', () => {
    const noUnit = build(form('30'));
    expect(noUnit.status).toBe(1);
    expect(noUnit.stderr).toMatch(/^r\.yaml:11:\d+: .*height.*30mm/m);
    const tall = build(form('300mm'));
    expect(tall.status).toBe(1);
    expect(tall.stderr).toMatch(/^r\.yaml:11:\d+: .*300mm.*page/m);
    expect(tall.stderr).not.toMatch(/\n\s+at /);
  });
});

/** Each table body cell by its first line's text: where that line starts (x, its baseline y, pt, and its page from 0), and the pages its lines stand on. */
function cellPlacesOf(yaml: string): Map<string, { x: number; y: number; page: number; pages: Set<number> }> {
  const input = path.join(mkdtempSync(path.join(tmpdir(), 'form-cells-')), 'r.yaml');
  writeFileSync(input, yaml);
  const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
  const byTag = new Map<string, { text: string; x: number; y: number; page: number; pages: Set<number> }>();
  pages.forEach((p, page) => {
    for (const op of p.ops) {
      if (op.kind !== 'glyphs' || op.tag?.role !== 'TD') continue;
      const text = String.fromCodePoint(...op.glyphs.codePoints.flat());
      const seen = byTag.get(op.tag.id);
      if (!seen) byTag.set(op.tag.id, { text, x: op.x, y: op.y, page, pages: new Set([page]) });
      else {
        seen.pages.add(page);
        if (seen.page === page && Math.abs(op.y - seen.y) < 0.01) Object.assign(seen, { text: seen.text + text, x: Math.min(seen.x, op.x) });
      }
    }
  });
  return new Map([...byTag.values()].map((c) => [c.text, c]));
}

/** `imprint build` of `yaml`: its exit status and what it printed on stderr, the file called r.yaml. */
function build(yaml: string): { status: number | null; stderr: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'form-build-'));
  writeFileSync(path.join(dir, 'r.yaml'), yaml);
  return spawnSync(process.execPath, [path.join(root, 'dist/bin.cjs'), 'build', 'r.yaml', '-o', 'r.pdf'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
}

describe('a table without a title (a form in an appendix its title names)', () => {
  const report = (ref: string) =>
    [
      'report:',
      '  title: 表',
      'chapters:',
      '  - title: 一',
      '    body:',
      `      - 见${ref}。`,
      '      - table:',
      '          id: form',
      '          columns: [项目, 内容]',
      '          rows:',
      '            - [申请人, 张三]',
      '      - table:',
      '          id: t',
      '          title: 师资',
      '          columns: [指标, 人数]',
      '          rows:',
      '            - [教师, 12]',
      '',
    ].join('\n');

  it('is set without caption, unnumbered and not in the list of tables (表格目录): the next table is 表 1', () => {
    const input = path.join(mkdtempSync(path.join(tmpdir(), 'form-untitled-')), 'r.yaml');
    writeFileSync(input, report('[[t]]、[[form#page]]'));
    const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
    const texts = pages.map((p) => p.ops.flatMap((op) => (op.kind === 'glyphs' ? [String.fromCodePoint(...op.glyphs.codePoints.flat())] : [])).join('').replace(/\s/g, ''));
    const all = texts.join('|');
    // ([[id#page]] to it prints its page)
    expect(all).toMatch(/见表1、\D*1\D*。/);
    expect(all).toContain('申请人张三');
    expect(all).not.toMatch(/表2/);
    // the listing holds the titled table alone
    const listing = texts.find((t) => t.startsWith('表格目录'))!;
    expect(listing.replace(/[·.…]/g, '')).toMatch(/^表格目录表1师资\d+—/);
  });

  it('is an error where [[id]] names it: it has no number', () => {
    const r = build(report('[[form]]'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^r\.yaml:6:\d+: .*\[\[form\]\].*no number/m);
  });
});
