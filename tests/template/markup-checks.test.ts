/**
 * What a template's markup may write, checked where the template writes it: each element's own
 * attributes (a misspelt one named with the likely name), each value within what the layout
 * takes, and a `<figure src="…">` held to the rules of a content image (inside the project).
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

/** The official template with `from` made `to` in `file` is refused with `message`, located where `needle` stands in that file. */
function expectRefusedAt(file: string, from: string, to: string, needle: string, message: string): void {
  const dir = variant(file, (s) => s.replace(from, to));
  expect(problemOf(dir)).toBe(`${placeOf(dir, file, needle)}: markup: ${message}`);
}

describe('a value a template writes', () => {
  const cases: [file: string, from: string, to: string, message: string][] = [
    ['block.hbs', '{{#if list}}', '<vspace size="-500mm"/>{{#if list}}', 'size="-500mm" of <vspace> must be a length of 0 or more: a number in pt, mm, cm, in or px (0.75pt), or a 字号 (20mm, 12pt, 小四)'],
    // em, a misspelt unit, a unit in Chinese: one message naming the units taken and what is wrong (it was only "a length of 0 or more (12pt, 20mm)")
    ['block.hbs', '{{#if list}}', '<vspace size="2em"/>{{#if list}}', 'size="2em" of <vspace> must be a length of 0 or more: a number in pt, mm, cm, in or px (0.75pt), or a 字号 (20mm, 12pt, 小四); em is not taken here: it is a share of a font size, and markup has none'],
    ['block.hbs', '{{#if list}}', '<vspace size="2 em"/>{{#if list}}', 'size="2 em" of <vspace> must be a length of 0 or more: a number in pt, mm, cm, in or px (0.75pt), or a 字号 (20mm, 12pt, 小四); em is not taken here: it is a share of a font size, and markup has none'],
    ['block.hbs', '{{#if list}}', '<vspace size="-3em"/>{{#if list}}', 'size="-3em" of <vspace> must be a length of 0 or more: a number in pt, mm, cm, in or px (0.75pt), or a 字号 (20mm, 12pt, 小四); em is not taken here: it is a share of a font size, and markup has none'],
    ['block.hbs', '{{#if list}}', '<vspace size="2emm"/>{{#if list}}', 'size="2emm" of <vspace> must be a length of 0 or more: a number in pt, mm, cm, in or px (0.75pt), or a 字号 (20mm, 12pt, 小四); "emm" is not a unit: did you mean mm?'],
    ['block.hbs', '{{#if list}}', '<vspace size="20MM"/>{{#if list}}', 'size="20MM" of <vspace> must be a length of 0 or more: a number in pt, mm, cm, in or px (0.75pt), or a 字号 (20mm, 12pt, 小四); "MM" is not a unit: did you mean mm?'],
    ['block.hbs', '{{#if list}}', '<vspace size="3厘米"/>{{#if list}}', 'size="3厘米" of <vspace> must be a length of 0 or more: a number in pt, mm, cm, in or px (0.75pt), or a 字号 (20mm, 12pt, 小四); write 厘米 as cm'],
    ['header.hbs', 'width="0.5pt"', 'width="-50pt"', 'width="-50pt" of <rule> must be a length of 0 or more: a number in pt, mm, cm, in or px (0.75pt), or a 字号 (20mm, 12pt, 小四)'],
    ['header.hbs', 'width="0.5pt"', 'width="abc"', 'width="abc" of <rule> must be a length of 0 or more: a number in pt, mm, cm, in or px (0.75pt), or a 字号 (20mm, 12pt, 小四)'],
    ['header.hbs', 'color="#555555"', 'color="grey"', 'color="grey" of <rule> must be a colour, #rrggbb'],
    ['chapter.hbs', 'level="1"', 'level="9"', 'level="9" of <h> must be a whole number from 0 (a heading not in the outline) to 6'],
    ['chapter.hbs', 'level="1"', 'level="abc"', 'level="abc" of <h> must be a whole number from 0 (a heading not in the outline) to 6'],
    ['table.hbs', 'width="{{width}}"', 'width="-5"', 'width="-5" of <col> must be a number above 0 (its share of the width, relative to the other columns) or empty'],
    ['table.hbs', 'header="true"', 'header="yes"', 'header="yes" of <tr> must be true or false'],
    ['report-pages.hbs', 'footer="none"', 'footer="no"', 'footer="no" of <matter> must be none'],
    ['block.hbs', '{{#if list}}', '<keep next="yes"></keep>{{#if list}}', 'next="yes" of <keep> must be true or false'],
  ];
  for (const [file, from, to, message] of cases) {
    it(`${to} in ${file} is refused where it is written, saying what is allowed`, () => {
      expectRefusedAt(file, from, to, /[\w-]+="[^"]*"/.exec(to.replace('{{#if list}}', ''))![0], message);
    });
  }
});

describe('a length a template writes in px', () => {
  it('is taken, a CSS px of 0.75pt, as README says', () => {
    const dir = variant('block.hbs', (s) => s.replace('{{#if list}}', '<vspace size="10px"/>{{#if list}}'));
    const doc = loadTemplates(dir, new TemplateFolders([path.dirname(path.dirname(dir)), root])).renderDocument(view);
    const spaces = doc.matters.flatMap((m) => m.children).filter((n) => n.kind === 'vspace' && n.size === 7.5);
    expect(spaces.length).toBeGreaterThan(0);
  });
});

describe('an attribute an element does not have', () => {
  const cases: [file: string, from: string, to: string, message: string][] = [
    ['paragraph.hbs', 'style="body"', 'stlye="body"', '<p> has no attribute stlye (did you mean style?)'],
    ['header.hbs', 'width="0.5pt"', 'widht="0.5pt"', '<rule> has no attribute widht (did you mean width?)'],
    ['table.hbs', 'align="{{align}}" width', 'algin="{{align}}" width', '<col> has no attribute algin (did you mean align?)'],
    ['paragraph.hbs', 'style="body"', 'style="body" foo="x"', '<p> has no attribute foo (it has style, at, id, fit)'],
    ['document.hbs', '<document>', '<document lang="zh">', '<document> has no attribute lang (it has none)'],
    ['paragraph.hbs', '{{inline text}}', '<b class="x">{{inline text}}</b>', '<b> has no attribute class (it has none)'],
  ];
  for (const [file, from, to, message] of cases) {
    it(`${to} in ${file} is refused at it, with the likely name`, () => {
      expectRefusedAt(file, from, to, /(?:stlye|widht|algin|foo|lang|class)="[^"]*"/.exec(to.replace('style="body" foo', 'foo'))![0], message);
    });
  }
});

describe('a style a template writes', () => {
  it('on <continued> sets the caption of continuation pages in it (the caption’s style when it has none)', () => {
    const tables = (dir: string) => {
      const doc = loadTemplates(dir, new TemplateFolders([path.dirname(path.dirname(dir)), root])).renderDocument(view);
      return doc.matters.flatMap((m) => m.children).filter((n) => n.kind === 'table');
    };
    const noted = tables(variant('table.hbs', (s) => s.replace('<continued style="caption">', '<continued style="note">')));
    expect(noted.length).toBeGreaterThan(0);
    expect(noted.map((t) => t.continuedStyle)).toEqual(noted.map(() => 'note'));
    const plain = tables(variant('table.hbs', (s) => s.replace('<continued style="caption">', '<continued>')));
    expect(plain.map((t) => t.continuedStyle)).toEqual(plain.map(() => 'caption'));
  });
});
