/**
 * A cover taller than its page (the official cover's blank space on an A5 or B5 page, a title of
 * many lines): one warning at what the user wrote that makes it so (their theme's `page.size`,
 * the `<vspace>` of their own cover.hbs, the title in their report), saying by how much. It ran
 * onto a second page without a word.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { shownFile } from '../../src/problems.js';
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
function buildWith(o: { theme?: string; report?: string; cover?: string }) {
  const cover = path.join(project, 'templates/mine/cover.hbs');
  writeFileSync(theme(), o.theme ?? starterTheme);
  writeFileSync(report(), o.report ?? starterReport);
  if (o.cover) writeFileSync(cover, o.cover);
  try {
    return imprint(project, 'build');
  } finally {
    writeFileSync(theme(), starterTheme);
    writeFileSync(report(), starterReport);
    rmSync(cover, { force: true });
  }
}

describe('a cover taller than its page', () => {
  it('on an A5 or B5 page of the official template: one warning at the theme’s page.size, by how much', () => {
    const line = starterTheme.split('\n').length + 1;
    for (const [paper, area] of [['A5', 150], ['B5', 190]]) {
      const r = buildWith({ theme: `${starterTheme}page:\n  size: ${paper}\n` });
      expect(r.err).toMatch(
        new RegExp(
          `^templates/mine/theme\\.yaml:${line}:9: warning: page\\.size: ${paper} makes the cover of official \\(${escape(shownFile(path.join(official, 'cover.hbs'), project))}:5:1\\) \\d+(\\.\\d)?mm taller than the type area \\(${area}mm high\\): it runs onto a second page; write a cover\\.hbs of this template with less <vspace> \\(its largest: <vspace size="100mm"/>\\), or choose a larger page\\n$`,
        ),
      );
      expect(r.code).toBe(0);
    }
    // by how much: the official cover on A5 (62mm and 100mm of blank space, a title of one line, subtitle, issuer, date) is 62.8mm too tall
    expect(buildWith({ theme: `${starterTheme}page:\n  size: A5\n` }).err).toContain(' 62.8mm taller ');
  });

  it('on an A5 page, in gbt9704’s grid of its own: the same, at page.size', () => {
    const r = buildWith({ theme: 'extends: gbt9704\npage:\n  size: A5\ngrid: { lines: 22, chars: 18 }\n' });
    expect(r.err).toMatch(/^templates\/mine\/theme\.yaml:3:9: warning: page\.size: A5 makes the cover of gbt9704 \(.*templates\/gbt9704\/cover\.hbs:\d+:\d+\) \d+(\.\d)?mm taller than the type area \(138mm high\): it runs onto a second page; write a cover\.hbs of this template with less <vspace> \(its largest: <vspace size="230pt"\/>\), or choose a larger page\n$/);
    expect(r.code).toBe(0);
  });

  it('in a cover.hbs of the user’s own: at its largest <vspace>', () => {
    const cover = readFileSync(path.join(official, 'cover.hbs'), 'utf8').replace('size="100mm"', 'size="200mm"');
    const r = buildWith({ cover });
    const line = cover.split('\n').findIndex((l) => l.includes('200mm')) + 1;
    expect(r.err).toMatch(new RegExp(`^templates/mine/cover\\.hbs:${line}:1: warning: the cover is \\d+(\\.\\d)?mm taller than the type area of its page \\(A4: 237mm high\\): it runs onto a second page; make this <vspace> smaller \\(or choose a larger page\\)\\n$`));
    expect(r.code).toBe(0);
  });

  it('for a title of many lines under Imprint’s own cover: at the title in the report', () => {
    const title = '示例区教育质量报告'.repeat(12);
    const r = buildWith({ report: starterReport.replace('title: 示例区教育质量报告', `title: ${title}`) });
    const line = starterReport.split('\n').findIndex((l) => l.includes('title: 示例区教育质量报告')) + 1;
    expect(r.err).toMatch(new RegExp(`^content/report\\.yaml:${line}:10: warning: the cover is \\d+(\\.\\d)?mm taller than the type area of its page \\(A4: 237mm high\\): it runs onto a second page; shorten the text of the cover \\(this and the lines after it\\), or the sizes of its styles\\n`));
    expect(r.code).toBe(0);
  });

  it('for a cover title of a size the user set: at the title, naming the sizes of its styles too, and how many pages it takes', () => {
    const r = buildWith({ theme: `${starterTheme.replace('cover-title: { font: 标题 }', 'cover-title: { font: 标题, size: 200pt }')}` });
    expect(r.err).toMatch(/^content\/report\.yaml:8:10: warning: the cover is \d+(\.\d)?mm taller than the type area of its page \(A4: 237mm high\): it takes \d pages; shorten the text of the cover \(this and the lines after it\), or the sizes of its styles\n/);
    expect(r.code).toBe(0);
  });

  it('that fits is built as before, without a word', () => {
    for (const theme of [starterTheme, `${starterTheme}page:\n  size: LETTER\n`]) {
      const r = buildWith({ theme });
      expect([r.code, r.err]).toEqual([0, '']);
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
