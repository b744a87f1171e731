/**
 * Inline markup through to the PDF (spec §6.2), read back with pdf.js: the words come back
 * (escapes as the characters, a reference as its label), superscripts and subscripts smaller
 * and off the baseline, emphasis dots drawn under Han characters, links clickable (URLs and
 * references to named destinations), a URL printed whole broken only after its marks.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/pipeline.js';
import { norm, readPdf, type PdfPage } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-inline-'));

const URL = 'https://example.org/a/very/long/path/to/some-report_file.pdf?year=2025&lang=zh-CN';
const CONTENT = `report:
  title: "**内联**标记^[封面的注。]"
chapters:
  - title: 总体情况
    id: overview
    body:
      - 如[[teachers]]所示（见第 [[teachers#page]] 页），另见[[case-a]]、[[detail]]与[[methods]]。
      - 要*着重*说明，英文 *emphasis* 倾斜。面积 120 m^2^，CO~2~ 排放。
      - 运行 \`imprint build\` 生成，见[教育局网站](https://example.org/edu)或 <${URL}> 获取。
      - 转义：\\*不是着重\\*，\\[\\[不是引用]]，2\\^3\\^，\\~，\\\`，\\\\。
      - case:
          id: case-a
          title: 案例
          body: ["案例中引用[[teachers]]。"]
    sections:
      - title: 细节
        id: detail
        body: ["见[[methods#page]]。"]
  - title: 方法
    id: methods
    body:
      - table: {id: teachers, title: 教师, columns: [类别, 人数], rows: [["**高级**教师 m^2^", 300]]}
`;

let pages: PdfPage[];
let pdf: Buffer;
let info: Record<string, unknown>;

beforeAll(async () => {
  const input = path.join(dir, 'r.yaml');
  writeFileSync(input, CONTENT);
  const r = await buildReport({ input, projectDir: root, packageDir: root, version: 'test' });
  pdf = r.pdf;
  ({ pages, info } = await readPdf(r.pdf));
}, 60_000);

/** The page whose text holds `words` (compared as `norm` does). */
const pageWith = (words: string) => {
  const page = pages.find((p) => norm(p.lines.map((l) => l.text).join('')).includes(norm(words)));
  if (!page) throw new Error(`no page has "${words}"`);
  return page;
};
const lineWith = (page: PdfPage, words: string) => page.lines.find((l) => l.text.includes(words))!;

