/**
 * A table whose numbers do not fit whole with the theme's cell padding is set with narrower
 * padding, every number on one line; one too wide even so is warned of (what is broken).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlyphRunOp, LineOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';
import { formatProblem, InputError } from '../../src/problems.js';

const root = path.resolve(import.meta.dirname, '../..');
const text = (op: GlyphRunOp) => String.fromCodePoint(...op.glyphs.codePoints.flat());

/** A small table of `columns` columns, four rows of five-digit numbers (after a column of school names, when `named`). */
function build(columns: number, named = false) {
  const names = Array.from({ length: columns }, (_, i) => `c${i}`);
  const number = (r: number, c: number) => ((10000 + r * 7919 + c * 104729) % 90000) + 10000;
  const rows = Array.from({ length: 4 }, (_, r) => `            - [${named ? '静安区第一中心小学, ' : ''}${names.map((_, c) => number(r, c)).join(', ')}]`);
  const yaml = ['report:', '  title: 表', 'chapters:', '  - title: 一', '    body:', '      - table:', '          title: 五位数', '          size: small', `          columns: [${named ? '学校名称, ' : ''}${names.join(', ')}]`, '          rows:', ...rows, ''].join('\n');
  return buildYaml(yaml);
}

function buildYaml(yaml: string) {
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
  it('gives the room its narrower padding leaves to a column of text beside ten of numbers (not one character a line)', () => {
    const number = (r: number, c: number) => (((r + 1) * 104729 + c * 7919) % 900000) + 100000;
    const rows = Array.from({ length: 4 }, (_, r) => `            - [静安区第一中心小学, ${Array.from({ length: 10 }, (_, c) => `"${number(r, c).toLocaleString('en')}"`).join(', ')}]`);
    const yaml = ['report:', '  title: 表', 'chapters:', '  - title: 一', '    body:', '      - table:', '          title: 数据', '          size: small', `          columns: [学校名称, ${Array.from({ length: 10 }, (_, c) => `指标${c + 1}`).join(', ')}]`, '          rows:', ...rows, ''].join('\n');
    const { pages } = buildYaml(yaml);
    const lines = pages.flatMap((p) => p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs' && o.size < 10 && /^[静安区第一中心小学]+$/.test(text(o))).map(text));
    expect(lines.join('')).toBe('静安区第一中心小学'.repeat(4));
    // two lines a name (one character a line, nine, when the padding took all the room there was)
    expect(lines.length).toBeLessThanOrEqual(8);
    const numbers = pages.flatMap((p) => p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs' && o.size < 10 && /^[\d,]+$/.test(text(o))));
    expect(numbers.every((o) => text(o).length === 7)).toBe(true);
  });
  it('takes a list of numbers parted by 、 for text, not one number: no warning, broken at its marks', () => {
    const phones = Array.from({ length: 7 }, (_, i) => `021-5787104${i}`).join('、');
    const { warnings } = buildYaml(['report:', '  title: 表', 'chapters:', '  - title: 一', '    body:', '      - table:', '          title: 电话', '          columns: [学校, 电话, 说明]', '          rows:', `            - [静安区第一中心小学, "${phones}", 学校的主要联系电话与传真号码]`, ''].join('\n'));
    expect(warnings).toEqual([]);
  });
  it('takes two numbers parted by " / " for text, not one number: each whole beside numbers lined up on their points (GB/T, eight columns)', () => {
    // `≥2,000 / ≥2,500` (a primary school's standard / a middle school's) was one number no
    // break may split, wider than its column could be: the whole table fell back to equal
    // shares, `≥2,0|00 / ≥|2,500`, and a warning
    const rows = ['[每百名学生拥有高于规定学历教师数（人）, "≥4.2 / ≥5.3", 6.84, 0.312, 27/27, 7.92, 0.287, 17/17]', '[生均教学仪器设备值（元）, "≥2,000 / ≥2,500", "5,612", 0.356, 27/27, "7,028", 0.318, 17/17]'];
    const yaml = ['report:', '  title: 表', '  template: gbt9704', 'chapters:', '  - title: 一', '    body:', '      - table:', '          title: 达标情况', '          columns: [指标, 国家标准, 小学均值, 差异系数, 达标校数, 初中均值, 差异系数, 达标校数]', '          rows:', ...rows.map((r) => `            - ${r}`), '          align: [left, center, decimal, decimal, center, decimal, decimal, center]', ''].join('\n');
    const { pages, warnings } = buildYaml(yaml);
    expect(warnings).toEqual([]);
    const runs = pages.flatMap((p) => p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs').map(text));
    for (const n of ['≥2,000', '≥2,500', '≥4.2', '≥5.3', '5,612', '7,028']) expect(runs.some((r) => r.includes(n)), n).toBe(true);
  });
  it('narrows its padding to keep its headers and short cells whole when that is what does not fit (fourteen columns under short headers, the names on one line)', () => {
    const heads = ['教学用', '办公用', '平板', '其他', '多媒体', '无线', '录播', '物理', '化学', '生物', '创新', '合计', '占比'];
    const rows = Array.from({ length: 3 }, (_, r) => `            - [静安区第${'一二三'[r]}中心小学, ${heads.map((_, c) => 100 + r * 37 + c * 11).join(', ')}]`);
    const yaml = ['report:', '  title: 表', 'chapters:', '  - title: 一', '    body:', '      - table:', '          title: 设备', '          size: small', `          columns: [学校, ${heads.join(', ')}]`, '          rows:', ...rows, ''].join('\n');
    const { pages } = buildYaml(yaml);
    const runs = pages.flatMap((p) => p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs' && o.size < 10).map(text));
    for (const r of ['一', '二', '三']) expect(runs).toContain(`静安区第${r}中心小学`);
    for (const h of heads) expect(runs).toContain(h);
  });
  it('warns when a column of text is left one character a line by columns that cannot narrow (GB/T, eleven columns of numbers)', () => {
    const columns = '[专业名称, 在校生（人）, 毕业生（人）, 经费（万元）, 生均面积（㎡）, 2021年（%）, 2022年（%）, 2023年（%）, 2024年（%）, 2025年（%）, 备注]';
    const rows = ['[应急救援, 1286, 402, 3860.5, 12.75, 95.1, 96.2, 97.3, 98.45, 99.1, 市级优质专业建设项目]', '[数字媒体技术应用, 97500, 31100, 123456.78, 8.5, −1.4, 95.5, 96.0, 97.25, 98.0, 无]'];
    const yaml = (template: string, cols: string, rs: string[]) => ['report:', '  title: 表', `  template: ${template}`, 'chapters:', '  - title: 一', '    body:', '      - table:', '          title: 数据', `          columns: ${cols}`, '          rows:', ...rs.map((r) => `            - ${r}`), ''].join('\n');
    const { warnings } = buildYaml(yaml('gbt9704', columns, rows));
    expect(warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^the table is too wide for the type area \(11 columns\): its column "专业名称" is set about one character a line/));
    // four columns fit: no warning
    const fits = buildYaml(yaml('gbt9704', '[专业名称, 在校生（人）, 经费（万元）, 备注]', ['[应急救援, 1286, 3860.5, 市级优质专业建设项目]']));
    expect(fits.warnings).toEqual([]);
  });
});

/** A table of `columns` columns, headed 列1 …, one row of 甲 (at the official theme's 五号). */
function characters(columns: number) {
  const heads = Array.from({ length: columns }, (_, c) => `列${c + 1}`);
  return buildYaml(['report:', '  title: 表', 'chapters:', '  - title: 一', '    body:', '      - table:', '          title: 多列', `          columns: [${heads.join(', ')}]`, '          rows:', `            - [${heads.map(() => '甲').join(', ')}]`, ''].join('\n'));
}

describe('a table of so many columns that a character barely fits each', () => {
  it('keeps each character between its column\'s rules (28 columns: the theme\'s 6pt padding would leave 3.8pt for a character of 10.5pt)', () => {
    const { pages } = characters(28);
    const page = pages.find((p) => p.ops.some((o) => o.kind === 'glyphs' && text(o) === '甲'))!;
    const glyphs = page.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs' && text(o) === '甲');
    const rules = [...new Set(page.ops.filter((o): o is LineOp => o.kind === 'line' && o.x1 === o.x2).map((o) => o.x1))].sort((a, b) => a - b);
    expect(glyphs.length).toBe(28);
    expect(rules.length).toBe(29);
    for (const g of glyphs) {
      const left = rules.filter((x) => x <= g.x).at(-1)!;
      const right = rules.find((x) => x > g.x)!;
      expect(g.x + g.glyphs.xs[0] + g.size).toBeLessThanOrEqual(right);
      expect(g.x - left).toBeGreaterThan(0);
    }
  });
  it('is an error at the table when not even the least padding lets a character fit each column (40 columns)', () => {
    let shown: string[] = [];
    try {
      characters(40);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      shown = e.problems.map((p) => formatProblem(p).replace(/^.*r\.yaml/, 'r.yaml'));
    }
    expect(shown).toEqual([expect.stringMatching(/^r\.yaml:6:9: the table cannot be set in its width: its 40 columns need 630pt to hold a character each between their rules \(text of 10\.5pt\), more than the [\d.]+pt it has \(fewer columns, two tables, or smaller cells: `size: small` or the theme's `styles\.cell\.size`\)$/)]);
  });
});
