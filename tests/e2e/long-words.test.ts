/**
 * Unbreakable strings in a built report: a 150,000-character word in a paragraph, a word wider
 * than its whole table in a cell, four words side by side in one row that are together far wider
 * than the table, and long words in a list item and a chapter title. Built by the CLI and read back with pdf.js: every character
 * comes back in order, no glyph stands past the right margin, and a cell's text stays inside it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-long-words-'));
/** The official theme's type area (A4, 27 mm side margins) and cell padding, pt. */
const mm = 72 / 25.4;
const [left, right] = [27 * mm, 595.28 - 27 * mm];
const padX = 6;

const repeatTo = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
/** Each word has letters of its own (no digits: page numbers), so its text can be picked out of the page. */
const paragraphWord = repeatTo('abcdefghijklmnop', 150_000);
const listWord = repeatTo('zyxwvutsrq', 3_000);
const cellWord = repeatTo('ABCDEFGHIJ', 2_000);
/** Each narrower than the table, all four together far wider. */
const rowWords = ['K', 'L', 'M', 'N'].map((c) => c.repeat(40));
const titleWord = repeatTo('OPQRST', 300);

const content = {
  report: { title: '长词测试报告', date: '2026 年 1 月' },
  chapters: [
    {
      title: '长词',
      body: [
        paragraphWord,
        { table: { title: '一格长过整表的词', columns: ['名称', '内容', '备注'], rows: [['甲', cellWord, '丙']] } },
        { table: { title: '四个长词并排', columns: ['一', '二', '三', '四'], rows: [rowWords] } },
        { list: [listWord, '短项'] },
      ],
    },
    { title: titleWord, body: ['正文。'] },
  ],
};

/** One run of text as pdf.js reads it: page (from 1), left and right ends and baseline, pt. */
interface TextItem {
  page: number;
  x0: number;
  x1: number;
  y: number;
  text: string;
}

