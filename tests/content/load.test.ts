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

describe('loadReport refuses hostile or broken files', () => {
  const write = (name: string, data: string | Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, data);
    return file;
  };
  const messages = (file: string) => {
    try {
      loadReport(file);
      return [];
    } catch (e) {
      return (e as InputError).problems.map((p) => formatProblem(p).replace(file, path.basename(file)));
    }
  };

  it('reports invalid UTF-8 at its line and column', () => {
    const bytes = Buffer.concat([Buffer.from('report:\n  title: 标题'), Buffer.from([0xff, 0xfe]), Buffer.from('\nchapters: []\n')]);
    expect(messages(write('utf8.yaml', bytes))).toEqual(['utf8.yaml:2:12: invalid UTF-8 (save the file as UTF-8)']);
  });
  it('refuses an alias bomb at once', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 12; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`);
    const started = performance.now();
    const m = messages(write('bomb.yaml', lines.join('\n') + '\n'));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(m[0]).toMatch(/^bomb\.yaml:1:1: YAML: .*alias/i);
  });
  it('accepts a few aliases', () => {
    const t = 'report:\n  title: &t 标题\nchapters:\n  - title: *t\n    body: [段落。]\n';
    expect(messages(write('alias.yaml', t))).toEqual([]);
  });
  it('refuses custom tags', () => {
    expect(messages(write('tag.yaml', 'report:\n  title: !!js/function "x"\nchapters: []\n'))[0]).toMatch(/^tag\.yaml:2:10: YAML: .*tags are not allowed/);
  });
  it('refuses nesting deeper than the limit', () => {
    const deep = 'report: ' + '['.repeat(80) + ']'.repeat(80) + '\n';
    expect(messages(write('deep.yaml', deep))[0]).toMatch(/^deep\.yaml:1:\d+: nesting deeper than 64 levels$/);
  });
  it('refuses images outside the project and files that are not images', () => {
    write('fake.png', 'not an image at all');
    const fig = (image: string) => `report:\n  title: 标题\nchapters:\n  - title: 一\n    body:\n      - figure:\n          title: 图\n          image: ${image}\n`;
    expect(messages(write('f1.yaml', fig('../../../../etc/passwd.png')))[0]).toMatch(/^f1\.yaml:8:18: image (not found|outside the project)/);
    expect(messages(write('f2.yaml', fig('fake.png')))).toEqual(['f2.yaml:8:18: not a PNG or JPEG image (by its content): fake.png']);
    expect(messages(write('f3.yaml', fig('photo.gif')))).toEqual(['f3.yaml:8:18: an image must be a PNG or JPEG file (.png, .jpg, .jpeg)']);
  });
  it('names the block kinds for a misspelt block, and a block with two keys', () => {
    const t = ok.replace('      - 段落。\n', '      - heading: 一\n        table: {}\n');
    const m = messages(write('two.yaml', t));
    expect(m[0]).toBe('two.yaml:6:9: a block has exactly one key (heading, table, case, figure, list, code, verse, quote, signature or pagebreak); start another block with "- "');
    expect(m).toContain('two.yaml:7:16: missing `title:` in `table:`');
  });
});
