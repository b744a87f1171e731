/**
 * Table layout, read from the laid-out pages of tests/block/fixtures/tables.yaml (exact glyph
 * positions, before any PDF is written): ragged cells, column widths from the content.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DrawPage, GlyphRunOp, LineOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';
import { cellLinesOf } from '../helpers/table-cells.js';

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

/** The text of each cell (its runs joined in drawing order) and the baselines its lines stand on. */
function cells(): { text: string; lines: number; x0: number; x1: number }[] {
  const byTag = new Map<string, GlyphRunOp[]>();
  for (const op of cellRuns()) byTag.set(op.tag!.id, [...(byTag.get(op.tag!.id) ?? []), op]);
  return [...byTag.values()].map((runs) => ({
    text: runs.map(text).join(''),
    lines: new Set(runs.map((r) => r.y)).size,
    x0: Math.min(...runs.map((r) => r.x)),
    x1: Math.max(...runs.map((r) => r.x + r.glyphs.xs[r.glyphs.xs.length - 1])),
  }));
}

describe('column widths', () => {
  it('keep a short command column on one line when the table can afford it', () => {
    // (spaces are gaps, not glyphs)
    const commands = cells().filter((c) => /^np[mx]/.test(c.text));
    expect(commands.map((c) => c.text)).toEqual(['npmci--omit=dev', 'npximprintbuild', 'npximprintcheckcontent/a.yaml']);
    expect(commands.map((c) => c.lines)).toEqual([1, 1, 1]);
  });
});


/** A report of one table in `template`, its columns and rows as YAML flow sequences. */
const oneTable = (template: string, columns: string, rows: string[], more = '') =>
  `report:\n  title: 表\n  template: ${template}\nchapters:\n  - title: 一\n    body:\n      - table:\n          title: 表\n          columns: ${columns}\n          rows:\n${rows.map((r) => `            - ${r}\n`).join('')}${more}`;

describe('column widths from the content', () => {
  const facilities = (template: string) =>
    oneTable(
      template,
      '[学校, 建筑面积（m^2^）, 教学及辅助用房（m^2^）, 占比（%）, 生均建筑面积（m^2^）, 生均运动场地（m^2^）, 评估]',
      ['[静安区第一中心小学, "40 913.3", "26 861.2", "65.7", "13.88", "20.31", 达标]', '[育才中学（高中部）, "43 503.8", "24 617.9", "56.6", "34.35", "2.26", 未达标]', '[上海市回民中学, "26 147.7", "17 015.9", "65.1", "17.75", "10.89", 基本达标]'],
      '          align: [left, decimal, decimal, decimal, decimal, decimal, center]\n',
    );

  it('keep short cells and numbers whole and give the rest to the text: 基本达标 on one line, the schools on one line (official)', () => {
    const cells = cellLinesOf(facilities('official'));
    const body = cells.slice(7);
    expect(body.filter((lines) => lines.length > 1)).toEqual([]);
  });

  it('on the GB/T 9704 page (四号 cells) still keep 基本达标 and every number whole, and break a header only between words, no character alone', () => {
    const cells = cellLinesOf(facilities('gbt9704'));
    const [header, body] = [cells.slice(0, 7), cells.slice(7)];
    expect(body.filter((lines, i) => i % 7 > 0 && lines.length > 1)).toEqual([]);
    // ICU's words: 建筑|面积, 生均|建筑|面积; a line ending inside one is a break inside a word
    const insideWords = header.flat().filter((line) => /^(筑|积|均)|(建|面|生)$/.test(line));
    expect(insideWords).toEqual([]);
    expect(header.flat().filter((line) => /^\p{Script=Han}$/u.test(line))).toEqual([]);
  });

  it('keep a header word of three characters whole (教学用, never 教|学用) and a phone number on one line', () => {
    const cells = cellLinesOf(
      oneTable('official', '[学校代码, 学校名称, 类型, 教学用, 地址, 电话, 网址]', [
        '["310106000", 静安区第一中心小学, 九年一贯制, "12", 新闸路 2396 号, 021-5787 1043, "https://www.school01.jingan.edu.sh.cn/about/index.html"]',
        '["310106007", 市西初级中学, 完全中学, "8", 共和新路 737 号, 021-5131 6892, "https://www.school02.jingan.edu.sh.cn/about/index.html"]',
      ], '          size: small\n'),
    );
    expect(cells[3]).toEqual(['教学用']);
    expect(cells.filter((lines) => /^021/.test(lines[0])).map((lines) => lines.length)).toEqual([1, 1]);
  });
});

