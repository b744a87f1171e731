/** The content loader: located messages for bad input, every problem in one run. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReport } from '../../src/content/load.js';
import { formatProblem, InputError } from '../../src/problems.js';

const dir = mkdtempSync(path.join(tmpdir(), 'imprint-load-'));
function problems(yaml: string): string[] {
  const file = path.join(dir, 'r.yaml');
  writeFileSync(file, yaml);
  try {
    loadReport(file);
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => formatProblem(p).replace(file, 'r.yaml'));
    throw e;
  }
  return [];
}

const ok = 'report:\n  title: 标题\nchapters:\n  - title: 一\n    body:\n      - 段落。\n';

describe('loadReport', () => {
  it('accepts a minimal report', () => expect(problems(ok)).toEqual([]));
  it('reports an empty file', () => expect(problems('')).toEqual(['r.yaml:1:1: the file is empty: a report needs at least `report:` and `chapters:`']));
  it('reports YAML syntax errors with their place', () => {
    expect(problems('report:\n  title: [a\nchapters: x\n')[0]).toMatch(/^r\.yaml:\d+:\d+: YAML: /);
  });
  it('reports an unknown key with a suggestion', () => {
    expect(problems(ok.replace('chapters:', 'chapter:'))).toContain('r.yaml:3:1: unknown key "chapter" in the report (did you mean "chapters"?)');
  });
  it('reports every problem, not only the first', () => {
    const bad = 'report:\n  titel: x\nchapters:\n  - title: 一\n    body:\n      - tabel: {}\n';
    const p = problems(bad);
    expect(p).toContain('r.yaml:2:3: unknown key "titel" in `report:` (did you mean "title"?)');
    expect(p).toContain('r.yaml:6:9: unknown key "tabel" in a block (did you mean "table"?)');
    expect(p.length).toBeGreaterThanOrEqual(3);
  });
  it('reports a table row whose length differs from the columns', () => {
    const t = ok.replace('      - 段落。\n', '      - table:\n          title: 表\n          columns: [a, b]\n          rows:\n            - [1, 2, 3]\n');
    expect(problems(t)).toEqual(['r.yaml:10:15: this row has 3 cells but the table has 2 columns']);
  });
  it('reports an empty title', () => expect(problems(ok.replace('title: 一', 'title: ""'))).toEqual(['r.yaml:4:12: the title of a chapter is empty']));
  it('reports no chapters', () => expect(problems('report:\n  title: x\nchapters: []\n')).toEqual(['r.yaml:3:11: `chapters:` is empty: a report needs at least one chapter']));
});
