/**
 * A cover taller than its page (the official cover's blank space on an A5 or B5 page, a title of
 * many lines) ran onto a second page without a word. Its blank spaces now shrink in proportion
 * until it stands on its page (read from the PDF: the issuer and date on page 1, the contents on
 * page 2); a cover whose text alone is too tall is one warning at what the user wrote that makes
 * it so (their theme's `page.size`, the title in their report), saying by how much.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');
const official = path.join(root, 'templates/official');

function imprint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let project: string;
const theme = () => path.join(project, 'templates/mine/theme.yaml');
const report = () => path.join(project, 'content/report.yaml');
let starterTheme: string;
let starterReport: string;

beforeAll(() => {
  project = path.join(realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-cover-'))), 'proj');
  expect(imprint(path.dirname(project), 'init', project).code).toBe(0);
  starterTheme = readFileSync(theme(), 'utf8');
  starterReport = readFileSync(report(), 'utf8');
});

/** Builds the starter project with `theme.yaml`, `report.yaml` and a `cover.hbs` of its own as given (put back after). */
function buildWith(o: { theme?: string; report?: string; cover?: string; document?: string }) {
  const cover = path.join(project, 'templates/mine/cover.hbs');
  const document = path.join(project, 'templates/mine/document.hbs');
  writeFileSync(theme(), o.theme ?? starterTheme);
  writeFileSync(report(), o.report ?? starterReport);
  if (o.cover) writeFileSync(cover, o.cover);
  if (o.document) writeFileSync(document, o.document);
  try {
    return imprint(project, 'build');
  } finally {
    writeFileSync(theme(), starterTheme);
    writeFileSync(report(), starterReport);
    rmSync(cover, { force: true });
    rmSync(document, { force: true });
  }
}

/** The text of page `n` (from 1) of the starter's PDF. */
function pageText(n: number): string {
  const r = spawnSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', path.join(project, 'out/report.pdf'), '-'], { encoding: 'utf8' });
  return r.stdout.replace(/\s+/g, '');
}

describe('a cover taller than its page', () => {
  it('on an A5 or B5 page of the official template, or A5 in gbt9704’s grid: its blank space shrinks and it stands on its page, without a word', () => {
    for (const theme of [`${starterTheme}page:\n  size: A5\n`, `${starterTheme}page:\n  size: B5\n`, 'extends: gbt9704\npage:\n  size: A5\ngrid: { lines: 22, chars: 18 }\n']) {
      const r = buildWith({ theme });
      expect([r.code, r.err], theme).toEqual([0, '']);
      expect(pageText(1), theme).toMatch(/^示例区教育质量报告（2025年度）示例区教育局2026年1月$/);
      expect(pageText(2), theme).toMatch(/^目录/);
    }
  });

  it('in a cover.hbs of the user’s own with a <vspace> too large: the same', () => {
    const cover = readFileSync(path.join(official, 'cover.hbs'), 'utf8').replace('size="100mm"', 'size="200mm"');
    const r = buildWith({ cover });
    expect([r.code, r.err]).toEqual([0, '']);
    expect(pageText(1)).toMatch(/示例区教育局2026年1月$/);
  });

  it('whose text alone is too tall on the page the user’s theme chose: one warning at page.size, by how much', () => {
    const line = starterTheme.split('\n').length + 1;
    const title = '示例区教育质量报告'.repeat(12);
    const r = buildWith({ theme: `${starterTheme}page:\n  size: A5\n`, report: starterReport.replace('title: 示例区教育质量报告', `title: ${title}`) });
    expect(r.err).toMatch(new RegExp(`^templates/mine/theme\\.yaml:${line}:9: warning: page\\.size: A5 leaves a type area \\d+(\\.\\d)?mm high, and the cover's text is \\d+(\\.\\d)?mm taller, its blank space taken away: it (runs onto a second page|takes \\d pages); choose a larger page, or shorten the text of the cover \\(this and the lines after it\\), or the sizes of its styles$`, 'm'));
    expect(r.code).toBe(0);
  });

  it('for a title of many lines under Imprint’s own cover: at the title in the report', () => {
    const title = '示例区教育质量报告'.repeat(40);
    const r = buildWith({ report: starterReport.replace('title: 示例区教育质量报告', `title: ${title}`) });
    const line = starterReport.split('\n').findIndex((l) => l.includes('title: 示例区教育质量报告')) + 1;
    expect(r.err).toMatch(new RegExp(`^content/report\\.yaml:${line}:10: warning: the cover's text is \\d+(\\.\\d)?mm taller than the type area of its page \\(A4: 237mm high\\), its blank space taken away: it runs onto a second page; shorten the text of the cover \\(this and the lines after it\\), or the sizes of its styles$`, 'm'));
    expect(r.code).toBe(0);
  });

  it('for a cover title of a size the user set: at the title, naming the sizes of its styles too, and how many pages it takes', () => {
    const r = buildWith({ theme: `${starterTheme.replace('cover-title: { font: 标题 }', 'cover-title: { font: 标题, size: 200pt }')}` });
    expect(r.err).toMatch(/^content\/report\.yaml:8:10: warning: the cover's text is \d+(\.\d)?mm taller than the type area of its page \(A4: 237mm high\), its blank space taken away: it takes \d pages; shorten the text of the cover \(this and the lines after it\), or the sizes of its styles\n/);
    expect(r.code).toBe(0);
  });

  it('is only a matter without page numbers and without headings: a body set without page numbers runs on over pages without a word', () => {
    const document = '<document>\n<matter numbering="none" footer="none">\n{{#each chapters}}{{> chapter}}{{/each}}\n</matter>\n</document>\n';
    const r = buildWith({ document });
    expect([r.code, r.err]).toEqual([0, '']);
    expect(pageText(3).length).toBeGreaterThan(0);
  });

  it('that fits is built as before, without a word', () => {
    for (const theme of [starterTheme, `${starterTheme}page:\n  size: LETTER\n`]) {
      const r = buildWith({ theme });
      expect([r.code, r.err]).toEqual([0, '']);
    }
  });
});