describe('a header that ends in a bracketed unit', () => {
  // ICU knows no word in 日均调用: each character is a "word", so breaking only between words
  // allowed 日均调|用（次）; the unit breaks off first, what is before it between words
  const usage = (template: string) =>
    oneTable(template, '[版本, 发布日期, 主要模型, 月活跃用户, 日均调用（次）, 满意度]', [
      '[v1.0, 2025-02-17, GPT-4o, 2 318, 14 620, 82.1%]',
      '[v1.3.2, 2025-05-20, GPT-4o / Qwen2.5-72B, 4 907, 38 455, 86.7%]',
      '[v2.0.0-beta, 2025-10-09, GPT-4o / Qwen2.5-72B / DeepSeek-R1, 6 134, 57 203, 91.3%]',
    ], '          align: [left, center, left, right, right, decimal]\n');

  it('breaks before the unit, never inside the word before it (日均调|用（次）)', () => {
    for (const template of ['official', 'gbt9704']) {
      const header = cellLinesOf(usage(template))[4];
      expect(header.length, template).toBeGreaterThan(1);
      expect(header[header.length - 1], template).toBe('（次）');
      expect(header.join(''), template).toBe('日均调用（次）');
      expect(header.filter((line) => /^用|调$/.test(line)), template).toEqual([]);
    }
  });

  it('keeps the words before the unit on one line when a column that wraps anyway can give the room (日均调用|（次）)', () => {
    expect(cellLinesOf(usage('official'))[4]).toEqual(['日均调用', '（次）']);
  });
});

describe('relative widths given', () => {
  /** The x of the vertical rules across the first body row of a one-row table with `widths`, pt. */
  const edges = (widths: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imprint-widths-'));
    const file = path.join(dir, 'w.yaml');
    writeFileSync(file, `report:\n  title: 宽度\nchapters:\n  - title: 一\n    body:\n      - table:\n          title: 表\n          columns: [甲, 乙, 丙]\n          rows: [[左, 中, 右]]\n          widths: ${widths}\n`);
    const laid = layoutReport({ input: file, projectDir: root, packageDir: root, version: 'test' }).pages;
    for (const page of laid) {
      const cell = page.ops.find((o): o is GlyphRunOp => o.kind === 'glyphs' && o.tag?.role === 'TD');
      if (!cell) continue;
      return page.ops.filter((o) => o.kind === 'line' && o.x1 === o.x2 && Math.min(o.y1, o.y2) < cell.y && cell.y < Math.max(o.y1, o.y2)).map((o) => (o.kind === 'line' ? o.x1 : 0)).sort((x, y) => x - y);
    }
    throw new Error('no table cell drawn');
  };
  const columns = (xs: number[]) => xs.slice(1).map((x, i) => x - xs[i]);

  it('share the table in their proportions, however large the numbers (their sum overflowed: columns vanished)', () => {
    const [a, b] = [columns(edges('[1, 2, 1]')), columns(edges('[5e307, 1e308, 5e307]'))];
    b.forEach((w, i) => expect(w).toBeCloseTo(a[i], 3));
    expect(a[1]).toBeCloseTo(2 * a[0], 3);
  });

  it('leave no column narrower than its padding and a character', () => {
    const widths = columns(edges('[1000000, 1, 1000000]'));
    expect(widths[1]).toBeGreaterThanOrEqual(12 + 10.5 - 1); // pad-x 6 pt each side, a character of the cell text (五号)
    expect(widths.reduce((x, y) => x + y)).toBeCloseTo(columns(edges('[1, 1, 1]')).reduce((x, y) => x + y), 3);
  });
});

