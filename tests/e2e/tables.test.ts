/**
 * Tables end to end: tests/block/fixtures/tables.yaml built by the CLI and read back with pdf.js.
 * Every cell's text in reading order; the two-row head (指标 | 人数: 2024 年, 2025 年 | 占比)
 * repeated under 续表 on every continued page; merged cells centred over the columns they span;
 * no cell text across a rule; the structure tree's TH and TD with their spans. The rules are
 * taken from the engine's own layout of the same file (pdf.js reads text, not paths); where a
 * decimal point stands in a run, from the run's start (pdf.js) and the font's advances (fontkit).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LineOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';
import { norm, readPdf, type ReadPdf } from '../helpers/pdf-reader.js';
import { writeFileSync } from 'node:fs';
import { buildReport } from '../../src/pipeline.js';
import { groupedReport } from '../helpers/grouped-table.js';

const root = path.resolve(import.meta.dirname, '../..');
const input = path.join(root, 'tests/block/fixtures/tables.yaml');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-tables-'));
const output = path.join(dir, 'tables.pdf');
/** The official theme's cell padding, pt. */
const padX = 6;

/** A run of text as pdf.js reads it, in the order of the page's content: page (from 1), ends and baseline, pt. */
interface Item {
  page: number;
  x0: number;
  x1: number;
  y: number;
  text: string;
}

let build: { status: number | null; stderr: string };
let pdf: Buffer;
let items: Item[];
let read: ReadPdf;
/** The vertical rules of each page (from 0), as the layout drew them. */
let verticals: LineOp[][];

beforeAll(async () => {
  build = spawnSync(process.execPath, [path.join(root, 'dist/bin.cjs'), 'build', input, '-o', output], { cwd: root, encoding: 'utf8' });
  pdf = readFileSync(output);
  read = await readPdf(pdf);
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  items = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const height = page.view[3];
    for (const it of (await page.getTextContent()).items)
      if ('str' in it && it.str.trim()) items.push({ page: i, x0: it.transform[4], x1: it.transform[4] + it.width, y: height - it.transform[5], text: it.str });
  }
  await doc.destroy();
  const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
  verticals = pages.map((p) => p.ops.filter((o): o is LineOp => o.kind === 'line' && o.x1 === o.x2));
}, 180_000);

type Cell = string | number | { text: string | number };
const cellText = (c: Cell) => String(typeof c === 'object' ? c.text : c);
/** The fixture's tables: title, header rows and body rows as texts. */
function tables(): { title: string; head: string[][]; rows: string[][] }[] {
  const doc = parse(readFileSync(input, 'utf8'));
  return (doc.chapters[0].body as Record<string, any>[])
    .filter((b) => typeof b === 'object' && b.table)
    .map(({ table: t }) => ({ title: t.title, head: t.head ? t.head.map((r: Cell[]) => r.map(cellText)) : [t.columns.map(cellText)], rows: t.rows.map((r: Cell[]) => r.map(cellText)) }));
}

/** Where each text is found in `stream`, each after the one before (-1 when not). */
function positionsInOrder(stream: string, texts: string[]): number[] {
  let from = 0;
  return texts.map((t) => {
    const at = stream.indexOf(t, from);
    if (at >= 0) from = at + t.length;
    return at;
  });
}

