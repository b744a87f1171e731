/** The content loader: located messages for bad input, every problem in one run. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
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

/** The warnings of loading a report that loads. */
function warnings(yaml: string): string[] {
  const file = path.join(dir, 'r.yaml');
  writeFileSync(file, yaml);
  return loadReport(file).warnings.map((p) => formatProblem(p).replace(file, 'r.yaml'));
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
  it('says once what a value of neither shape of a choice is (text or a list of text), and an empty list or an item inside it at it', () => {
    const doc = (lines: string) => `report:\n  title: 标题\n  template: gbt9704\n  document:\n${lines}chapters:\n  - title: 一\n`;
    expect(problems(doc('    cc: {a: 1}\n'))).toEqual(['r.yaml:5:9: `cc:` must be text or a list of text']);
    expect(problems(doc('    signers: []\n'))).toEqual(['r.yaml:5:14: `signers:` is empty']);
    expect(problems(doc('    cc: [区委办公室, [区政府办公室]]\n'))).toEqual(['r.yaml:5:17: an item must be text']);
    expect(problems(ok.replace('  title: 标题\n', '  title: 标题\n  keywords: {a: 1}\n'))).toEqual(['r.yaml:3:13: `keywords:` must be text or a list of text']);
  });
  it('tells a table asked to turn by another key of the one that turns it (横排表)', () => {
    const table = (key: string) => `${ok}      - table: {title: t, columns: [a], rows: [[1]], ${key}}\n`;
    const hint = '(a wide table is set turned on pages of its own, the page upright, by `landscape: true`)';
    expect(problems(table('orientation: landscape'))).toEqual([`r.yaml:7:54: unknown key "orientation" in \`table:\` ${hint}`]);
    expect(problems(table('横排: true'))).toEqual([`r.yaml:7:54: unknown key "横排" in \`table:\` ${hint}`]);
    expect(problems(table('rotate: 90'))).toEqual([`r.yaml:7:54: unknown key "rotate" in \`table:\` ${hint}`]);
  });
  it('reports every problem, not only the first', () => {
    const bad = 'report:\n  titel: x\nchapters:\n  - title: 一\n    body:\n      - tabel: {}\n';
    const p = problems(bad);
    // (and not also "missing `title:`": the misspelt key is that slip)
    expect(p).toEqual(['r.yaml:2:3: unknown key "titel" in `report:` (did you mean "title"?)', 'r.yaml:6:9: unknown key "tabel" in a block (did you mean "table"?)']);
  });
  it('checks what the schema cannot say also where the schema refused something: every problem in one run, in the order of the file', () => {
    const bad = 'report:\n  title: 一\nchapters:\n  - title: 一\n    titel: x\n    id: a\n    body:\n      - 见[[nothere]]。\n      - table: {title: t, id: a, columns: [a, b], rows: [[1]]}\n';
    expect(problems(bad)).toEqual([
      'r.yaml:5:5: unknown key "titel" in a chapter (did you mean "title"?)',
      'r.yaml:8:10: [[nothere]] names no id (ids in this report: a)',
      'r.yaml:9:31: the id "a" is already used at line 6 (ids must be unique in the report)',
      'r.yaml:9:58: this row fills 1 column (its 1 cell) but the table has 2; an empty cell is written ""',
    ]);
    // a block that cannot be read (a misspelt key, a row written as a mapping) hides nothing after it
    expect(problems('report:\n  title: 一\nchapters:\n  - title: 一\n    body:\n      - tabel: x\n      - table: {title: t, columns: [a], rows: [{text: x}]}\n      - 见[[nothing]]。\n')).toContainEqual('r.yaml:8:10: [[nothing]] names no id (no chapter, section, article, table, case or figure has an `id:`)');
    // a row written as a mapping: the table's other rows are still checked
    expect(problems('report:\n  title: 一\nchapters:\n  - title: 一\n    body:\n      - table:\n          title: 表\n          columns: [a, b, c]\n          rows:\n            - [1, 2]\n            - {a: 1}\n            - [1, 2, 3, 4]\n').map((l) => l.split(': ')[0])).toEqual(['r.yaml:10:15', 'r.yaml:11:15', 'r.yaml:12:15']);
    // data of the wrong shape: what can be read is checked, nothing fails
    expect(problems('report:\n  title: 一\nchapters:\n  - title: 一\n    body: 7\n  - title: [x]\n    body:\n      - 见[[nothere]]。\n')).toEqual([
      'r.yaml:5:11: `body:` must be a list (items starting with "- ")',
      'r.yaml:6:12: the title of a chapter must be text',
      'r.yaml:8:10: [[nothere]] names no id (no chapter, section, article, table, case or figure has an `id:`)',
    ]);
  });
  it('a block written among sections or chapters (a page break before a section): one error saying it goes in a body (it was also "missing `title:`")', () => {
    const yaml = 'report:\n  title: 一\nchapters:\n  - title: 一\n    sections:\n      - title: 甲\n        body: [段。]\n      - pagebreak: true\n      - title: 乙\n        body: [段。]\n';
    expect(problems(yaml)).toEqual(['r.yaml:8:9: unknown key "pagebreak" in a section (`pagebreak:` is a block: write it as an item of a `body:` list, here at the end of the body before it)']);
  });
  it('a block with a misspelt key keeps its id: a reference to it is no second error (it said the id names nothing), a second use of the id still is', () => {
    const body = (...lines: string[]) => `report:\n  title: 一\nchapters:\n  - title: 一\n    body:\n${lines.map((l) => `      ${l}`).join('\n')}\n`;
    const tabel = ['- 见[[goals]]。', '- tabel:', '    id: goals', '    title: 指标', '    columns: [a]', '    rows: [[1]]'];
    expect(problems(body(...tabel))).toEqual(['r.yaml:7:9: unknown key "tabel" in a block (did you mean "table"?)']);
    expect(problems(body(...tabel, '- case: {id: goals, title: 案例, body: [正文。]}'))).toEqual([
      'r.yaml:7:9: unknown key "tabel" in a block (did you mean "table"?)',
      'r.yaml:12:20: the id "goals" is already used at line 8 (ids must be unique in the report)',
    ]);
  });
  it('reports an id that an alias repeats at the alias, not at the id it repeats', () => {
    const yaml = 'report:\n  title: 一\nchapters:\n  - title: 一\n    body: &body\n      - table: {title: 表, id: dupe, columns: [a], rows: [[1]]}\n  - title: 二\n    body: *body\n';
    expect(problems(yaml)).toEqual(['r.yaml:8:11: this alias repeats the id "dupe" of line 6: ids must be unique in the report (copy the item without its id, or give the copy another)']);
    // the anchored item written after the alias is read (appendices before chapters in the file): still at the alias
    const appendixFirst = 'report:\n  title: 一\nappendices:\n  - &a {title: 附录, id: dupe, body: [正文。]}\nchapters:\n  - *a\n';
    expect(problems(appendixFirst)).toEqual(['r.yaml:6:5: this alias repeats the id "dupe" of line 4: ids must be unique in the report (copy the item without its id, or give the copy another)']);
  });
  it('refuses a title made only of characters that cannot be printed, as one of spaces: it would print an empty heading', () => {
    expect(problems(ok.replace('title: 一', 'title: "\\u200b\\u200b"'))).toEqual(['r.yaml:4:12: the title of a chapter is empty: dropped U+200B U+200B (invisible format characters, which cannot be printed)']);
    expect(problems(ok.replace('title: 一', 'title: "\\e[0m"'))).toEqual(['r.yaml:4:12: the title of a chapter is empty: dropped "\\e[0m" (a terminal control sequence, such as a colour code copied with the text, which cannot be printed)']);
    expect(problems(ok.replace('title: 标题', 'title: "\\u200b "'))).toEqual(['r.yaml:2:10: the title of `report:` is empty: dropped U+200B (an invisible format character, which cannot be printed)']);
    // variation selectors print nothing either (dropped quietly in text, but a title of nothing else is empty)
    expect(problems(ok.replace('title: 一', 'title: "\\ufe0f"'))).toEqual(['r.yaml:4:12: the title of a chapter is empty: it holds only U+FE0F (a variation selector, which prints nothing)']);
    expect(problems(ok.replace('title: 标题', 'title: "\\U000E0100\\ufe0e"'))).toEqual(['r.yaml:2:10: the title of `report:` is empty: it holds only U+E0100 U+FE0E (variation selectors, which print nothing)']);
    const table = ok.replace('      - 段落。\n', '      - table: {title: "\\u2066", columns: [a], rows: [[1]]}\n');
    expect(problems(table)).toEqual(['r.yaml:6:24: the title of `table:` is empty: dropped U+2066 (an invisible format character, which cannot be printed)']);
    expect(problems(ok.replace('title: 一', 'title: "  "'))).toEqual(['r.yaml:4:12: the title of a chapter is empty']);
  });
  it('a message never holds a raw line or paragraph separator, nor a control character: they are shown as U+2028', () => {
    expect(formatProblem({ pos: { file: 'r.yaml', line: 1, col: 1 }, severity: 'error', message: 'a\u2028b\u2029c\u0007d' })).toBe('r.yaml:1:1: aU+2028bU+2029cU+0007d');
    // nor a line break: a list's style written "\u2028" (read as a line break) was quoted raw, and the message broke its line (found by the fuzzer)
    const ok = 'report:\n  title: 标题\nchapters:\n  - title: 一\n    body:\n      - list: { style: "\\u2028", items: [a] }\n';
    expect(problems(ok)).toEqual(['r.yaml:6:24: `style:` must be one of bullet, 一、, （一）, 1., （1）, ①, not "U+000A" (did you mean "①"?)']);
  });
  it('a paragraph, heading or title that YAML reads as a number or true/false: the hint to quote it, as written', () => {
    const yaml = 'report:\n  title: 标题\nchapters:\n  - title: 2025\n    body:\n      - 2025\n      - heading: 3.10\n      - true\n';
    expect(problems(yaml)).toEqual([
      'r.yaml:4:12: the title of a chapter must be text (YAML reads 2025 as a number: write "2025" to keep it as text)',
      'r.yaml:6:9: a block must be a paragraph (text) or a mapping with one of: heading, article, table, case, figure, list, code, verse, quote, signature, pagebreak (YAML reads 2025 as a number: write "2025" to keep it as text)',
      'r.yaml:7:18: `heading:` must be text (YAML reads 3.10 as a number: write "3.10" to keep it as text)',
      'r.yaml:8:9: a block must be a paragraph (text) or a mapping with one of: heading, article, table, case, figure, list, code, verse, quote, signature, pagebreak (YAML reads true as true or false: write "true" to keep it as text)',
    ]);
    // a long number is quoted by its start (a line of 5,000 digits made a message of 10 KB)
    expect(problems(yaml.replace('      - 2025\n', `      - ${'1'.repeat(5000)}\n`))[1]).toBe(
      `r.yaml:6:9: a block must be a paragraph (text) or a mapping with one of: heading, article, table, case, figure, list, code, verse, quote, signature, pagebreak (YAML reads ${'1'.repeat(40)}… (5000 characters) as a number: put it in quotes "…" to keep it as text)`,
    );
  });
  it('a colspan refused (out of bounds) is reported once, at it: its row is not said to fill 1 column; "1 column", not "1 columns"', () => {
    const t = ok.replace('      - 段落。\n', '      - table:\n          title: 表\n          columns: [a, b]\n          rows:\n            - [{text: x, colspan: 1000000000}]\n            - [1]\n');
    expect(problems(t)).toEqual(['r.yaml:10:35: `colspan:` must be at most 100', 'r.yaml:11:15: this row fills 1 column (its 1 cell) but the table has 2; an empty cell is written ""']);
  });
  it('reports a table row whose length differs from the columns', () => {
    const t = ok.replace('      - 段落。\n', '      - table:\n          title: 表\n          columns: [a, b]\n          rows:\n            - [1, 2, 3]\n');
    expect(problems(t)).toEqual(['r.yaml:10:15: this row fills 3 columns (its 3 cells) but the table has 2']);
  });
  const table = (lines: string[]) => ok.replace('      - 段落。\n', ['      - table:', '          title: 表', ...lines.map((l) => `          ${l}`)].join('\n') + '\n');
  it('reads merged cells and a two-row head whose rows fill the columns', () => {
    const head = ['head:', '  - [{text: 指标, rowspan: 2}, {text: 人数, colspan: 2}, {text: 占比, rowspan: 2}]', '  - [2024 年, 2025 年]'];
    expect(problems(table([...head, 'rows:', '  - [{text: 甲, rowspan: 2}, 1, 2, "3%"]', '  - [4, 5, "6%"]', '  - [{text: 合计, colspan: 3}, "9%"]']))).toEqual([]);
  });
  it('locates a row that does not fill the columns, counting colspans and rowspans from above', () => {
    const t = table(['columns: [a, b, c]', 'rows:', '  - [{text: x, rowspan: 2}, 1, 2]', '  - [3, 4, 5]', '  - [{text: y, colspan: 2}]']);
    expect(problems(t)).toEqual([
      'r.yaml:11:15: this row fills 4 columns (its 3 cells and 1 column covered by rowspans from above) but the table has 3 (the rowspan: 2 at line 10 covers this row: if its group ends above it, remove the rowspan there)',
      'r.yaml:12:15: this row fills 2 columns (its cells with their colspans) but the table has 3; an empty cell is written ""',
    ]);
  });
  it('names the rowspan one too many or one short that a row too long or too short follows from, with the rowspan that fits (a merged cell off by one)', () => {
    const group = (span: number, rows: string[]) => table(['columns: [一级指标, 二级指标, 单位, 基准值]', 'rows:', `  - [{text: 学业发展, rowspan: ${span}}, 语文, "%", 92.3]`, ...rows.map((r) => `  - ${r}`)]);
    expect(problems(group(3, ['[数学, "%", 89.7]', '[{text: 身心健康, rowspan: 2}, 近视率, "%", 58.4]', '[睡眠, "%", 71.2]']))).toEqual([
      'r.yaml:12:15: this row fills 5 columns (its 4 cells and 1 column covered by rowspans from above) but the table has 4 (the rowspan: 3 at line 10 covers this row: if its group ends above it, write rowspan: 2 there)',
    ]);
    expect(problems(group(2, ['[数学, "%", 89.7]', '[作业时长, 分钟, 88]']))).toEqual([
      'r.yaml:12:15: this row fills 3 columns (its 3 cells) but the table has 4; an empty cell is written "" (or, if this row belongs to the group of the rowspan: 2 at line 10, write rowspan: 3 there)',
    ]);
  });
  it('locates a header row that does not fill the columns of the first', () => {
    const t = table(['head:', '  - [{text: 人数, colspan: 2}, 占比]', '  - [2024 年, 2025 年]', 'rows: []']);
    expect(problems(t)).toEqual(['r.yaml:10:15: this header row fills 2 columns (its 2 cells) but the table has 3; an empty cell is written ""']);
  });
  it('a colspan of the first header row too large or small, every row under it alike: one error at that row (it was one at each row under it, and none at it)', () => {
    const head = (span: number) => ['head:', `  - [{text: 指标, rowspan: 2}, {text: 人数, colspan: ${span}}, {text: 占比, rowspan: 2}]`, '  - [2024 年, 2025 年]'];
    const body = ['rows:', '  - [甲, 1, 2, "3%"]', '  - [乙, 4, 5, "6%"]', '  - [丙, 7, 8, "9%"]', 'align: [left, right, right, right]'];
    const message = (fills: number, under: number) =>
      `r.yaml:9:15: this first header row fills ${fills} columns (its cells with their colspans), the table's columns, but every row under it fills ${under}: check its colspans`;
    expect(problems(table([...head(3), ...body]))).toEqual([message(5, 4)]);
    expect(problems(table([...head(1), ...body]))).toEqual([message(3, 4)]);
    // rows that disagree among themselves: each is reported, as before
    const mixed = [...body.slice(0, 3), '  - [丙, 7, 8, "9%", 10]'];
    expect(problems(table([...head(3), ...mixed])).length).toBeGreaterThan(1);
  });
  it('a lone header row of single cells over rows all one cell short: each row is reported, not the header\'s colspans (it has none)', () => {
    const t = table(['head: [[学校, 人数, 备注]]', 'rows:', '  - [甲, 1]', '  - [乙, 2]', '  - [丙, 3]', 'align: [left, right]']);
    expect(problems(t)).toEqual([
      'r.yaml:10:15: this row fills 2 columns (its 2 cells) but the table has 3; an empty cell is written ""',
      'r.yaml:11:15: this row fills 2 columns (its 2 cells) but the table has 3; an empty cell is written ""',
      'r.yaml:12:15: this row fills 2 columns (its 2 cells) but the table has 3; an empty cell is written ""',
      'r.yaml:13:18: `align:` has 2 entries but the table has 3 columns',
    ]);
  });
  it('locates a colspan into a column a rowspan covers, and a rowspan past the last row, at the cell', () => {
    const t = table(['columns: [a, b, c]', 'rows:', '  - [1, {text: x, rowspan: 2}, 2]', '  - [{text: y, colspan: 2}, 3]', '  - [4, 5, {text: z, rowspan: 2}]']);
    const p = problems(t);
    expect(p).toContain("r.yaml:11:16: this cell's colspan runs into column 2, which a rowspan from above covers");
    expect(p).toContain('r.yaml:12:22: rowspan 2 runs past the last row (1 row from here)');
  });
  it('refuses a table with both columns and head, or neither and no rows', () => {
    expect(problems(table(['columns: [a]', 'head: [[a]]', 'rows: []']))).toEqual(['r.yaml:9:11: a table has `columns:` (one header row) or `head:` (header rows), not both']);
    expect(problems(table(['rows: []']))).toEqual(['r.yaml:6:9: a table without `columns:` or `head:` (a form, its first column the labels) needs `rows:`: this one has none, and nothing to print']);
    // columns misspelt: the key said, its rows, align and widths measured against its first row (it said 'this row fills 2 columns (its 2 cells) but the table has 0')
    expect(problems(table(['colums: [a, b]', 'rows: [[1, 2]]', 'widths: [1, 2]']))).toEqual(['r.yaml:8:11: unknown key "colums" in `table:` (did you mean "columns"?)']);
  });
  it('takes a table without a header row (a 登记表), its columns its first row\'s', () => {
    expect(problems(table(['rows:', '  - [姓名, 张三, 性别, 男]', '  - [{text: 简历, rowspan: 2}, {text: 2020 年至今, colspan: 3}]', '  - [{text: 某校, colspan: 3}]']))).toEqual([]);
    expect(problems(table(['rows:', '  - [姓名, 张三, 性别, 男]', '  - [单位, 某校]', '  - [a, b, c, d]', '  - [x, y, z, w]', ]))).toEqual(['r.yaml:10:15: this row fills 2 columns (its 2 cells) but the table has 4; an empty cell is written ""']);
    expect(problems(table(['rows: [[a, b]]', 'align: [left]']))).toEqual(['r.yaml:9:18: `align:` has 1 entries but the table has 2 columns']);
  });
  it('refuses a span that is not a whole number from 1, and a colspan past 100 (at once: no loop over its columns)', () => {
    expect(problems(table(['columns: [a, b]', 'rows:', '  - [{text: x, colspan: 0}, 1]']))).toEqual(['r.yaml:10:35: `colspan:` must be at least 1']);
    expect(problems(table(['head: [[{text: x, colspan: 1000000000}]]', 'rows: []']))).toEqual(['r.yaml:8:38: `colspan:` must be at most 100']);
    expect(problems(table(['columns: [a, b]', 'rows:', '  - [{text: x, rowspan: 1000000000}, 1]']))).toEqual(['r.yaml:10:16: rowspan 1000000000 runs past the last row (1 row from here)']);
    // a colspan refused in the first header row: no count of the table's columns follows from it, and no row is measured
    // against one (it said first 'this first header row fills 3 columns … every row under it fills 4', a consequence, found by the fuzzer)
    const head = ['head:', '  - [{text: 指标, rowspan: 2}, {text: 人数, colspan: 0}, {text: 占比, rowspan: 2}]', '  - [2024 年, 2025 年]', 'rows:', '  - [甲, 1, 2, "3%"]', 'align: [left, right, right, right]'];
    expect(problems(table(head))).toEqual(['r.yaml:9:60: `colspan:` must be at least 1']);
    expect(problems(table(head.map((l) => l.replace('colspan: 0', 'colspan: 1.5'))))).toEqual(['r.yaml:9:60: `colspan:` must be a whole number']);
  });
  it('counts columns in characters (code points), as VS Code and Notepad++ show them: a character outside the BMP (Ext B 𠀀, an emoji) is one column, not two', () => {
    // 𠀀 and 😀 are two UTF-16 units each: [[ stands at character 12 of its line
    expect(problems(ok.replace('段落。', '𠀀😀见[[nothing]]。'))).toEqual(['r.yaml:6:12: [[nothing]] names no id (no chapter, section, article, table, case or figure has an `id:`)']);
    // YAML's own error after one: at the extra comma, character 14
    expect(problems(ok.replace('title: 标题', 'title: [😀, , x]'))[0]).toMatch(/^r\.yaml:2:14: /);
  });
  it('reports an empty title', () => expect(problems(ok.replace('title: 一', 'title: ""'))).toEqual(['r.yaml:4:12: the title of a chapter is empty']));
  it('reports no chapters', () => expect(problems('report:\n  title: x\nchapters: []\n')).toEqual(['r.yaml:3:11: `chapters:` is empty: a report needs at least one chapter']));
});

