/**
 * The contents are laid out after the matters they point into: the sample's contents are right
 * in the first layout round. A template whose contents share a matter with the headings they
 * list (the contents' own length moves the headings' page numbers) still gets them right, in
 * more rounds. Read back from the PDF with pdf.js.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, layoutReport } from '../../src/pipeline.js';
import { contentsEntries, pagesOfEntries, readPdf, type PdfPage } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('contents page numbers', () => {
  it('are found in one layout round when the contents have a matter of their own', () => {
    const r = layoutReport({ input: path.join(root, 'content/jingan-2025.yaml'), projectDir: root, packageDir: root, version: 'test' });
    expect(r.rounds).toBe(1);
  });

  it('are right when the contents share a matter with the headings they list', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'imprint-contents-'));
    mkdirSync(path.join(project, 'templates/one-matter'), { recursive: true });
    writeFileSync(path.join(project, 'templates/one-matter/theme.yaml'), 'extends: official\n');
    writeFileSync(
      path.join(project, 'templates/one-matter/document.hbs'),
      '<document>\n<matter numbering="arabic">\n{{> contents}}\n<pagebreak/>\n{{#each chapters}}{{> chapter}}{{/each}}\n</matter>\n</document>\n',
    );
    // enough chapters for two pages of contents: every heading moves by the contents' length
    const chapters = Array.from({ length: 40 }, (_, i) => `  - title: 第${i + 1}章的标题\n    body:\n      - ${'这是一个用来占位的段落。'.repeat(30 + (i % 7) * 20)}\n`).join('');
    const input = path.join(project, 'r.yaml');
    writeFileSync(input, `report:\n  title: 一个矩阵\n  template: one-matter\nchapters:\n${chapters}`);
    const r = await buildReport({ input, projectDir: project, packageDir: root, version: 'test' });
    expect(r.rounds).toBeGreaterThan(1);
    const { pages } = await readPdf(r.pdf);
    // contents pages: those with dot leaders (they are numbered like the chapters here)
    const isContents = (p: PdfPage) => p.lines.some((l) => /(·\s?){3}/.test(l.text));
    const entries = contentsEntries(pages, isContents);
    expect(entries).toHaveLength(40);
    expect(pagesOfEntries(pages, entries, (p) => !isContents(p))).toEqual(entries.map((e) => e.number));
    expect(entries[0].number).not.toBe('2'); // the contents took more than one page
  });
});
