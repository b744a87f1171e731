/**
 * Problems that come from the content, through the command: located in the YAML file (never in
 * a template), one line each, exit 1 for errors and 0 with warnings for what can be printed
 * without (characters that cannot be printed are dropped; a character no font has is a box).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePng } from '../helpers/png.js';
import { readPdf } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-content-e2e-'));

/** Runs `imprint build FILE`; a guard of 30 s stops a build that would never end (a pipe read). */
function build(input: string) {
  const r = spawnSync(process.execPath, [path.join(root, 'dist/bin.cjs'), 'build', input, '-o', path.join(dir, 'out.pdf')], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, lines: r.stderr.split('\n').filter(Boolean) };
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const withBody = (...lines: string[]) => `report:\n  title: 标题\nchapters:\n  - title: 一\n    body:\n${lines.join('\n')}\n`;

describe('content problems, through the command', () => {
  it('a terminal colour code in a paragraph: a warning at it, exit 0, nothing of it in the PDF', async () => {
    const input = write('colour.yaml', withBody('      - 段落\x1b[0;33m彩色。'));
    const r = build(input);
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(new RegExp(`^${input.replace(/[.]/g, '\\.')}:6:11: warning: dropped "\\\\e\\[0;33m" `));
    const text = (await readPdf(readFileSync(path.join(dir, 'out.pdf')))).pages.flatMap((p) => p.lines.map((l) => l.text)).join('\n');
    expect(text.replace(/ /g, '')).toContain('段落彩色。');
    expect(text).not.toContain('\x1b');
  });

  it('an unquoted paragraph starting with **: exit 1, one line at the paragraph with the hint to quote it', () => {
    const input = write('alias.yaml', withBody('      - 开头。', '      - **一是**加强管理。'));
    expect(build(input)).toEqual({ code: 1, lines: [`${input}:7:9: YAML: quote this paragraph: YAML reads a leading * as an alias (unresolved alias "**一是**加强管理。")`] });
  });

  it('a warning of the content beside an error of a later stage (a template not found): both printed, the error first, exit 1', () => {
    const input = write('both.yaml', 'report:\n  title: 标题\n  template: nosuch\nchapters:\n  - title: 一\n    body:\n      - 数据来源^[统计年鉴。\n');
    const r = build(input);
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(2);
    expect(r.lines[0]).toMatch(new RegExp(`^${input.replace(/[.]/g, '\\.')}:3:13: template "nosuch" not found`));
    expect(r.lines[1]).toBe(`${input}:7:13: warning: \`^[\` opens a footnote that no \`]\` closes: printed as typed (write \`\\^[\` for the characters themselves)`);
  });

  it('a tab that indents: one message', () => {
    const input = write('tab.yaml', withBody('\t- 段落。', '      - 段落二。'));
    expect(build(input)).toEqual({ code: 1, lines: [`${input}:6:1: YAML: tabs cannot indent YAML; use spaces`] });
  });

  it('a missing file, a device, a named pipe: exit 1 at once, one line', () => {
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(build(path.join(dir, 'nosuch.yaml'))).toEqual({ code: 1, lines: [`${path.join(dir, 'nosuch.yaml')}:1:1: file not found`] });
    expect(build('/dev/zero')).toEqual({ code: 1, lines: ['/dev/zero:1:1: not a regular file (a device, named pipe or socket cannot be a report)'] });
    expect(build(fifo)).toEqual({ code: 1, lines: [`${fifo}:1:1: not a regular file (a device, named pipe or socket cannot be a report)`] });
  });

  it('a character no font has, in every kind of text: a warning at the character, once per place', () => {
    writeFileSync(path.join(dir, 'img.png'), makePng(4, 3));
    const input = write(
      'glyph.yaml',
      [
        'report:',
        '  title: 标题😀',
        '  subtitle: 副😀',
        '  issuer: 发布😀',
        '  date: 2026 😀',
        'preface:',
        '  title: 前言😀',
        '  body: [前言段😀]',
        'chapters:',
        '  - title: 章😀',
        '    body:',
        '      - 段落 😀 与 😀',
        '      - heading: 小标题😀',
        '      - list: [项目😀]',
        '      - table:',
        '          title: 表😀',
        '          columns: [列😀, b]',
        '          rows:',
        '            - [格😀, "x\\U0001F600"]',
        '          note: 注😀',
        '      - case:',
        '          title: 案例😀',
        '          body: [案例段]',
        '      - figure:',
        '          title: 图😀',
        '          image: img.png',
        '    sections:',
        '      - title: 节😀',
        '        body:',
        '          - |',
        '            块',
        '            文字😀',
        '',
      ].join('\n'),
    );
    const r = build(input);
    expect(r.code).toBe(0);
    const places = ['2:12', '3:14', '4:13', '5:14', '7:12', '8:13', '10:13', '12:12', '12:16', '13:21', '14:18', '16:19', '17:22', '19:17', '19:22', '20:18', '22:20', '25:19', '28:17', '32:15'];
    // (and the 4 × 3 pixels image is printed at 72 pixels per inch: a warning of its own)
    const glyphs = r.lines.filter((l) => !l.includes('pixels per inch'));
    expect(glyphs.pop()).toBe(`${input}:2:12: warning: in all, no font has ${places.length} characters of the report (1 distinct), in ${places.length} places`);
    expect(glyphs.map((l) => l.replace(`${input}:`, '').replace(': warning: no font has the character "😀" (U+1F600); it is drawn as an empty box', ''))).toEqual(places);
  });
  it('a Korean and an Arabic phrase no font has: one warning per phrase, at its first character, with its code points; and a total', () => {
    const input = write('phrases.yaml', withBody('      - 校训是“안녕하세요 세계”，问候为“مرحبا بالعالم”。', '      - "另起一段：\\U0001F600。"'));
    const r = build(input);
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => l.replace(`${input}:`, ''))).toEqual([
      '6:13: warning: no font has the 7 characters of "안녕하세요 세계" (U+C548 U+B155 U+D558 U+C138 U+C694 U+ACC4); they are drawn as empty boxes',
      '6:27: warning: no font has the 12 characters of "مرحبا بالعالم" (U+0645 U+0631 U+062D U+0628 U+0627 U+0644 U+0639); they are drawn as empty boxes',
      '7:15: warning: no font has the character "😀" (U+1F600); it is drawn as an empty box',
      '6:13: warning: in all, no font has 20 characters of the report (14 distinct), in 3 places',
    ]);
  });
  it('variation selectors are dropped without a word, U+2028 and U+2029 are line breaks (a space in a paragraph, a new line in code): no box, exit 0', async () => {
    const input = write('invisible.yaml', withBody('      - "葛\\U000E0100段落\\uFE0F，文\\uFE0E字。"', '      - "正文\\u2028段落\\u2029Latin\\u2028text。"', '      - code: "a\\u2028b"'));
    const r = build(input);
    expect(r.lines).toEqual([]);
    expect(r.code).toBe(0);
    const text = (await readPdf(readFileSync(path.join(dir, 'out.pdf')))).pages.flatMap((p) => p.lines.map((l) => l.text)).join('\n');
    expect(text.replace(/ /g, '')).toContain('葛段落，文字。');
    expect(text).toContain('Latin text');
    expect(text).toMatch(/^a\nb$/m);
    expect(text).not.toMatch(/[\u2028\u2029\uFE0E\uFE0F]/u);
  });
});
