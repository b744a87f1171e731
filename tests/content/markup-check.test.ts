/**
 * Inline markup and ids checked when the content is loaded (spec §6.1–6.2): problems at the
 * YAML line and column of the character, duplicate ids at the second, unknown references at
 * the reference with a "did you mean".
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReport } from '../../src/content/load.js';
import { formatProblem, InputError } from '../../src/problems.js';

const dir = mkdtempSync(path.join(tmpdir(), 'imprint-markup-check-'));

/** The errors of loading a report, as `r.yaml:LINE:COL: message` lines (none when it loads). */
function errors(yaml: string): string[] {
  const file = path.join(dir, 'r.yaml');
  writeFileSync(file, yaml);
  try {
    loadReport(file);
    return [];
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => formatProblem(p).replace(file, 'r.yaml'));
    throw e;
  }
}

/** A report whose first chapter (id `intro`) has the given body lines (line 7 on). */
const withBody = (...lines: string[]) => `report:\n  title: 标题\nchapters:\n  - title: 一\n    id: intro\n    body:\n${lines.join('\n')}\n`;

/** The warnings of loading a report with the given body lines (it loads), as `r.yaml:LINE:COL: warning: message` lines. */
function warnings(...lines: string[]): string[] {
  const file = path.join(dir, 'w.yaml');
  writeFileSync(file, withBody(...lines));
  return loadReport(file).warnings.map((p) => formatProblem(p).replace(file, 'r.yaml'));
}

