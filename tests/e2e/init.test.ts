/**
 * `imprint init DIR`: a starter project that builds at once, in a folder outside Imprint's
 * checkout (no node_modules there: Imprint's own templates, fonts and packages are used), and
 * shows every kind of block and inline markup of the format (a block kind added to
 * src/content/block-kinds.ts fails here until the starter shows it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadReport } from '../../src/content/load.js';
import { BLOCK_KEY_NAMES } from '../../src/content/block-kinds.js';
import { parseInline, type InlineNode } from '../../src/content/inline-markup.js';
import type { Block, Section, Text } from '../../src/content/types.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');

function imprint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const base = () => realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-init-')));

/** Every block of a body, with the blocks inside case boxes and quotations. */
function allBlocks(body: readonly Block[]): Block[] {
  return body.flatMap((b) => [b, ...(b.kind === 'case' || b.kind === 'quote' ? allBlocks(b.body) : [])]);
}

/** Every section of a tree (chapters or appendices), the deepest included. */
function allSections(sections: readonly Section[]): Section[] {
  return sections.flatMap((s) => [s, ...allSections(s.sections)]);
}

/** Every text of a block that inline markup applies to. */
function textsOf(b: Block): Text[] {
  switch (b.kind) {
    case 'paragraph':
    case 'heading':
      return [b.text];
    case 'table':
      return [b.title, ...[...b.head, ...b.rows].flat().map((c) => c.text), ...(b.note ? [b.note] : [])];
    case 'case':
      return [b.title];
    case 'figure':
      return [b.title, ...(b.note ? [b.note] : [])];
    case 'list':
      return b.items.flatMap((i) => [i.text, ...(i.list ? textsOf(i.list) : [])]);
    case 'signature':
      return b.lines;
    default:
      return [];
  }
}

/** The kinds of inline nodes in `nodes`, nested ones included (`link` written `<url>` is `url`; `[[id#page]]` is `ref#page`, `[[id#number]]` `ref#number`). */
function inlineKinds(nodes: readonly InlineNode[]): string[] {
  return nodes.flatMap((n) => {
    const kind = n.kind === 'link' && n.auto ? 'url' : n.kind === 'ref' && n.part !== 'label' ? `ref#${n.part}` : n.kind;
    return [kind, ...('children' in n ? inlineKinds(n.children) : [])];
  });
}

