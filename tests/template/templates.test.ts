/** Template folders: problems located in the template files, markup parsed into the tree. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReport } from '../../src/content/load.js';
import { formatProblem, InputError } from '../../src/problems.js';
import { findTemplateDir, loadTemplates } from '../../src/template/templates.js';
import { reportView } from '../../src/template/view.js';
import { inlineMarkup } from '../../src/template/handlebars-env.js';

const root = path.resolve(import.meta.dirname, '../..');

/** A copy of the official template with one file changed. */
function variant(file: string, change: (src: string) => string): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'imprint-tpl-')), 'official');
  cpSync(path.join(root, 'templates/official'), dir, { recursive: true });
  const f = path.join(dir, file);
  writeFileSync(f, change(readFileSync(f, 'utf8')));
  return dir;
}

function problemOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return formatProblem(e.problems[0]);
    throw e;
  }
  return 'no problem';
}

const view = reportView(loadReport(path.join(root, 'content/jingan-2025.yaml')));

describe('templates', () => {
  it('render the sample into a document tree: cover, front matter, body', () => {
    const doc = loadTemplates(path.join(root, 'templates/official'), (n) => path.join(root, 'templates', n)).renderDocument(view);
    expect(doc.matters.map((m) => m.numbering)).toEqual(['none', 'roman', 'arabic']);
    const headings = doc.matters[2].children.filter((n) => n.kind === 'heading' && n.level === 1);
    expect(headings).toHaveLength(8);
  });
  it('locate a Handlebars syntax error in the template file', () => {
    const dir = variant('case.hbs', (s) => s.replace('{{#each blocks}}', '{{#each blocks}'));
    expect(problemOf(() => loadTemplates(dir, (n) => path.join(root, 'templates', n)))).toMatch(new RegExp(`^${dir}/case\\.hbs:\\d+:\\d+: template: `));
  });
  it('locate markup the parser does not know in the template that wrote it', () => {
    const dir = variant('case.hbs', (s) => s.replace('<box id', '<frame id').replace('</box>', '</frame>'));
    expect(problemOf(() => loadTemplates(dir, (n) => path.join(root, 'templates', n)).renderDocument(view))).toBe(`${dir}/case.hbs:2:1: markup: unknown element <frame>`);
  });
  it('name the folders searched for a missing template', () => {
    expect(problemOf(() => findTemplateDir('nosuch', ['/a', '/b']))).toBe('/a/templates/nosuch or /b/templates/nosuch:1:1: template "nosuch" not found (a folder with theme.yaml)');
  });
  it('escape content as XML and turn **bold** into <b>', () => {
    expect(inlineMarkup('a < b & **c**')).toBe('a &lt; b &amp; <b>c</b>');
  });
});
