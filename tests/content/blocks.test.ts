/** The blocks of §6.3 and appendices (§6.6) as loaded: their shapes, and located messages for bad ones. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReport } from '../../src/content/load.js';
import { formatProblem, InputError } from '../../src/problems.js';
import { listMarker, reportView } from '../../src/template/view.js';

const dir = mkdtempSync(path.join(tmpdir(), 'imprint-blocks-'));
const head = 'report:\n  title: 标题\nchapters:\n  - title: 一\n    body:\n';

/** Loads a report whose first chapter's body is `body` (lines indented 6 spaces); the problems, located. */
function load(body: string, tail = '') {
  const file = path.join(dir, 'r.yaml');
  writeFileSync(file, head + body + tail);
  try {
    return { report: loadReport(file), problems: [] as string[] };
  } catch (e) {
    if (e instanceof InputError) return { report: undefined, problems: e.problems.map((p) => formatProblem(p).replace(file, 'r.yaml')) };
    throw e;
  }
}

describe('code', () => {
  it('keeps the literal block as written: spaces and line breaks', () => {
    const { report } = load('      - code: |\n          if (a) {\n              b();   // 注释\n          }\n');
    expect(report!.chapters[0].body[0]).toMatchObject({ kind: 'code', text: { text: 'if (a) {\n    b();   // 注释\n}\n' } });
  });
  it('refuses a code block that is not text, at its place', () => {
    expect(load('      - code: [a, b]\n').problems).toEqual(['r.yaml:6:15: `code:` must be text']);
  });
});

describe('verse', () => {
  it('reads `verse: |` and the mapping with title, author and text; the view cuts stanzas at blank lines', () => {
    const { report } = load('      - verse: |\n          一行\n          二行\n\n          三行\n      - verse:\n          title: 静夜思\n          author: 李白\n          text: 床前明月光\n');
    const [plain, full] = reportView(report!).chapters[0].blocks as { verse: { title?: string; author?: string; stanzas: { lines: { text: string }[] }[] } }[];
    expect(plain.verse.stanzas.map((s) => s.lines.map((l) => l.text))).toEqual([['一行', '二行'], ['三行']]);
    expect(full.verse).toMatchObject({ title: '静夜思', author: '李白', stanzas: [{ lines: [{ text: '床前明月光' }] }] });
  });
  it('needs the text of a verse mapping, and knows its keys', () => {
    expect(load('      - verse:\n          title: 无题\n          auther: 某\n').problems).toEqual([
      'r.yaml:7:11: missing `text:` in `verse:`',
      'r.yaml:8:11: unknown key "auther" in `verse:` (did you mean "author"?)',
    ]);
  });
});

describe('quote', () => {
  it('holds blocks, and its blocks are checked as any', () => {
    const { report } = load('      - quote:\n          - 引文。\n          - list: [a]\n');
    expect(report!.chapters[0].body[0]).toMatchObject({ kind: 'quote', body: [{ kind: 'paragraph' }, { kind: 'list' }] });
    expect(load('      - quote:\n          - tabel: {}\n').problems[0]).toBe('r.yaml:7:13: unknown key "tabel" in a block (did you mean "table"?)');
  });
  it('refuses a quote that is not a list of blocks', () => {
    expect(load('      - quote: 一段话\n').problems).toEqual(['r.yaml:6:16: `quote:` must be a list (items starting with "- ")']);
  });
});