describe('a title with its number typed by hand', () => {
  it('is a warning at the number, saying it would print twice and what to remove (第一章　总则, 一、, （一）, 1.1, 附录 not)', () => {
    const yaml = 'report:\n  title: 办法\nchapters:\n  - title: 第一章　总则\n    sections:\n      - title: （一）适用范围\n      - title: 1.2 监测对象\n  - title: 监测内容\n    body:\n      - heading: 一、小标题不编号\n';
    const typed = (at: string, number: string, typed: string) => `r.yaml:${at}: warning: this title starts with its number typed by hand, "${number}": Imprint numbers chapters, sections and appendices itself, so it would print twice; remove "${typed}"`;
    expect(warnings(yaml)).toEqual([typed('4:12', '第一章', '第一章　'), typed('6:16', '（一）', '（一）'), typed('7:16', '1.2', '1.2 ')]);
  });
  it('is no warning for a title that is a number alone, nor one that starts with a year or a count (2025 年, 5 年规划)', () => {
    expect(warnings('report:\n  title: 办法\nchapters:\n  - title: 第一章\n  - title: 2025 年工作回顾\n  - title: 5 年规划\n  - title: 十四五规划\n')).toEqual([]);
  });
});

describe('an article', () => {
  it('is text or {id, text} (the schema): a bad id, a key of another block, empty text and an unknown reference are located errors', () => {
    const yaml = 'report:\n  title: 办法\nchapters:\n  - title: 总则\n    body:\n      - article: 为了规范管理。\n      - article: {id: a-1, text: 本办法适用于本区。}\n      - article: {id: a 2, text: 文字}\n      - article: {title: 文字}\n      - article: ""\n      - article: {id: x, text: "见[[a1]]。"}\n';
    expect(problems(yaml)).toEqual([
      'r.yaml:8:23: `id: a 2` is not valid: an id is made of letters, digits, - and _ (e.g. teachers, fig-2)',
      'r.yaml:9:18: missing `text:` in `article:`',
      'r.yaml:9:19: unknown key "title" in `article:` (expected one of: id, text)',
      'r.yaml:10:18: `article:` is empty',
      'r.yaml:11:34: [[a1]] names no id (did you mean "a-1"?)',
    ]);
    expect(problems(yaml.split('      - article: {id: a 2')[0])).toEqual([]);
  });
});

