/**
 * Problems that come from the content are located in the content: characters that cannot be
 * printed (dropped with a warning at the character), YAML slips in a report's text (with a hint
 * to quote it), a tab that indents (one message), and files that are not report files.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReport } from '../../src/content/load.js';
import type { Report } from '../../src/content/types.js';
import { formatProblem, InputError } from '../../src/problems.js';

const dir = mkdtempSync(path.join(tmpdir(), 'imprint-content-problems-'));

/** The report and its warnings, or the errors, as `r.yaml:LINE:COL: message` lines. */
function load(yaml: string): { report?: Report; lines: string[] } {
  const file = path.join(dir, 'r.yaml');
  writeFileSync(file, yaml);
  const format = (ps: Parameters<typeof formatProblem>[0][]) => ps.map((p) => formatProblem(p).replace(file, 'r.yaml'));
  try {
    const report = loadReport(file);
    return { report, lines: format(report.warnings) };
  } catch (e) {
    if (e instanceof InputError) return { lines: format(e.problems) };
    throw e;
  }
}

/** A report whose first chapter's body is the given lines (line 6 on). */
const withBody = (...lines: string[]) => `report:\n  title: 标题\nchapters:\n  - title: 一\n    body:\n${lines.join('\n')}\n`;
const firstParagraph = (r: Report | undefined) => (r?.chapters[0].body[0] as { text: { text: string } }).text.text;
const dropped = (pos: string, cp: string, kind = 'a control character') => `r.yaml:${pos}: warning: dropped ${cp} (${kind}, which cannot be printed)`;

describe('the page set in the report (it is the template’s)', () => {
  it('a page size, margins or a font size in `report:` or at the top: one error saying where they are set (it listed the keys of report:)', () => {
    const look = (key: string, value: string, where: string) =>
      `unknown key "${key}" in ${where} (the page’s size and margins and the type’s sizes are the template’s, not the report’s: set them in the theme.yaml of a template of your own, e.g. templates/mine/theme.yaml with \`extends: official\` and \`page: { size: ${value} }\`, and name it in the report’s \`template: mine\`)`;
    expect(load('report:\n  title: 标题\n  page: A5\nchapters:\n  - title: 一\n').lines).toEqual([`r.yaml:3:3: ${look('page', 'A5', '`report:`')}`]);
    expect(load('report:\n  title: 标题\n  paper-size: b5\nchapters:\n  - title: 一\n').lines).toEqual([`r.yaml:3:3: ${look('paper-size', 'B5', '`report:`')}`]);
    expect(load('report:\n  title: 标题\n  纸张: A5\nchapters:\n  - title: 一\n').lines).toEqual([`r.yaml:3:3: ${look('纸张', 'A5', '`report:`')}`]);
    expect(load('report:\n  title: 标题\n  margin: 20mm\nchapters:\n  - title: 一\n').lines).toEqual([`r.yaml:3:3: ${look('margin', 'A4', '`report:`')}`]);
    expect(load('page:\n  size: A5\nreport:\n  title: 标题\nchapters:\n  - title: 一\n').lines).toEqual([`r.yaml:1:1: ${look('page', 'A5', 'the report')}`]);
    // `theme:` names what `template:` does
    expect(load('report:\n  title: 标题\n  theme: gbt9704\nchapters:\n  - title: 一\n').lines).toEqual(['r.yaml:3:3: unknown key "theme" in `report:` (a report chooses its look by `template:`, a folder under templates/ whose theme.yaml sets it: template: gbt9704)']);
  });
});