describe('list', () => {
  it('`list: [a, b]` stays a bullet list', () => {
    const { report } = load('      - list: [甲, 乙]\n');
    expect(report!.chapters[0].body[0]).toMatchObject({ kind: 'list', style: 'bullet', items: [{ text: { text: '甲' } }, { text: { text: '乙' } }] });
  });
  it('reads a style and nested items; `style: 1.` unquoted (the number 1 to YAML) is 1.', () => {
    const { report } = load('      - list:\n          style: 1.\n          items:\n            - 一\n            - text: 二\n              list: {style: ①, items: [子]}\n');
    expect(report!.chapters[0].body[0]).toMatchObject({ kind: 'list', style: '1.', items: [{ text: { text: '一' } }, { text: { text: '二' }, list: { style: '①', items: [{ text: { text: '子' } }] } }] });
  });
  it('numbers each style', () => {
    expect(['bullet', '一、', '（一）', '1.', '（1）', '①'].map((s) => listMarker(s as never, 12))).toEqual(['•', '十二、', '（十二）', '12.', '（12）', '⑫']);
  });
  it('an unknown style near a known one, ASCII brackets for full-width: the message names it (did you mean …)', () => {
    const style = (s: string) => load(`      - list:\n          style: ${s}\n          items: [x]\n`).problems;
    expect(style('"(1)"')).toEqual(['r.yaml:7:18: `style:` must be one of bullet, 一、, （一）, 1., （1）, ①, not "(1)" (did you mean "（1）"?)']);
    expect(style('"(一)"')).toEqual(['r.yaml:7:18: `style:` must be one of bullet, 一、, （一）, 1., （1）, ①, not "(一)" (did you mean "（一）"?)']);
    expect(style('a)')).toEqual(['r.yaml:7:18: `style:` must be one of bullet, 一、, （一）, 1., （1）, ①, not "a)"']);
  });
  it('a word written for a value, not near it in spelling: the message names the value (valign: center for middle)', () => {
    const cell = (key: string) => load(`      - table:\n          title: 表\n          columns: [a]\n          rows:\n            - [{text: x, ${key}}]\n`).problems;
    expect(cell('valign: center')).toEqual(['r.yaml:10:34: `valign:` must be one of top, middle, bottom, not "center" (did you mean "middle"?)']);
    expect(cell('valign: Centre')).toEqual(['r.yaml:10:34: `valign:` must be one of top, middle, bottom, not "Centre" (did you mean "middle"?)']);
    expect(cell('valign: left')).toEqual(['r.yaml:10:34: `valign:` must be one of top, middle, bottom, not "left"']);
  });
  it('refuses an unknown style and a bad item, each at its place', () => {
    expect(load('      - list:\n          style: a)\n          items: [x, {txt: y}]\n').problems).toEqual([
      'r.yaml:7:18: `style:` must be one of bullet, 一、, （一）, 1., （1）, ①, not "a)"',
      'r.yaml:8:23: unknown key "txt" in a list item (did you mean "text"?)',
    ]);
  });
});

describe('an empty block', () => {
  it('is refused at it, whatever its kind, as an empty signature or heading is: it prints nothing, and was likely not meant', () => {
    expect(load('      - list: []\n').problems).toEqual(['r.yaml:6:15: `list:` is empty']);
    expect(load('      - list: {style: ①, items: []}\n').problems).toEqual(['r.yaml:6:33: `items:` is empty']);
    expect(load('      - quote: []\n').problems).toEqual(['r.yaml:6:16: `quote:` is empty']);
    expect(load('      - code: "  "\n').problems).toEqual(['r.yaml:6:15: `code:` is empty']);
    expect(load('      - verse: {text: ""}\n').problems).toEqual(['r.yaml:6:23: `text:` is empty']);
    expect(load('      - verse: "  "\n').problems).toEqual(['r.yaml:6:16: `verse:` is empty']);
  });
});

describe('signature', () => {
  it('is a list of lines', () => {
    const { report } = load('      - signature: [静安区教育局, 2026 年 1 月]\n');
    expect(report!.chapters[0].body[0]).toMatchObject({ kind: 'signature', lines: [{ text: '静安区教育局' }, { text: '2026 年 1 月' }] });
  });
  it('refuses an empty signature and one that is not a list', () => {
    expect(load('      - signature: []\n').problems).toEqual(['r.yaml:6:20: `signature:` is empty']);
    expect(load('      - signature: 静安区教育局\n').problems).toEqual(['r.yaml:6:20: `signature:` must be a list (items starting with "- ")']);
  });
});

describe('appendices', () => {
  it('take the shape of chapters, numbered A, B in the view (ids app-A …)', () => {
    const { report } = load('      - 段落。\n', 'appendices:\n  - title: 数据\n    sections:\n      - title: 口径\n');
    const view = reportView(report!);
    expect(view.appendices.map((a) => [a.id, a.label, a.bookmark, a.sections.map((s) => s.label)])).toEqual([['app-A', '附录 A　', '附录 A 数据', ['A.1　']]]);
  });
  it('refuses an appendix without a title, at its place', () => {
    expect(load('      - 段落。\n', 'appendices:\n  - body: [x]\n').problems).toEqual(['r.yaml:8:5: missing `title:` in an appendix']);
  });
});
