/**
 * Themes with `extends:`: the child's keys over the parent's, and, as a watch session reloads
 * them, a theme read again only when a file changed, each time from the files as they are.
 * `extends:` names a template (never a path); a circle or a chain too deep is reported at the
 * `extends:` that makes it; a theme file is read only from inside the templates folders.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, InputError, shownFile } from '../../src/problems.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import { loadTheme } from '../../src/style/theme.js';
import { layoutReport } from '../../src/pipeline.js';
import { TemplateFolders } from '../../src/template/folders.js';

const project = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-theme-')));
const dir = path.join(project, 'templates');
const folders = new TemplateFolders([project]);
const themeFile = (name: string) => path.join(dir, name, 'theme.yaml');
const write = (name: string, text: string) => {
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(themeFile(name), text);
};
const PARENT = `page:
  size: A4
styles:
  body: { font: serif, size: 12pt, line-height: 20pt, indent: 2em }
  h1: { font: sans, size: 16pt, line-height: 24pt, bold: true }
`;

describe('a theme not in UTF-8', () => {
  it('is one error at its first byte that is not, or at its start when it is another kind of file (UTF-16, a Word file); it was read with the bytes replaced', () => {
    mkdirSync(path.join(dir, 'latin1'), { recursive: true });
    writeFileSync(themeFile('latin1'), Buffer.concat([Buffer.from('extends: official\nstyles:\n  body: { font: '), Buffer.from([0xcb, 0xce]), Buffer.from(' }\n')]));
    expect(problemOf(() => loadTheme(themeFile('latin1'), folders)).replace(dir + '/', '')).toBe('latin1/theme.yaml:3:17: invalid UTF-8: the file seems saved as GBK (GB18030), as Chinese Windows saves it (its first Chinese read so: "宋"); save it as UTF-8');
    mkdirSync(path.join(dir, 'utf16'), { recursive: true });
    writeFileSync(themeFile('utf16'), Buffer.from('\ufeffextends: official\n', 'utf16le'));
    expect(problemOf(() => loadTheme(themeFile('utf16'), folders)).replace(dir + '/', '')).toBe('utf16/theme.yaml:1:1: this file is saved as UTF-16: save it as UTF-8');
  });
});

function problemOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem).join('\n');
    throw e;
  }
  return 'no problem';
}

describe('themes that extend others', () => {
  it('take the parent’s keys under their own, and follow edits of either file', () => {
    write('parent', PARENT);
    write('child', 'extends: parent\nstyles:\n  body: { size: 14pt }\n');
    const load = () => loadTheme(themeFile('child'), folders);
    const first = load();
    expect(first.styles.get('body')).toMatchObject({ font: 'serif', size: 14, lineHeight: 20 });
    expect(first.styles.get('h1')).toMatchObject({ font: 'sans', size: 16 });
    expect(first.files).toEqual([themeFile('child'), themeFile('parent')]);
    expect(load()).toBe(first); // nothing changed: the same theme

    write('child', 'extends: parent\n'); // the override goes: the parent's size is back
    expect(load().styles.get('body')).toMatchObject({ size: 12 });

    write('parent', PARENT.replace('size: 16pt', 'size: 18pt')); // the parent changes
    expect(load().styles.get('h1')).toMatchObject({ size: 18 });
  });

  it('are reported at the `extends:` that closes a circle', () => {
    write('one', 'extends: two\n');
    write('two', PARENT + 'extends: three\n');
    write('three', '\n\nextends: one\n');
    expect(problemOf(() => loadTheme(themeFile('one'), folders))).toBe(`${themeFile('three')}:3:10: \`extends:\` goes round in a circle: one → two → three → one`);
    write('self', 'extends: self\n');
    expect(problemOf(() => loadTheme(themeFile('self'), folders))).toBe(`${themeFile('self')}:1:10: \`extends:\` goes round in a circle: self → self`);
  });

  it('go at most 8 templates deep', () => {
    for (let i = 1; i <= 9; i++) write(`deep${i}`, i < 9 ? `extends: deep${i + 1}\n` : PARENT);
    expect(problemOf(() => loadTheme(themeFile('deep1'), folders))).toBe(
      `${themeFile('deep8')}:1:10: \`extends:\` goes more than 8 templates deep: deep1 → deep2 → deep3 → deep4 → deep5 → deep6 → deep7 → deep8 → deep9`,
    );
    expect(loadTheme(themeFile('deep2'), folders).styles.get('h1')).toMatchObject({ size: 16 }); // 8 deep is fine
  });

  it('name a template, never a path to one, at the `extends:` line', () => {
    write('climber', 'page:\n  size: A5\nextends: ../parent\n');
    expect(problemOf(() => loadTheme(themeFile('climber'), folders))).toBe(
      `${themeFile('climber')}:3:10: not a template name: "../parent" (a template is a folder under templates/: letters, digits, - and _)`,
    );
    write('mapped', 'extends:\n  name: parent\n');
    expect(problemOf(() => loadTheme(themeFile('mapped'), folders))).toBe(`${themeFile('mapped')}:2:3: \`extends:\` must name a template (a folder under templates/)`);
    write('lost', 'extends: parnet\n');
    expect(problemOf(() => loadTheme(themeFile('lost'), folders))).toBe(`${themeFile('lost')}:1:10: template "parnet" not found in ${dir}/ (did you mean "parent"?)`);
  });

  it('are read only from inside the templates folders, and only regular files', () => {
    const outside = path.join(project, 'outside.yaml');
    writeFileSync(outside, PARENT);
    mkdirSync(path.join(dir, 'linked'));
    symlinkSync(outside, themeFile('linked'));
    expect(problemOf(() => loadTheme(themeFile('linked'), folders))).toBe(`${themeFile('linked')}:1:1: cannot read the theme: its real path ${outside} is outside ${dir}/`);
    mkdirSync(path.join(dir, 'fifo'));
    expect(spawnSync('mkfifo', [themeFile('fifo')]).status).toBe(0);
    expect(problemOf(() => loadTheme(themeFile('fifo'), folders))).toBe(`${themeFile('fifo')}:1:1: cannot read the theme: not a regular file`);
    write('huge', `# ${'x'.repeat(1024 * 1024)}\n`);
    expect(problemOf(() => loadTheme(themeFile('huge'), folders))).toBe(`${themeFile('huge')}:1:1: cannot read the theme: larger than 1 MiB`);
  });
});

describe('numbering in a theme', () => {
  it('reads the style and the appendix label, decimal and 附录 {A} by default', () => {
    write('numbered', `${PARENT}numbering: chapters\nappendix-label: "Appendix {A}"\n`);
    expect(loadTheme(themeFile('numbered'), folders).numbering).toEqual({ style: 'chapters', appendix: 'Appendix {A}' });
    write('plain', PARENT);
    expect(loadTheme(themeFile('plain'), folders).numbering).toEqual({ style: 'decimal', appendix: '附录 {A}' });
    // 部门预决算公开: 第一部分 部门概况, a reference 第二部分, 第二部分之一
    write('parts', `${PARENT}numbering: parts\n`);
    const parts = loadTheme(themeFile('parts'), folders);
    expect([parts.numbering.style, parts.references.chapter, parts.references.section]).toEqual(['parts', '第{number}部分', '{chapter}{number}']);
  });
  it('words a reference to an appendix as its label does, unless `references:` says otherwise', () => {
    write('annex', `${PARENT}appendix-label: "附件 {A}"\n`);
    expect(loadTheme(themeFile('annex'), folders).references.appendix).toBe('附件 {number}');
    write('plain', PARENT);
    expect(loadTheme(themeFile('plain'), folders).references.appendix).toBe('附录 {number}');
    write('annex-said', `${PARENT}appendix-label: "附件 {A}"\nreferences:\n  appendix: "附表 {number}"\n`);
    expect(loadTheme(themeFile('annex-said'), folders).references.appendix).toBe('附表 {number}');
  });
  it('words a reference to an appendix as the label of a theme that extends official says', () => {
    const project = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-theme-')));
    mkdirSync(path.join(project, 'templates/annex'), { recursive: true });
    const file = path.join(project, 'templates/annex/theme.yaml');
    writeFileSync(file, 'extends: official\nappendix-label: "附件 {A}"\n');
    const root = path.resolve(import.meta.dirname, '../..');
    expect(loadTheme(file, new TemplateFolders([project, root])).references.appendix).toBe('附件 {number}');
  });
  it('refuses an unknown style and a label without {A}, at their lines', () => {
    write('bad-numbering', `${PARENT}numbering: roman\nappendix-label: 附录\n`);
    expect(problemOf(() => loadTheme(themeFile('bad-numbering'), folders))).toBe(
      `${themeFile('bad-numbering')}:6:12: must be one of decimal, official, chapters, parts, not "roman"\n` +
        `${themeFile('bad-numbering')}:7:17: appendix-label must be text with {A} where the letter goes, e.g. "附录 {A}", or {1} where the number goes, "附件 {1}" (one of them)`,
    );
    // both: the label would say A-1 and a reference A-A
    write('both-label', `${PARENT}appendix-label: "附录 {A}-{1}"\n`);
    expect(problemOf(() => loadTheme(themeFile('both-label'), folders))).toBe(`${themeFile('both-label')}:6:17: appendix-label must be text with {A} where the letter goes, e.g. "附录 {A}", or {1} where the number goes, "附件 {1}" (one of them)`);
    // a placeholder other than {A} or {1} would print as it is written
    write('bad-label', `${PARENT}appendix-label: "附录 {A}{B}"\n`);
    expect(problemOf(() => loadTheme(themeFile('bad-label'), folders))).toBe(`${themeFile('bad-label')}:6:24: unknown placeholder {B} in appendix-label (did you mean {A}? known: {A}, {1})`);
  });
});

describe('the look of inline markup, references and footnotes', () => {
  it('defaults, and what a theme says', () => {
    write('look', `${PARENT}footnotes: continuous\nreferences: { table: "Table {number}" }\ninline: { script-size: 0.6, emphasis-gap: 0.2em, link-color: none }\n`);
    const t = loadTheme(themeFile('look'), folders);
    expect(t.footnotes).toBe('continuous');
    expect(t.references.table).toBe('Table {number}');
    expect(t.references.section).toBe('{number} 节');
    expect(t.inline).toMatchObject({ scriptSize: 0.6, dotGap: 0.2, supRise: 0.36, linkColor: null });
  });
  it('mistakes at their line', () => {
    write('bad-look', `${PARENT}footnotes: page\nreferences: { tabel: "表 {number}", case: 案例 }\ninline: { sup-rise: 3pt, slant: 2 }\n`);
    expect(problemOf(() => loadTheme(themeFile('bad-look'), folders)).replace(new RegExp(`${dir}/`, 'g'), '')).toBe(
      [
        'bad-look/theme.yaml:7:15: unknown kind "tabel" under `references:` (known: chapter, section, appendix, article, table, case, figure)',
        'bad-look/theme.yaml:7:42: a reference format must be text with {number} in it, e.g. "表 {number}"',
        'bad-look/theme.yaml:8:21: inline.sup-rise must be a length in em of the text\'s size, e.g. 0.1em',
        'bad-look/theme.yaml:8:33: inline.slant must be a number from 0 to 1',
        'bad-look/theme.yaml:6:12: must be one of per-page, continuous, not "page"',
      ].join('\n'),
    );
  });
});

describe('placeholders of a reference format', () => {
  it('that the kind has not are an error at the placeholder, naming those it has', () => {
    write('bad-placeholders', `${PARENT}references:\n  table: "表 {nope}"\n  figure: 图 {numbr}\n  chapter: "{chapter}第 {number} 章"\n  section: '{chapter}{number}{x}'\n  case: "案例 {number}"\n`);
    expect(problemOf(() => loadTheme(themeFile('bad-placeholders'), folders)).replace(new RegExp(`${dir}/`, 'g'), '')).toBe(
      [
        'bad-placeholders/theme.yaml:7:13: unknown placeholder {nope} in the reference format of a table (known: {number})',
        'bad-placeholders/theme.yaml:8:13: unknown placeholder {numbr} in the reference format of a figure (did you mean {number}? known: {number})',
        'bad-placeholders/theme.yaml:9:13: unknown placeholder {chapter} in the reference format of a chapter (known: {number}; {chapter} belongs in the format of a section)',
        'bad-placeholders/theme.yaml:10:30: unknown placeholder {x} in the reference format of a section (known: {number}, {chapter})',
      ].join('\n'),
    );
  });
  it('the kind has are taken', () => {
    write('good-placeholders', `${PARENT}references:\n  section: "{chapter}（{number}）"\n  table: "Table {number}"\n`);
    expect(loadTheme(themeFile('good-placeholders'), folders).references).toMatchObject({ section: '{chapter}（{number}）', table: 'Table {number}' });
  });
});

describe('a misspelt or misplaced key of a theme', () => {
  it('is an error at it, with the key meant: its value would silently stay the default', () => {
    write('typos', `extends: parent
boxs:
  case: { fill: "#eaf2fb" }
page:
  margn: { top: 20mm }
  margin: { top: 20mm, rigth: 20mm }
styles:
  body: { sise: 14pt }
table: { rule: three-line }
boxes:
  case: { fil: "#eaf2fb", border: none }
  quote:
inline: { link-colour: none }
`);
    expect(problemOf(() => loadTheme(themeFile('typos'), folders)).replace(new RegExp(`${dir}/`, 'g'), '')).toBe(
      [
        'typos/theme.yaml:2:1: unknown key "boxs" in the theme (did you mean "boxes"? known: extends, page, grid, punctuation, lang, orphans, widows, numbering, appendix-label, leader, footnotes, pdfa, styles, table, boxes, references, inline)',
        'typos/theme.yaml:5:3: unknown key "margn" in `page:` (did you mean "margin"? known: size, margin, footer-offset, header-offset, chapter-start)',
        'typos/theme.yaml:6:24: unknown key "rigth" in `page: margin:` (did you mean "right"? known: top, bottom, left, right)',
        'typos/theme.yaml:9:10: unknown key "rule" in `table:` (did you mean "rules"? known: rules, outer-rule, inner-rule, rule-color, header-fill, pad-y, pad-x)',
        'typos/theme.yaml:13:11: unknown key "link-colour" in `inline:` (did you mean "link-color"? known: script-size, sup-rise, sub-drop, emphasis-dot, emphasis-gap, slant, link-color)',
        'typos/theme.yaml:8:11: unknown key "sise" in `styles: body:` (did you mean "size"? known: font, latin-font, bold, size, line-height, indent, runover, indent-right, stagger, grid, align, space-before, space-after, color)',
        'typos/theme.yaml:11:11: unknown key "fil" in `boxes: case:` (did you mean "fill"? known: fill, border, border-width, padding, indent, space-before, space-after)',
      ].join('\n'),
    );
  });
  it('that should hold a mapping is an error where it holds something else', () => {
    write('flat', `extends: parent\npage: A5\nboxes: none\ntable:\n  - rules: grid\n`);
    expect(problemOf(() => loadTheme(themeFile('flat'), folders)).replace(new RegExp(`${dir}/`, 'g'), '')).toBe(
      [
        'flat/theme.yaml:2:7: `page:` must be a mapping of size, margin, footer-offset, header-offset, chapter-start',
        'flat/theme.yaml:5:3: `table:` must be a mapping of rules, outer-rule, inner-rule, rule-color, header-fill, pad-y, pad-x',
        'flat/theme.yaml:3:8: `boxes:` must be a mapping of box names (case, code, quote, …) to their looks',
      ].join('\n'),
    );
  });
});

describe('a build with a theme of several problems', () => {
  it('reports every one in one run, each at its place, the font roles its styles name with them', () => {
    // a new user's trial: the unknown role 黑休 was reported only once the three others were mended
    const root = path.resolve(import.meta.dirname, '../..');
    const project = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-theme-')));
    mkdirSync(path.join(project, 'templates/bad'), { recursive: true });
    writeFileSync(
      path.join(project, 'templates/bad/theme.yaml'),
      'extends: official\npage:\n  margn: { top: 25mm }\nstyles:\n  body: { font: 仿宋, size: 四号, line-height: 1.6, indent: 2em, align: justfy }\n  h1: { font: 黑休, size: 200mm }\n',
    );
    const input = path.join(project, 'r.yaml');
    writeFileSync(input, 'report:\n  template: bad\n  title: 某某小学 2025 年度工作总结\nchapters:\n  - title: 教育教学\n    body:\n      - 本学年学校推进课堂教学改革。\n');
    const found = problemOf(() => layoutReport({ input, projectDir: project, packageDir: root, version: 'test' })).replaceAll(`${project}/`, '');
    expect(found.split('\n')).toEqual([
      'templates/bad/theme.yaml:3:3: unknown key "margn" in `page:` (did you mean "margin"? known: size, margin, footer-offset, header-offset, chapter-start)',
      'templates/bad/theme.yaml:5:69: must be one of justify, left, center, right, not "justfy" (did you mean "justify"?)',
      'templates/bad/theme.yaml:6:25: styles.h1.size must be from 4pt to 200pt, not "200mm"',
      expect.stringMatching(/^templates\/bad\/theme\.yaml:6:15: style "h1" uses the font role "黑休", which .* \(did you mean "黑体"\? roles: /),
    ]);
    // a style that is no mapping: an error at it, not also at the template that names it, and the others' roles checked
    writeFileSync(path.join(project, 'templates/bad/theme.yaml'), 'extends: official\nstyles:\n  h1: 5\n  body: { font: 宋休 }\n');
    const more = problemOf(() => layoutReport({ input, projectDir: project, packageDir: root, version: 'test' })).replaceAll(`${project}/`, '');
    expect(more.split('\n')).toEqual([
      expect.stringMatching(/^templates\/bad\/theme\.yaml:3:7: `styles: h1:` must be a mapping of font, /),
      expect.stringMatching(/^templates\/bad\/theme\.yaml:4:17: style "body" uses the font role "宋休", which .* \(did you mean "宋体"\? roles: /),
    ]);
  });
});

describe('the gbt9704 theme', () => {
  it('sets the heading levels in the faces GB/T 9704 7.3.3 gives them: 一、 黑体, （一） 楷体, 1. 仿宋', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const theme = loadTheme(path.join(root, 'templates/gbt9704/theme.yaml'), new TemplateFolders([root]));
    const registry = loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]);
    const role = (style: string) => registry.roles.get(theme.styles.get(style)!.font)?.name;
    expect([role('h1'), role('h2'), role('h3'), role('body')]).toEqual(['sans', 'kai', 'fangsong', 'fangsong']);
  });
});

describe('a theme file that is not good YAML', () => {
  it('is worded as a report file is: a key given twice named, with the line of the first, no excerpt', () => {
    const project = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-theme-')));
    mkdirSync(path.join(project, 'templates/mine'), { recursive: true });
    const file = path.join(project, 'templates/mine/theme.yaml');
    writeFileSync(file, 'extends: official\nstyles:\n  body: { size: 四号 }\n  body: { size: 小四 }\n');
    const root = path.resolve(import.meta.dirname, '../..');
    expect(() => loadTheme(file, new TemplateFolders([project, root]))).toThrow(`${file}:4:3: YAML: \`body\` is given twice in one mapping (first on line 3): keep one`);
  });
});

/** The problems of a theme `name` extending `parent` with `text` after its `extends:`, its folder left off. */
const problemsOfChild = (name: string, text: string) => {
  write(name, `extends: parent\n${text}`);
  return problemOf(() => loadTheme(themeFile(name), folders)).replace(new RegExp(`${dir}/${name}/`, 'g'), '');
};