/** The PDF's text runs in reading order (page, baseline, left to right); blank runs left out. */
async function textItems(pdf: Uint8Array): Promise<TextItem[]> {
  const doc = await getDocument({ data: pdf, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const items: TextItem[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const height = page.view[3];
    const onPage: TextItem[] = [];
    for (const it of (await page.getTextContent()).items) {
      if (!('str' in it) || !it.str.trim()) continue;
      onPage.push({ page: i, x0: it.transform[4], x1: it.transform[4] + it.width, y: height - it.transform[5], text: it.str.trim() });
    }
    items.push(...onPage.sort((a, b) => a.y - b.y || a.x0 - b.x0));
  }
  await doc.destroy();
  return items;
}

let build: { status: number | null; stderr: string };
let items: TextItem[];

beforeAll(async () => {
  const input = path.join(dir, 'long-words.yaml');
  const output = path.join(dir, 'long-words.pdf');
  writeFileSync(input, stringify(content, { lineWidth: 0 }));
  build = spawnSync(process.execPath, [path.join(root, 'dist/bin.cjs'), 'build', input, '-o', output], { cwd: root, encoding: 'utf8' });
  items = build.status === 0 ? await textItems(new Uint8Array(readFileSync(output))) : [];
}, 180_000);

/** The runs made only of the given characters (a list item's first line after its bullet). */
const textOf = (only: RegExp) => items.map((it) => ({ ...it, text: it.text.replace(/^• /, '') })).filter((it) => only.test(it.text));
/** Where two long texts first differ (-1: they are the same). */
function differsAt(got: string, expected: string): number {
  let i = 0;
  while (i < got.length && got[i] === expected[i]) i++;
  return i === got.length && i === expected.length ? -1 : i;
}

/** Their texts joined in reading order. */
const joined = (runs: TextItem[]) => runs.map((it) => it.text).join('');

describe('unbreakable words of any length', () => {
  it('build without a problem', () => {
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
  });

  it('build in time when no line of the word fills the measure exactly (200,000 A: the breaker was quadratic, over 60 s; now ~2 s)', () => {
    const input = path.join(dir, 'a.yaml');
    writeFileSync(input, stringify({ report: { title: '长词' }, chapters: [{ title: '一', body: ['A'.repeat(200_000)] }] }, { lineWidth: 0 }));
    const r = spawnSync(process.execPath, [path.join(root, 'dist/bin.cjs'), 'build', input, '-o', path.join(dir, 'a.pdf'), '--no-cache'], { cwd: root, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
    expect(r.error).toBeUndefined(); // (a timeout: ETIMEDOUT, the process killed)
    expect(r.status).toBe(0);
  }, 40_000);

  it('build in time with a run of 300,000 spaces in inline code, on and off the grid (each space an atom of its own made breaking quadratic, over 10 min for 100,000; the loader’s scan of a list line for its comment was quadratic in a run of blanks)', () => {
    for (const template of ['official', 'gbt9704']) {
      const input = path.join(dir, `spaces-${template}.yaml`);
      writeFileSync(input, stringify({ report: { title: '空格', template }, chapters: [{ title: '一', body: [`见 \`a${' '.repeat(300_000)}b\` 与正文。`] }] }, { lineWidth: 0 }));
      const r = spawnSync(process.execPath, [path.join(root, 'dist/bin.cjs'), 'build', input, '-o', path.join(dir, `spaces-${template}.pdf`), '--no-cache'], { cwd: root, encoding: 'utf8', timeout: 10_000, killSignal: 'SIGKILL' });
      expect(r.error, template).toBeUndefined(); // (a timeout: ETIMEDOUT, the process killed)
      expect(r.status, template).toBe(0);
    }
  }, 60_000);

  it('build in time an SVG whose width is 200,000 zeros, a one and a letter (the length pattern was quadratic there: about a minute)', () => {
    writeFileSync(path.join(dir, 'wide.svg'), `<svg xmlns="http://www.w3.org/2000/svg" width="${'0'.repeat(200_000)}1x" height="10" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>`);
    const input = path.join(dir, 'svg.yaml');
    writeFileSync(input, stringify({ report: { title: '图' }, chapters: [{ title: '一', body: [{ figure: { title: '宽', image: 'wide.svg' } }] }] }, { lineWidth: 0 }));
    const r = spawnSync(process.execPath, [path.join(root, 'dist/bin.cjs'), 'build', input, '-o', path.join(dir, 'svg.pdf'), '--no-cache'], { cwd: root, encoding: 'utf8', timeout: 10_000, killSignal: 'SIGKILL' });
    expect(r.error).toBeUndefined(); // (a timeout: ETIMEDOUT, the process killed)
    expect([0, 1]).toContain(r.status);
    expect(r.stderr).not.toMatch(/internal error/);
  }, 30_000);

  it('come back whole and in order: the paragraph, the list item, the cell, the title', () => {
    expect(differsAt(joined(textOf(/^[a-z]+$/)), paragraphWord + listWord)).toBe(-1);
    expect(differsAt(joined(textOf(/^[A-J]+$/)), cellWord)).toBe(-1);
    for (const w of rowWords) expect(joined(textOf(new RegExp(`^${w[0]}+$`)))).toBe(w);
    // the contents entry, then the chapter's heading
    expect(joined(textOf(/^[O-T]+$/))).toBe(titleWord + titleWord);
  });

  it('set no glyph past the margins', () => {
    expect(items.length).toBeGreaterThan(0);
    const outside = items.filter((it) => it.x0 < left - 0.01 || it.x1 > right + 0.01);
    expect(outside.map((it) => `page ${it.page} y ${it.y.toFixed(1)}: ${it.text.slice(0, 30)} ${it.x0.toFixed(1)}–${it.x1.toFixed(1)}`)).toEqual([]);
  });

  it('keep a word longer than its table inside its cell, left of the next cell and its padding', () => {
    const next = items.find((it) => it.text === '丙')!;
    const word = textOf(/^[A-J]+$/);
    expect(word.length).toBeGreaterThan(1); // broken into lines inside the cell
    expect(Math.max(...word.map((it) => it.x1))).toBeLessThanOrEqual(next.x0 - 2 * padX + 0.01);
  });

  it('give each of four long words side by side its own column, each inside its cell', () => {
    const columns = rowWords.map((w) => textOf(new RegExp(`^${w[0]}+$`)));
    expect(columns.every((runs) => runs.length > 0)).toBe(true);
    for (let c = 1; c < columns.length; c++) {
      const rightOfPrevious = Math.max(...columns[c - 1].map((it) => it.x1));
      const leftOfThis = Math.min(...columns[c].map((it) => it.x0));
      expect(leftOfThis - rightOfPrevious).toBeGreaterThanOrEqual(2 * padX - 0.01);
    }
    expect(Math.max(...columns[3].map((it) => it.x1))).toBeLessThanOrEqual(right - padX + 0.01);
  });
});