describe('inline markup in the PDF', () => {
  it('gives back the words: references as their labels, the page they name, markup gone', () => {
    const body = pageWith('如表 1 所示');
    const text = body.lines.map((l) => l.text).join('');
    expect(text).toContain('如表 1 所示（见第 2 页），另见案例 1、1.1 节与第 2 章。');
    expect(norm(text)).toContain(norm('要着重说明，英文 emphasis 倾斜。'));
    expect(norm(text)).toContain(norm('运行 imprint build 生成，见教育局网站或')); // (a justified line: pdf.js may read its spacing as spaces)
    expect(pageWith('见2。')).toBeDefined(); // [[methods#page]]: chapter 2 starts on page 2
  });
  it('the PDF\'s title: the words without markup or notes', () => {
    expect(info.Title).toBe('内联标记');
  });
  it('escapes print the character itself', () => {
    expect(lineWith(pageWith('转义'), '转义').text).toBe('转义：*不是着重*，[[不是引用]]，2^3^，~，`，\\。');
  });
  it('superscript and subscript: smaller, raised and lowered from the baseline', () => {
    const body = pageWith('如表 1 所示');
    const m = body.items.find((i) => i.str.endsWith('m') && i.str.includes('120'))!;
    const co = body.items.find((i) => i.str.endsWith('CO'))!;
    const twos = body.items.filter((i) => i.str === '2' && Math.abs(i.y - m.y) < 8);
    const sup = twos.find((i) => i.y < m.y - 1)!;
    const sub = twos.find((i) => i.y > co.y + 1)!;
    expect(sup.size).toBeCloseTo(m.size * 0.7, 1);
    expect(m.y - sup.y).toBeCloseTo(0.36 * m.size, 1);
    expect(sub.size).toBeCloseTo(co.size * 0.7, 1);
    expect(sub.y - co.y).toBeCloseTo(0.14 * co.size, 1);
  });
  it('links: the URL of [text](url) and of <url> over each piece of it, references to their targets', () => {
    const body = pageWith('如表 1 所示');
    expect(body.links.filter((l) => l.uri === 'https://example.org/edu')).toHaveLength(1);
    const pieces = body.links.filter((l) => l.uri === URL);
    expect(pieces.length).toBeGreaterThanOrEqual(1);
    const dests = body.links.map((l) => l.dest).filter(Boolean);
    expect(dests).toEqual(expect.arrayContaining(['table-1', 'case-1', 'sec-1.1', 'sec-2']));
  });
  it('a URL printed whole breaks only after / . - _ ? & =', () => {
    const body = pageWith('如表 1 所示');
    const lines = body.lines.map((l) => l.text);
    const i = lines.findIndex((l) => l.includes('https://'));
    const end = lines[i].slice(lines[i].indexOf('https://'));
    if (end !== URL) {
      expect(URL.startsWith(end)).toBe(true);
      expect('/.-_?&='.includes(end[end.length - 1])).toBe(true);
      expect(lines[i + 1].startsWith(URL.slice(end.length))).toBe(true);
    }
  });
  it('emphasis: one dot under each Han character emphasised, none under Latin (slanted instead)', () => {
    // the dots are filled circles: a move and four Bézier curves each
    const contents = [...pdf.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)endstream/g)].map((m) => {
      try {
        return inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
      } catch {
        return '';
      }
    });
    const dots = contents.join('\n').match(/ m\n(?:(?:[\d.-]+ ){6}c\n){4}/g) ?? [];
    expect(dots.length).toBe(2); // 着, 重
    expect(contents.join('\n')).toMatch(/1 0 0\.2 -1 [\d.]+ [\d.]+ Tm/); // emphasis: slanted (the text matrix flips the glyphs upright in pdfkit's top-down page space)
  });
});

describe('cross-references under other numbering styles', () => {
  it('name chapters and sections as their headings are numbered: 第二部分（一） with gbt9704, 第二章第一节 with chapters, a third level joined by 之', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imprint-refs-'));
    mkdirSync(path.join(dir, 'templates/ch'), { recursive: true });
    writeFileSync(path.join(dir, 'templates/ch/theme.yaml'), 'extends: official\nnumbering: chapters\n');
    const content = (template: string) =>
      `report:\n  title: 引\n  template: ${template}\nchapters:\n  - title: 一\n    body:\n      - 见[[c2]]、[[s21]]、[[s211]]和[[as1]]。\n  - title: 二\n    id: c2\n    sections:\n      - title: 节\n        id: s21\n        body:\n          - 段。\n        sections:\n          - title: 目\n            id: s211\n            body: [段。]\nappendices:\n  - title: 附\n    sections:\n      - title: 附节\n        id: as1\n        body:\n          - 段。\n`;
    const sentence = async (template: string) => {
      const input = path.join(dir, `${template}.yaml`);
      writeFileSync(input, content(template));
      const read = await readPdf((await buildReport({ input, projectDir: dir, packageDir: root, version: 'test' })).pdf);
      // (the sentence, over the lines it takes)
      return read.pages.flatMap((p) => p.lines.map((l) => l.text.replace(/\s/g, ''))).join('').match(/见第[^。]*。/)?.[0];
    };
    // (gbt9704 labels an appendix 附件 1, its only one 附件, GB/T 9704 8)
    // a third level's bare number (1., 一、) joined by 之: 第二章第一节一 read as one number
    expect(await sentence('gbt9704')).toBe('见第二部分、第二部分（一）、第二部分（一）之1和附件（一）。');
    expect(await sentence('ch')).toBe('见第二章、第二章第一节、第二章第一节之一和附录A第一节。');
    expect(await sentence('official')).toBe('见第2章、2.1节、2.1.1节和A.1节。');
  });
});