describe('a contents leader', () => {
  it('is one printable character, else an error at its line: an empty or blank one crashed the build', () => {
    write('parent', PARENT);
    const wanted = (shown: string, line = 2, col = 9) => `theme.yaml:${line}:${col}: leader must be one printable character (a dot leader: ·, . or …), not ${shown}`;
    expect(problemsOfChild('leader-empty', 'leader: ""\n')).toBe(wanted('""'));
    expect(problemsOfChild('leader-blank', 'leader: " "\n')).toBe(wanted('" "'));
    expect(problemsOfChild('leader-two', 'leader: ".."\n')).toBe(wanted('".."'));
    expect(problemsOfChild('leader-tab', 'leader: "\\t"\n')).toBe(wanted('"\t"'));
    expect(problemsOfChild('leader-list', 'leader: [·]\n')).toBe(wanted('a list'));
    write('leader-ellipsis', 'extends: parent\nleader: …\n');
    expect(loadTheme(themeFile('leader-ellipsis'), folders).leader).toBe('…');
  });
});

describe('the bounds of a theme’s values (an error at the value, saying what is allowed)', () => {
  it('margins at least 0, leaving a type area 10 characters of the body wide and 5 of its lines high; header and footer on the page', () => {
    write('parent', PARENT);
    expect(problemsOfChild('page-limits', 'page:\n  margin: { top: 200mm, bottom: 200mm, left: -5mm }\n  footer-offset: 500mm\n  header-offset: -1pt\n')).toBe(
      [
        'theme.yaml:3:46: page.margin.left must be at least 0, not "-5mm"',
        'theme.yaml:3:18: page.margin: top and bottom leave a type area -103mm high; it must be at least 5 lines of the body (35.3mm)',
        'theme.yaml:4:18: page.footer-offset must be from 0 to 192.9mm (the bottom margin less a line of the body), not "500mm"',
        'theme.yaml:5:18: page.header-offset must be from 0 to 192.9mm (the top margin less a line of the body), not "-1pt"',
      ].join('\n'),
    );
    // a body too large for the type area: one error at its size, with the most that fits (not at the margins the template set)
    expect(problemsOfChild('body-huge', 'styles:\n  body: { size: 200pt }\n')).toMatch(/(^|\n)theme\.yaml:3:17: styles\.body: a body of 200pt leaves the type area \([\d.]+mm × [\d.]+mm\) less than 10 characters wide or 5 lines high: at most [\d.]+pt at this line height$/);
    expect(problemsOfChild('page-narrow', 'page:\n  margin: { left: 90mm, right: 90mm }\n')).toBe(
      'theme.yaml:3:19: page.margin: left and right leave a type area 30mm wide; it must be at least 10 characters of the body (42.3mm)',
    );
  });

  it('a paper size by its name: anything else one error at the value, saying which sizes there are', () => {
    write('parent', PARENT);
    const names = 'page.size must be the name of a paper size: A3, A4, A5, B5 or LETTER';
    const lengths = ' (a size in lengths, such as [210mm, 297mm], is not supported)';
    for (const [size, said] of [
      ['[0, 0]', `not a list${lengths}`],
      ['[-210mm, 297mm]', `not a list${lengths}`],
      ['[1mm, 1mm]', `not a list${lengths}`],
      ['[100000mm, 297mm]', `not a list${lengths}`],
      ['"210mm 297mm"', `not "210mm 297mm"${lengths}`],
      ['0', `not 0${lengths}`],
      ['{ width: 210mm }', `not a mapping${lengths}`],
      ['A9', 'not "A9"'],
      ['LETER', 'not "LETER" (did you mean "LETTER"?)'],
      ['', 'not nothing'],
    ]) {
      expect(problemsOfChild('paper', `page:\n  size: ${size}\n`)).toBe(`theme.yaml:3:9: ${names}, ${said}`);
    }
    // a Chinese name of a paper size: which ISO size is near it (it said a size in lengths is not supported)
    expect(problemsOfChild('paper', 'page:\n  size: 16开\n')).toBe(`theme.yaml:3:9: ${names}, not "16开" (papers are named by their ISO names here: a 16开 page is near B5, a 大16开 near A4)`);
    expect(problemsOfChild('paper', 'page:\n  size: 大16开\n')).toBe(`theme.yaml:3:9: ${names}, not "大16开" (papers are named by their ISO names here: a 16开 page is near B5, a 大16开 near A4)`);
    // a landscape page, asked for by a key or a size (helper-99's 决算 tables): there is none, and the table key that turns a wide table
    const portrait = ' (pages are portrait: Imprint sets no landscape page; a wide table is set turned on pages of its own, the page upright: write `landscape: true` in the table (横排表), or `size: small` for a dense one)';
    expect(problemsOfChild('paper', 'page:\n  size: A4-landscape\n')).toBe(`theme.yaml:3:9: ${names}, not "A4-landscape"${portrait}`);
    expect(problemsOfChild('paper', 'page:\n  size: A4横向\n')).toBe(`theme.yaml:3:9: ${names}, not "A4横向"${portrait}`);
    expect(problemsOfChild('paper', 'page:\n  size: A4\n  orientation: landscape\n')).toBe(
      `theme.yaml:4:3: unknown key "orientation" in \`page:\` (known: size, margin, footer-offset, header-offset, chapter-start)${portrait}`,
    );
    write('paper', 'extends: parent\npage:\n  size: b5\n');
    expect(loadTheme(themeFile('paper'), folders).page).toMatchObject({ width: 498.9, height: 708.66 });
  });

  it('font sizes 4pt to 200pt, line heights 1 to 4 times the size, spaces and indents at least 0, the indents leaving 2 characters on the first line', () => {
    write('parent', PARENT);
    expect(
      problemsOfChild(
        'style-limits',
        'styles:\n  body: { size: 0pt, line-height: 0, space-before: -50pt, indent: 100em }\n  h1: { size: -12pt, line-height: -1 }\n  h2: { size: 201pt, line-height: 5em, indent: -2em, space-after: -1pt }\n',
      ),
    ).toBe(
      [
        'theme.yaml:3:17: styles.body.size must be from 4pt to 200pt, not "0pt"',
        'theme.yaml:3:35: styles.body.line-height must be from 1 to 4 times the size (12pt to 48pt), not 0',
        'theme.yaml:3:52: styles.body.space-before must be at least 0, not "-50pt"',
        'theme.yaml:4:15: styles.h1.size must be from 4pt to 200pt, not "-12pt"',
        'theme.yaml:4:35: styles.h1.line-height must be from 1 to 4 times the size (12pt to 48pt), not -1',
        'theme.yaml:5:15: styles.h2.size must be from 4pt to 200pt, not "201pt"',
        'theme.yaml:5:35: styles.h2.line-height must be from 1 to 4 times the size (12pt to 48pt), not "5em"',
        'theme.yaml:5:48: styles.h2.indent must be at least 0, not "-2em"',
        'theme.yaml:5:67: styles.h2.space-after must be at least 0, not "-1pt"',
        'theme.yaml:3:67: styles.body.indent must be at most 427.28pt (leaving 2 characters of the style on its first line), not "100em"',
      ].join('\n'),
    );
  });

  it('a style\'s runover, as its indent, leaves 2 of its characters on its lines (a verse line\'s runover past the margin set nothing)', () => {
    write('parent', PARENT);
    expect(problemsOfChild('runover-limits', 'styles:\n  verse: { runover: 100em }\n  body: { runover: -1em }\n')).toBe(
      [
        'theme.yaml:4:20: styles.body.runover must be at least 0, not "-1em"',
        'theme.yaml:3:21: styles.verse.runover must be at most 427.28pt (leaving 2 characters of the style on its runover lines), not "100em"',
      ].join('\n'),
    );
  });

  it('a line of a style no taller than the type area (a heading of 199pt at 4 times its size was a page a line)', () => {
    write('parent', PARENT);
    expect(problemsOfChild('line-tall', 'styles:\n  h1: { size: 199pt, line-height: 4 }\n')).toBe(
      'theme.yaml:3:35: styles.h1.line-height must be at most 3.5 times the size (a line no taller than the type area, 697.89pt high), not 4',
    );
    // a type area too small for any line: that one error, not one a style
    expect(problemsOfChild('line-tiny-area', 'page:\n  margin: { top: 290mm, bottom: 0mm }\n')).toBe('theme.yaml:3:18: page.margin: top and bottom leave a type area 7mm high; it must be at least 5 lines of the body (35.3mm)');
    expect(problemsOfChild('line-tall-pt', 'styles:\n  h1: { size: 190pt, line-height: 700pt }\n')).toBe(
      'theme.yaml:3:35: styles.h1.line-height must be at most 3.67 times the size (a line no taller than the type area, 697.89pt high), not "700pt"',
    );
  });

  it('grid counts keeping a cell 0.9 of the body’s size wide and a row its size high; orphans and widows 1 to 5', () => {
    write('parent', PARENT);
    expect(problemsOfChild('count-limits', 'grid: { lines: 10000, chars: 10000 }\norphans: 0\nwidows: 6\n')).toBe(
      [
        'theme.yaml:2:16: grid.lines must be a whole number from 1 to 58 (a row at least 12pt high: 1 em of the body), not 10000',
        'theme.yaml:2:30: grid.chars must be a whole number from 1 to 41 (a cell at least 10.8pt wide: 0.9 em of the body), not 10000',
        'theme.yaml:3:10: orphans must be a whole number from 1 to 5, not 0',
        'theme.yaml:4:9: widows must be a whole number from 1 to 5, not 6',
      ].join('\n'),
    );
  });

  it('table pads and box paddings 0 to 2 characters of the body, rules 0.25pt to 6pt, a box leaving its text 5 characters, inline scripts 0.3 to 1 of the size', () => {
    write('parent', PARENT);
    expect(
      problemsOfChild(
        'box-limits',
        'table: { outer-rule: 0pt, inner-rule: 7pt, pad-y: -1pt, pad-x: 200pt }\nboxes:\n  case: { border-width: -5pt, padding: 500pt, space-after: -1pt }\n  quote: { border: none, padding: 0pt, indent: 30em }\ninline: { script-size: 0, sup-rise: 2em }\n',
      ),
    ).toBe(
      [
        'theme.yaml:2:22: table.outer-rule must be from 0.25pt to 6pt, not "0pt"',
        'theme.yaml:2:39: table.inner-rule must be from 0.25pt to 6pt, not "7pt"',
        'theme.yaml:2:51: table.pad-y must be from 0 to 24pt (2 characters of the body), not "-1pt"',
        'theme.yaml:2:64: table.pad-x must be from 0 to 24pt (2 characters of the body), not "200pt"',
        'theme.yaml:4:25: boxes.case.border-width must be from 0.25pt to 6pt (no border: write border: none), not "-5pt"',
        'theme.yaml:4:40: boxes.case.padding must be from 0 to 24pt (2 characters of the body), not "500pt"',
        'theme.yaml:4:60: boxes.case.space-after must be at least 0, not "-1pt"',
        'theme.yaml:5:48: boxes.quote.indent must be at most 195.64pt (leaving the box’s text 5 characters of the body), not "30em"',
        'theme.yaml:6:24: inline.script-size must be a number from 0.3 to 1',
        'theme.yaml:6:37: inline.sup-rise must be at most 1em, not "2em"',
      ].join('\n'),
    );
  });

  it('none of which the shipped themes come near', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const imprint = new TemplateFolders([root]);
    for (const name of ['official', 'gbt9704']) expect(() => loadTheme(path.join(root, 'templates', name, 'theme.yaml'), imprint)).not.toThrow();
    const starter = new TemplateFolders([path.join(root, 'starter'), root]);
    expect(() => loadTheme(path.join(root, 'starter/templates/mine/theme.yaml'), starter)).not.toThrow();
  });
});

