/**
 * Page furniture from the theme and page templates: chapters on recto pages with blank versos
 * (duplex), page numbers outside one character in (GB/T 9704), running heads not on chapter
 * opening pages.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/pipeline.js';
import { bodyLines, norm, readPdf, type ReadPdf } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');
let read: ReadPdf;

beforeAll(async () => {
  const project = mkdtempSync(path.join(tmpdir(), 'imprint-furniture-'));
  cpSync(path.join(root, 'templates/official'), path.join(project, 'templates/official'), { recursive: true });
  const theme = path.join(project, 'templates/official/theme.yaml');
  writeFileSync(
    theme,
    readFileSync(theme, 'utf8')
      .replace('chapter-start: any', 'chapter-start: recto')
      .replace(/footer-odd: .*/, 'footer-odd: { font: 宋体, size: 四号, line-height: 1.2, align: right, indent-right: 1em }')
      .replace(/footer-even: .*/, 'footer-even: { font: 宋体, size: 四号, line-height: 1.2, align: left, indent: 1em }'),
  );
  const { pdf } = await buildReport({ input: path.join(root, 'content/jingan-2025.yaml'), projectDir: project, packageDir: root, version: 'test' });
  read = await readPdf(pdf);
});

const footerOf = (p: ReadPdf['pages'][number]) => p.lines.find((l) => /^—\s*\d+\s*—$/.test(l.text.trim()));

describe('page furniture', () => {
  it('starts every chapter on an odd page, leaving even pages blank where needed', () => {
    const chapters = ['前言', '1人才培养', '2服务贡献', '3文化传承', '4国际合作', '5产教融合', '6发展保障', '7面临挑战'];
    const numbered = read.pages.filter((p) => footerOf(p));
    for (const title of chapters) {
      const page = numbered.find((p) => bodyLines(p).some((l) => norm(l.text) === title))!;
      expect(Number(/\d+/.exec(footerOf(page)!.text)![0]) % 2, title).toBe(1);
    }
    const blanks = read.pages.filter((p) => p.lines.length === 0);
    expect(blanks.length).toBeGreaterThan(0);
  });

  it('puts odd page numbers right and even ones left, one character in (GB/T 9704)', () => {
    const left = (27 * 72) / 25.4;
    const right = 595.28 - left;
    for (const p of read.pages) {
      const f = footerOf(p);
      if (!f) continue;
      const n = Number(/\d+/.exec(f.text)![0]);
      if (n % 2) expect(right - f.x1).toBeCloseTo(14, 0);
      else expect(f.x0 - left).toBeCloseTo(14, 0);
    }
  });

  it('runs the report title above the type area, except on chapter opening pages', () => {
    for (const p of read.pages.filter((x) => footerOf(x))) {
      const head = p.lines.find((l) => l.y < (30 * 72) / 25.4);
      const opening = bodyLines(p).some((l) => /^(前言|\d人才培养|\d[\u4e00-\u9fff]{4}$)/.test(norm(l.text)) && l.y < 140);
      if (opening) expect(head).toBeUndefined();
      else expect(norm(head?.text ?? '')).toBe('上海市静安区中等职业教育质量报告');
    }
  });
});