describe('the caption of continuation pages', () => {
  it('is set in the style the template’s <continued> names (小五 note, not the 五号 caption)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imprint-continued-'));
    cpSync(path.join(root, 'templates/official'), path.join(dir, 'templates/official'), { recursive: true });
    const file = path.join(dir, 'templates/official/table.hbs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('<continued style="caption">', '<continued style="note">'));
    const rows = Array.from({ length: 60 }, (_, i) => `[第 ${i + 1} 行, ${i}]`).join(', ');
    writeFileSync(path.join(dir, 'r.yaml'), `report:\n  title: 续表\nchapters:\n  - title: 一\n    body:\n      - table:\n          title: 长表\n          columns: [项目, 数]\n          rows: [${rows}]\n`);
    const laid = layoutReport({ input: path.join(dir, 'r.yaml'), projectDir: dir, packageDir: root, version: 'test' }).pages;
    const sizes = (t: string) => laid.flatMap((p) => p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs' && text(o).startsWith(t)).map((o) => o.size));
    expect(sizes('表1')).toContain(10.5); // the caption: 五号 (and its contents entry)
    expect(sizes('续表1').length).toBeGreaterThan(0);
    expect(new Set(sizes('续表1'))).toEqual(new Set([9])); // the note style: 小五
  });
});

/** The runs of the cell whose glyphs read `t` (spaces left out), its first one drawn tagged. */
const runsOf = (t: string) => cellRuns().filter((op) => text(op) === t);
/** The rules on page `page` (from 1): vertical ones standing across baseline `y`, horizontal ones between `y1` and `y2`. */
const verticalsAt = (page: number, y: number) =>
  pages[page - 1].ops
    .filter((o) => o.kind === 'line' && o.x1 === o.x2 && Math.min(o.y1, o.y2) < y && y < Math.max(o.y1, o.y2))
    .map((o) => (o.kind === 'line' ? o.x1 : 0))
    .sort((a, b) => a - b);
const horizontalsBetween = (page: number, y1: number, y2: number) =>
  pages[page - 1].ops.filter((o) => o.kind === 'line' && o.y1 === o.y2 && o.y1 > y1 && o.y1 < y2).map((o) => (o.kind === 'line' ? [o.x1, o.x2] : []));

describe('merged cells', () => {
  it('centre 人数 over the two columns it spans, with no rule through it, and rule below it across those two only', () => {
    const [renshu] = runsOf('人数');
    const [y2024] = runsOf('2024年');
    expect(renshu.tag?.role).toBe('TH');
    const edges = verticalsAt(renshu.page, y2024.y);
    expect(edges.length).toBe(5);
    // beside 人数 the rule between 2024 年 and 2025 年 is not drawn
    expect(verticalsAt(renshu.page, renshu.y)).toEqual([edges[0], edges[1], edges[3], edges[4]]);
    const centre = renshu.x + (renshu.glyphs.xs[0] + renshu.glyphs.xs[1] + renshu.size) / 2;
    expect(centre).toBeCloseTo((edges[1] + edges[3]) / 2, 2);
    // one rule between the header rows: under 人数, not through 指标 or 占比
    expect(horizontalsBetween(renshu.page, renshu.y, y2024.y)).toEqual([[edges[1], edges[3]]]);
  });

  it('centre a merged body cell on the rows it spans: the group is laid out (and kept on its page) as one', () => {
    const [merged] = runsOf('合并小计（专业群）');
    const [first] = runsOf('2140');
    const [second] = runsOf('2151');
    expect([first.page, second.page]).toEqual([merged.page, merged.page]);
    expect(merged.y).toBeCloseTo((first.y + second.y) / 2, 2);
  });

  it('span a cell over two columns: its text starts in the first and no rule crosses it', () => {
    const [total] = runsOf('两年合计（跨两栏）');
    const [y2024] = runsOf('2024年');
    const edges = verticalsAt(y2024.page, y2024.y);
    expect(total.x).toBeCloseTo(edges[0] + 6, 2);
    expect(verticalsAt(total.page, total.y)).toEqual([edges[0], edges[2], edges[3], edges[4]]);
  });

  it('break a group taller than a page between lines, each cell going on line by line under the repeated header', () => {
    const long = cellRuns().filter((op) => text(op).includes('这一格的文字很长') || text(op).includes('延续到下一页'));
    const pagesOfLong = [...new Set(long.map((op) => op.page))];
    expect(pagesOfLong.length).toBeGreaterThanOrEqual(3);
    // drawn in order, none twice: the text comes back whole
    const expected = '这一格的文字很长，占去好几行，要随合并单元格一起延续到下一页。'.repeat(60);
    const cell = cellRuns().filter((op) => op.tag?.id === long[0].tag?.id);
    expect(cell.map(text).join('')).toBe(expected);
    // the merged cell beside it drawn once (it wraps into the rows it spans)
    const merged = cellRuns().filter((op) => text(op).startsWith('纵跨'));
    expect(merged.length).toBe(1);
    expect(cellRuns().filter((op) => op.tag?.id === merged[0].tag?.id).map(text).join('')).toBe('纵跨三行的项目');
    for (const page of pagesOfLong.slice(1)) {
      // the repeated header: an artifact, not a TH
      const heads = pages[page - 1].ops.filter((op): op is GlyphRunOp => op.kind === 'glyphs' && text(op) === '说明');
      expect(heads.map((op) => op.tag)).toEqual([undefined]);
      const firstLine = Math.min(...cell.filter((op) => op.page === page).map((op) => op.y));
      expect(firstLine - heads[0].y).toBeLessThan(30);
    }
  });
});