describe('characters that cannot be printed', () => {
  it('a pasted terminal colour code: dropped whole (not only its escape character), a warning at it, the text kept', () => {
    const { report, lines } = load(withBody('      - 段落\x1b[0;33m彩色\x1b[0m。\x1b]0;标题\x07完'));
    expect(firstParagraph(report)).toBe('段落彩色。完');
    const sequence = (pos: string, shown: string) => `r.yaml:${pos}: warning: dropped "${shown}" (a terminal control sequence, such as a colour code copied with the text, which cannot be printed)`;
    expect(lines).toEqual([sequence('6:11', '\\e[0;33m'), sequence('6:20', '\\e[0m'), sequence('6:25', '\\e]0;标题\\u{7}')]);
  });
  it('one warning per run, at its first character; tab and line feed are kept', () => {
    const { report, lines } = load(withBody('      - "a\\x01\\x02b\\tc\\nd"'));
    expect(firstParagraph(report)).toBe('ab\tc\nd');
    expect(lines).toEqual([dropped('6:11', 'U+0001 U+0002', 'control characters')]);
  });
  it('in double quotes: at the escape (\\e, \\u, a lone surrogate), after folded lines', () => {
    const { lines } = load(withBody('      - "第一行', '        第二行\\e[m和\\uFFFE和\\ud800"'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^r\.yaml:7:12: warning: dropped "\\e\[m" \(a terminal control sequence/);
    expect(lines.slice(1)).toEqual([dropped('7:17', 'U+FFFE', 'a noncharacter'), dropped('7:24', 'U+D800', 'a lone surrogate')]);
  });
  it('in plain text over several lines, single quotes and block scalars: at the character', () => {
    const { lines } = load(withBody('      - 一行', '        二行\x07', "      - '它''s\x08'", '      - |', '        块一', '          块二\x0c', '      - >-', '        折一', '', '        折二\x7f\u0085'));
    expect(lines).toEqual([
      dropped('7:11', 'U+0007'),
      dropped('8:14', 'U+0008'),
      dropped('11:13', 'U+000C'),
      dropped('15:11', 'U+007F U+0085', 'control characters'),
    ]);
  });
  it('invisible format characters (a zero-width space, bidirectional controls, a soft hyphen): dropped, not drawn as empty boxes', () => {
    const { report, lines } = load(withBody('      - 前\u200B后\u202E反\u202C正\u00ADa'));
    expect(firstParagraph(report)).toBe('前后反正a');
    expect(lines).toEqual([dropped('6:10', 'U+200B', 'an invisible format character'), dropped('6:12', 'U+202E', 'an invisible format character'), dropped('6:14', 'U+202C', 'an invisible format character'), dropped('6:16', 'U+00AD', 'an invisible format character')]);
  });
  it('noncharacters written as they are', () => {
    const { report, lines } = load(withBody('      - 前\uFFFF后\uFDD0'));
    expect(firstParagraph(report)).toBe('前后');
    expect(lines).toEqual([dropped('6:10', 'U+FFFF', 'a noncharacter'), dropped('6:12', 'U+FDD0', 'a noncharacter')]);
  });
  it('in every text: titles, issuer, date, keywords, headings, list items, cells, notes', () => {
    const yaml = [
      'report:',
      '  title: 标\x01题',
      '  subtitle: 副\x01',
      '  issuer: 发\x01',
      '  date: 2026\x01',
      '  keywords: [词\x01]',
      'preface:',
      '  title: 前\x01言',
      '  body: [前言段]',
      'chapters:',
      '  - title: 章\x01',
      '    body:',
      '      - heading: 小\x01',
      '      - list: [项\x01]',
      '      - table:',
      '          title: 表\x01',
      '          columns: [列\x01]',
      '          rows: [[格\x01]]',
      '          note: 注\x01',
      '      - case:',
      '          title: 案\x01',
      '          body: [段]',
      '    sections:',
      '      - title: 节\x01',
      '',
    ].join('\n');
    const { report, lines } = load(yaml);
    const places = lines.map((l) => l.split(': warning')[0].replace('r.yaml:', ''));
    expect(places.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))).toEqual(['2:11', '3:14', '4:12', '5:13', '6:15', '8:11', '11:13', '13:19', '14:17', '16:19', '17:22', '18:20', '19:18', '21:19', '24:17']);
    expect(JSON.stringify(report)).not.toMatch(/\\u0001/);
    expect(report!.meta.keywords).toEqual(['词']);
  });
});

describe('a text as written, and where its characters stand (for characters no font has)', () => {
  it('in a paragraph, a cell after an escape, and a text over several lines', () => {
    const { report } = load(withBody('      - 段落 😀 与 😀', '      - table:', '          title: 表', '          columns: [a, b]', '          rows:', '            - [格😀, "x\\U0001F600"]', '      - 一行', '        二行😀'));
    const at = (line: number, col: number) => ({ file: report!.file, line, col });
    const charPos = (p: ReturnType<typeof at>, ch: string) => {
      const t = report!.writtenText(p)!;
      return t.charPos(t.value.indexOf(ch));
    };
    expect(report!.writtenText(at(6, 9))!.value).toBe('段落 😀 与 😀');
    expect(charPos(at(6, 9), '😀')).toEqual(at(6, 12));
    expect(report!.writtenText(at(6, 9))!.charPos(8)).toEqual(at(6, 16)); // (the second 😀: a character after the first is one column)
    expect(charPos(at(11, 16), '😀')).toEqual(at(11, 17));
    expect(charPos(at(11, 20), '😀')).toEqual(at(11, 22)); // (after 格😀, in characters)
    expect(charPos(at(12, 9), '😀')).toEqual(at(13, 11));
    // a place that holds no text of the report: none
    expect(report!.writtenText(at(1, 1))).toBeUndefined();
  });
});