describe('tables built and read back', () => {
  it('build without a problem', () => {
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
  });

  it('give back every cell of every table, in reading order (the content stream order)', () => {
    const stream = norm(items.map((it) => it.text).join(''));
    for (const t of tables()) {
      // a cell longer than a page's lines is looked for by its two ends (page furniture comes between)
      const texts = [t.title, ...t.head.flat(), ...t.rows.flat()].map(norm).flatMap((s) => (s.length > 40 ? [s.slice(0, 20), s.slice(-20)] : [s]));
      // (in a group taller than a page the cells go on line by line: a merged cell that wraps beside them is found by its first line)
      const at = positionsInOrder(stream, t.title.includes('比一页还高') ? texts.slice(0, 6).map((s) => (s === norm('纵跨三行的项目') ? s.slice(0, 2) : s)) : texts);
      expect(at.filter((p) => p < 0).length, t.title).toBe(0);
    }
  });

  it('leave the text after a table’s note clear of it: more than a line step of the text between their baselines', () => {
    const note = items.find((it) => it.text.startsWith('数据来源：测试用数据'))!;
    const next = items.find((it) => it.page === note.page && it.text.startsWith('下表的一组合并单元格'))!;
    const step = 12 * 1.8; // the body's line step (小四, 1.8)
    expect(next.y - note.y).toBeGreaterThan(step + 3);
  });

  it('repeat the two header rows under 续表 2 on every page the table continues on', () => {
    const continued = read.pages.map((p) => p.lines.map((l) => norm(l.text))).filter((lines) => lines.includes('续表2'));
    expect(continued.length).toBeGreaterThanOrEqual(2);
    for (const lines of continued) {
      const at = lines.indexOf('续表2');
      expect(lines.slice(at + 1, at + 4)).toEqual(['人数', '指标占比', '2024年2025年']);
    }
  });

  it('centre 人数 over the two columns it spans (glyph x positions within 0.5 pt)', () => {
    const renshu = items.filter((it) => it.text === '人数');
    expect(renshu.length).toBeGreaterThanOrEqual(3); // the header and its repeats
    for (const it of renshu) {
      const y2024 = items.find((o) => o.page === it.page && o.text.startsWith('2024') && o.y > it.y)!;
      const edges = verticals[it.page - 1].filter((l) => Math.min(l.y1, l.y2) < y2024.y && y2024.y < Math.max(l.y1, l.y2)).map((l) => l.x1).sort((a, b) => a - b);
      expect(edges.length).toBe(5);
      expect(Math.abs((it.x0 + it.x1) / 2 - (edges[1] + edges[3]) / 2)).toBeLessThan(0.5);
    }
  });

  it('keep every cell text off the rules: no text runs across a rule drawn at its baseline, nor into its padding', () => {
    // a line-end mark's blank half (GB compression) is not ink: pdf.js counts its whole advance
    const inkEnd = (it: Item) => it.x1 - (/[，。；：、]$/.test(it.text) ? 10.5 / 2 : 0);
    const crossing = items.filter((it) =>
      verticals[it.page - 1].some((l) => Math.min(l.y1, l.y2) < it.y && it.y < Math.max(l.y1, l.y2) && inkEnd(it) > l.x1 - padX + 0.01 && it.x0 < l.x1 + padX - 0.01),
    );
    expect(verticals.flat().length).toBeGreaterThan(0);
    expect(crossing.map((it) => `p${it.page} ${it.text} ${it.x0.toFixed(1)}–${it.x1.toFixed(1)}`)).toEqual([]);
  });

  it('line up the numbers of a decimal column on their points within 0.5 pt', () => {
    const serif = fontkit.openSync(path.join(root, 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf')) as Font;
    const advance = (s: string, size: number) => (serif.layout(s).advanceWidth * size) / serif.unitsPerEm;
    /** The point: at the first `.`, else where the digits end. */
    const pointOf = (it: Item, size: number) => it.x0 + advance(/^[\d,]*/.exec(it.text)![0], size);
    const shares = items.filter((it) => /^\d+(\.\d+)?%$/.test(it.text));
    expect(shares.length).toBeGreaterThan(40);
    const points = shares.map((it) => pointOf(it, 10.5));
    expect(Math.max(...points) - Math.min(...points)).toBeLessThan(0.5);
    const small = items.filter((it) => ['1.5', '12.25', '100'].includes(it.text)).map((it) => pointOf(it, 9));
    expect(small.length).toBe(3);
    expect(Math.max(...small) - Math.min(...small)).toBeLessThan(0.5);
  });

  it('tag header cells TH with Scope Column and cells that span with ColSpan and RowSpan; repeated headers are artifacts', () => {
    const text = pdf.toString('latin1');
    const cells = [...text.matchAll(/\/S \/(TH|TD)\n(?:\/A <<\n\/O \/Table\n((?:\/\w+ \/?\w+\n)*)>>)?/g)].map((m) => `${m[1]} ${(m[2] ?? '').trim().replace(/\n/g, ' ')}`.trim());
    // 3 + 5 + 3 + 2 + 2 header cells, each once
    expect(cells.filter((c) => c.startsWith('TH')).length).toBe(15);
    expect(cells.filter((c) => c.startsWith('TH')).every((c) => c.includes('/Scope /Column'))).toBe(true);
    expect(cells).toContain('TH /RowSpan 2 /Scope /Column');
    expect(cells).toContain('TH /ColSpan 2 /Scope /Column');
    expect(cells).toContain('TD /RowSpan 2');
    expect(cells).toContain('TD /ColSpan 2');
    expect(cells).toContain('TD /RowSpan 3');
  });
});

describe('a group of rows joined by a merged cell, broken across pages, read back', () => {
  it('prints the merged cell on both pages, under 续表1 and the repeated header on the second, its rows once each and in order', async () => {
    const file = path.join(dir, 'grouped.yaml');
    writeFileSync(file, groupedReport(9));
    const { pdf } = await buildReport({ input: file, projectDir: root, packageDir: root, version: 'test' });
    const { pages } = await readPdf(pdf);
    const on = (t: string) => pages.flatMap((p, n) => (p.lines.some((l) => norm(l.text).includes(t)) ? [n] : []));
    const first = on('项目1之0')[0];
    expect(on('项目1之5')).toEqual([first + 1]);
    expect(on('续表1')).toEqual([first + 1]);
    // 专业|群1 in its column, left of the rows' 项目 cells, on both pages
    const merged = pages.map((p) => p.items.filter((it) => norm(it.str) === '群1').length);
    expect(merged[first]).toBe(1);
    expect(merged[first + 1]).toBe(1);
    const rows = pages.flatMap((p) => p.lines.map((l) => /项目1之(\d)/.exec(norm(l.text))?.[1]).filter((r) => r !== undefined));
    expect(rows).toEqual(['0', '1', '2', '3', '4', '5']);
  });
});

describe('book titles in a narrow column, read back', () => {
  it('stand whole on a line of their own where they fit the column: 学习|《义务教育课程方案》', async () => {
    const file = path.join(dir, 'titles.yaml');
    const rows = [
      '            - [小学, 《义务教育课程方案》, 组织全体教师学习领会课程方案的基本原则和主要变化，结合学科教学开展研讨，形成学习心得, 已完成]',
      '            - [初中, 学习《义务教育课程方案》, 组织全体教师学习领会课程方案的基本原则和主要变化，结合学科教学开展研讨，形成学习心得, 已完成]',
    ];
    writeFileSync(file, ['report:', '  title: 书名', 'chapters:', '  - title: 一', '    body:', '      - table:', '          title: 课程文件学习情况', '          columns: [学段, 文件, 学习要求, 完成情况]', '          widths: [1, 2, 4, 1]', '          rows:', ...rows, ''].join('\n'));
    const { pdf } = await buildReport({ input: file, projectDir: root, packageDir: root, version: 'test' });
    const { pages } = await readPdf(pdf);
    const titles = pages.flatMap((p) => p.items.filter((it) => it.str.includes('义务')).map((it) => it.str));
    expect(titles).toEqual(['《义务教育课程方案》', '《义务教育课程方案》']);
  });
});