describe('an article with its number typed by hand', () => {
  it('is a warning at the number, saying it would print twice and what to remove (第一条, **第二条**, 第 3 条; a 第一条 inside the text not)', () => {
    const yaml = 'report:\n  title: 办法\nchapters:\n  - title: 总则\n    body:\n      - article: 第一条　为了规范管理，制定本办法。\n      - article: {id: b, text: "**第二条**　本办法适用于本区。"}\n      - article: 第 3 条 学校应当建立制度。\n      - article: 依照本办法第一条的规定执行。\n';
    const typed = (at: string, number: string, typed: string) => `r.yaml:${at}: warning: this article starts with its number typed by hand, "${number}": Imprint numbers articles itself, so it would print twice; remove "${typed}"`;
    expect(warnings(yaml)).toEqual([typed('6:18', '第一条', '第一条　'), typed('7:33', '第二条', '**第二条**　'), typed('8:18', '第 3 条', '第 3 条 ')]);
  });
});

describe('a paragraph that starts with an article\'s number typed by hand (a 规章 pasted from Word)', () => {
  const pasted = (at: string, number: string, typed: string, start: string) =>
    `r.yaml:${at}: warning: this paragraph starts with an article's number typed by hand, "${number}": write it as an article, \`- article: ${start}……\` without "${typed}", and Imprint numbers it (第一条, 第二条 …) itself`;
  it('is a warning at the paragraph suggesting `article:` (第一条 and a space, 第十二条 and U+3000, **第三条**, 第四条 and the text directly)', () => {
    const yaml = 'report:\n  title: 办法\nchapters:\n  - title: 总则\n    body:\n      - 第一条 为了规范管理，制定本办法。\n      - 第十二条　本办法适用于本区。\n      - "**第三条**　学校应当建立制度。"\n      - 第四条本办法自发布之日起施行。\n';
    expect(warnings(yaml)).toEqual([
      pasted('6:9', '第一条', '第一条 ', '为了规范管理'),
      pasted('7:9', '第十二条', '第十二条　', '本办法适用于本区'),
      pasted('8:10', '第三条', '**第三条**　', '学校应当建立制度'),
      pasted('9:9', '第四条', '第四条', '本办法自发布之日起施行'),
    ]);
  });
  it('is none for 第一条 inside a paragraph, nor before a mark, nor for a lone 第一条线路 at the start of a report\'s only such paragraph', () => {
    const yaml = 'report:\n  title: 报告\nchapters:\n  - title: 交通\n    body:\n      - 全区第一条线路于 2010 年建成。\n      - 第一条线路于 2010 年建成。\n      - 第一条，也是最重要的一条。\n      - 第 3 条 以数字写的不算。\n';
    expect(warnings(yaml)).toEqual([]);
  });
});

