/**
 * Links in the structure tree (PDF/UA): each link annotation is the object (OBJR) of a `Link`
 * element that holds the linked words, inside the element of the text it stands in, on the
 * page of the annotation; the annotation names its element (/StructParent) and says its words
 * (/Contents). Links of every kind: URLs, cross-references, footnote markers and their notes'
 * links back, table cells, contents entries. Read back with pdf.js.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { buildReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-link-structure-'));

const URL = 'https://example.org/a/very/long/path/to/some-report_file.pdf?year=2025&lang=zh-CN';
const filler = Array.from({ length: 30 }, (_, i) => `      - 第${i + 1}段，${'这是一个用来占位的段落。'.repeat(6)}见[[methods]]。\n`).join('');
const CONTENT = `report:
  title: 链接
chapters:
  - title: 总体
    body:
      - 见[教育局网站](https://example.org/edu)或 <${URL}>，另见[[methods]]^[注中也有[链接](https://example.org/n)。]。
      - table: {title: 表, columns: [a], rows: [["单元格里的[链接](https://example.org/cell)"]]}
${filler}  - title: 方法
    id: methods
    body: [方法正文。]
`;

interface Node {
  role?: string;
  type?: string;
  id?: string;
  children?: Node[];
}
interface PageLinks {
  /** Link annotations: their words (Contents) and the key of their element in the parent tree. */
  annotations: { contents: string; structParent?: number }[];
  /** Link elements of the page's structure tree: the role of their parent, their kinds of children. */
  elements: { parent: string; content: number; objects: number }[];
}

let pages: PageLinks[];

beforeAll(async () => {
  const input = path.join(dir, 'r.yaml');
  writeFileSync(input, CONTENT);
  const { pdf } = await buildReport({ input, projectDir: root, packageDir: root, version: 'test' });
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const annots = (await page.getAnnotations()) as { subtype: string; contentsObj?: { str: string }; structParent?: number }[];
    const elements: PageLinks['elements'] = [];
    const walk = (n: Node, parent: string) => {
      if (n.role === 'Link') elements.push({ parent, content: n.children?.filter((c) => c.type === 'content').length ?? 0, objects: n.children?.filter((c) => c.type === 'object').length ?? 0 });
      for (const c of n.children ?? []) walk(c, n.role ?? parent);
    };
    walk((await page.getStructTree()) as Node, '');
    pages.push({ annotations: annots.filter((a) => a.subtype === 'Link').map((a) => ({ contents: a.contentsObj?.str ?? '', structParent: a.structParent })), elements });
  }
  await doc.destroy();
}, 60_000);

describe('links in the structure tree', () => {
  it('every link annotation is the object of a Link element on its own page, and names it', () => {
    expect(pages.some((p) => p.annotations.length > 0)).toBe(true);
    for (const p of pages) {
      expect(p.elements.map((e) => e.objects)).toEqual(p.annotations.map(() => 1));
      for (const a of p.annotations) expect(a.structParent).toBeGreaterThanOrEqual(0);
    }
  });
  it('each Link element holds its words, inside the text it stands in', () => {
    const all = pages.flatMap((p) => p.elements);
    for (const e of all) expect(e.content).toBeGreaterThan(0);
    expect(new Set(all.map((e) => e.parent))).toEqual(new Set(['TOCI', 'P', 'Note', 'TD']));
  });
  it('each annotation says the words it links (Contents)', () => {
    const words = pages.flatMap((p) => p.annotations.map((a) => a.contents));
    // the words as the line's atoms hold them: the gaps between Han and Latin are spacing, not text
    expect(words).toEqual(expect.arrayContaining(['教育局网站', '第2章', '①', '链接', '1　总体', '2　方法', '表 1　表']));
    expect(words.filter((w) => URL.startsWith(w) || w === URL).length).toBeGreaterThanOrEqual(1);
    expect(words.every((w) => w.length > 0)).toBe(true);
  });
  it('a contents entry over many lines says on each line the words of that line (each said the whole title: a 20,000-character title wrote 10 million)', async () => {
    const title = '区域推进义务教育优质均衡发展与学校内涵建设的实践探索'.repeat(8);
    const input = path.join(dir, 'long-title.yaml');
    writeFileSync(input, `report:\n  title: 目录\nchapters:\n  - title: ${title}\n    body:\n      - 正文。\n`);
    const { pdf } = await buildReport({ input, projectDir: root, packageDir: root, version: 'test' });
    const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    const words: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const annots = (await (await doc.getPage(i)).getAnnotations()) as { subtype: string; contentsObj?: { str: string }; url?: string }[];
      words.push(...annots.filter((a) => a.subtype === 'Link' && !a.url).map((a) => a.contentsObj?.str ?? ''));
    }
    await doc.destroy();
    expect(words.length).toBeGreaterThan(3);
    expect(words.every((w) => w.length > 0 && w.length < title.length)).toBe(true);
    expect(words.join('').replace(/^1\u3000/, '')).toBe(title);
  });
  it('writes a URL that runs over many lines once: one action its pieces share', async () => {
    const long = `https://example.org/${Array.from({ length: 40 }, (_, i) => `part-${i}/segment`).join('/')}.html`;
    const input = path.join(dir, 'long-url.yaml');
    writeFileSync(input, `report:\n  title: 链接\nchapters:\n  - title: 总体\n    body:\n      - 全文见<${long}>。\n`);
    const { pdf } = await buildReport({ input, projectDir: root, packageDir: root, version: 'test' });
    const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    const links = ((await (await doc.getPage(doc.numPages)).getAnnotations()) as { subtype: string; url?: string }[]).filter((a) => a.subtype === 'Link');
    await doc.destroy();
    expect(links.length).toBeGreaterThan(3);
    expect(links.every((a) => a.url === long)).toBe(true);
    expect(Buffer.from(pdf).toString('latin1').split(`(${long})`).length - 1).toBe(1);
  });
});
