/**
 * Cross-references (spec §6.1) agree with the final pages: `[[id#page]]` prints the page where
 * the item starts after edits that move it, `[[id]]` its number after edits that renumber it;
 * read back from the PDF with pdf.js.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, newBuildCache } from '../../src/pipeline.js';
import { pageLabel, readPdf } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-refs-'));
const input = path.join(dir, 'r.yaml');
const options = { input, projectDir: root, packageDir: root, version: 'test' };

const filler = (n: number) => Array.from({ length: n }, (_, i) => `      - 第${i + 1}段，${'这是一个用来占位的段落。'.repeat(8)}\n`).join('');

/** A report whose first paragraph refers to a table `teachers` that stands after `before` paragraphs of chapter 2. */
function report(before: number, tablesBefore = 0): string {
  const tables = Array.from({ length: tablesBefore }, (_, i) => `      - table: {title: 其他${i}, columns: [a], rows: [[x]]}\n`).join('');
  return `report:\n  title: 引用\nchapters:\n  - title: 一\n    body:\n      - 见[[teachers]]，在第 [[teachers#page]] 页。\n  - title: 二\n    body:\n${tables}${filler(before)}      - table: {id: teachers, title: 教师, columns: [a], rows: [[x]]}\n`;
}

/** The words of the first paragraph and the page label of the page holding the table's caption. */
async function build(content: string, cache = newBuildCache(options)) {
  writeFileSync(input, content);
  const r = await buildReport(options, cache);
  const { pages } = await readPdf(r.pdf);
  const said = pages.flatMap((p) => p.lines).find((l) => l.text.startsWith('见'))!.text;
  const captionPage = pages.find((p) => p.lines.some((l) => /^表 \d+\s*教师$/.test(l.text.trim())))!;
  return { said, tablePage: pageLabel(captionPage), rounds: r.rounds };
}

describe('cross-references', () => {
  it('follow their target to the page it moves to, and its number', async () => {
    const cache = newBuildCache(options);
    const first = await build(report(2), cache);
    expect(first.said).toBe(`见表 1，在第 ${first.tablePage} 页。`);
    // the table moves four pages on: the same cache (as watch keeps it) must not keep the old label
    const moved = await build(report(60), cache);
    expect(Number(moved.tablePage)).toBeGreaterThan(Number(first.tablePage) + 3);
    expect(moved.said).toBe(`见表 1，在第 ${moved.tablePage} 页。`);
    const renumbered = await build(report(60, 2), cache);
    expect(renumbered.said).toBe(`见表 3，在第 ${renumbered.tablePage} 页。`);
  }, 60_000);
  it('settle when the page label printed changes the text\'s width (9 → 10 pages on)', async () => {
    // one to two digits: find a filler that puts the table on page 10 or later
    const r = await build(report(150));
    expect(Number(r.tablePage)).toBeGreaterThanOrEqual(10);
    expect(r.said).toBe(`见表 1，在第 ${r.tablePage} 页。`);
    expect(r.rounds).toBeGreaterThan(1);
  }, 60_000);
  it('print an item\'s number alone with #number (a range of chapters, a table), in the content and in a template\'s <ref number="true">', async () => {
    const chapters = ['一', '二', '三', '四'].map((t, i) => `  - title: ${t}\n    id: c${i + 1}\n    body:\n      - ${i === 0 ? '详见第 [[c2#number]]—[[c4#number]] 章，数据见[[t1]]（表号 [[t1#number]]）。' : '正文。'}\n${i === 2 ? '      - table: {id: t1, title: 数据, columns: [a], rows: [[x]]}\n' : ''}`).join('');
    writeFileSync(input, `report:\n  title: 引用\nchapters:\n${chapters}`);
    const { pages } = await readPdf((await buildReport(options)).pdf);
    expect(pages.flatMap((p) => p.lines).find((l) => l.text.startsWith('详见'))!.text).toBe('详见第 2—4 章，数据见表 1（表号 1）。');
  }, 60_000);
  it('drop the spaces typed beside a reference that prints Chinese (第 [[b#number]] 章 in a template whose chapters are 一, 二), and keep them beside Latin', async () => {
    const body = '本报告第 [[b#number]] 章，见 [[b]]；PISA [[b]]。';
    writeFileSync(input, `report:\n  title: 引用\n  template: gbt9704\nchapters:\n  - title: 甲\n    body:\n      - ${body}\n  - title: 乙\n    id: b\n    body: [正文。]\n`);
    const { pages } = await readPdf((await buildReport(options)).pdf);
    expect(pages.flatMap((p) => p.lines).find((l) => l.text.startsWith('本报告'))!.text).toBe('本报告第二章，见第二部分；PISA 第二部分。');
  }, 60_000);
});
