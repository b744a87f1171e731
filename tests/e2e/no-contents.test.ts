/**
 * `report.contents: false`: a short 办法 without its 目录 and 图表与案例目录 under the shipped
 * templates (they were always printed: leaving them out took a template of one's own). The
 * front matter's pages are gone, the body still numbered from 1, a page reference right.
 * Read back with pdf.js.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/pipeline.js';
import { formatProblem } from '../../src/problems.js';
import { norm, pageLabel, readPdf } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-no-contents-'));

const content = (template: string, contents: string) => `report:
  title: 静安区职业学校实训室管理办法
  issuer: 静安区教育局
  template: ${template}
${contents}chapters:
  - title: 总则
    body:
      - article: 为了规范本区职业学校实训室的管理，制定本办法。
      - table: {id: rooms, title: 实训室一览, columns: [学校, 间数], rows: [[市北职高, 12], [逸夫职校, 9]]}
  - title: 附则
    body:
      - article: 实训室的名录见第 [[rooms#page]] 页[[rooms]]。
`;

async function pagesOf(template: string, contents: string) {
  const input = path.join(dir, `${template}-${contents ? 'none' : 'all'}.yaml`);
  writeFileSync(input, content(template, contents));
  const { pdf } = await buildReport({ input, projectDir: root, packageDir: root, version: 'test' });
  return (await readPdf(pdf)).pages;
}

const texts = (pages: { lines: { text: string }[] }[]) => pages.map((p) => p.lines.map((l) => norm(l.text)).join('|'));

describe.each(['official', 'gbt9704'])('report.contents: false (%s)', (template) => {
  it('leaves out the 目录 and the 图表与案例目录: the cover, then the body from page 1, a page reference right', async () => {
    const all = await pagesOf(template, '');
    const none = await pagesOf(template, '  contents: false\n');
    expect(texts(all).some((t) => /^目\s*录/.test(t))).toBe(true);
    expect(texts(none).filter((t) => /目\s*录|图表与案例目录/.test(t))).toEqual([]);
    expect(none.length).toBeLessThan(all.length);
    const labels = none.map(pageLabel);
    expect(labels[0]).toBe('');
    expect(labels.slice(1)).toEqual(labels.slice(1).map((_, i) => String(i + 1)));
    expect(all.filter((p) => /^[ivx]+$/.test(pageLabel(p))).length).toBeGreaterThanOrEqual(1);
    expect(none.filter((p) => /^[ivx]+$/.test(pageLabel(p)))).toEqual([]);
    const tablePage = none.find((p) => p.lines.some((l) => norm(l.text).includes('实训室一览')))!;
    const said = none.flatMap((p) => p.lines.map((l) => norm(l.text))).find((t) => t.includes('实训室的名录见第'));
    expect(said).toContain(`见第${pageLabel(tablePage)}页表1`);
  });
});

describe('report.contents: false under a template of one\'s own that sets its front matter without asking', () => {
  it('is a warning at `contents: false` saying the template prints them, and how to ask', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'imprint-no-contents-mine-'));
    mkdirSync(path.join(project, 'templates/mine'), { recursive: true });
    writeFileSync(path.join(project, 'templates/mine/theme.yaml'), 'extends: official\n');
    const pages = readFileSync(path.join(root, 'templates/official/report-pages.hbs'), 'utf8').replace(/\{\{#if report\.contents\}\}\n|\{\{\/if\}\}\n(?=<matter numbering="arabic">)/g, '');
    writeFileSync(path.join(project, 'templates/mine/report-pages.hbs'), pages);
    const input = path.join(project, 'r.yaml');
    writeFileSync(input, content('mine', '  contents: false\n'));
    const { warnings } = await buildReport({ input, projectDir: project, packageDir: root, version: 'test' });
    expect(warnings.map((w) => formatProblem(w).replace(input, 'r.yaml'))).toEqual([
      'r.yaml:5:13: warning: `contents: false` asks for no contents, and this report\'s template "mine" prints them: write its front matter (the 目录 and 图表与案例目录) inside {{#if report.contents}} … {{/if}}, as Imprint\'s templates/official/report-pages.hbs does',
    ]);
  });
});