describe('a value a theme takes from the one it extends, put out of bounds by a value of its own', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const withImprint = new TemplateFolders([project, root]);
  const problemsWithImprint = (name: string, text: string) => {
    write(name, text);
    return problemOf(() => loadTheme(themeFile(name), withImprint)).replace(new RegExp(`${dir}/${name}/`, 'g'), '');
  };

  it('is an error at that value of the user, saying what it takes from where and what to do: it was at a line of Imprint’s own theme', () => {
    const gbt = path.join(root, 'templates/gbt9704/theme.yaml');
    const official = path.join(root, 'templates/official/theme.yaml');
    // gbt9704's grid of 28 characters a line on an A5 page: it was `templates/gbt9704/theme.yaml:11:27: grid.chars must be …`
    expect(problemsWithImprint('gbt-a5', 'extends: gbt9704\npage:\n  size: A5\n')).toBe(
      `theme.yaml:3:9: page.size: A5 leaves no room for what this theme takes from gbt9704 (${shownFile(gbt)}:11:27): grid.chars must be a whole number from 1 to 18 (a cell at least 14.4pt wide: 0.9 em of the body), not 28; set grid.chars in this theme, or change page.size`,
    );
    // and builds once it says its own grid
    write('gbt-a5-grid', 'extends: gbt9704\npage:\n  size: A5\ngrid: { lines: 22, chars: 18 }\n');
    expect(loadTheme(themeFile('gbt-a5-grid'), withImprint).grid).toMatchObject({ lines: 22, chars: 18 });
    // a top margin of 30 (pt, not mm) that leaves official's running head no room
    expect(problemsWithImprint('official-top', 'extends: official\npage:\n  margin: { top: 30 }\n')).toBe(
      `theme.yaml:3:18: page.margin.top: 30 (a number alone is pt: 10.6mm) leaves no room for what this theme takes from official (${shownFile(official)}:7:18): page.header-offset must be from 0 to 3mm (the top margin less a line of the body), not "4mm"; set page.header-offset in this theme, or change page.margin.top`,
    );
    // a margin of 0: no word that a number alone is pt
    expect(problemsWithImprint('official-zero', 'extends: official\npage:\n  margin: { top: 0 }\n')).toMatch(/^theme\.yaml:3:18: page\.margin\.top: 0 leaves no room for what this theme takes from official/);
    // a small body that leaves official's case padding more than 2 characters of it
    expect(problemsWithImprint('official-small', 'extends: official\nstyles:\n  body: { size: 4pt }\n')).toMatch(
      /^theme\.yaml:3:17: styles\.body\.size: 4pt leaves no room for what this theme takes from official \(.*templates\/official\/theme\.yaml:\d+:\d+\): boxes\.case\.padding must be from 0 to 8pt \(2 characters of the body\), not "10pt"; set boxes\.case\.padding in this theme, or change styles\.body\.size$/m,
    );
  });
});

