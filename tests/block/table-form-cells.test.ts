/**
 * Forms (申请表, 登记表) as tables: a line break written in a cell is a forced line break (a
 * 签字 cell's `年　月　日` on a line of its own), where it folded to a space; the widths solver
 * takes such a cell's widest line, not its lines joined. A cell's `height:` (a length) leaves
 * writing room: its row at least so tall, the cell's text at its top, the row kept whole on a page.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

describe("a cell's valign: its text at the top, middle or bottom of its box", () => {
  const form = (cell: string, first = '[申请单位, 某某学校]') =>
    ['report:', '  title: 表', 'chapters:', '  - title: 一', '    body:', '      - table:', '          title: 申请表', '          columns: [项目, 内容]', '          rows:', `            - ${first}`, `            - [所在单位意见, ${cell}]`, '            - [备注, 无]', ''].join('\n');
  const SIGN = '"签字（盖章）：\\n年　月　日"';

  it('bottom sets a 签字 cell with writing room at the foot of its room', () => {
    const at = linePlacesOf(form(`{text: ${SIGN}, height: 60mm, valign: bottom}`));
    const [above, sign, date, below] = ['某某学校', '签字（盖章）：', '年月日', '无'].map((t) => at.get(t)!);
    // the date's line one row above the row below's, as the last line of any row
    expect(below.y - date.y).toBeLessThan(30);
    expect(date.y - sign.y).toBeGreaterThan(10);
    // the room is the row: from the line of the row above to the date's, its 60 mm
    expect(date.y - above.y).toBeCloseTo(60 * MM, 0);
  });

  it('middle centres it; top (the default with a height) at the top', () => {
    const middle = linePlacesOf(form(`{text: ${SIGN}, height: 60mm, valign: middle}`));
    const top = linePlacesOf(form(`{text: ${SIGN}, height: 60mm}`));
    const bottom = linePlacesOf(form(`{text: ${SIGN}, height: 60mm, valign: bottom}`));
    const y = (m: Map<string, { y: number }>, t: string) => m.get(t)!.y;
    expect(y(middle, '签字（盖章）：') - y(top, '签字（盖章）：')).toBeCloseTo((y(bottom, '签字（盖章）：') - y(top, '签字（盖章）：')) / 2, 1);
    expect(y(bottom, '签字（盖章）：') - y(top, '签字（盖章）：')).toBeGreaterThan(100);
    // the label beside it centred on the row, whatever the cell's valign
    expect(y(top, '所在单位意见')).toBeCloseTo(y(bottom, '所在单位意见'), 3);
  });

  it('top sets a label at the top of a row a neighbour makes tall (centred by default)', () => {
    const long = '本人自愿申请参加本年度骨干教师培训，'.repeat(6);
    const centred = linePlacesOf(form(long));
    const topped = linePlacesOf(form(long).replace('[所在单位意见,', '[{text: 所在单位意见, valign: top},'));
    const first = long.slice(0, 4);
    const line = (m: Map<string, { y: number }>) => [...m.entries()].find(([t]) => t.startsWith(first))![1].y;
    expect(topped.get('所在单位意见')!.y).toBeCloseTo(line(topped), 3);
    expect(centred.get('所在单位意见')!.y).toBeGreaterThan(line(centred) + 5);
  });
});

/** Every line of a table's body cells by its text (runs on one baseline joined, spaces left out: `年月日`): its left x and baseline y, pt, and page from 0. */
function linePlacesOf(yaml: string): Map<string, { x: number; y: number; page: number }> {
  const input = path.join(mkdtempSync(path.join(tmpdir(), 'form-lines-')), 'r.yaml');
  writeFileSync(input, yaml);
  const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
  const lines = new Map<string, { text: string; x: number; y: number; page: number }>();
  pages.forEach((p, page) => {
    for (const op of p.ops) {
      if (op.kind !== 'glyphs' || op.tag?.role !== 'TD') continue;
      const key = `${op.tag.id}@${page}@${op.y.toFixed(2)}`;
      const seen = lines.get(key) ?? { text: '', x: op.x, y: op.y, page };
      lines.set(key, { ...seen, x: Math.min(seen.x, op.x), text: seen.text + String.fromCodePoint(...op.glyphs.codePoints.flat()) });
    }
  });
  return new Map([...lines.values()].map((l) => [l.text.replace(/\s/g, ''), l]));
}