describe('a signature (落款) in the preface', () => {
  const chapters = 'chapters:\n  - title: 总则\n    body:\n      - 正文。\n';
  it('is a warning at it in a 公文, whose preface starts its body: the 落款 ends the body, after the last chapter', () => {
    const yaml = `report:\n  title: 通知\n  template: gbt9704\n  document: {organ: 静安区教育局}\npreface:\n  body:\n    - 各校：\n    - signature: [静安区教育局, 2026 年 1 月]\n${chapters}`;
    expect(warnings(yaml)).toEqual(["r.yaml:8:7: warning: a 公文's 落款 ends its body, after the last chapter's text (GB/T 9704 7.3.5), and its preface is the start of the body: move this `signature:` to the end of the last chapter's body"]);
  });
  it('is a warning at it in a report when text follows it in the preface; none for one that ends the preface (a 序 signed by its author)', () => {
    const follows = `report:\n  title: 办法\npreface:\n  title: 序\n  body:\n    - 序的正文。\n    - signature: [静安区教育局, 2026 年 1 月]\n    - 序的又一段。\n${chapters}`;
    expect(warnings(follows)).toEqual(["r.yaml:7:7: warning: a 落款 ends the text it signs, and text follows this one in the preface: move this `signature:` to the end of the last chapter's body (or of the preface, if it signs the preface, a 序 signed by its author)"]);
    expect(warnings(follows.replace('    - 序的又一段。\n', ''))).toEqual([]);
  });
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
  it('says a file cut short inside its last character is cut short, not that it is not UTF-8', () => {
    // a copy or download stopped early: two of the three bytes of 育 end the file
    const whole = Buffer.from('report:\n  title: 教育质量报告\n');
    const cut = whole.subarray(0, whole.indexOf(Buffer.from('育')) + 2);
    expect(messages(write('cut.yaml', cut))).toEqual(['cut.yaml:2:11: the file ends inside a character (its last bytes are the start of one): it seems cut short; save or copy it again whole']);
  });
  it('says a report saved as GBK (GB18030) is, at its first Chinese character, with the words read so', () => {
    const text = 'report:\n  title: 2025年度教育质量报告\nchapters: []\n';
    // GBK's two bytes of each of these characters (ASCII is itself)
    const pairs = [[0xc4, 0xea], [0xb6, 0xc8], [0xbd, 0xcc], [0xd3, 0xfd], [0xd6, 0xca], [0xc1, 0xbf], [0xb1, 0xa8], [0xb8, 0xe6]];
    const GBK = new Map([...'年度教育质量报告'].map((c, i) => [c, pairs[i]]));
    const gbk = Buffer.from([...text].flatMap((c) => GBK.get(c) ?? [c.charCodeAt(0)]));
    expect(new TextDecoder('gbk').decode(gbk)).toBe(text);
    expect(messages(write('gbk.yaml', gbk))).toEqual(['gbk.yaml:2:14: invalid UTF-8: the file seems saved as GBK (GB18030), as Chinese Windows saves it (its first Chinese read so: "年度教育质量报告"); save it as UTF-8']);
    // Latin-1 bytes that GB18030 cannot read, or reads as no Chinese: as before
    expect(messages(write('latin1.yaml', Buffer.from('report:\n  title: caf\xe9\n', 'latin1')))).toEqual(['latin1.yaml:2:13: invalid UTF-8 (save the file as UTF-8)']);
  });
  it('says what a file given as the report is when it is no text: a Word file, a PDF, an image, UTF-16', () => {
    const docx = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(60)]);
    expect(messages(write('draft.docx', docx))).toEqual(['draft.docx:1:1: this file is a Word file (.docx) or another ZIP archive, not text (`imprint import` turns a Word draft into a report)']);
    expect(messages(write('r.yaml', Buffer.from('%PDF-1.7\n%\xe2\xe3\n', 'latin1')))).toEqual(['r.yaml:1:1: this file is a PDF, not text']);
    expect(messages(write('r.yaml', Buffer.from('\ufeffreport:\n', 'utf16le')))).toEqual(['r.yaml:1:1: this file is saved as UTF-16: save it as UTF-8']);
    // without a byte order mark, little- or big-endian; UTF-32 (it was said to be UTF-16)
    const le = Buffer.from('report:\n  title: 标题\n', 'utf16le');
    for (const bytes of [le, Buffer.from(le).swap16()]) expect(messages(write('r.yaml', bytes))).toEqual(['r.yaml:1:1: this file is saved as UTF-16 (without its byte order mark): save it as UTF-8']);
    const utf32 = Buffer.from([0xff, 0xfe, 0, 0, ...[...'report:\n'].flatMap((c) => [c.charCodeAt(0), 0, 0, 0])]);
    expect(messages(write('r.yaml', utf32))).toEqual(['r.yaml:1:1: this file is saved as UTF-32: save it as UTF-8']);
  });
  it('says a file of control characters (NUL bytes, binary data that happens to be UTF-8) is binary, not text, at its start', () => {
    expect(messages(write('nul.yaml', Buffer.alloc(100)))).toEqual(['nul.yaml:1:1: this file is binary, not text: 100 of its first 100 characters are control characters (U+0000 …), which a text file does not hold']);
    expect(messages(write('bin.yaml', Buffer.from('\x01\x02\x03abc\x00\x00\x7f\x05', 'latin1')))).toEqual(['bin.yaml:1:1: this file is binary, not text: 7 of its first 10 characters are control characters (U+0001 …), which a text file does not hold']);
    // a report with a stray control character or two is a text, told at the character
    expect(messages(write('ctl.yaml', 'report:\n  title: "\x01\x02"\n'))).toContain('ctl.yaml:2:10: the title of `report:` is empty: dropped U+0001 U+0002 (control characters, which cannot be printed)');
  });
  it('refuses an alias bomb at once', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 12; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`);
    const started = performance.now();
    const m = messages(write('bomb.yaml', lines.join('\n') + '\n'));
    expect(performance.now() - started).toBeLessThan(1000);
    // at the alias where the values repeated pass 100 (d's first: each of c's 9 repeats b's 9 of a's 10), not at 1:1
    const bomb = (at: string, name: string) => `bomb.yaml:${at}: YAML: with this alias *${name}, the aliases of the file repeat their anchors' values more than 100 times in all (an alias within an anchored value repeats what it names each time): write the values out, or use fewer aliases`;
    expect(m).toEqual([bomb('4:8', 'c')]);
    // 100 aliases of one value: at the 100th
    const many = ['report:', '  title: 标题', '  keywords: &k [质量]', 'chapters:', '  - title: 一', '    body:', ...Array.from({ length: 120 }, () => '      - *k')];
    expect(messages(write('bomb.yaml', many.join('\n') + '\n'))).toEqual([bomb('106:9', 'k')]);
  });
  it('accepts a few aliases', () => {
    const t = 'report:\n  title: &t 标题\nchapters:\n  - title: *t\n    body: [段落。]\n';
    expect(messages(write('alias.yaml', t))).toEqual([]);
  });
  it('refuses an alias inside the value its anchor names (a value that would contain itself), at the alias', () => {
    expect(messages(write('cycle.yaml', 'report:\n  title: t\nchapters:\n  - title: 一\n    body: &b [a, *b]\n'))).toEqual([
      'cycle.yaml:5:18: YAML: the alias *b stands inside the value its anchor &b names: a value cannot contain itself',
    ]);
    expect(messages(write('cycle2.yaml', 'report:\n  title: t\nchapters:\n  - &c {title: 章, sections: [*c]}\n'))).toEqual([
      'cycle2.yaml:4:30: YAML: the alias *c stands inside the value its anchor &c names: a value cannot contain itself',
    ]);
  });
  it('refuses a date whose month or day does not exist, at the date', () => {
    expect(messages(write('date.yaml', 'report:\n  title: t\n  date: 2026-13-45\nchapters:\n  - title: 一\n    body: [段落。]\n'))).toEqual([
      'date.yaml:3:9: not a date: month 13 does not exist (write e.g. 2026 年 1 月, or 2026-01-15)',
    ]);
  });
  it('refuses a second YAML document in the file, at its `---`, in words for the user', () => {
    expect(messages(write('two.yaml', 'report:\n  title: t\nchapters:\n  - title: 一\n    body: [a]\n---\nfoo: 1\n'))).toEqual([
      'two.yaml:6:1: YAML: a second document starts here (a line `---`): the file is one document; remove the line, or what follows it',
    ]);
  });
  it('tells a table cell that starts with %, @, ` or * in a row in brackets (a unit column of %) to be quoted, at the cell, every row', () => {
    const table = (rows: string) => `report:\n  title: t\nchapters:\n  - title: 一\n    body:\n      - table:\n          title: 指标\n          columns: [指标, 单位, 数值]\n          rows:\n${rows}`;
    expect(messages(write('cells.yaml', table('            - [达标率, %, 96.5]\n            - [时长, 小时, 12]\n            - [近视率, %, 58.4]\n')))).toEqual([
      'cells.yaml:10:21: YAML: quote this cell, "%": YAML does not allow a leading % in unquoted text (Plain value cannot start with directive indicator character %)',
      'cells.yaml:12:21: YAML: quote this cell, "%": YAML does not allow a leading % in unquoted text (Plain value cannot start with directive indicator character %)',
    ]);
    expect(messages(write('cells.yaml', table('            - [网址, @edu, 12]\n')))).toEqual(['cells.yaml:10:20: YAML: quote this cell, "@edu": YAML does not allow a leading @ in unquoted text (Plain value cannot start with reserved character @)']);
    expect(messages(write('cells.yaml', table('            - [代码, `ls`, 12]\n')))).toEqual(['cells.yaml:10:20: YAML: quote this cell, "`ls`": YAML does not allow a leading ` in unquoted text (Plain value cannot start with reserved character `)']);
    expect(messages(write('cells.yaml', table('            - [备注, *见注, 12]\n')))).toEqual(['cells.yaml:10:20: YAML: quote this cell, "*见注": YAML reads a leading * as an alias (unresolved alias "*见注")']);
  });
  it('refuses custom tags', () => {
    expect(messages(write('tag.yaml', 'report:\n  title: !!js/function "x"\nchapters: []\n'))[0]).toMatch(/^tag\.yaml:2:10: YAML: .*\(the tag !!js\/function is not allowed: content is plain text\)$/);
  });
  it('refuses the YAML tags that make values other than text, numbers, lists and mappings (!!binary, !!set …), with one message at the tag', () => {
    for (const [value, tag] of [['!!binary aGVsbG8=', '!!binary'], ['!!set {a, b}', '!!set'], ['!!omap [a: 1]', '!!omap'], ['!!pairs [a: 1]', '!!pairs'], ['!!timestamp 2001-12-14', '!!timestamp'], ['!foo bar', '!foo']]) {
      expect(messages(write('tags.yaml', `report:\n  title: t\nchapters:\n  - title: 一\n    body:\n      - ${value}\n`))).toEqual([
        `tags.yaml:6:9: YAML: quote this paragraph: YAML reads a leading ! as a tag (the tag ${tag} is not allowed: content is plain text)`,
      ]);
    }
  });
  it('refuses a key that is a list or mapping (`? [a, b]`) at the key, with no warning from Node', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    expect(messages(write('complex.yaml', 'report:\n  title: t\nchapters:\n  - title: 一\n    body: [段落。]\n? [a, b]\n: c\n'))).toEqual([
      'complex.yaml:6:3: YAML: a key must be a name, not a list or a mapping',
    ]);
    expect(messages(write('complex.yaml', 'report:\n  title: t\nchapters:\n  - {title: 一, [x]: y, body: [段落。]}\n'))).toEqual([
      'complex.yaml:4:16: YAML: a key must be a name, not a list or a mapping',
    ]);
    // a mapping or list in brackets as a key on its own line, after another key: the one message, not YAML's own ("Map comment with trailing content") as well
    for (const key of ['{a: 1}: x', '[a, b]: x', '{a: 1}:\n    b: c']) {
      expect(messages(write('complex.yaml', `report:\n  title: t\n  ${key}\nchapters:\n  - title: 一\n    body: [段落。]\n`))).toEqual([
        'complex.yaml:3:3: YAML: a key must be a name, not a list or a mapping',
      ]);
    }
    expect(messages(write('complex.yaml', 'report:\n  title: t\nchapters:\n  - title: 一\n    body: [段落。]\n    {a: 1}: x\n'))).toEqual([
      'complex.yaml:6:5: YAML: a key must be a name, not a list or a mapping',
    ]);
    // after a key, on its line: YAML reads the brackets as the value and ': x' as a pair with no key (it said 'unknown key ""' at another line, and that the value must be text)
    for (const value of ['{a: 1}: x', '[a, b]: x']) {
      expect(messages(write('complex.yaml', `report:\n  title: t\n  issuer: ${value}\nchapters:\n  - title: 一\n    body: [段落。]\n`))).toEqual([
        `complex.yaml:3:11: YAML: quote this text: YAML reads a leading ${value[0]} as ${value[0] === '{' ? 'a mapping' : 'a list'} (and the ': ' after it as the start of a key with no name)`,
      ]);
    }
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
  it('refuses a file whose lines end in CR alone (old Mac line endings) with one message that says so, not YAML jargon', () => {
    expect(messages(write('mac.yaml', 'report:\r  title: t\rchapters:\r  - title: 一\r    body: [段落。]\r'))).toEqual([
      'mac.yaml:1:8: the lines of this file end in CR alone (old Mac line endings): save it with LF (or CR LF) line endings',
    ]);
  });
  it('refuses nesting deeper than the limit', () => {
    const deep = 'report: ' + '['.repeat(80) + ']'.repeat(80) + '\n';
    expect(messages(write('deep.yaml', deep))[0]).toMatch(/^deep\.yaml:1:\d+: nesting deeper than 64 levels$/);
    // deeper than YAML's parser can go: said so, not as its stack ("Maximum call stack size exceeded")
    // once, however many times YAML's parser ran out (more, at the next columns, once its code is compiled: read six times)
    const deeper = write('deeper.yaml', 'report: ' + '['.repeat(3000) + ']'.repeat(3000) + '\n');
    for (let i = 0; i < 6; i++) expect(messages(deeper)).toEqual([expect.stringMatching(/^deeper\.yaml:1:\d+: YAML: lists or mappings nested too deeply to read \(hundreds of levels, each inside the one before\)$/)]);
  });
  it('refuses images outside the project and files that are not images', () => {
    write('fake.png', 'not an image at all');
    const fig = (image: string) => `report:\n  title: 标题\nchapters:\n  - title: 一\n    body:\n      - figure:\n          title: 图\n          image: ${image}\n`;
    expect(messages(write('f1.yaml', fig('../../../../etc/passwd.png')))[0]).toMatch(/^f1\.yaml:8:18: image outside the project/);
    expect(messages(write('f2.yaml', fig('fake.png')))).toEqual(['f2.yaml:8:18: not a PNG, JPEG or SVG image (by its content): fake.png']);
    expect(messages(write('f3.yaml', fig('photo.gif')))).toEqual(['f3.yaml:8:18: an image must be a PNG, JPEG or SVG file (.png, .jpg, .jpeg, .svg)']);
  });
  it('names every image problem in one run: a kind refused by the schema and a file not found', () => {
    const figures = ['a.gif', 'nosuch.png'].map((image, i) => `      - figure:\n          title: 图${i}\n          image: ${image}\n`).join('');
    expect(messages(write('f4.yaml', `report:\n  title: 标题\nchapters:\n  - title: 一\n    body:\n${figures}`))).toEqual([
      'f4.yaml:8:18: an image must be a PNG, JPEG or SVG file (.png, .jpg, .jpeg, .svg)',
      'f4.yaml:11:18: image not found: nosuch.png',
    ]);
  });
  it('names the block kinds for a misspelt block, and a block with two keys', () => {
    const t = ok.replace('      - 段落。\n', '      - heading: 一\n        table: {}\n');
    const m = messages(write('two.yaml', t));
    expect(m[0]).toBe('two.yaml:6:9: a block has exactly one key (heading, article, table, case, figure, list, code, verse, quote, signature or pagebreak); start another block with "- "');
    expect(m).toContain('two.yaml:7:16: missing `rows:` in `table:`');
  });
});