describe('a value of the wrong type (an error at it: it was silently the default)', () => {
  it('a font role is a name, never empty (an empty one was blamed on the font registry, at its first line)', () => {
    write('parent', PARENT);
    expect(problemsOfChild('emptyfont', 'styles:\n  body: { font: "" }\n  h1: { latin-font: " " }\n')).toBe(
      [
        'theme.yaml:3:17: styles.body.font must be the name of a font role, not an empty name',
        'theme.yaml:4:21: styles.h1.latin-font must be the name of a font role, not an empty name',
      ].join('\n'),
    );
  });

  it('a switch is true or false, a count a whole number, a length one length', () => {
    write('parent', PARENT);
    expect(problemsOfChild('types', 'orphans: "3"\nstyles:\n  body: { bold: yes, grid: "true", size: [12pt] }\n  h1: { font: [黑体], bold: "yes" }\n')).toBe(
      [
        'theme.yaml:4:17: styles.body.bold must be true or false, not "yes"',
        'theme.yaml:4:28: styles.body.grid must be true or false, not the text "true" (write it without quotes)',
        'theme.yaml:4:42: not a length: a list (write a number in pt, mm, cm, in, px (0.75pt) or em, as 12pt, 25mm, 2em, or a 字号 like 小四)',
        'theme.yaml:5:15: styles.h1.font must be the name of a font role, not a list',
        'theme.yaml:5:27: styles.h1.bold must be true or false, not "yes"',
        'theme.yaml:2:10: orphans must be a whole number from 1 to 5, not the text "3" (write it without quotes)',
      ].join('\n'),
    );
    // a choice that is not text was shown as "undefined"; a line height in quotes is a length (1.5pt), not 1.5 times the size
    expect(problemsOfChild('choices', 'footnotes: [per-page]\nnumbering: 5\nstyles:\n  body: { line-height: "1.5" }\n')).toBe(
      [
        'theme.yaml:5:24: styles.body.line-height must be from 1 to 4 times the size (12pt to 48pt), not the text "1.5" (write it without quotes)',
        'theme.yaml:3:12: must be one of decimal, official, chapters, parts, not 5',
        'theme.yaml:2:12: must be one of per-page, continuous, not a list',
      ].join('\n'),
    );
    // a colour or a language that is not text was shown as "undefined" (the fuzzer's `color: [1, 2, 3]`)
    expect(problemsOfChild('notext', 'lang: { zh: CN }\nboxes:\n  case: { fill: [1, 2, 3], border: 12 }\n')).toBe(
      [
        'theme.yaml:4:17: not a colour: a list (write #rrggbb or none)',
        'theme.yaml:4:36: not a colour: 12 (write #rrggbb or none)',
        'theme.yaml:2:7: lang must be a language tag like zh-CN, zh-TW or zh-HK, not a mapping',
      ].join('\n'),
    );
  });
  it('a length in em only where a size gives it (a margin of 2em was silently 0), a unit misspelt or in Chinese named', () => {
    write('parent', PARENT);
    const NOT = 'not a length: "%s" (write a number in pt, mm, cm, in, px (0.75pt) or em, as 12pt, 25mm, 2em, or a 字号 like 小四; %r)';
    const not = (v: string, why: string) => NOT.replace('%s', v).replace('%r', why);
    const noEm = ' (em, a share of a font size, is taken only by a style’s indents, spaces and line height, and by a box’s indent)';
    expect(problemsOfChild('em-margin', 'page:\n  margin: { top: 2em, left: 2 em }\n  footer-offset: 1em\nstyles:\n  h1: { size: 2em }\nboxes:\n  case: { padding: 1em }\n')).toBe(
      [
        `theme.yaml:3:18: page.margin.top must be a length in pt, mm, cm, in or px, not "2em"${noEm}`,
        `theme.yaml:3:29: page.margin.left must be a length in pt, mm, cm, in or px, not "2 em"${noEm}`,
        `theme.yaml:4:18: page.footer-offset must be a length in pt, mm, cm, in or px, not "1em"${noEm}`,
        `theme.yaml:6:15: styles.h1.size must be a length in pt, mm, cm, in or px, not "2em"${noEm}`,
        `theme.yaml:8:20: boxes.case.padding must be a length in pt, mm, cm, in or px, not "1em"${noEm}`,
      ].join('\n'),
    );
    expect(problemsOfChild('units', 'page:\n  margin: { top: 2emm, left: 3厘米, right: 1e3pt, bottom: 20MM }\n')).toBe(
      [
        `theme.yaml:3:18: ${not('2emm', '"emm" is not a unit: did you mean mm or em?')}`,
        `theme.yaml:3:57: ${not('20MM', '"MM" is not a unit: did you mean mm?')}`,
        `theme.yaml:3:30: ${not('3厘米', 'write 厘米 as cm')}`,
        `theme.yaml:3:42: ${not('1e3pt', 'write the number in plain digits')}`,
      ].join('\n'),
    );
    // a number without its 0, a 字号 in traditional characters
    expect(problemsOfChild('units-more', 'page:\n  margin: { top: .5in }\nstyles:\n  body: { size: 三號 }\n')).toBe(
      [`theme.yaml:3:18: ${not('.5in', 'write 0.5in')}`, `theme.yaml:5:17: ${not('三號', 'write 三号')}`].join('\n'),
    );
    // px and in are lengths (CSS px, 0.75pt)
    write('px', 'extends: parent\npage:\n  margin: { top: 100px, bottom: 1in }\n');
    expect(loadTheme(themeFile('px'), folders).page).toMatchObject({ marginTop: 75, marginBottom: 72 });
  });
  it('a style that is not a mapping is the one error, not also that the theme has no such style', () => {
    write('parent', PARENT);
    expect(problemsOfChild('body-scalar', 'styles:\n  body: 5\n')).toBe('theme.yaml:3:9: `styles: body:` must be a mapping of font, latin-font, bold, size, line-height, indent, runover, indent-right, stagger, grid, align, space-before, space-after, color');
  });
});

describe('line-height: row', () => {
  it('is a row of the grid to the hundredth of a point, the style off the grid; without a grid, an error at it', () => {
    write('parent', PARENT);
    write('rows', 'extends: parent\ngrid: { lines: 22, chars: 28 }\nstyles:\n  signers: { font: serif, size: 16pt, line-height: row }\n');
    const theme = loadTheme(themeFile('rows'), folders);
    const { lineStep } = theme.grid!;
    expect(theme.styles.get('signers')).toMatchObject({ lineHeight: Math.round(lineStep * 100) / 100, onGrid: false });
    expect(problemsOfChild('rows-nogrid', 'styles:\n  signers: { font: serif, size: 16pt, line-height: row }\n')).toBe('theme.yaml:3:52: style "signers" has line-height: row, a row of the grid, but the theme has no `grid:`');
  });
});
