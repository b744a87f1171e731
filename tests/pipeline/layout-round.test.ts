/**
 * A round of layout (④ lay out, ⑤ paginate, ⑥ compose) takes the page labels and footnote
 * markers of the round before and returns what it printed that depends on the pages: the labels
 * the contents were given, those cross-references printed and the markers of the footnotes. It
 * changes nothing it was given; the pipeline compares what it printed with its pages.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { layoutRound, newBuildCache, pageFactsOf, roundInputs, type PageFacts } from '../../src/pipeline.js';
import { loadReport } from '../../src/content/load.js';
import { TemplateFolders } from '../../src/template/folders.js';
import { loadTemplates } from '../../src/template/templates.js';
import { loadTheme } from '../../src/style/theme.js';

const root = path.resolve(import.meta.dirname, '../..');
const input = path.join(mkdtempSync(path.join(tmpdir(), 'imprint-round-')), 'r.yaml');
const filler = Array.from({ length: 12 }, (_, i) => `      - 第${i + 1}段，${'这是一个用来占位的段落。'.repeat(12)}\n`).join('');
writeFileSync(
  input,
  `report:\n  title: 一轮\nchapters:\n  - title: 一\n    body:\n      - 见[[t]]，在第 [[t#page]] 页^[一个脚注。]。\n  - title: 二\n    body:\n${filler}      - table: {id: t, title: 教师, columns: [a], rows: [[x]]}\n`,
);
const options = { input, projectDir: root, packageDir: root, version: 'test' };
const cache = newBuildCache(options);
afterAll(() => cache.faces.close());

/** ①–③ and the document tree, as the pipeline makes them. */
function inputs() {
  const report = loadReport(input);
  const folders = new TemplateFolders([root, root]);
  const templates = loadTemplates(folders.dirOf(report.meta.template.text, report.meta.template.pos), folders);
  return roundInputs(report, templates, loadTheme(templates.themeFile, folders), cache);
}

const copy = (f: PageFacts) => ({ pageLabels: new Map(f.pageLabels), noteMarkers: new Map(f.noteMarkers) });

describe('a round of layout', () => {
  it('returns the labels and markers it printed, and changes nothing it was given', () => {
    const every = inputs();
    const none: PageFacts = { pageLabels: new Map(), noteMarkers: new Map() };
    const first = layoutRound(every, none);
    expect(first.problems.warnings()).toEqual([]);
    expect(none).toEqual({ pageLabels: new Map(), noteMarkers: new Map() });
    const found = pageFactsOf(first.pages);
    // the cross-reference did not know the table's page yet: it printed a stand-in
    const [[table, printed]] = [...first.printed.referenceLabels];
    expect(printed).toBe('0');
    expect(Number(found.pageLabels.get(table))).toBeGreaterThan(1);
    expect(first.printed.noteMarkers).toEqual(new Map([[1, '①']]));
    // the contents were given the labels this round's chapters found: right at once
    expect(first.printed.contentsLabels.get(table)).toBe(found.pageLabels.get(table));
    expect([...first.printed.contentsLabels].every(([id, label]) => found.pageLabels.get(id) === label)).toBe(true);
    // the next round, given what the first found, prints it, and leaves it as it was
    const given = copy(found);
    const second = layoutRound(every, found);
    expect(found).toEqual(given);
    expect(second.printed.referenceLabels).toEqual(new Map([[table, found.pageLabels.get(table)]]));
    expect(pageFactsOf(second.pages)).toEqual(found);
  });
});