describe('imprint init', () => {
  it('writes a starter project that builds and checks without a warning', () => {
    const parent = base();
    const r = imprint(parent, 'init', 'mine');
    expect(r).toEqual({
      code: 0,
      out:
        'mine: a starter project (README.md, content/images/chart.png, content/images/chart.svg, content/report.yaml, fonts/fonts.yaml, schema/report.schema.json, templates/mine/theme.yaml)\n' +
        'next: cd mine && imprint build\n',
      err: '',
    });
    const dir = path.join(parent, 'mine');
    expect(imprint(dir, 'check', 'content/report.yaml')).toEqual({ code: 0, out: 'content/report.yaml: ok (11 pages)\n', err: '' });
    const built = imprint(dir, 'build');
    expect(built.err).toBe('');
    expect(built.out).toMatch(/^content\/report\.yaml -> out\/report\.pdf: 11 pages, \d+ ms\n$/);
    expect(readFileSync(path.join(dir, 'out/report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('writes a report that shows every kind of block and inline markup, tables with merged cells, an SVG and a PNG figure, an appendix', () => {
    const dir = path.join(base(), 'p');
    imprint(tmpdir(), 'init', dir);
    const report = loadReport(path.join(dir, 'content/report.yaml'));
    const sections = [...allSections(report.chapters), ...allSections(report.appendices)];
    const blocks = [...allBlocks(report.preface?.body ?? []), ...sections.flatMap((s) => allBlocks(s.body))];
    expect([...new Set(blocks.map((b) => b.kind))].sort()).toEqual(['paragraph', ...BLOCK_KEY_NAMES].sort());
    const texts = [...sections.map((s) => s.title), ...blocks.flatMap(textsOf)];
    const markup = new Set(texts.flatMap((t) => inlineKinds(parseInline(t.text).nodes)));
    expect([...markup].sort()).toEqual(['code', 'emphasis', 'footnote', 'link', 'ref', 'ref#number', 'ref#page', 'strong', 'sub', 'sup', 'text', 'url']);
    expect(texts.some((t) => /\\[*[]/.test(t.text)), 'an escaped character').toBe(true);
    const lists = blocks.filter((b) => b.kind === 'list');
    expect(new Set(lists.map((l) => l.style)).size, 'list styles').toBeGreaterThan(2);
    expect(lists.some((l) => l.items.some((i) => i.list)), 'a nested list').toBe(true);
    const tables = blocks.filter((b) => b.kind === 'table');
    const cells = tables.flatMap((t) => [...t.head, ...t.rows].flat());
    expect(cells.some((c) => c.colspan > 1) && cells.some((c) => c.rowspan > 1), 'merged cells').toBe(true);
    expect(tables.some((t) => t.head.length > 1) && tables.some((t) => t.size === 'small') && tables.some((t) => t.align.includes('decimal'))).toBe(true);
    const figures = blocks.filter((b) => b.kind === 'figure');
    expect(figures.map((f) => path.extname(f.image)).sort()).toEqual(['.png', '.svg']);
    expect(figures.every((f) => f.width && f.note)).toBe(true);
    expect(blocks.some((b) => b.kind === 'verse' && b.title && b.author)).toBe(true);
    expect(report.appendices.length).toBeGreaterThan(0);
    expect(report.chapters.some((c) => c.sections.some((s) => s.sections.length > 0)), 'a third level of sections').toBe(true);
    expect(readFileSync(path.join(dir, 'templates/mine/theme.yaml'), 'utf8')).toMatch(/^extends: official$/m);
  });

  it("gives the report the JSON Schema its first line names for an editor, and the report validates against it", () => {
    const dir = path.join(base(), 'p');
    imprint(tmpdir(), 'init', dir);
    const file = path.join(dir, 'content/report.yaml');
    const text = readFileSync(file, 'utf8');
    const named = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)?.[1];
    expect(named).toBe('../schema/report.schema.json');
    const schema = readFileSync(path.resolve(path.dirname(file), named!), 'utf8');
    expect(schema).toBe(readFileSync(path.join(root, 'schema/report.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true }).compile(JSON.parse(schema));
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });

  it("names a misspelt key of the project's theme at its line, by the path the user knows it by, and keeps the last PDF", () => {
    const dir = path.join(base(), 'mine');
    imprint(path.dirname(dir), 'init', 'mine');
    expect(imprint(dir, 'build').code).toBe(0);
    const pdf = readFileSync(path.join(dir, 'out/report.pdf'));
    const theme = path.join(dir, 'templates/mine/theme.yaml');
    writeFileSync(theme, readFileSync(theme, 'utf8').replace(/^boxes:/m, 'boxs:'));
    const line = readFileSync(theme, 'utf8').split('\n').indexOf('boxs:') + 1;
    const r = imprint(dir, 'build');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^templates/mine/theme\\.yaml:${line}:1: unknown key "boxs" in the theme \\(did you mean "boxes"\\? known: .*\\)\n$`));
    expect(readFileSync(path.join(dir, 'out/report.pdf')).equals(pdf)).toBe(true);
  });

  it('into the working folder (.): the next step is the build, without a cd', () => {
    const dir = base();
    const r = imprint(dir, 'init', '.');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\.: a starter project \(.*\)\nnext: imprint build\n$/);
    expect(existsSync(path.join(dir, 'content/report.yaml'))).toBe(true);
  });

  it('refuses a folder that is not empty, or a file, as wrong usage and writes nothing', () => {
    const dir = base();
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    expect(imprint(dir, 'init', '.')).toEqual({ code: 2, out: '', err: 'imprint: init writes into a new or empty folder: . is not empty (`imprint help` shows the usage)\n' });
    expect(imprint(dir, 'init', 'notes.txt')).toEqual({ code: 2, out: '', err: 'imprint: init writes into a new or empty folder: notes.txt is a file (`imprint help` shows the usage)\n' });
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    expect(imprint(dir, 'init').code).toBe(2);
  });

  it('refuses an empty name and a link to a missing place as wrong usage, saying what it is', () => {
    const dir = base();
    expect(imprint(dir, 'init', '')).toEqual({ code: 2, out: '', err: 'imprint: an argument is empty (""): name the file or folder meant (`imprint help` shows the usage)\n' });
    symlinkSync('gone/p', path.join(dir, 'dangling'));
    expect(imprint(dir, 'init', 'dangling')).toEqual({ code: 2, out: '', err: 'imprint: init writes into a new or empty folder: dangling is a link to gone/p, which does not exist (`imprint help` shows the usage)\n' });
    symlinkSync('loop', path.join(dir, 'loop'));
    expect(imprint(dir, 'init', 'loop')).toEqual({ code: 2, out: '', err: 'imprint: init writes into a new or empty folder: loop is a link that loops (`imprint help` shows the usage)\n' });
    expect(readdirSync(dir).sort()).toEqual(['dangling', 'loop']);
  });

  it('quotes the folder in the next step when a shell would take it otherwise', () => {
    const dir = base();
    const r = imprint(dir, 'init', 'x"y<z>|*? 报告');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[1]).toBe(`next: cd 'x"y<z>|*? 报告' && imprint build`);
    expect(imprint(dir, 'init', '年报-2025').out.split('\n')[1]).toBe('next: cd 年报-2025 && imprint build');
  });

  it('refuses a DIR whose folder is missing, naming it (exit 2, as extract does)', () => {
    const dir = base();
    expect(imprint(dir, 'init', 'no/such/p')).toEqual({ code: 2, out: '', err: 'imprint: init writes into a new or empty folder: no/such/p goes in no/such, which does not exist (make it first: mkdir -p no/such) (`imprint help` shows the usage)\n' });
    expect(existsSync(path.join(dir, 'no'))).toBe(false);
  });
});