describe('decimal columns and small tables', () => {
  /** Where the decimal point of a run stands, pt: at its `.`, else where the digits end (before `%`). */
  const pointOf = (op: GlyphRunOp) => {
    const chars = op.glyphs.codePoints.map((cp) => String.fromCodePoint(cp[0]));
    const at = chars.findIndex((c) => c === '.' || c === '%');
    return op.x + (at >= 0 ? op.glyphs.xs[at] : NaN);
  };

  it('line the numbers of a decimal column up on their points, integers as if a point followed', () => {
    const shares = cellRuns().filter((op) => /^\d+(\.\d+)?%$/.test(text(op)));
    expect(shares.length).toBeGreaterThan(40);
    const points = shares.map(pointOf);
    expect(Math.max(...points) - Math.min(...points)).toBeLessThan(0.01);
  });

  it('set a size: small table in the theme\'s small size, 小五 (9 pt), its numbers lined up too', () => {
    const small = ['1.5', '12.25', '100'].map((t) => runsOf(t)[0]);
    expect(small.map((op) => op.size)).toEqual([9, 9, 9]);
    expect(runsOf('项目').filter((op) => op.size === 9).length).toBe(1);
    const points = small.map((op) => (text(op).includes('.') ? pointOf(op) : op.x + op.glyphs.xs[2] + (op.glyphs.xs[2] - op.glyphs.xs[1])));
    expect(Math.max(...points) - Math.min(...points)).toBeLessThan(0.01);
  });

  it('line up numbers with digit groups (3 860.5, 45 300) on their points too, each whole on one line', () => {
    const [grouped, integer, small] = ['3 860.5', '45 300', '1.5'].map((t) => runsOf(t));
    expect([grouped.length, integer.length]).toEqual([1, 1]);
    const xs = integer[0].glyphs.xs;
    const points = [pointOf(grouped[0]), integer[0].x + xs[xs.length - 1] + (xs[xs.length - 1] - xs[xs.length - 2]), pointOf(small[0])];
    expect(Math.max(...points) - Math.min(...points)).toBeLessThan(0.01);
  });
});

describe('cells without an alignment', () => {
  it('set numbers right, numbers with digit groups (1 250.5) too', () => {
    const ends = ['1 250.5', '250.5'].map((t) => {
      const [op] = runsOf(t);
      const xs = op.glyphs.xs;
      return op.x + xs[xs.length - 1];
    });
    expect(Math.abs(ends[0] - ends[1])).toBeLessThan(0.01);
  });
});