describe('YAML slips in a report text', () => {
  it('a paragraph starting with **: one message at the paragraph, with the hint to quote it', () => {
    expect(load(withBody('      - **一是**加强管理。', '      - 下一段。')).lines).toEqual([
      'r.yaml:6:9: YAML: quote this paragraph: YAML reads a leading * as an alias (unresolved alias "**一是**加强管理。")',
    ]);
    // with a space after the bold text YAML also stumbles on what follows: still one message
    expect(load(withBody('      - 开头', '      - **一是** 加强管理。')).lines).toEqual([
      'r.yaml:7:9: YAML: quote this paragraph: YAML reads a leading * as an alias (unresolved alias "**一是**")',
    ]);
  });
  it('other characters YAML reads at the start of unquoted text', () => {
    const first = (text: string) => load(withBody(`      - ${text}`, '      - 下一段。')).lines;
    expect(first('[注] 文字')).toEqual(['r.yaml:6:9: YAML: quote this paragraph: YAML reads a leading [ as a list (Unexpected scalar at node end)']);
    expect(first('{注} 文字')).toEqual(['r.yaml:6:9: YAML: quote this paragraph: YAML reads a leading { as a mapping (Unexpected scalar at node end)']);
    expect(first('!注 文字')[0]).toMatch(/^r\.yaml:6:9: YAML: quote this paragraph: YAML reads a leading ! as a tag \(/);
    expect(first('@注 文字')[0]).toMatch(/^r\.yaml:6:9: YAML: quote this paragraph: YAML does not allow a leading @ in unquoted text \(/);
    expect(first('`ls` 文字')[0]).toMatch(/^r\.yaml:6:9: YAML: quote this paragraph: YAML does not allow a leading ` in unquoted text \(/);
    expect(first('%注 文字')[0]).toMatch(/^r\.yaml:6:9: YAML: quote this paragraph: YAML does not allow a leading % in unquoted text \(/);
    expect(load('report:\n  title: **重点**\nchapters: []\n').lines).toEqual(['r.yaml:2:10: YAML: quote this text: YAML reads a leading * as an alias (unresolved alias "**重点**")']);
    expect(load('report:\n  title: 标题\nchapters:\n  - title: **重点**\n    body: [段]\n').lines).toEqual(['r.yaml:4:12: YAML: quote this text: YAML reads a leading * as an alias (unresolved alias "**重点**")']);
  });
  it('an empty cell left out of a row in brackets: one message at the extra comma, saying how to write it (not a paragraph to quote)', () => {
    const row = (cells: string) => load(withBody('      - table:', '          title: 表', '          columns: [a, b, c]', '          rows:', `            - ${cells}`)).lines;
    const empty = 'YAML: an empty item in a list in brackets: write "" for an empty cell (or remove the extra ,)';
    expect(row('[1, , 3]')).toEqual([`r.yaml:10:19: ${empty}`]);
    expect(row('[, 2, 3]  # 注')).toEqual([`r.yaml:10:16: ${empty}`]);
    expect(row('[1,,3]')).toEqual([`r.yaml:10:18: ${empty}`]);
    // YAML takes a comma before the ] for the end: a row of two cells
    expect(row('[1, 2, ]')).toEqual(['r.yaml:10:15: this row fills 2 columns (its 2 cells) but the table has 3; an empty cell is written ""']);
    // a paragraph that starts with [ is still one to quote
    expect(load(withBody('      - [注] 文字, , 等')).lines).toEqual(['r.yaml:6:9: YAML: quote this paragraph: YAML reads a leading [ as a list (Unexpected scalar at node end)']);
  });
  it('text after a closing quote, a list begun on its key\'s line and a backslash that starts no escape: each one message in words, not YAML\'s', () => {
    const issuer = (value: string) => load(`report:\n  title: 标题\n  issuer: ${value}\nchapters:\n  - title: 一\n    body: [正文。]\n`).lines;
    expect(issuer('"静安区" 教育局')).toEqual(['r.yaml:3:17: YAML: text after the closing quote: a text in quotes ends there (put all of it inside the quotes)']);
    expect(issuer('- 静安区教育局')).toEqual(['r.yaml:3:11: YAML: a list cannot start on its key\'s line: put each "- item" on a line of its own under the key, indented (or quote the text, if it starts with "- ")']);
    expect(issuer('"a\\u12"')[0]).toMatch(/^r\.yaml:3:13: YAML: \\u12 is not an escape/);
    expect(issuer('"C:\\用户\\报告"')).toEqual(["r.yaml:3:14: YAML: \\用 is not an escape: in double quotes a \\ starts one (\\n, \\u4e00); write \\\\ for a backslash, or put the text in single quotes ('…'), where \\ is itself"]);
  });
  it('a list or mapping in brackets is not taken for text', () => {
    expect(load(withBody('      - table:', '          title: 表', '          columns: [a, b', '          rows: [[1, 2]]')).lines.join('\n')).not.toMatch(/quote this/);
  });
  it("a paragraph containing ': ' (YAML makes it a mapping): the hint to quote it", () => {
    expect(load(withBody('      - 主要措施: 修订制度。')).lines).toEqual([`r.yaml:6:9: unknown key "主要措施" in a block (a paragraph containing ': ' must be quoted)`]);
    expect(load(withBody('      - “主要措施: 修订制度。”')).lines).toEqual([`r.yaml:6:9: unknown key "“主要措施" in a block (a paragraph containing ': ' must be quoted, with ASCII quotes ("…"; Chinese quotes “ ” are part of the text to YAML))`]);
    // a misspelt block keeps its "did you mean"
    expect(load(withBody('      - tabel: 1')).lines).toEqual(['r.yaml:6:9: unknown key "tabel" in a block (did you mean "table"?)']);
    // a misspelt required key: one message, not also "missing `title:`" at the same place
    expect(load('report:\n  title: 标题\nchapters:\n  - titel: 一\n    body: [段。]\n').lines).toEqual(['r.yaml:4:5: unknown key "titel" in a chapter (did you mean "title"?)']);
    expect(load('report:\n  title: 标题\nchapters:\n  - body: [段。]\n').lines).toEqual(['r.yaml:4:5: missing `title:` in a chapter']);
    // a value of a key: YAML said only 'Nested mappings are not allowed in compact mappings'
    expect(load('report:\n  title: 主要措施: 修订制度。\nchapters: []\n').lines).toEqual(["r.yaml:2:10: YAML: quote this text: YAML reads the ': ' in it as the end of a key (Nested mappings are not allowed in compact mappings)"]);
    // in Chinese quotes, which look like quoting and are text to YAML: says so
    expect(load('report:\n  title: “标题: 副标题”\nchapters: []\n').lines).toEqual([
      `r.yaml:2:10: YAML: quote this text with ASCII quotes ("…"; Chinese quotes “ ” are part of the text to YAML): YAML reads the ': ' in it as the end of a key (Nested mappings are not allowed in compact mappings)`,
    ]);
    expect(load(withBody('      - quote: 引文: 一段。')).lines).toEqual(["r.yaml:6:16: YAML: quote this text: YAML reads the ': ' in it as the end of a key (Nested mappings are not allowed in compact mappings)"]);
  });
  it("': ' on a later line of a paragraph: at the ': ', not on the paragraph's first line", () => {
    expect(load(withBody('      - 段落一', '        续行: 二', '      - 下一段。')).lines).toEqual([
      "r.yaml:7:11: YAML: Implicit keys need to be on a single line (a paragraph containing ': ' must be quoted)",
    ]);
  });
  it("' #' in a paragraph: a warning at the #; a comment on its own line is fine", () => {
    const { report, lines } = load(withBody('      # 一条注释', '      - 段落 #一 二', '      - 段落二   # 注释', '      - "引号 #内"', '      - list: [a, b]', '      - list:', '          - 项 #1'));
    expect(firstParagraph(report)).toBe('段落');
    const warning = "warning: YAML reads ' #' as the start of a comment: the rest of this line is left out of the text (quote the paragraph to keep it)";
    expect(lines).toEqual([`r.yaml:7:12: ${warning}`, `r.yaml:8:15: ${warning}`, `r.yaml:12:15: ${warning}`]);
  });
  it('a tab that indents: one message, not the errors it causes after it', () => {
    expect(load(withBody('\t- 段落。', '      - 段落二。')).lines).toEqual(['r.yaml:6:1: YAML: tabs cannot indent YAML; use spaces']);
  });
  it('a list item one or two spaces left or right of the items around it: one message at it, not the errors it causes', () => {
    const items = (...lines: string[]) => withBody('      - 段落一。', ...lines, '      - 段落三。', '  - title: 二', '    body:', '      - 段。');
    const slip = (line: number, indent: number) => `r.yaml:${line}:${indent + 1}: YAML: this item is indented ${indent} spaces, the items around it 6: line them up`;
    expect(load(items('     - 各专业大类学生人数见下表。')).lines).toEqual([slip(7, 5)]);
    expect(load(items('    - 段落二。')).lines).toEqual([slip(7, 4)]);
    // one space right: YAML reads it silently as more of the paragraph before
    expect(load(items('       - 段落二。')).lines).toEqual([slip(7, 7)]);
    expect(load(items('        - 段落二: 一。')).lines).toEqual([slip(7, 8)]);
    // the last item of a list
    expect(load(withBody('      - 段落一。', '      - 段落二。', '     - 段落三。', '  - title: 二', '    body:', '      - 段。')).lines).toEqual([slip(8, 5)]);
    // the last item two left, the list after it two further left (the chapters'): one message, not also one at the next chapter (it said "indented 2 spaces, the items around it 6")
    expect(load(withBody('      - 段落一。', '      - 段落二。', '    - 段落三。', '  - title: 二', '    body:', '      - 段。')).lines).toEqual([slip(8, 4)]);
    // errors before the slip are kept
    expect(load(withBody('      - **一是**', '      - 段落一。', '     - 段落二。', '      - 段落三。')).lines).toEqual([
      'r.yaml:6:9: YAML: quote this paragraph: YAML reads a leading * as an alias (unresolved alias "**一是**")',
      slip(8, 5),
    ]);
  });
  it('a key one or two spaces left or right of the keys around it: one message at the key, not YAML\'s at column 1 or a hint to quote the line before', () => {
    const slip = (line: number, indent: number, name: string, column: number) => `r.yaml:${line}:${indent + 1}: YAML: the key \`${name}\` is indented ${indent} space${indent === 1 ? '' : 's'}, the keys around it ${column}: line them up`;
    // a table's key one space left or two right of the ones before it (YAML: "All mapping items must start at the same column", at 1)
    const table = (rows: string) => withBody('      - table:', '          title: 表', '          columns: [a, b]', rows, '            - [1, 2]');
    expect(load(table('         rows:')).lines).toEqual([slip(9, 9, 'rows', 10)]);
    expect(load(table('            rows:')).lines).toEqual([slip(9, 12, 'rows', 10)]);
    // a key of report: one space right (YAML blamed the title before it: "quote this text")
    expect(load('report:\n  title: 标题\n   issuer: 静安区教育局\nchapters:\n  - title: 一\n').lines).toEqual([slip(3, 3, 'issuer', 2)]);
    expect(load('report:\n  title: 标题\n issuer: 静安区教育局\nchapters:\n  - title: 一\n').lines).toEqual([slip(3, 1, 'issuer', 2)]);
    // a chapter's key after its item's first key (- title: …), one space right
    expect(load('report:\n  title: 标题\nchapters:\n  - title: 一\n     body:\n      - 段。\n').lines).toEqual([slip(5, 5, 'body', 4)]);
    // the item's line slipped, not the keys under it: `   - title:` one space right of the keys below (it said so of each key below, which were right)
    expect(load('report:\n  title: 标题\nchapters:\n   - title: 一\n    id: one\n    body:\n      - 段。\n  - title: 二\n').lines).toEqual([
      'r.yaml:4:4: YAML: this item is indented 3 spaces, so its first key `title` stands at 5, and the keys under it at 4: move the "- " 1 space left',
    ]);
    // a key left of its table's keys by more (copied from a table less deep), the keys before and after it agreeing: one message at it, with their column (it said "around it 8", the item's key, and then the same of each right key after it)
    expect(load(table('      rows:').replace('            - [1, 2]', '          align: [left, right]\n          note: 注。')).lines).toEqual([slip(9, 6, 'rows', 10)]);
    expect(load(withBody('      - table:', '          title: 表', '      columns: [a, b]', '          rows:', '            - [1, 2]', '          note: 注。')).lines).toEqual([slip(8, 6, 'columns', 10)]);
    // a mapping opened by the key before (body:, table:) may be deeper: no slip
    expect(load(withBody('      - table:', '          title: 表', '          columns: [a, b]', '          rows:', '            - [1, 2]')).lines).toEqual([]);
    // a paragraph's next line with ': ' in it is no key (its own hint)
    expect(load(withBody('      - 联系人王老师，', '        电话: 021-1234 5678')).lines.join('\n')).not.toContain('the key');
  });
  it("a key written without its colon: one message at the key, not YAML's at the key after it with a hint to quote a paragraph", () => {
    const message = (line: number, column: number, name: string) => `r.yaml:${line}:${column}: YAML: \`${name}\` has no colon after it: write a key as \`${name}:\``;
    // a table's key and its value (YAML: "Implicit keys need to be on a single line" at the rows: after it, with the hint to quote a paragraph)
    const table = (columns: string) => withBody('      - table:', '          title: 表', columns, '          rows:', '            - [1, 2]');
    expect(load(table('          columns [a, b]')).lines).toEqual([message(8, 11, 'columns')]);
    // a key alone on its line, its value on the lines below (YAML: "Implicit map keys need to be followed by map values")
    expect(load('report:\n  title: 标题\nchapters:\n  - title: 一\n    body\n      - 段。\n').lines).toEqual([message(5, 5, 'body')]);
    // an item's first key
    expect(load('report:\n  title: 标题\nchapters:\n  - title 一\n    body:\n      - 段。\n').lines).toEqual([message(4, 5, 'title')]);
    // a paragraph's next line with ': ' in it is still the paragraph's (its own hint), and Chinese text is no key
    expect(load(withBody('      - 联系人王老师，', '        电话: 021-1234 5678')).lines.join('\n')).not.toContain('has no colon');
  });
  it("the text of code: | written no deeper than its key: one message at its first line, not YAML's at column 1 or a hint to quote a paragraph", () => {
    const message = (line: number, indent: number) => `r.yaml:${line}:${indent + 1}: YAML: the text of \`code: |\` must be indented further than its key \`code\` (at least 9 spaces; this line has ${indent})`;
    // at the key's column (YAML: "Implicit keys need to be on a single line", with the hint to quote a paragraph)
    expect(load(withBody('      - code: |', '        import os', '        print(1)', '      - 段落。')).lines).toEqual([message(7, 8)]);
    // at the item's column, and left of it (YAML: "All mapping items must start at the same column", at column 1)
    expect(load(withBody('      - code: |', '      x = 1', '      - 段落。')).lines).toEqual([message(7, 6)]);
    expect(load(withBody('      - code: |', '     def f(x):', '         return x')).lines).toEqual([message(7, 5)]);
    // deeper than the key: code, whatever it holds
    expect(load(withBody('      - code: |', '          def f(x):', '              return x', '      - 段落。')).lines).toEqual([]);
    // a block left empty, the document going on: YAML's own word, if any (an empty code block)
    expect(load(withBody('      - code: |', '      - 段落。')).lines.join('\n')).not.toContain('must be indented further');
  });
  it('the text of verse: | (or text: |) indented with tabs: one message that says so, not \'this line has 0\' or YAML\'s \'less indented than their first line\'', () => {
    const tabbed = (line: number, column: number, key: string, spaces: number) => `r.yaml:${line}:${column}: YAML: a tab indents this line of \`${key}: |\`: YAML indents with spaces only (write ${spaces} spaces or more)`;
    // every line of the text indented with tabs (it said: at least 9 spaces; this line has 0)
    expect(load(withBody('      - verse: |', '\t\t床前明月光，', '\t\t疑是地上霜。', '      - 段落。')).lines).toEqual([tabbed(7, 1, 'verse', 9)]);
    // a later line of the text with tabs (it said: Block scalar lines must not be less indented than their first line)
    expect(load(withBody('      - verse:', '          title: 静夜思', '          text: |', '            床前明月光，', '\t\t\t疑是地上霜。', '      - 段落。')).lines).toEqual([tabbed(10, 1, 'text', 12)]);
    // a tab after the text's indentation is the text's own
    expect(load(withBody('      - verse: |', '          床前明月光，', '          \t疑是地上霜。', '      - 段落。')).lines).toEqual([]);
  });
  it('a footnote in a cell of a row in [ ]: one message at the cell, with the hint to quote it', () => {
    const table = (row: string) => withBody('      - table:', '          title: 表', '          columns: [类别, 人数, 占比]', '          rows:', row, '            - [b, 2, 3]');
    const hint = `(in a list written in [ ], a row's cell or an item holding a footnote ^[…], brackets or ': ' must be quoted: "…")`;
    expect(load(table('            - [文化艺术类^[含工艺美术。], 512, 1]')).lines).toEqual([`r.yaml:10:16: YAML: Missing , or : between flow sequence items ${hint}`]);
    expect(load(table('            - [a, 文化^[注]], 2]')).lines).toEqual([`r.yaml:10:19: YAML: Missing , or : between flow sequence items ${hint}`]);
    // a cell's quote never closed where meant, the next quote closing it ("其他, 8, " then 4,345"): the text after that quote, not the footnote hint
    expect(load(table('            - ["其他, 8, "4,345"]')).lines).toEqual(['r.yaml:10:25: YAML: text after the closing quote: a text in quotes ends there (put all of it inside the quotes)']);
    // in a merged cell written in { }: its ] closes the row, and the { is left open (it said only "close it with }")
    expect(load(table('            - [{text: 文化艺术类^[含工艺美术。], rowspan: 2}, 512, 1]')).lines).toEqual([
      `r.yaml:10:16: YAML: this { is never closed: the ] of the footnote ^[…] in it ends the list around it ${hint}`,
    ]);
    // a body in [ ] holding a reference [[…]]: one message, not also one at a later body in [ ] that YAML stumbles on
    const bodies = 'report:\n  title: 报告\nchapters:\n  - title: 总述\n    body: [见[[c2]]，第 [[c2#page]] 页。]\n  - title: 二\n    id: c2\n    body: [正文。]\n';
    expect(load(bodies).lines).toEqual([`r.yaml:5:12: YAML: Missing , or : between flow sequence items ${hint}`]);
  });
  it('a list item with no space after its -: one message at it', () => {
    expect(load(withBody('      - 段落一。', '      -静安区段落二。', '      - 段落三。')).lines).toEqual(['r.yaml:7:7: YAML: a list item needs a space after -']);
    // the list's first item: known by the item after it (it was two messages, lines later, with a wrong hint)
    expect(load(withBody('      -静安区段落一。', '      - table:', '          title: 表', '          columns: [甲]', '          rows: [[1]]')).lines).toEqual(['r.yaml:6:7: YAML: a list item needs a space after -']);
    // the same before a paragraph: YAML reads one text (no error of its own), which the slip starts
    expect(load(withBody('      -第一段。', '      - 第二段。')).lines).toEqual(['r.yaml:6:7: YAML: a list item needs a space after -']);
    // a paragraph's text over lines going on with -3.2 is no item
    expect(load(withBody('      - 某指标下降', '        -3.2 个百分点。', '      - 段落二。')).lines).toEqual([]);
  });
  it('a line of a paragraph that starts with - (a negative number) is text, as YAML reads it', () => {
    const r = load(withBody('      - 本年度同比增长', '        -3.2 个百分点，降幅收窄。', '      - 段落二。'));
    expect(r.lines).toEqual([]);
    expect(firstParagraph(r.report)).toBe('本年度同比增长 -3.2 个百分点，降幅收窄。');
  });
  it('lists that are not slips: nested lists, compact lists, text of a block scalar, paragraphs over lines', () => {
    const fine = [
      'report:', '  title: 标题', '  keywords:', '  - 一', '  - 二', 'chapters:', '- title: 一', '  body:', '  - 段落一', '    续行 - 二', '  - list:', '    - 项', '    - 项', '  - code: |', '      - a', '       - b', '      - c', '  - list:', '     - 项', '     - 项',
    ].join('\n');
    expect(load(fine).lines).toEqual([]);
  });
  it('a key typed with a full-width colon (title：): one message at the colon, not what YAML makes of the lines after; a paragraph that starts with a Latin word and ：, or code, is text', () => {
    const fw = (key: string, line: number, col: number) => `r.yaml:${line}:${col}: YAML: the key \`${key}\` is followed by a full-width colon ：; a key takes an ASCII colon and a space: \`${key}: \``;
    expect(load('report:\n  title：标题\nchapters:\n  - title: 一\n    body: [段落。]\n').lines).toEqual([fw('title', 2, 8)]);
    expect(load('report:\n  title: 标题\n  issuer：静安区教育局\n  date: 2026 年\nchapters:\n  - title: 一\n    body: [段落。]\n').lines).toEqual([fw('issuer', 3, 9)]);
    expect(load('report:\n  title: 标题\nchapters:\n  - title：一\n    id： one\n    body: [段落。]\n').lines).toEqual([fw('title', 4, 10), fw('id', 5, 7)]);
    expect(load(withBody('      - PISA：国际学生评估项目。', '      - code: |', '          title：x', '      - table：', '          title: 表')).lines).toEqual([fw('table', 9, 14)]);
  });
  it('YAML syntax typed full-width, as an input method types it: full-width spaces that indent, a full-width dash, a full-width space after -, full-width brackets, a full-width colon in braces: one message at it, in words', () => {
    expect(load(withBody('      - 段落一。', '　　　　　　- 段落二。')).lines).toEqual(['r.yaml:7:1: YAML: a full-width space (　) indents this line: YAML indents with ASCII spaces only']);
    expect(load(withBody('      － 段落一。', '      - 段落二。')).lines).toEqual(['r.yaml:6:7: YAML: a list item starts with an ASCII hyphen and a space ("- "), not the full-width －']);
    expect(load(withBody('      - 段落一。', '      -　段落二。')).lines).toEqual(['r.yaml:7:7: YAML: a list item needs an ASCII space after -, not the full-width 　']);
    expect(load(withBody('      - table:', '          title: 表', '          columns: ［指标, 单位］', '          rows: [[a, b]]')).lines[0]).toBe(
      'r.yaml:8:20: `columns:` must be a list (items starting with "- ") (［ ］ are full-width brackets: a list in brackets is written with ASCII ones, [a, b])',
    );
    expect(load(withBody('      - table: {title： 表, columns: [a], rows: [[1]]}')).lines).toEqual(['r.yaml:6:17: the key `title` is followed by a full-width colon ：; a key takes an ASCII colon and a space: `title: `']);
    // text indented with full-width spaces is text (a paragraph's 　　 before a Latin word and ：),
    // and so is a paragraph's next line that starts with a Latin word and ：, plain or quoted
    expect(load(withBody('      - 第一行', '        　　PISA：国际学生评估项目。')).lines).toEqual([]);
    expect(load(withBody('      - 其中', '        PISA：国际学生评估项目。', '      - "引文', '        title：说明"')).lines).toEqual([]);
  });
  it('a number written with thousands commas in a row in brackets ([行政运行, 1,234.56] is three cells to YAML): says so, and warns when the row still fills the columns (its data would print split)', () => {
    const table = (row: string) => withBody('      - table:', '          title: 表', '          columns: [科目, 合计, 基本支出]', '          rows:', `            - ${row}`);
    const quote = (written: string, cells: string) => `YAML reads ${written} in [ ] as ${cells}: quote a number written with thousands commas, "${written}"`;
    expect(load(table('[行政运行, 1,234.56, 12,345,678.9]')).lines).toEqual([
      `r.yaml:10:15: this row fills 6 columns (its 6 cells) but the table has 3 (${quote('1,234.56', '2 cells (1 and 234.56)')}; ${quote('12,345,678.9', '3 cells (12, 345 and 678.9)')})`,
    ]);
    expect(load(table('[行政运行, -1,234.56]')).lines).toEqual([`r.yaml:10:22: warning: ${quote('-1,234.56', '2 cells (-1 and 234.56)')}`]);
    // a comma and a space part two cells, as a list does; quoted numbers are one cell
    expect(load(table('[行政运行, 1, 234.56]')).lines).toEqual([]);
    expect(load(table('[行政运行, "1,234.56", "356.40"]')).lines).toEqual([]);
  });
  it('a row that does not fill the columns for full-width commas (［指标，单位］ is one item to YAML): says so', () => {
    const table = (columns: string, row: string) => withBody('      - table:', '          title: 表', `          columns: ${columns}`, `          rows:`, `            - ${row}`);
    expect(load(table('[指标，单位，2024 年]', '[a, b, c]')).lines).toEqual([
      'r.yaml:10:15: this row fills 3 columns (its 3 cells) but the table has 1 (the header "指标，单位，2024 年" holds full-width commas: the items of a list in [ ] are parted by ASCII commas (,), not full-width ones (，))',
    ]);
    expect(load(table('[甲, 乙, 丙]', '[a，b, c]')).lines).toEqual([
      'r.yaml:10:15: this row fills 2 columns (its 2 cells) but the table has 3; an empty cell is written "" (or, if "a，b" is two or more cells: the items of a list in [ ] are parted by ASCII commas (,), not full-width ones (，))',
    ]);
    // a cell's own commas, the count not mended by them: the usual words
    expect(load(table('[甲, 乙, 丙]', '[北京，上海]')).lines[0]).toMatch(/but the table has 3; an empty cell is written ""$/);
  });
  it('a key given twice in one mapping: named, with the line of the first', () => {
    expect(load('report:\n  title: 一\n  title: 二\nchapters:\n  - title: 一\n    body:\n      - 段。\n  - title: 二\n    title: 三\n    body:\n      - 段。\n').lines).toEqual([
      'r.yaml:3:3: YAML: `title` is given twice in one mapping (first on line 2): keep one',
      'r.yaml:9:5: YAML: `title` is given twice in one mapping (first on line 8): keep one',
    ]);
  });
  it('one slip of syntax, one message at it: a stray } or ], a quote never closed (not what YAML makes of the lines after)', () => {
    expect(load(withBody('      - table: {title: t, columns: [a], rows: [[1]]}}', '      - 段落二', '  - title: c')).lines).toEqual(['r.yaml:6:53: YAML: this } closes no {: remove it (or quote the text, if it is part of it)']);
    expect(load(withBody('      - list: [a, b]]', '      - 段落二')).lines).toEqual(['r.yaml:6:21: YAML: this ] closes no [: remove it (or quote the text, if it is part of it)']);
    // found by YAML at the end of the file; the quote that opens it is where to look (a closed one before it, over two lines, is fine)
    expect(load(withBody('      - "一段\\"引号\\"，', '        跨行"', '      - 段落 \'乙', '      - "未闭合', '      - 段落三', '  - title: c')).lines).toEqual([
      'r.yaml:9:9: YAML: this quote " is never closed (close it with " where the text ends)',
    ]);
  });
  it('a [ or { never closed is named at itself, not where YAML finds the text going on', () => {
    const never = (line: number, col: number, bracket: string, closer: string) => `r.yaml:${line}:${col}: YAML: this ${bracket} is never closed (close it with ${closer})`;
    // at the end of the file; before block items; a row of a table one ] short
    expect(load('report:\n  title: 标题\nchapters:\n  - title: 一\n    body: [段落。]\n    sections: [\n').lines).toEqual([never(6, 15, '[', ']')]);
    expect(load(withBody('      - 段落。', '    sections: [', '      - title: 节', '        body: [段。]')).lines).toEqual([never(7, 15, '[', ']')]);
    expect(load(withBody('      - table: {title: t, columns: [a, b], rows: [[1, 2]}', '      - 段落二')).lines).toEqual([never(6, 50, '[', ']')]);
    // a merged cell of a header row one } short: one message, not also YAML's of the cells after it on the line (it added 'a key must be a name, not a list or a mapping')
    const head = withBody('      - table:', '          title: 表', '          head:', '            - [{text: 学段, rowspan: 2}, {text: 在校生, colspan: 2, {text: 占比, rowspan: 2}]', '            - [2024年, 2025年]', '          rows:', '            - [小学, 1, 2, 3]');
    expect(load(head).lines).toEqual([never(9, 40, '{', '}')]);
  });
  it('a later slip of its own is still reported after the first (two paragraphs starting with @), and a stray } on the first line is named', () => {
    expect(load(withBody('      - @甲 文字', '      - 中间的段落。', '      - @乙 文字')).lines.map((l) => l.split(': YAML')[0])).toEqual(['r.yaml:6:9', 'r.yaml:8:9']);
    expect(load('}\n').lines).toEqual(['r.yaml:1:1: YAML: this } closes no {: remove it (or quote the text, if it is part of it)']);
  });
  it('a quote never closed before a line indented less, with a quoted text later in the file: at the quote (it was the blank line after it, in YAML’s words)', () => {
    const yaml = withBody('      - "未闭合的段落，同比增长+12.4%。', '', '  - title: 二', '    body:', '      - "引号内：一段。"');
    expect(load(yaml).lines).toEqual(['r.yaml:6:9: YAML: this quote " is never closed (close it with " where the text ends)']);
  });
  it('a quote never closed after a long line of quoted items is found in time linear in the file (it was quadratic: a 700 KB line took 29 s)', () => {
    const keywords = `  keywords: [${Array.from({ length: 100_000 }, (_, i) => `"${i}"`).join(', ')}]`;
    const yaml = ['report:', '  title: 标题', keywords, 'chapters:', '  - title: 一', '    body:', '      - "正文', ''].join('\n');
    expect(load(yaml).lines).toEqual(['r.yaml:7:9: YAML: this quote " is never closed (close it with " where the text ends)']);
  }, 20_000);
  it('a key whose list below it is indented less than the key: where the list starts and how far to indent it (YAML gives the list to what holds the key)', () => {
    const rows = withBody('      - table:', '          title: 表', '          columns: [甲, 乙]', '          rows:', '      - [1, 2]', '      - [3, 4]');
    expect(load(rows).lines[0]).toBe(
      'r.yaml:9:16: `rows:` must be a list (items starting with "- "): it has no value; if the list below it is meant for it, indent its items to column 11 or further (at column 7, left of the key, they belong to what holds it)',
    );
    // a list at the key's own column is its value (fine); a key with no list below it has no hint
    expect(load(withBody('      - table:', '          title: 表', '          columns: [甲, 乙]', '          rows:', '          - [1, 2]')).lines).toEqual([]);
    expect(load(withBody('      - table:', '          title: 表', '          columns: [甲, 乙]', '          rows:', '          note: 注')).lines[0]).toBe('r.yaml:9:16: `rows:` must be a list (items starting with "- ")');
  });
  it('errors after a paragraph over several lines are on their own line', () => {
    expect(load(withBody('      - 段落一', '        续行', '        续行二', '      - tabel: {}')).lines).toEqual(['r.yaml:9:9: unknown key "tabel" in a block (did you mean "table"?)']);
  });
});

describe('files that are not report files', () => {
  const messages = (file: string) => {
    try {
      loadReport(file);
      return [];
    } catch (e) {
      return (e as InputError).problems.map(formatProblem);
    }
  };
  it('a missing file, a folder', () => {
    expect(messages(path.join(dir, 'nosuch.yaml'))).toEqual([`${path.join(dir, 'nosuch.yaml')}:1:1: file not found`]);
    mkdirSync(path.join(dir, 'folder.yaml'));
    expect(messages(path.join(dir, 'folder.yaml'))).toEqual([`${path.join(dir, 'folder.yaml')}:1:1: this is a folder, not a report file`]);
  });
  it('a device and a named pipe are refused before anything is read', () => {
    expect(messages('/dev/zero')).toEqual(['/dev/zero:1:1: not a regular file (a device, named pipe or socket cannot be a report)']);
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(messages(fifo)).toEqual([`${fifo}:1:1: not a regular file (a device, named pipe or socket cannot be a report)`]);
  });
  it('a file over the limit is refused by its size', () => {
    const big = path.join(dir, 'big.yaml');
    writeFileSync(big, Buffer.alloc(8 * 1024 * 1024 + 1, 0x20));
    expect(messages(big)).toEqual([`${big}:1:1: the file is larger than 8 MiB`]);
  });
});

describe('text that YAML reads as an anchor', () => {
  it('a paragraph starting with &: a warning at the &, with the hint to quote it; anchors that aliases use are fine', () => {
    const { report, lines } = load(withBody('      - 开头。', '      - &一是 加强管理。', '      - &shared 共用的段落。', '      - *shared'));
    expect(lines).toEqual(['r.yaml:7:9: warning: YAML reads a leading & as an anchor: "&一是" is left out of the text (quote the paragraph to keep it)']);
    expect((report?.chapters[0].body[1] as { text: { text: string } }).text.text).toBe('加强管理。');
  });
});

describe('a space typed inside a number', () => {
  it('before its decimal point, in a cell or a paragraph: a warning at the number with the number as meant (it printed 3 .1 without a word); inline code and a list number before a year are as written', () => {
    const yaml = withBody('      - 增长 2 .1%，`x = 3 .1` 照写。', '      - table:', '          title: 表', '          columns: [项目, 增长（%）]', '          rows:', '            - [小学, 3 .1]', '            - [初中, 2.7]', '          note: 注：1. 2024年数据。');
    const { report, lines } = load(yaml);
    expect(report).toBeDefined();
    expect(lines).toEqual([
      'r.yaml:6:12: warning: a space inside the number "2 .1": it prints so; remove it, "2.1"',
      'r.yaml:11:20: warning: a space inside the number "3 .1": it prints so; remove it, "3.1"',
    ]);
  });
});

describe('a square or cubic unit typed with a plain digit', () => {
  it('after a number (312.46万m2, 23.1 m2, 5 km2, 3 cm3): a warning at the unit with the superscript (it printed m2 without a word); m², m^2^, a model name (A4M2) and code are as written', () => {
    const { report, lines } = load(withBody('      - 面积312.46万m2，生均23.1 m2，辖区5 km2，容积3 cm3。', '      - 已写m²和m^2^，型号A4M2，代码`x = 3 m2`。'));
    expect(report).toBeDefined();
    expect(lines).toEqual([
      'r.yaml:6:18: warning: "m2" after a number prints so: write the unit m² (or m^2^)',
      'r.yaml:6:28: warning: "m2" after a number prints so: write the unit m² (or m^2^)',
      'r.yaml:6:35: warning: "km2" after a number prints so: write the unit km² (or km^2^)',
      'r.yaml:6:43: warning: "cm3" after a number prints so: write the unit cm³ (or cm^3^)',
    ]);
  });
});