describe('markup checked at load', () => {
  it('a ** that opens bold or a ^[ that opens a footnote with nothing to close it: a warning at it (printed as typed); a lone *, an escaped \\*\\*, a closed pair: none', () => {
    expect(warnings('      - 要**着重抓好“三教”改革。', '      - 数据来源^[统计年鉴，详见附录。')).toEqual([
      'r.yaml:7:10: warning: `**` opens bold that no `**` closes: printed as typed (write `\\*\\*` for the asterisks themselves)',
      'r.yaml:8:13: warning: `^[` opens a footnote that no `]` closes: printed as typed (write `\\^[` for the characters themselves)',
    ]);
    expect(warnings('      - 5 * 3 = 15，*注：单列。', '      - 要**着重**抓好，\\*\\*号，脚注^[一]。', '      - 结尾星号**')).toEqual([]);
  });
  it('a [[ that opens a cross-reference with no ]] to close it: a warning at it (it was printed as typed, silently); an escaped \\[[, a closed one: none', () => {
    expect(warnings('      - 实现了“两个只增不减”（见[[intro）。', '      - 见[[intro#page 页。')).toEqual([
      'r.yaml:7:22: warning: `[[intro` opens a cross-reference that no `]]` closes: printed as typed (write `\\[[` for the brackets themselves)',
      'r.yaml:8:10: warning: `[[intro#page` opens a cross-reference that no `]]` closes: printed as typed (write `\\[[` for the brackets themselves)',
    ]);
    expect(warnings('      - 见[[intro]]，\\[[intro，[[甲乙。')).toEqual([]);
  });
  it('a footnote written as Markdown writes it, [^1] and [^1]: …: a warning at it, with how to write one (it was printed as typed, silently)', () => {
    const message = (at: string, note: string) => `r.yaml:${at}: warning: \`${note}\` is a footnote as Markdown writes it, which Imprint does not read: printed as typed (write the note where its marker goes, \`^[注文]\`, or \`\\[\` to print the bracket)`;
    expect(warnings('      - 学而时习之[^1]，不亦说乎？', '      - "[^note-1]: 习，温习。"')).toEqual([message('7:14', '[^1]'), message('8:10', '[^note-1]')]);
    // a footnote, a link, an escaped bracket: no warning
    expect(warnings('      - 脚注^[一]，[链接](https://example.org)，\\[^1]。')).toEqual([]);
  });
  it('a warning beside an error: both reported, the error first, then the warning at its place (a user mending the error sees every problem in one run)', () => {
    expect(errors(withBody('      - 数据来源^[统计年鉴，详见附录。', '      - 见[[表 1]]。'))).toEqual([
      'r.yaml:8:10: `[[表 1]]` is not a cross-reference: write [[id]], [[id#page]] or [[id#number]], the id of letters, digits, - and _ (a literal [[ is written \\[[)',
      'r.yaml:7:13: warning: `^[` opens a footnote that no `]` closes: printed as typed (write `\\^[` for the characters themselves)',
    ]);
  });
  it('a malformed reference: at its [[, in the line and column of the YAML file', () => {
    expect(errors(withBody('      - 见[[表 1]]。'))).toEqual([
      'r.yaml:7:10: `[[表 1]]` is not a cross-reference: write [[id]], [[id#page]] or [[id#number]], the id of letters, digits, - and _ (a literal [[ is written \\[[)',
    ]);
  });
  it('a footnote in a footnote: at the inner ^[, also in a folded block scalar and in a table cell', () => {
    expect(errors(withBody('      - >', '        第一行', '        注^[甲^[乙]]'))).toEqual(['r.yaml:9:13: a footnote cannot hold another footnote (`^[…]` inside `^[…]`)']);
    expect(errors(withBody('      - table: {title: 表, columns: [a], rows: [["x^[甲^[乙]]"]]}'))).toEqual([
      'r.yaml:7:54: a footnote cannot hold another footnote (`^[…]` inside `^[…]`)',
    ]);
  });
  it('a ^[ left open in a report the schema refuses (a misspelt key): its warning after the error, as in one it takes (it was left out)', () => {
    expect(errors(`report:\n  title: 标题\n  templat: official\nchapters:\n  - title: 一\n    body:\n      - 孔子曰^[见《论语·学而》。\n`)).toEqual([
      'r.yaml:3:3: unknown key "templat" in `report:` (did you mean "template"?)',
      'r.yaml:7:12: warning: `^[` opens a footnote that no `]` closes: printed as typed (write `\\^[` for the characters themselves)',
    ]);
  });
  it('an unknown id: at the reference, with the nearest id', () => {
    expect(errors(withBody('      - table: {id: teachers, title: 表, columns: [a], rows: [[x]]}', '      - 如[[teacher]]所示，见第 [[techers#page]] 页'))).toEqual([
      'r.yaml:8:10: [[teacher]] names no id (did you mean "teachers"?)',
      'r.yaml:8:27: [[techers]] names no id (did you mean "teachers"?)',
    ]);
  });
  it('an unknown id with nothing near: the ids there are', () => {
    expect(errors(withBody('      - 见[[zzz]]'))).toEqual(['r.yaml:7:10: [[zzz]] names no id (ids in this report: intro)']);
  });
  it('a duplicate id: at the second, naming the first one\'s line', () => {
    expect(errors(withBody('      - case: {id: intro, title: 案例}'))).toEqual([
      'r.yaml:7:20: the id "intro" is already used at line 5 (ids must be unique in the report)',
    ]);
  });
  it('an id that is not a name', () => {
    expect(errors(withBody('      - case: {id: "教师 队伍", title: 案例}'))).toEqual(['r.yaml:7:20: `id: 教师 队伍` is not valid: an id is made of letters, digits, - and _ (e.g. teachers, fig-2)']);
  });
  it('references to every kind of item, in footnotes, links and cells, load', () => {
    const yaml = withBody(
      '      - table: {id: t1, title: 表, columns: [a], rows: [["[[c1]]"]], note: "[[t1#page]]"}',
      '      - case: {id: c1, title: 案例, body: ["见^[[[t1]]与[链接 [[intro]]](https://example.org)]"]}',
      '      - list: ["[[s-2]]"]',
    ) + '    sections:\n      - title: 节\n        id: s-2\n        body: ["**[[t1]]**"]\n';
    expect(errors(yaml)).toEqual([]);
  });
  it('titles of chapters, sections, appendices and the preface: checked, at the YAML line and column', () => {
    const yaml = 'report:\n  title: 标题\npreface:\n  title: 前言^[甲^[乙]]\nchapters:\n  - title: 一[[x]]\n    sections:\n      - title: "节 m^2^ 与 [[a]]"\n        id: s-1\nappendices:\n  - title: 附[[表 1]]\n    id: a\n';
    expect(errors(yaml)).toEqual([
      'r.yaml:4:15: a footnote cannot hold another footnote (`^[…]` inside `^[…]`)',
      'r.yaml:6:13: [[x]] names no id (did you mean "a"?)',
      'r.yaml:11:13: `[[表 1]]` is not a cross-reference: write [[id]], [[id#page]] or [[id#number]], the id of letters, digits, - and _ (a literal [[ is written \\[[)',
    ]);
  });
  it('a text loaded again (watch: its parse is kept from the build before) has its problems at its new place, every time', () => {
    const bad = '      - 见[[intr]]。';
    expect(errors(withBody(bad))).toEqual(['r.yaml:7:10: [[intr]] names no id (did you mean "intro"?)']);
    expect(errors(withBody('      - 第一段。', bad))).toEqual(['r.yaml:8:10: [[intr]] names no id (did you mean "intro"?)']);
    expect(errors(withBody('      - 第一段。', bad))).toEqual(['r.yaml:8:10: [[intr]] names no id (did you mean "intro"?)']);
  });
});
