/**
 * `imprint init DIR`: a starter project that builds at once, in a folder outside Imprint's
 * checkout (no node_modules there: Imprint's own templates, fonts and packages are used).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');

function imprint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const base = () => realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-init-')));

describe('imprint init', () => {
  it('writes a starter project that builds and checks without a warning', () => {
    const parent = base();
    const r = imprint(parent, 'init', 'mine');
    expect(r).toEqual({
      code: 0,
      out: 'mine: a starter project (README.md, content/images/chart.png, content/report.yaml, fonts/fonts.yaml, templates/mine/theme.yaml)\nnext: cd mine && imprint build\n',
      err: '',
    });
    const dir = path.join(parent, 'mine');
    expect(imprint(dir, 'check', 'content/report.yaml')).toEqual({ code: 0, out: 'content/report.yaml: ok (8 pages)\n', err: '' });
    const built = imprint(dir, 'build');
    expect(built.err).toBe('');
    expect(built.out).toMatch(/^content\/report\.yaml -> out\/report\.pdf: 8 pages, \d+ ms\n$/);
    expect(readFileSync(path.join(dir, 'out/report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('writes a report with every kind of block that validates against the schema', () => {
    const dir = path.join(base(), 'p');
    imprint(tmpdir(), 'init', dir);
    const report = parse(readFileSync(path.join(dir, 'content/report.yaml'), 'utf8'));
    const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(path.join(root, 'schema/report.schema.json'), 'utf8')));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const blocks = (body: unknown[] = []): unknown[] => body.flatMap((b) => (typeof b === 'object' && b && 'case' in b ? [b, ...blocks((b as { case: { body: unknown[] } }).case.body)] : [b]));
    const all = [...blocks(report.preface.body), ...report.chapters.flatMap((c: { body?: unknown[]; sections?: { body: unknown[] }[] }) => [...blocks(c.body), ...(c.sections ?? []).flatMap((s) => blocks(s.body))])];
    const kinds = new Set(all.map((b) => (typeof b === 'string' ? 'paragraph' : Object.keys(b as object)[0])));
    expect([...kinds].sort()).toEqual(['case', 'figure', 'heading', 'list', 'pagebreak', 'paragraph', 'table']);
    const table = (all.find((b) => typeof b === 'object' && 'table' in (b as object)) as { table: object }).table;
    expect(Object.keys(table)).toEqual(expect.arrayContaining(['align', 'widths', 'note']));
    expect(report.chapters.some((c: { sections?: unknown[] }) => c.sections?.length)).toBe(true);
    expect(readFileSync(path.join(dir, 'templates/mine/theme.yaml'), 'utf8')).toMatch(/^extends: official$/m);
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

  it('says in one line when the folder cannot be made', () => {
    const dir = base();
    expect(imprint(dir, 'init', 'no/such/p')).toEqual({ code: 1, out: '', err: 'imprint: no/such/p: cannot write (the folder it goes in does not exist)\n' });
    expect(existsSync(path.join(dir, 'no'))).toBe(false);
  });
});