describe('a table without a header row (a 登记表: its first column the labels)', () => {
  const register = (rows: number, title = '          title: 教师登记表') =>
    [
      'report:',
      '  title: 表',
      'chapters:',
      '  - title: 一',
      '    body:',
      '      - table:',
      ...(title ? [title] : []),
      '          rows:',
      ...Array.from({ length: rows }, (_, i) => `            - [项目${i + 1}, 内容${i + 1}, 备注${i + 1}, 说明${i + 1}]`),
      '',
    ].join('\n');
  /** Each page's texts (spaces left out), the y of its first cell's line and of the nearest horizontal rule above it (a running head's, when the table has none), pt. */
  const pagesOf = (yaml: string) => {
    const input = path.join(mkdtempSync(path.join(tmpdir(), 'form-register-')), 'r.yaml');
    writeFileSync(input, yaml);
    return layoutReport({ input, projectDir: root, packageDir: root, version: 'test' }).pages.map((p) => {
      const cells = p.ops.flatMap((op) => (op.kind === 'glyphs' && op.tag?.role === 'TD' ? [op.y] : []));
      const rules = p.ops.flatMap((op) => (op.kind === 'line' && op.y1 === op.y2 ? [op.y1] : []));
      const text = p.ops.flatMap((op) => (op.kind === 'glyphs' ? [String.fromCodePoint(...op.glyphs.codePoints.flat())] : [])).join('').replace(/\s/g, '');
      const firstCell = Math.min(...cells);
      return { text, firstCell, topRule: Math.max(-Infinity, ...rules.filter((y) => y < firstCell)) };
    });
  };

  it('is set with its rows alone, ruled above its first row on every page, 续表 over the rows a page goes on with', () => {
    const pages = pagesOf(register(60)).filter((p) => p.text.includes('项目'));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0].text).toMatch(/^.*表1教师登记表项目1内容1备注1说明1项目2/);
    pages.forEach((p, k) => {
      expect(p.topRule, `page ${k + 1}`).toBeLessThan(p.firstCell - 5);
      expect(p.firstCell - p.topRule, `page ${k + 1}`).toBeLessThan(20);
    });
    expect(pages[1].text).toMatch(/续表1项目\d+内容/);
  });

  it('untitled, has no caption, no 续表 and no number', () => {
    const pages = pagesOf(register(60, '')).filter((p) => p.text.includes('项目'));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, k) => {
      expect(p.text).not.toMatch(/表1|续表/);
      expect(p.firstCell - p.topRule, `page ${k + 1}`).toBeLessThan(20);
    });
  });
});

describe('the column widths see a cell of written lines as tall as its lines', () => {
  it('let a long text beside it wrap into its height, the room going to a row it shortens', () => {
    // the 签字 cell's five lines make its row five lines tall: the 说明 beside it wraps within them
    // at no cost, and the room it gives saves a line of 备注 in the next row (the widths once saw
    // that row as one line tall, its tallest line, and kept 说明 wide)
    const x = '本项目由区教育局统一组织，各校按照名额分配情况推荐人选，经审核后报送。';
    const y = '参训教师须全程参加集中研修与跟岗实践，考核合格者颁发结业证书并计入学分。';
    const lines = cellLinesOf(oneTable('official', ['title: 表', 'columns: [意见, 说明, 备注]', 'rows:', `  - ["签字\\n一\\n二\\n三\\n年月日", "${x}", 无]`, `  - [无, 无, "${y}"]`]));
    const byText = (t: string) => lines.find((l) => l.join('').replace(/\s/g, '') === t)!;
    expect(byText(x).length).toBeGreaterThan(1);
    expect(byText(x).length).toBeLessThanOrEqual(5);
    expect(byText(y).length).toBe(2);
  });
});

describe('written lines in a decimal column', () => {
  it('do not move its numbers: a cell of lines is set centred, the others lined up as without it', () => {
    const table = (cell: string) => ['report:', '  title: 表', 'chapters:', '  - title: 一', '    body:', '      - table:', '          title: 预算', '          columns: [科目名称, 预算执行数（万元）]', '          align: [left, decimal]', '          rows:', '            - [一般公共服务, 12.5]', `            - [教育, ${cell}]`, '            - [科学技术, 3.75]', ''].join('\n');
    const plain = linePlacesOf(table('10.5'));
    const noted = linePlacesOf(table('"10.5\\n（预计）"'));
    for (const n of ['12.5', '3.75']) expect(noted.get(n)!.x, n).toBeCloseTo(plain.get(n)!.x, 3);
    // (centred, the cell's number stands within a few points of where the column's point would put it)
    expect(Math.abs(noted.get('10.5')!.x - plain.get('10.5')!.x)).toBeLessThan(5);
    expect(noted.get('（预计）')!.y).toBeGreaterThan(noted.get('10.5')!.y);
  });
});

describe('a merged cell of written lines parted by a page break', () => {
  it('shows each of its lines once, those that fit its rows on the first page, the rest on the next', () => {
    const written = ['浦东新区', '（含临港）', '第一片区', '第二片区', '第三片区', '第四片区', '第五片区', '第六片区'];
    const rows = Array.from({ length: 30 }, (_, i) => `            - [${i === 0 ? `{text: "${written.join('\\n')}", rowspan: 30}, ` : ''}学校${i}, ${i}]`);
    const yaml = ['report:', '  title: 表', 'chapters:', '  - title: 一', '    body:', ...Array.from({ length: 12 }, (_, i) => `      - 第${i}段，${'这是表前用来占位的正文文字，说明有关情况。'.repeat(3)}`), '      - table:', '          title: 分区', '          columns: [区, 学校, 数]', '          rows:', ...rows, ''].join('\n');
    const lines = [...linePlacesOf(yaml).entries()].filter(([t]) => written.includes(t));
    expect(lines.map(([t]) => t).sort()).toEqual([...written].sort());
    const pages = new Set(lines.map(([, l]) => l.page));
    // (a guard: passed at once) parted over two pages, in order
    expect(pages.size).toBe(2);
    const order = lines.sort(([, a], [, b]) => a.page - b.page || a.y - b.y).map(([t]) => t);
    expect(order).toEqual(written);
  });
});

describe("a table.hbs of the user's own", () => {
  it("is told in README to write on each <td> what Imprint's official table.hbs writes, valign and height included", () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const told = /passes on a cell map's keys only[\s\S]*?`(<td [\s\S]*?>)`/.exec(readme)![1].replace(/\s+/g, ' ');
    expect(told).toMatch(/valign="\{\{valign\}\}" height="\{\{height\}\}" height-at="\{\{heightAt\}\}"/);
    const official = readFileSync(path.join(root, 'templates/official/table.hbs'), 'utf8');
    expect(official.split(told).length - 1).toBe(2);
  });
});
