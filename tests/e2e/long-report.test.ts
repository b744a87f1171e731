/**
 * A report unlike the sample: a 300-row table, a case of three pages with a table inside,
 * figures, third-level sections, a chapter with only a body, lists, a page break. Built with
 * the real fonts and read back with pdf.js.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/pipeline.js';
import { NO_LINE_END, NO_LINE_START } from '../../src/text/char-class.js';
import { makePng } from '../helpers/png.js';
import { bodyLines, contentsEntries, lonelyLines, norm, pageLabel, pagesOfEntries, readPdf, type ReadPdf } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-long-'));
const para = (i: number) => `第 ${i} 段：静安区职业教育坚持以服务发展为宗旨、以促进就业为导向，系统谋划区域职业教育发展路径，深化中等职业教育“职业基础教育”功能定位，持续推进贯通培养改革，构建具有静安特色、适应时代要求的高质量职业教育体系。`;
const rows = Array.from({ length: 300 }, (_, i) => [`学校${i + 1}`, `专业名称较长的第${i + 1}个专业`, 100 + i, `${(i * 0.37).toFixed(1)}%`]);

const content = {
  report: { title: '长表与长案例测试报告', subtitle: '（测试）', issuer: '测试局', date: '2026 年 2 月' },
  preface: { title: '前言', body: [para(0)] },
  chapters: [
    {
      title: '长表',
      sections: [
        {
          title: '统计',
          body: [para(1), { table: { title: '各校专业与学生情况', columns: ['学校', '专业', '学生数', '占比'], rows, note: '数据来源：测试。' } }, para(2)],
          sections: [
            { title: '第三级标题甲', body: [para(3), { figure: { title: '横图', image: 'wide.png' } }, para(4)] },
            { title: '第三级标题乙', body: [{ list: ['第一项内容', '第二项内容', '第三项内容'] }, para(5)] },
          ],
        },
      ],
    },
    {
      title: '只有正文的章',
      body: [para(6), { figure: { title: '竖图', image: 'tall.png' } }, para(7), { pagebreak: true }, para(8)],
    },
    {
      title: '长案例',
      sections: [
        {
          title: '案例',
          body: [
            para(9),
            {
              case: {
                title: '三页长的案例',
                body: [
                  ...Array.from({ length: 16 }, (_, i) => (i % 5 === 0 ? { heading: `一、小标题${i}` } : para(100 + i))),
                  { table: { title: '案例中的表', columns: ['项目', '数量'], rows: [['甲', 1], ['乙', 2]] } },
                  { table: { title: '一格高过一页的表', columns: ['说明', '数'], rows: [[Array.from({ length: 40 }, (_, k) => para(300 + k)).join(''), 1]] } },
                  ...Array.from({ length: 14 }, (_, i) => para(200 + i)),
                ],
              },
            },
            para(10),
          ],
        },
      ],
    },
  ],
};

let read: ReadPdf;

beforeAll(async () => {
  writeFileSync(path.join(dir, 'wide.png'), makePng(800, 400));
  writeFileSync(path.join(dir, 'tall.png'), makePng(300, 1200));
  const input = path.join(dir, 'long.yaml');
  writeFileSync(input, stringify(content));
  const { pdf } = await buildReport({ input, projectDir: root, packageDir: root, version: 'test' });
  writeFileSync(path.join(dir, 'long.pdf'), pdf);
  read = await readPdf(pdf);
});

describe('a long report', () => {
  it('repeats the table header on every page of the table, with 续表 on continuation pages', () => {
    const tablePages = read.pages.filter((p) => p.lines.some((l) => /^学校\d+专业/.test(norm(l.text))));
    expect(tablePages.length).toBeGreaterThanOrEqual(6);
    tablePages.forEach((p, i) => {
      const lines = bodyLines(p);
      const header = lines.findIndex((l) => norm(l.text) === '学校专业学生数占比');
      expect(header, `header on table page ${i + 1}`).toBeGreaterThanOrEqual(0);
      if (i > 0) expect(norm(lines[header - 1]?.text ?? '')).toBe('续表1');
      if (i > 0) expect(norm(lines[0].text)).toBe('续表1');
    });
  });

  it('loses no row and no paragraph', () => {
    const text = read.pages.map((p) => bodyLines(p).map((l) => norm(l.text)).join('')).join('');
    for (const r of rows) expect(text).toContain(norm(r.join('')));
    for (const i of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 101, 114, 213]) expect(text, `paragraph ${i}`).toContain(norm(para(i)));
    // the cell taller than a page, across pages (without the repeated caption and header)
    const cellText = text.replaceAll('续表3说明数', '');
    expect(cellText).toContain(norm(Array.from({ length: 39 }, (_, k) => para(301 + k)).join('')));
  });

  it('gives contents numbers that point at the pages where headings, tables, cases and figures stand', () => {
    const entries = contentsEntries(read.pages);
    // preface, 3 chapters, 2 sections, 2 third-level; 3 tables, 1 case, 2 figures
    expect(entries.length).toBe(8 + 6);
    expect(pagesOfEntries(read.pages, entries)).toEqual(entries.map((e) => e.number));
  });

  it('never ends a page with a heading, caption or case title, nor starts one with a lone last line', () => {
    const headingLike = /^(\d+(\.\d+)*\s|表\s*\d+|图\s*\d+|案例\s*\d+|一、)/;
    const body = read.pages.filter((p) => /^\d+$/.test(pageLabel(p)));
    body.forEach((p, i) => {
      const lines = p.lines.filter((l) => !/^—.*—$/.test(l.text.trim()));
      const last = lines[lines.length - 1];
      if (last && i < body.length - 1) expect(headingLike.test(last.text.trim()), `page ${pageLabel(p)} ends with ${last.text}`).toBe(false);
    });
  });

  it('leaves no lone first or last line of a paragraph at a page edge', () => {
    const left = (27 * 72) / 25.4;
    expect(lonelyLines(read.pages, left, 595.28 - left, 24)).toEqual([]);
  });

  it('draws nothing below the type area but the page number', () => {
    for (const p of read.pages) for (const l of bodyLines(p, 0, 0)) if (l.y > p.height - (30 * 72) / 25.4 + 2) expect(l.text.trim()).toMatch(/^—.*—$/);
  });

  it('breaks no line at a prohibited mark', () => {
    for (const p of read.pages)
      for (const l of p.lines) {
        const t = l.text.trim();
        expect(NO_LINE_START.has(t[0]) || NO_LINE_END.has(t[t.length - 1]), t).toBe(false);
      }
  });
});
