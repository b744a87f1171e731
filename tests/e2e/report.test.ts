/**
 * End to end: the sample report built with the real fonts, read back with pdf.js. Asserts the
 * promises of the contract: every paragraph in order, contents numbers pointing at the pages
 * where headings stand, no prohibited line edges, no one-character last lines, fonts embedded
 * as subsets, metadata and bookmarks, the same bytes on every build.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/pipeline.js';
import { NO_LINE_END, NO_LINE_START } from '../../src/text/char-class.js';
import { bodyLines, contentsEntries, lonelyLines, norm, pageLabel, pagesOfEntries, readPdf, type ReadPdf } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');
const input = path.join(root, 'content/jingan-2025.yaml');
const options = { input, projectDir: root, packageDir: root, version: 'test' };

let pdf: Buffer;
let read: ReadPdf;

beforeAll(async () => {
  pdf = (await buildReport(options)).pdf;
  read = await readPdf(pdf);
});

/** Every text of the content in reading order (paragraphs, headings, table cells, case titles). */
function contentTexts(): string[] {
  const doc = parse(readFileSync(input, 'utf8'));
  const out: string[] = [];
  const blocks = (bs: unknown[] = []) => {
    for (const b of bs as Record<string, any>[]) {
      if (typeof b === 'string') out.push(b);
      else if (b.heading) out.push(b.heading);
      else if (b.table) {
        out.push(b.table.title, b.table.columns.join(''));
        for (const r of b.table.rows) out.push(r.join(''));
      } else if (b.case) {
        out.push(b.case.title);
        blocks(b.case.body);
      }
    }
  };
  out.push(doc.preface.title);
  blocks(doc.preface.body);
  for (const c of doc.chapters) {
    out.push(c.title);
    blocks(c.body);
    for (const s of c.sections ?? []) {
      out.push(s.title);
      blocks(s.body);
    }
  }
  return out;
}


describe('the sample report', () => {
  it('holds every paragraph of the content, whole and in order', () => {
    const body = read.pages.map((p) => bodyLines(p).map((l) => norm(l.text)).join('')).join('');
    let pos = 0;
    const texts = contentTexts().map(norm).filter(Boolean);
    expect(texts.length).toBeGreaterThan(90);
    for (const t of texts) {
      const i = body.indexOf(t, pos);
      expect(i, `not found in order: ${t.slice(0, 30)}`).toBeGreaterThanOrEqual(0);
      pos = i + t.length;
    }
  });

  it('has contents entries whose numbers are the pages where the headings stand', () => {
    const entries = contentsEntries(read.pages);
    // 前言, 7 chapters, 20 sections; table 1 and cases 1–6
    expect(entries.length).toBe(28 + 7);
    expect(pagesOfEntries(read.pages, entries)).toEqual(entries.map((e) => e.number));
  });

  it('breaks no line at a prohibited mark and leaves no one-character last line', () => {
    for (const p of read.pages) {
      for (const l of p.lines) {
        const t = l.text.trim();
        expect(NO_LINE_START.has(t[0]), `line starts with ${t[0]}: ${t}`).toBe(false);
        expect(NO_LINE_END.has(t[t.length - 1]), `line ends with ${t[t.length - 1]}: ${t}`).toBe(false);
        const letters = norm(t);
        expect(letters.length === 1 && /\p{Script=Han}/u.test(letters) && t.length <= 3 && /[。！？；：”’）》]/.test(t), `runt: ${t}`).toBe(false);
      }
    }
  });

  it('leaves no paragraph\'s last line alone at a page top, nor its first at a page bottom', () => {
    const left = (27 * 72) / 25.4;
    expect(lonelyLines(read.pages, left, 595.28 - left, 24)).toEqual([]);
  });

  it('sets body lines flush at both edges of the type area', () => {
    const page = read.pages.find((p) => pageLabel(p) === '2')!;
    const body = page.lines.filter((l) => l.text.length > 30);
    // an opening mark at a line start is set with its blank trimmed: its glyph box starts ½ em early
    const left = Math.min(...body.filter((l) => !/^[“‘（《「『【〔]/.test(l.text)).map((l) => l.x0));
    const right = Math.max(...body.map((l) => l.x1));
    expect(left).toBeCloseTo(27 * 72 / 25.4, 0);
    // full lines end at the right edge (a trimmed mark may end half an em early)
    const full = body.filter((l) => right - l.x1 < 7);
    expect(full.length).toBeGreaterThan(body.length / 2);
  });

  it('embeds every font as a subset', () => {
    const raw = pdf.toString('latin1');
    const names = [...raw.matchAll(/\/BaseFont \/([A-Za-z0-9+_-]+)/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).toMatch(/^[A-Z]{6}\+/);
    expect((raw.match(/\/FontFile2/g) ?? []).length).toBe(new Set(names).size);
  });

  it('carries metadata and bookmarks from the report', () => {
    expect(read.info.Title).toBe('上海市静安区中等职业教育质量报告（2025 年度）');
    expect(read.info.Author).toBe('静安区教育局');
    expect(read.outline.map((o) => o.title)).toEqual(['前言', '1 人才培养', '2 服务贡献', '3 文化传承', '4 国际合作', '5 产教融合', '6 发展保障', '7 面临挑战']);
    expect(read.outline[1].items.map((i) => i.title)).toEqual(['1.1 基本情况', '1.2 立德树人', '1.3 教育教学', '1.4 师资队伍', '1.5 学生发展']);
  });

  it('is a tagged PDF whose structure follows the content (pdf.js structure tree)', async () => {
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    type Node = { role?: string; children?: Node[] };
    const outline = (n: Node, depth = 0): string[] =>
      n.role ? [`${'  '.repeat(depth)}${n.role}`, ...(n.children ?? []).flatMap((c) => outline(c, depth + 1))] : [];
    const trees: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) trees.push(outline((await (await doc.getPage(i)).getStructTree()) as Node).join('\n'));
    await doc.destroy();
    const all = trees.join('\n');
    expect(trees[1]).toMatch(/TOC\n\s+TOCI/); // 目录
    expect(all).toMatch(/Table\n\s+Caption\n\s+TR\n\s+TH\n\s+TH\n\s+TH\n\s+TH\n\s+TR\n\s+TD/);
    expect(all).toMatch(/Div\n\s+H\n\s+P/); // a case box: its title, then its text
    expect(all.match(/^ *H1$/gm)?.length).toBe(8); // 前言 and 7 chapters (the contents titles are H)
    expect(all.match(/^ *H2$/gm)?.length).toBeGreaterThanOrEqual(20);
  });

  it('tells viewers the page numbers printed on the pages (PDF page labels), none on the cover', async () => {
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    const labels = await doc.getPageLabels();
    await doc.destroy();
    expect(labels).toEqual(read.pages.map(pageLabel));
    expect(labels?.[0]).toBe('');
    expect(labels).toContain('ii');
    expect(labels).toContain('1');
  });

  it('gives the same bytes build after build', async () => {
    const again = (await buildReport(options)).pdf;
    expect(again.equals(pdf)).toBe(true);
  });
});
