/**
 * Inline markup in the titles of chapters and sections (spec §6.2 "in any text"): the heading
 * shows it (bold, superscript, a reference worded and linked, a footnote's marker with its
 * note at the foot); the contents, the bookmarks and the running heads show the plain words,
 * without markup characters or footnote markers. Read back with pdf.js.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { buildReport } from '../../src/pipeline.js';
import { contentsEntries, norm, readPdf, type ReadPdf } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-title-markup-'));

const filler = Array.from({ length: 40 }, (_, i) => `          - 第${i + 1}段，${'这是一个用来占位的段落。'.repeat(6)}\n`).join('');
const CONTENT = `report:
  title: "**标题**标记"
  template: plain-sections
chapters:
  - title: "**重点**与 m^2^"
    body:
      - 正文。
    sections:
      - title: "**要点**见[[methods]]^[节标题的注。]"
        body:
${filler}  - title: 方法
    id: methods
    body: [方法正文。]
`;

let read: ReadPdf;
let pdf: Buffer;

beforeAll(async () => {
  const input = path.join(dir, 'r.yaml');
  writeFileSync(input, CONTENT);
  // section headings in the regular weight, so that bold in their titles shows
  mkdirSync(path.join(dir, 'templates/plain-sections'), { recursive: true });
  writeFileSync(
    path.join(dir, 'templates/plain-sections/theme.yaml'),
    'extends: official\nstyles:\n  h2: { bold: false }\n',
  );
  pdf = (await buildReport({ input, projectDir: dir, packageDir: root, version: 'test' })).pdf;
  read = await readPdf(pdf);
}, 60_000);

/** The page whose lines hold a line reading `text` (compared as `norm` does), and that line. */
function lineReading(text: string) {
  for (const [i, p] of read.pages.entries()) {
    const line = p.lines.find((l) => norm(l.text) === norm(text));
    if (line) return { index: i, page: p, line };
  }
  throw new Error(`no line reads "${text}"`);
}

describe('markup in chapter and section titles', () => {
  it('the bookmarks show the plain words: no markup characters, references worded, no footnote marker', () => {
    expect(read.outline.map((o) => o.title)).toEqual(['1 重点与 m2', '2 方法']);
    expect(read.outline[0].items.map((i) => i.title)).toEqual(['1.1 要点见第 2 章']);
  });
  it('the contents show the plain words', () => {
    const entries = contentsEntries(read.pages).map((e) => e.title);
    expect(entries).toEqual([norm('1 重点与 m2'), norm('1.1 要点见第 2 章'), norm('2 方法')]);
    const contents = read.pages.filter((p) => p.lines.some((l) => norm(l.text) === '目录'));
    expect(contents.flatMap((p) => p.lines.map((l) => l.text)).join('')).not.toMatch(/[*^[\]①]/);
  });
  it('the heading shows the markup: a superscript, bold, the reference linked, the footnote\'s marker and note', async () => {
    // the raised 2 stands apart from its line
    const chapter = lineReading('1 重点与 m');
    const m = chapter.page.items.find((i) => i.str.endsWith('m') && Math.abs(i.y - chapter.line.y) < 2)!;
    const two = chapter.page.items.find((i) => i.str === '2' && i.y < m.y - 1 && m.y - i.y < 10)!;
    expect(two.size).toBeLessThan(m.size * 0.8);

    const section = lineReading('1.1 要点见第 2 章'); // its raised ① stands apart
    expect(section.page.items.some((i) => i.str === '①' && i.y < section.line.y && section.line.y - i.y < 10)).toBe(true);
    expect(section.page.links.map((l) => l.dest)).toContain('sec-2');
    const notes = read.pages.flatMap((p) => p.lines).filter((l) => l.text.includes('节标题的注。'));
    expect(notes.map((l) => norm(l.text))).toEqual([norm('① 节标题的注。')]);
    expect(read.pages.indexOf(read.pages.find((p) => p.lines.includes(notes[0]))!)).toBe(section.index);

    // bold: 要点 in another font (the bold face) than 见 of the same line
    const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    const items = (await (await doc.getPage(section.index + 1)).getTextContent()).items as { str: string; fontName: string; transform: number[] }[];
    await doc.destroy();
    const fontOf = (s: string) => items.find((i) => i.str.includes(s) && Math.abs(i.transform[5] - items.find((j) => j.str.includes('要点'))!.transform[5]) < 2)!.fontName;
    expect(fontOf('要点')).not.toBe(fontOf('见'));
  });
  it('running heads show the report\'s title plain', () => {
    const heads = read.pages.map((p) => p.lines[0]?.text ?? '').filter((t) => t.includes('标题标记'));
    expect(heads.length).toBeGreaterThan(0);
    expect(read.pages.flatMap((p) => p.lines).filter((l) => /\*\*|\^/.test(l.text))).toEqual([]);
  });
});
