/**
 * What a typesetter keeps whole in a table too narrow for every header's words: its short body
 * cells (≤ 5 em) come before its headers, and a header's bracketed unit (`（人）`) stands on a
 * line of its own rather than a word before it being broken.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const text = (op: GlyphRunOp) => String.fromCodePoint(...op.glyphs.codePoints.flat());

function buildYaml(table: string[]) {
  const yaml = ['report:', '  title: 表', 'chapters:', '  - title: 一', '    body:', '      - table:', ...table.map((l) => `          ${l}`), ''].join('\n');
  const input = path.join(mkdtempSync(path.join(tmpdir(), 'table-short-')), 'r.yaml');
  writeFileSync(input, yaml);
  const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
  return pages.flatMap((p) => p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs').map(text));
}

/** Eleven columns: districts beside two rows of headers over five-digit numbers (a statistics yearbook's 表1). */
const DISTRICTS = [
  'title: 各区县各级学校数与在校生数',
  'size: small',
  'head:',
  '  - [{text: 区县, rowspan: 2}, {text: 学前教育, colspan: 2}, {text: 小学, colspan: 2}, {text: 初中, colspan: 2}, {text: 普通高中, colspan: 2}, {text: 中等职业教育, colspan: 2}]',
  '  - [园数（所）, 在园幼儿（人）, 校数（所）, 在校生（人）, 校数（所）, 在校生（人）, 校数（所）, 在校生（人）, 校数（所）, 在校生（人）]',
  'rows:',
  '  - [东湖区, 81, 18 886, 45, 72 659, 11, 18 747, 11, 7 542, 3, 6 774]',
  '  - [江湾新区, 64, 33 405, 26, 65 896, 32, 18 114, 12, 6 976, 5, 3 687]',
  '  - [合计, 909, 287 788, 512, 730 117, 301, 379 879, 99, 149 773, 44, 74 419]',
];

describe('a table too narrow for its headers on one line', () => {
  it('keeps its short body cells whole before its headers: every district name on one line', () => {
    const runs = buildYaml(DISTRICTS);
    for (const name of ['东湖区', '江湾新区', '合计']) expect(runs).toContain(name);
  });
  it('sets each header over a unit as its word over the bracketed unit: 在校生 over （人） in every column, never 在 alone', () => {
    const runs = buildYaml(DISTRICTS);
    expect(runs.filter((r) => r === '在校生').length).toBe(4);
    expect(runs.filter((r) => r === '（人）').length).toBe(5);
    expect(runs).not.toContain('在');
  });
  it('breaks a header before its bracketed unit, not inside the word before it (2022年 over （%）)', () => {
    const runs = buildYaml(YEARS);
    for (const y of years) expect(runs.some((r) => r === `${y}年` || r === `${y}年（%）`)).toBe(true);
    expect(runs.filter((r) => r.startsWith('年'))).toEqual([]);
  });
  it('gives parallel columns (2021年（%）… 2025年（%）) one width, so their headers break alike', () => {
    const runs = buildYaml(YEARS);
    const whole = years.filter((y) => runs.includes(`${y}年（%）`));
    expect(whole.length === 0 || whole.length === years.length).toBe(true);
  });
});

const years = [2021, 2022, 2023, 2024, 2025];

/** Five parallel columns of percentages by year beside districts and a change (the typesetter's r3 表5). */
const YEARS = [
  'title: 各区县中小学50岁及以上专任教师比例变化',
  `columns: [区县, ${years.map((y) => `${y}年（%）`).join(', ')}, 五年增减（百分点）]`,
  'align: [left, decimal, decimal, decimal, decimal, decimal, decimal]',
  'rows:',
  '  - [东湖区, 24.0, 22.3, 22.3, 21.2, 19.9, -4.1]',
  '  - [江湾新区, 16.2, 16.3, 16.9, 16.2, 14.4, -1.8]',
];

/** Helper-91's manual, 表 1: servers, their memory and disks (the 内存 column exactly as wide as `256 GB`). */
const SERVERS = [
  'title: 生产环境服务器配置',
  'head:',
  '  - [{text: 角色, rowspan: 2}, {text: 数量, rowspan: 2}, {text: 配置, colspan: 3}, {text: 操作系统, rowspan: 2}]',
  '  - [CPU, 内存, 磁盘]',
  'rows:',
  '  - [应用服务器, 6, 16 核, 64 GB, 500 GB SSD, openEuler 22.03 LTS SP3]',
  '  - [数据库服务器, 2, 32 核, 256 GB, 4 TB NVMe（RAID 10）, openEuler 22.03 LTS SP3]',
  '  - [{text: 中间件服务器, rowspan: 2}, 3, 8 核, 32 GB, 1 TB SSD, Kylin V10 SP3（Redis、RabbitMQ）]',
  '  - [3, 16 核, 64 GB, 2 TB SSD, Kylin V10 SP3（Elasticsearch 8.11.3）]',
  '  - [对象存储, 4, 8 核, 32 GB, 12 × 8 TB HDD, openEuler 22.03 LTS SP3]',
  'align: [left, right, right, right, left, left]',
];

describe('a short cell in a column as wide as it', () => {
  it('stays on one line: 256 GB, not 256 over GB (the column\'s width summed to a hair under the text\'s)', () => {
    const runs = buildYaml(SERVERS);
    expect(runs).toContain('256 GB');
    expect(runs).not.toContain('GB');
  });
});