describe('tables on the GB/T 9704 grid', () => {
  /** The pages of a GB/T 9704 report of `before` paragraphs, one table of `rows` with a note, and a paragraph after it. */
  const noted = (before: number, rows = 1, size = '') =>
    layoutReport({ input: (() => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'imprint-grid-note-')), 'r.yaml');
      const paragraphs = Array.from({ length: before }, (_, i) => `      - 第 ${i + 1} 段正文。\n`).join('');
      const body = Array.from({ length: rows }, (_, i) => `            - [生均建筑面积 ${i + 1}, "24.85"]\n`).join('');
      writeFileSync(file, `report:\n  title: 表注\n  template: gbt9704\nchapters:\n  - title: 测试\n    body:\n${paragraphs}      - table:\n          title: 指标\n          columns: [指标, 数值]\n${size}          rows:\n${body}          note: 注：生均指标按 2025 年 6 月在校生数计算；评估依据《上海市中小学校建设标准》（DG/TJ 08-12—2020），“基本达标”指仅 1 项指标低于标准值且差距不超过 10%。\n      - 正文接在表注之后。\n`);
      return file;
    })(), projectDir: root, packageDir: root, version: 'test' }).pages;
  const runs = (laid: DrawPage[], start: string) => laid.flatMap((p, i) => p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs' && text(o).startsWith(start)).map((o) => ({ page: i, y: o.y, size: o.size })));

  it('set a table\'s note at its own leading (9 pt type 13.5 pt apart, not a 29 pt grid row), its small rows too, and the text after it back on the grid', () => {
    const laid = noted(0, 3, '          size: small\n');
    const note = laid.flatMap((p) => p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs' && o.tag?.role === 'Caption' && o.size === 9));
    const baselines = [...new Set(note.map((o) => o.y))].sort((a, b) => a - b);
    expect(baselines.length).toBe(2);
    expect(baselines[1] - baselines[0]).toBeCloseTo(13.5, 1);
    const rows = [1, 2, 3].map((i) => runs(laid, `生均建筑面积${i}`)[0].y);
    expect(rows[1] - rows[0]).toBeLessThan(29);
    // the paragraph after the table stands on a grid row, as the first paragraph does on a page of text
    const step = (297 - 37 - 35) / 22 / 25.4 * 72;
    const [after] = runs(laid, '正文接在表注之后');
    const [reference] = runs(noted(1), '第1段正文');
    const rowsOff = (after.y - reference.y) / step;
    expect(Math.abs(rowsOff - Math.round(rowsOff))).toBeLessThan(1e-3);
  });

  it('keep a table\'s note on the page of its last row, wherever the table falls', () => {
    const apart: number[] = [];
    for (let before = 10; before <= 21; before++) {
      const laid = noted(before, 3);
      const [last] = runs(laid, '生均建筑面积3');
      const [note] = runs(laid, '注：');
      if (note.page !== last.page) apart.push(before);
    }
    expect(apart).toEqual([]);
  });

  it('draw the left rule of a continued table unbroken from its header to its last row (rows at their own leading, no gaps)', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'imprint-tables-grid-')), 'tables.yaml');
    writeFileSync(file, readFileSync(input, 'utf8').replace('  date: 2026 年 1 月\n', '  date: 2026 年 1 月\n  template: gbt9704\n'));
    const grid = layoutReport({ input: file, projectDir: root, packageDir: root, version: 'test' }).pages;
    const continued = grid.filter((p) => p.ops.some((o) => o.kind === 'glyphs' && text(o) === '续表2'));
    expect(continued.length).toBeGreaterThan(0);
    for (const page of continued) {
      const verticals = page.ops.filter((o): o is LineOp => o.kind === 'line' && o.x1 === o.x2);
      const left = Math.min(...verticals.map((o) => o.x1));
      // table 2 only: down to its note when the table ends on this page
      const note = page.ops.find((o): o is GlyphRunOp => o.kind === 'glyphs' && text(o).startsWith('数据来源'));
      const segments = verticals.filter((o) => o.x1 === left && (!note || o.y2 < note.y)).sort((a, b) => a.y1 - b.y1);
      const gaps = segments.slice(1).filter((o, i) => o.y1 - segments[i].y2 > 0.01);
      expect(gaps.map((o) => o.y1.toFixed(1))).toEqual([]);
    }
  });
});