describe('loadReport holds each text to a length it sets in seconds (text-limits.ts)', () => {
  const han = (n: number) => '教育'.repeat(Math.ceil(n / 2)).slice(0, n);
  const report = (body: string) => `report:\n  title: 标题\nchapters:\n  - title: 一\n    body:\n${body}`;

  it('a table cell of more than 10,000 characters, at the cell', () => {
    const yaml = report(`      - table:\n          title: 表\n          columns: [甲, 乙]\n          rows:\n            - [${han(10_001)}, 短]\n            - [{text: ${han(10_000)}}, 短]\n`);
    expect(problems(yaml)).toEqual(['r.yaml:10:16: this table cell has 10,001 characters; at most 10,000 are set in one cell: move the text out of the table, into paragraphs']);
  });

  it('a code line of more than 10,000 characters, at its line; a paragraph of more than 1,000,000, at it', () => {
    const code = `      - code: |\n          a = 1\n          s = "${'x'.repeat(10_001)}"\n`;
    expect(problems(report(code))).toEqual(['r.yaml:8:11: line 2 of this code block has 10,007 characters; at most 10,000 are set in one code line: break it into shorter lines']);
    expect(problems(report(`      - ${han(1_000_001)}\n      - ${han(1_000_000)}\n`))).toEqual(['r.yaml:6:9: this text has 1,000,001 characters; at most 1,000,000 are set in one text: split it into paragraphs']);
  });

  it('a title of more than 10,000 characters, at it', () => {
    expect(problems(report(`      - 段落。\n      - table: {title: ${han(10_001)}, columns: [a], rows: [[1]]}\n`))).toEqual(['r.yaml:7:24: this title has 10,001 characters; at most 10,000 are set in one title: shorten it, and put the rest in the text']);
  });

  it('counts characters, not UTF-16 units: 10,000 characters beyond the BMP fit a cell', () => {
    const wide = '𠮷'.repeat(10_000);
    expect(problems(report(`      - table:\n          title: 表\n          columns: [甲]\n          rows:\n            - [${wide}]\n`))).toEqual([]);
  });
});
