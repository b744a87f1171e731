/**
 * What a template's markup may write, checked where the template writes it: a `<figure src="…">`
 * held to the rules of a content image (inside the project).
 */
import { cpSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReport } from '../../src/content/load.js';
import { formatProblem, InputError } from '../../src/problems.js';
import { TemplateFolders } from '../../src/template/folders.js';
import { loadTemplates } from '../../src/template/templates.js';
import { reportView } from '../../src/template/view.js';
import { makePng } from '../helpers/png.js';

const root = path.resolve(import.meta.dirname, '../..');
const view = reportView(loadReport(path.join(root, 'content/jingan-2025.yaml')));
const page = { page: '3', pages: 9, chapter: '1　总述', odd: true, opening: false, report: view.report };

/** A copy of the official template, in a project of its own, with one file changed: the copy's folder. */
function variant(file: string, change: (src: string) => string): string {
  const dir = path.join(realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-markup-'))), 'templates/official');
  cpSync(path.join(root, 'templates/official'), dir, { recursive: true });
  const f = path.join(dir, file);
  const changed = change(readFileSync(f, 'utf8'));
  expect(changed).not.toBe(readFileSync(f, 'utf8'));
  writeFileSync(f, changed);
  return dir;
}

/** The first problem of rendering the whole document (and a page's header and footer) with the variant. */
function problemOf(dir: string): string {
  const templates = loadTemplates(dir, new TemplateFolders([path.dirname(path.dirname(dir)), root]));
  try {
    templates.renderDocument(view);
    templates.renderHeader(page);
    templates.renderFooter(page);
  } catch (e) {
    if (e instanceof InputError) return formatProblem(e.problems[0]);
    throw e;
  }
  return 'no problem';
}

/** Where `needle` first stands in the variant's `file`, as `file:line:col`. */
function placeOf(dir: string, file: string, needle: string): string {
  const text = readFileSync(path.join(dir, file), 'utf8');
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return `${dir}/${file}:${before.length}:${before[before.length - 1].length + 1}`;
}

describe('a <figure src> a template writes', () => {
  const figure = (src: string) => variant('block.hbs', (s) => s.replace('{{#if list}}', `<figure src="${src}"><caption>图</caption></figure>\n{{#if list}}`));
  it('outside the project is refused where the template writes it, before it is read', () => {
    const outside = path.join(realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-outside-'))), 'outside.png');
    writeFileSync(outside, makePng(4, 4));
    for (const src of [outside, '/etc/passwd', '../../etc/passwd']) {
      const dir = figure(src);
      expect(problemOf(dir)).toBe(`${placeOf(dir, 'block.hbs', `src="${src}"`)}: markup: image outside the project: ${src} (images must be inside the project)`);
    }
  });
  it('inside the project is checked as a content image is: a file that is missing, a folder, not an image', () => {
    const missing = figure('content/nosuch.png');
    expect(problemOf(missing)).toBe(`${placeOf(missing, 'block.hbs', 'src="content/nosuch.png"')}: markup: image not found: content/nosuch.png`);
    const folder = figure('content');
    expect(problemOf(folder)).toBe(`${placeOf(folder, 'block.hbs', 'src="content"')}: markup: image is a folder, not a file: content`);
    const text = figure('package.json');
    expect(problemOf(text)).toBe(`${placeOf(text, 'block.hbs', 'src="package.json"')}: markup: not a PNG, JPEG or SVG image (by its content): package.json`);
  });
  it('inside the project, an image, is drawn', () => {
    const dir = figure('tests/fixtures/bar-chart.svg');
    expect(problemOf(dir)).toBe('no problem');
  });
});
