/**
 * Hyphenation in a built report: a paragraph whose first line holds an English list in brackets
 * (the typesetter's case: without hyphenation its Han characters stood 8.9 pt apart) ends that
 * line inside a word, with the hyphen drawn; read back with pdf.js, the text with the hyphens at
 * line ends removed is the source's, no glyph stands past the right margin, and the hyphen's
 * text for a reader that honours ActualText is a soft hyphen. A paragraph that sets well without
 * hyphenation keeps its lines.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-hyphenation-'));
/** The official theme's type area (A4, 27 mm side margins), pt. */
const mm = 72 / 25.4;
const right = 595.28 - 27 * mm;

const hyphenated = '学校围绕（Digital Literacy, Computational Thinking, Information Responsibility and Collaboration）四个维度构建信息素养课程体系，覆盖全体学生，并与区域数字化转型规划相衔接，形成了校本特色的课程图谱。';
const unhyphenated = '逸夫职校引入国际通行的（Design Thinking, Entrepreneurship Education and Sustainable Development Goals）框架，开设系列专创融合课程与创业社团，引入红色文创、行业真实项目、非遗项目。';

const content = { report: { title: '断字测试报告', date: '2026 年 1 月' }, chapters: [{ title: '信息素养', body: [hyphenated, unhyphenated] }] };

/** One line of text as pdf.js reads it: its runs joined, its right end, pt. */
interface TextLine {
  text: string;
  x1: number;
}

let build: { status: number | null; stderr: string };
let lines: TextLine[];
let raw: Buffer;

beforeAll(async () => {
  const input = path.join(dir, 'hyphenation.yaml');
  const output = path.join(dir, 'hyphenation.pdf');
  writeFileSync(input, stringify(content, { lineWidth: 0 }));
  build = spawnSync(process.execPath, [path.join(root, 'dist/bin.cjs'), 'build', input, '-o', output, '--no-cache'], { cwd: root, encoding: 'utf8' });
  raw = readFileSync(output);
  const doc = await getDocument({ data: new Uint8Array(raw), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  // the body's page: the last
  const page = await doc.getPage(doc.numPages);
  const byBaseline = new Map<number, { x0: number; x1: number; text: string }[]>();
  for (const it of (await page.getTextContent()).items) {
    if (!('str' in it) || !it.str) continue;
    const y = Math.round(it.transform[5]);
    if (!byBaseline.has(y)) byBaseline.set(y, []);
    byBaseline.get(y)!.push({ x0: it.transform[4], x1: it.transform[4] + it.width, text: it.str });
  }
  lines = [...byBaseline.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([, runs]) => runs.sort((a, b) => a.x0 - b.x0))
    .map((runs) => ({ text: runs.map((r) => r.text).join('').replace(/\s+/g, ''), x1: Math.max(...runs.map((r) => r.x1)) }));
  await doc.destroy();
}, 60_000);

const squeezed = (s: string) => s.replace(/\s+/g, '');

describe('hyphenation in a built report', () => {
  it('builds without a problem', () => {
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
  });

  it('ends the loose line inside an English word, with a hyphen drawn inside the measure', () => {
    const first = lines.findIndex((l) => l.text.startsWith('学校围绕'));
    expect(first).toBeGreaterThanOrEqual(0);
    expect(lines[first].text).toMatch(/[a-z]-$/);
    expect(lines[first + 1].text).toMatch(/^[a-z]{3}/);
    // (a line ending in a Chinese mark is left out: its glyph's blank half, trimmed, reaches past the edge)
    for (const l of lines.filter((l) => /[A-Za-z-]$/.test(l.text))) expect(l.x1).toBeLessThanOrEqual(right + 0.01);
  });

  it('loses nothing: the text read back, the hyphens at line ends removed, is the source text', () => {
    const text = lines.map((l) => l.text.replace(/-$/, '')).join('');
    expect(text).toContain(squeezed(hyphenated));
    expect(text).toContain(squeezed(unhyphenated));
  });

  it('gives a reader that honours ActualText a soft hyphen (U+00AD) for the hyphen drawn', () => {
    const streams = [...raw.toString('latin1').matchAll(/stream\r?\n/g)].map((m) => {
      const start = m.index! + m[0].length;
      try {
        return inflateSync(raw.subarray(start, raw.indexOf('endstream', start))).toString('latin1');
      } catch {
        return '';
      }
    });
    expect(streams.some((t) => t.includes('/Span <</ActualText <FEFF00AD>>> BDC'))).toBe(true);
  });

  it('keeps the lines of a paragraph that sets well without hyphenation: no line of it ends hyphenated', () => {
    const first = lines.findIndex((l) => l.text.startsWith('逸夫职校'));
    expect(first).toBeGreaterThanOrEqual(0);
    expect(lines[first].text).toBe(squeezed('逸夫职校引入国际通行的（Design Thinking, Entrepreneurship Education'));
    expect(lines.slice(first, first + 3).every((l) => !l.text.endsWith('-'))).toBe(true);
  });
});
