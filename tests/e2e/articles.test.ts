/**
 * A 规章's articles (`article:` blocks): 第一条 … printed before each, numbered through the
 * chapters and sections and afresh in each appendix, the label in its own style (黑体) with the
 * text after it in the body's; `[[id]]` to an article prints its label. Read back with pdf.js.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, newBuildCache } from '../../src/pipeline.js';
import { bodyLines, norm, pageLabel, readPdf, type PdfPage } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-articles-'));

/** Articles 3 … 11 of chapter 2's first section, one line each. */
const more = Array.from({ length: 9 }, (_, i) => `          - article: 学校应当落实第${i + 3}项管理要求。\n`).join('');

const content = (template: string) => `report:
  title: 静安区职业学校管理办法
  template: ${template}
chapters:
  - title: 总则
    body:
      - article: 为了规范本区职业学校的管理，根据有关规定，制定本办法。
      - article: {id: scope, text: 本办法适用于本区公办职业学校。}
      - 民办职业学校参照本办法执行。
      - article: 学校应当履行下列职责：
      - list:
          style: （一）
          items: [制定章程, 建立制度]
  - title: 管理
    sections:
      - title: 一般规定
        body:
${more}      - title: 监督
        body:
          - article: 依照本办法[[scope]]的规定，见第 [[scope#page]] 页。
appendices:
  - title: 实施细则
    body:
      - article: 本细则依据本办法制定。
      - article: 本细则自发布之日起施行。
`;

async function built(template: string): Promise<PdfPage[]> {
  const input = path.join(dir, `${template}.yaml`);
  writeFileSync(input, content(template));
  const { pdf } = await buildReport({ input, projectDir: root, packageDir: root, version: 'test' });
  return (await readPdf(pdf)).pages;
}

const pages: Record<string, PdfPage[]> = {};
beforeAll(async () => {
  for (const template of ['official', 'gbt9704']) pages[template] = await built(template);
}, 120_000);

/** The body lines of every page, as text without spaces (and the page each stands on). */
const lines = (ps: PdfPage[]) => ps.flatMap((page) => bodyLines(page, 20, 20).map((line) => ({ page, line, text: line.text.replace(/\s+/gu, '') })));
/** The article labels in order of their lines. */
const labels = (ps: PdfPage[]) => lines(ps).flatMap(({ text }) => /^第[一二三四五六七八九十百零]+条/u.exec(text)?.[0] ?? []);

describe.each(['official', 'gbt9704'])('articles (%s)', (template) => {
  it('are labelled 第一条 … through the chapters and their sections, afresh in an appendix', () => {
    const ps = pages[template];
    const body = ['第一条', '第二条', '第三条', '第四条', '第五条', '第六条', '第七条', '第八条', '第九条', '第十条', '第十一条', '第十二条', '第十三条'];
    expect(labels(ps)).toEqual([...body, '第一条', '第二条']);
    const text = lines(ps).map((l) => l.text);
    // (a 公文's line of 28 characters wraps the first)
    expect(text.some((t) => t.startsWith('第一条为了规范本区职业学校的管理，'))).toBe(true);
    expect(text).toContain('第十二条学校应当落实第11项管理要求。');
    expect(text).toContain('第一条本细则依据本办法制定。');
    // a further 款 is a plain paragraph, the 项 a list after it
    expect(text).toContain('民办职业学校参照本办法执行。');
    expect(text).toContain('（一）制定章程');
  });

  it('print the label in its own font, an ideographic space from the text, the line indented 2 em as a paragraph is', () => {
    const ps = pages[template];
    const { page, line } = lines(ps).find((l) => l.text.startsWith('第一条为了'))!;
    const onLine = page.items.filter((it) => Math.abs(it.y - line.y) < 2).sort((a, b) => a.x - b.x);
    const label = onLine.find((it) => it.str.startsWith('第'))!;
    const text = onLine.find((it) => it.str.includes('为了'))!;
    expect(norm(label.str)).toMatch(/^第一条/);
    expect(label.font).not.toBe(text.font);
    // the label stands 2 em in from the type area's left (the lines of the paragraph that follow start there)
    const paragraph = lines(ps).find((l) => l.text.startsWith('民办职业学校'))!.line;
    expect(Math.abs(line.x0 - paragraph.x0)).toBeLessThan(0.5);
    // the text starts a full em (the ideographic space) after the label's three characters
    expect(text.x - label.x).toBeGreaterThan(3.9 * label.size);
    expect(text.x - label.x).toBeLessThan(4.2 * label.size);
  });

  it('are named by a reference as 第二条, and by its page label', () => {
    const ps = pages[template];
    const said = lines(ps).find((l) => l.text.startsWith('第十三条'))!.text;
    const scopePage = lines(ps).find((l) => l.text.startsWith('第二条本办法适用于'))!.page;
    expect(said).toBe(`第十三条依照本办法第二条的规定，见第${pageLabel(scopePage)}页。`);
  });
});

describe('an article inserted before another (a rebuild, as watch makes it, with the same cache)', () => {
  it('renumbers the articles after it and the references to them, and links them to the article', async () => {
    const input = path.join(dir, 'rebuilt.yaml');
    const options = { input, projectDir: root, packageDir: root, version: 'test' };
    const cache = newBuildCache(options);
    const build = async (yaml: string) => {
      writeFileSync(input, yaml);
      return lines((await readPdf((await buildReport(options, cache)).pdf)).pages);
    };
    const before = await build(content('official'));
    expect(before.find((l) => l.text.startsWith('第十三条'))!.text).toContain('依照本办法第二条的规定');
    const after = await build(content('official').replace('    body:\n      - article: 为了', '    body:\n      - article: 本办法所称职业学校，是指中等职业学校。\n      - article: 为了'));
    const said = after.find((l) => l.text.startsWith('第十四条'));
    expect(said?.text).toContain('依照本办法第三条的规定');
    expect(after.some((l) => l.text.startsWith('第三条本办法适用于'))).toBe(true);
    // the reference links to the article's line
    const page = said!.page;
    const link = page.links.find((k) => k.dest && Math.abs(k.y1 - said!.line.y) < 20);
    expect(link?.dest).toBe('art-3');
  }, 60_000);
});
