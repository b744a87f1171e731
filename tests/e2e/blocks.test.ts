/**
 * The blocks of §6.3 and appendices laid out, read back with pdf.js: tests/fixtures/blocks.yaml
 * (every block), and generated reports for pagination (code across pages, verse kept whole,
 * nested lists across pages).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/pipeline.js';
import { bodyLines, contentsEntries, glyphLines, norm, pageLabel, pagesOfEntries, readPdf, type PdfLine, type ReadPdf } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(root, 'tests/fixtures/blocks.yaml');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-blocks-e2e-'));
const mm = 72 / 25.4;
const [left, right] = [27 * mm, 595.28 - 27 * mm];

async function build(input: string): Promise<{ pdf: Uint8Array; read: ReadPdf }> {
  const { pdf } = await buildReport({ input, projectDir: root, packageDir: root, version: 'test' });
  return { pdf, read: await readPdf(pdf) };
}

/** A report of the chapters' bodies given (YAML lists of blocks, as JSON) built; its PDF read. */
async function buildBodies(name: string, ...bodies: unknown[]): Promise<ReadPdf> {
  const file = path.join(dir, `${name}.yaml`);
  const chapters = bodies.map((body, i) => ({ title: `第${i + 1}章`, body }));
  writeFileSync(file, JSON.stringify({ report: { title: name }, chapters }));
  return (await build(file)).read;
}

const bodyPages = (read: ReadPdf) => read.pages.filter((p) => /^\d+$/.test(pageLabel(p)));
const allBodyLines = (read: ReadPdf) => bodyPages(read).flatMap((p) => bodyLines(p));

let pdf: Uint8Array;
let read: ReadPdf;
const content = parse(readFileSync(fixture, 'utf8'));
const code: string = content.chapters[0].body[1].code;

beforeAll(async () => {
  ({ pdf, read } = await build(fixture));
});

describe('every block (tests/fixtures/blocks.yaml)', () => {
  it('gives back every character of the content, in order', () => {
    const text = norm(allBodyLines(read).map((l) => l.text).join(''));
    const strings: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string' || typeof v === 'number') strings.push(String(v));
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'style') walk(x);
    };
    walk([content.chapters, content.appendices]);
    let from = 0;
    for (const s of strings.map(norm).filter(Boolean)) {
      const at = text.indexOf(s, from);
      expect(at, s).toBeGreaterThanOrEqual(0);
      from = at + s.length;
    }
  });

  it('sets code line for line, spaces kept, in one column; a long line wraps with a hanging indent inside the margin', () => {
    const lines = allBodyLines(read);
    const first = lines.find((l) => l.text.startsWith('$ npm install'))!;
    const codeLines = lines.slice(lines.indexOf(first), lines.indexOf(first) + 10);
    // (text extraction folds runs of spaces: they are measured by where the text stands)
    const column = (first.x1 - first.x0) / '$ npm install'.length;
    const fn = codeLines.find((l) => l.text.startsWith('function'))!;
    const ret = codeLines.find((l) => l.text.startsWith('return'))!;
    expect(ret.x0 - fn.x0).toBeCloseTo(4 * column, 1);
    expect(fn.x0).toBeCloseTo(first.x0, 1);
    const long = code.split('\n').find((l) => l.length > 80)!;
    const wrapped = codeLines.filter((l) => long.includes(l.text.trim()));
    expect(wrapped.length).toBeGreaterThanOrEqual(2);
    expect(wrapped.map((l) => l.text.trim()).join(' ')).toBe(long);
    expect(wrapped[1].x0).toBeGreaterThan(wrapped[0].x0 + 10);
    for (const l of codeLines) expect(l.x1).toBeLessThanOrEqual(right + 0.5);
    // never justified: the same characters are the same width apart on every line
    const widthPerChar = (l: PdfLine) => (l.x1 - l.x0) / l.text.length;
    const ascii = codeLines.filter((l) => /^(\$ npx|content\/)/.test(l.text));
    expect(ascii.length).toBe(2);
    for (const l of ascii) expect(widthPerChar(l)).toBeCloseTo(widthPerChar(ascii[0]), 1);
  });

  it('sets each verse line as written, not justified, left-aligned on one edge', () => {
    const lines = allBodyLines(read);
    const verse = ['床前明月光，', '疑是地上霜。', '举头望明月，', '低头思故乡。'].map((t) => lines.find((l) => l.text === t)!);
    expect(verse.every(Boolean)).toBe(true);
    expect(new Set(verse.map((l) => l.x0.toFixed(1))).size).toBe(1);
    // the title and the author (五号, smaller) stand on the lines' edge too: the author's 〔 has
    // its blank half (½ em of 10.5 pt) taken off at the line's start, so its ink stands there
    const [title, author] = ['静夜思', '〔唐〕李白'].map((t) => lines.find((l) => l.text === t)!);
    expect(title.x0).toBeCloseTo(verse[0].x0, 1);
    expect(author.x0 + 10.5 / 2).toBeCloseTo(verse[0].x0, 1);
    // the stanza break is wider than the line step
    const steps = verse.slice(1).map((l, i) => l.y - verse[i].y);
    expect(steps[1]).toBeGreaterThan(steps[0] + 5);
  });

  it('sets a space between Chinese characters of a verse line as a caesura of one em, as U+3000 (it was ½ em); a Latin word\'s space stays', async () => {
    const r = await buildBodies('verse-caesura', ['前文。', { verse: '关关雎鸠 在河之洲\n窈窕淑女　君子好逑\nO Captain 我的船长' }, '后文。']);
    const lines = allBodyLines(r);
    const line = (chars: string) => lines.find((l) => l.text.replace(/[\s\u3000]/g, '') === chars)!;
    // 小四 (12 pt): eight characters and the caesura
    const [spaced, ideographic] = [line('关关雎鸠在河之洲'), line('窈窕淑女君子好逑')];
    expect(spaced.x1 - spaced.x0).toBeCloseTo(9 * 12, 0);
    expect(ideographic.x1 - ideographic.x0).toBeCloseTo(9 * 12, 0);
    expect(line('OCaptain我的船长').text).toMatch(/^O Captain/);
  });

  it('hangs a verse line too long for the measure: its runover goes on 2 em in from the line\'s start (it went back to the margin)', async () => {
    const shangque = '明月几时有？把酒问青天。不知天上宫阙，今夕是何年。我欲乘风归去，又恐琼楼玉宇，高处不胜寒。起舞弄清影，何似在人间。';
    const r = await buildBodies('verse-runover', ['前文。', { verse: { title: '水调歌头', author: '〔宋〕苏轼', text: `${shangque}\n\n转朱阁，低绮户，照无眠。\n` } }, '后文。']);
    const lines = allBodyLines(r);
    const first = lines.findIndex((l) => l.text.startsWith('明月几时有'));
    const [line, runover] = [lines[first], lines[first + 1]];
    const next = lines.find((l) => l.text.startsWith('转朱阁'))!;
    expect(norm(line.text + runover.text)).toBe(norm(shangque));
    // the verse's lines start 4 em in (小四: 48 pt), the runover 2 em further (6 em)
    expect(line.x0).toBeCloseTo(left + 48, 0);
    expect(next.x0).toBeCloseTo(line.x0, 1);
    expect(runover.x0).toBeCloseTo(line.x0 + 24, 0);
    expect(Math.max(line.x1, runover.x1)).toBeLessThanOrEqual(right + 6.5);
  });

  it('breaks a verse taller than a page between stanzas as paragraphs break: no stanza\'s first line alone at a page\'s foot nor its last at the top (a stanza\'s first line stood alone)', async () => {
    const stanza = (s: number) => Array.from({ length: 12 }, (_, i) => `第${s}节第${i + 1}行诗句，又一句诗。`).join('\n');
    const verse = { verse: { title: '长诗', author: '〔唐〕某人', text: [1, 2, 3].map(stanza).join('\n\n') } };
    const filler = '这是正文，用来把诗推到页面的下部。'.repeat(6);
    // fillers that ended a page with stanza 2's first line, and with stanza 1's first under the title and author
    for (const lead of [Array(4).fill(filler), [...Array(8).fill(filler), '正'.repeat(5)]]) {
      const r = await buildBodies('verse-stanzas', [...lead, verse, '后文。']);
      const pages = bodyPages(r).map((p) => bodyLines(p).map((l) => norm(l.text)));
      const broken = pages.filter((p) => p.some((t) => t.includes(norm('诗句'))));
      expect(broken.length).toBeGreaterThan(1);
      for (const p of broken.slice(0, -1)) {
        const last = p[p.length - 1];
        expect(last).not.toMatch(/第\d节第1行/);
        expect([norm('长诗'), norm('〔唐〕某人')]).not.toContain(last);
      }
      for (const p of broken.slice(1)) expect(p[0]).not.toMatch(/第\d节第12行/);
    }
  });

  it('indents a quotation on both sides', () => {
    const line = allBodyLines(read).find((l) => l.text.startsWith('职业教育与普通教育'))!;
    const body = allBodyLines(read).find((l) => l.text.startsWith('下面是一段构建命令'))!;
    expect(line.x0).toBeGreaterThan(body.x0 + 10);
  });

  it('hangs a list item: its wrapped line starts where its text does, not at the marker', () => {
    const lines = allBodyLines(read);
    const first = lines.find((l) => l.text.startsWith('一、第一项'))!;
    const second = lines[lines.indexOf(first) + 1];
    const marker = '一、';
    expect(second.x0).toBeGreaterThan(first.x0 + 20);
    // the text after the marker starts where the wrapped line starts: the marker's column, then a fixed gap
    expect(norm(first.text.slice(marker.length) + second.text)).toContain(norm('第一项，文字较长时换行后'));
    const nested = lines.find((l) => l.text.includes('嵌套第一项'))!;
    // its marker's ink at the item's text (the origin of （ is its blank, ½ em, further left)
    expect(second.x0 - nested.x0).toBeGreaterThanOrEqual(0);
    expect(second.x0 - nested.x0).toBeLessThan(7);
    // a bullet of its own size, centred on the line: pdf.js reads it as a line of its own just beside
    const deeper = lines.find((l) => l.text.includes('更深一层'))!;
    expect(lines.some((l) => l.text.trim() === '●' && Math.abs(l.y - deeper.y) < 4 && l.x1 <= deeper.x0 + 0.5)).toBe(true);
    expect(lines.find((l) => l.text.includes('其二'))!.text).toMatch(/^（二）/);
    expect(lines.find((l) => l.text.includes('丙'))!.text).toMatch(/^③/);
  });

  it('sets the signature flush right, after the text above', () => {
    const lines = allBodyLines(read);
    const issuer = lines.find((l) => l.text === '静安区教育局')!;
    const date = lines.find((l) => norm(l.text) === norm('2026 年 1 月'))!;
    expect(issuer.x1).toBeCloseTo(date.x1, 0);
    expect(issuer.x0).toBeGreaterThan((left + right) / 2);
    expect(date.y).toBeGreaterThan(issuer.y);
  });

  it('lists the appendix in the contents with the page it starts on, and bookmarks it', () => {
    const entries = contentsEntries(read.pages);
    const appendix = entries.find((e) => e.title === norm('附录 A 数据说明'));
    expect(appendix).toBeDefined();
    expect(pagesOfEntries(read.pages, [appendix!])[0]).toBe(appendix!.number);
    expect(entries.map((e) => e.title)).toContain(norm('A.1 口径'));
    expect(read.outline.map((o) => o.title)).toEqual(['1 代码与诗歌', '附录 A 数据说明']);
    expect(read.outline[1].items.map((i) => i.title)).toEqual(['A.1 口径']);
  });

  it('tags code as Code, a quotation as BlockQuote, a list as L > LI > Lbl + LBody (pdf.js structure tree)', async () => {
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    type Node = { role?: string; children?: Node[] };
    const roles = (n: Node, depth = 0): string[] => (n.role ? [`${'  '.repeat(depth)}${n.role}`, ...(n.children ?? []).flatMap((c) => roles(c, depth + 1))] : []);
    const trees: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) trees.push(roles((await (await doc.getPage(i)).getStructTree()) as Node).join('\n'));
    await doc.destroy();
    const all = trees.join('\n');
    expect(all).toMatch(/Div\n\s+Code/);
    expect(all).toMatch(/BlockQuote\n\s+P\n\s+P/);
    expect(all).toMatch(/L\n\s+LI\n\s+Lbl\n\s+LBody/);
  });
});

describe('pagination', () => {
  it('breaks a long code block across pages, every line kept in order', async () => {
    const lines = Array.from({ length: 120 }, (_, i) => `line ${String(i + 1).padStart(3, '0')}:    x = x + ${i};`);
    const r = await buildBodies('code-pages', ['前文。', { code: lines.join('\n') + '\n' }]);
    const got = allBodyLines(r).filter((l) => l.text.startsWith('line '));
    // (text extraction folds the runs of spaces)
    expect(got.map((l) => l.text)).toEqual(lines.map((l) => l.replace(/ +/g, ' ')));
    const pages = new Set(bodyPages(r).filter((p) => bodyLines(p).some((l) => l.text.startsWith('line '))).map(pageLabel));
    expect(pages.size).toBeGreaterThanOrEqual(2);
  });

  it('never leaves one line of a code block alone at a page\'s foot or top (orphans, widows), nor one part of a wrapped line', async () => {
    // (helper-91's manual: the last line of a docker-compose file stood alone atop a page)
    const long = '  url: jdbc:postgresql://pg-primary.edu.internal:5432/edu?currentSchema=public&sslmode=verify-full&connectTimeout=10&socketTimeout=60';
    const source = Array.from({ length: 40 }, (_, i) => (i % 9 === 4 ? long : `line ${String(i + 1).padStart(2, '0')}: value`));
    const ends = new Set<string>();
    for (let n = 18; n <= 30; n++) {
      const r = await buildBodies(`code-edges-${n}`, [...Array.from({ length: n }, (_, i) => `第${i + 1}行。`), { code: source.join('\n') + '\n' }, '后文。']);
      const pages = bodyPages(r).map((p) => bodyLines(p).filter((l) => /^(line \d|url:|currentSchema|socketTimeout)/.test(l.text.trim())));
      const onPages = pages.filter((ls) => ls.length > 0);
      for (const [i, ls] of onPages.entries()) {
        if (onPages.length > 1) expect(ls.length, `${n} lines before: page ${i + 1} of the code`).toBeGreaterThanOrEqual(2);
        // a line wrapped in three parts: its first or last part never alone (a page neither starts with its middle part nor ends with its first)
        expect(ls[0].text.trim().startsWith('currentSchema'), `${n}: page ${i + 1} starts mid-line`).toBe(false);
        expect(ls[ls.length - 1].text.trim().startsWith('url:'), `${n}: page ${i + 1} ends mid-line`).toBe(false);
        if (i > 0) ends.add(ls[0].text.trim());
      }
    }
    // (the code did break across pages, at several places)
    expect(ends.size).toBeGreaterThan(3);
  });

  it('collapses the space between two verses, and a verse\'s space with a quotation\'s around it', async () => {
    const para = (n: number) => `第${n}段正文，用来看诗前后的间距。`;
    const r = await buildBodies('verse-collapse', [para(1), { verse: '春眠不觉晓，\n处处闻啼鸟。' }, { verse: '床前明月光，\n疑是地上霜。' }, para(2), { quote: [para(3), { verse: '白日依山尽，\n黄河入海流。' }] }, para(4), { quote: [para(5)] }, para(6), { quote: [{ verse: '登高望远，\n更上一层楼。' }] }, para(7)]);
    const lines = allBodyLines(r);
    const y = (t: string) => lines.find((l) => norm(l.text).startsWith(norm(t)))!.y;
    const around = y('春眠') - y(para(1));
    expect(y('床前') - y('处处')).toBeCloseTo(around, 0);
    expect(y(para(2)) - y('疑是')).toBeCloseTo(around, 0);
    // a quotation that ends in a verse, or begins with one: the verse's space, not added to the quotation's
    expect(y(para(4)) - y('黄河')).toBeCloseTo(around, 0);
    expect(y('登高') - y(para(6))).toBeCloseTo(around, 0);
    expect(y(para(7)) - y('更上')).toBeCloseTo(around, 0);
  });

  it('keeps the blank lines of a code block: each takes a line of its own (they were dropped)', async () => {
    const source = ['import csv', '', 'def f():', '    return 1', '   ', '', 'print(f())'];
    const r = await buildBodies('code-blank', ['前文。', { code: source.join('\n') + '\n' }, '后文。']);
    const lines = allBodyLines(r);
    const y = (t: string) => lines.find((l) => l.text.trim().startsWith(t))!.y;
    const step = y('return 1') - y('def f');
    expect(step).toBeGreaterThan(0);
    // one blank line between import and def, two (one of spaces only) between return and print
    expect(y('def f') - y('import csv')).toBeCloseTo(2 * step, 1);
    expect(y('print(') - y('return 1')).toBeCloseTo(3 * step, 1);
  });

  it('wraps a long code line under its own indentation, filling the line to a mark or space past its middle', async () => {
    const url = '    url = f"https://api.example.edu.cn/v3/schools/{school_id}/students/changes?since={since.isoformat()}&page_size=500"';
    const json = '{"school":"PJ-0231","year":2025,"grade":7,"count":412,"updated":"2026-01-15T08:30:00+08:00","status":"ok"}';
    const comment = 'x = 1  # 这一行全部是中文注释，用来说明这个变量在后面的计算中起什么作用，以及为什么它的初始值是一';
    const r = await buildBodies('code-wrap', [{ code: ['def f():', url, '    return 1', json, comment].join('\n') + '\n' }]);
    const lines = allBodyLines(r);
    const at = (t: string) => lines.findIndex((l) => l.text.startsWith(t));
    const def = lines[at('def f')];
    const column = (def.x1 - def.x0) / 'def f():'.length;
    const [urlFirst, urlNext] = [lines[at('url =')], lines[at('url =') + 1]];
    // the continuation four columns past the line's own indentation (4), the first part more than half the measure
    expect(urlFirst.x0 - def.x0).toBeCloseTo(4 * column, 0);
    expect(urlNext.x0 - def.x0).toBeCloseTo(8 * column, 0);
    expect(urlFirst.x1 - urlFirst.x0).toBeGreaterThan((right - left) / 2);
    expect(urlFirst.text).toMatch(/[/?&]$/);
    // a line without indentation: after a comma, not inside a date
    const [jsonFirst, jsonNext] = [lines[at('{"school"')], lines[at('{"school"') + 1]];
    expect(jsonFirst.text).toMatch(/,$/);
    expect(jsonNext.x0 - def.x0).toBeCloseTo(4 * column, 0);
    expect(norm(jsonFirst.text + jsonNext.text)).toBe(norm(json));
    // a Chinese comment breaks between its characters, not after its # (which stood alone)
    const [commentFirst, commentNext] = [lines[at('x = 1')], lines[at('x = 1') + 1]];
    expect(commentFirst.text).toMatch(/#\s*这一行/);
    expect(norm(commentFirst.text + commentNext.text)).toBe(norm(comment));
  });

  it('never wraps a code line to leave a tiny last part: a trailing comment moves whole, else the break moves back to a space or mark', async () => {
    // the typesetter's case: the comment's last character alone on the continuation
    const python = 'print(avg.sort_values(ascending=False).head(10))  # 输出最热的 10 个站点';
    // sums a character to ten longer than the measure: the tail at every length
    const sums = Array.from({ length: 10 }, (_, k) => `total = ${Array.from({ length: 6 }, (_, i) => `value_${i}`).join(' + ')} + ${'w'.repeat(k + 1)}`);
    const r = await buildBodies('code-tail', [{ code: [python, ...sums].join('\n') + '\n' }]);
    const lines = allBodyLines(r);
    const continued = lines.filter((l, i) => i > 0 && lines[i - 1].text.startsWith('total ='));
    expect(continued.length).toBeGreaterThan(5);
    const measure = right - left;
    expect(continued.filter((l) => l.x1 - l.x0 < measure / 5).map((l) => l.text)).toEqual([]);
    const at = lines.findIndex((l) => l.text.startsWith('print('));
    expect(lines[at + 1].text.replace(/\s/g, '')).toBe('#输出最热的10个站点');
  });

  it('sets a combining mark in code over its character, in its cell (x̄ takes one column, as x)', async () => {
    const file = path.join(dir, 'code-marks.yaml');
    writeFileSync(file, JSON.stringify({ report: { title: 't' }, chapters: [{ title: '一', body: [{ code: 'x̄ = n̈ + 1\ny = n + 1\n' }] }] }));
    const glyphs = (await glyphLines((await build(file)).pdf, 10.5)).flat();
    for (const [base, mark] of [['x', '\u0304'], ['n', '\u0308']]) {
      const [b, m] = [glyphs.find((g) => g.char === base)!, glyphs.find((g) => g.char === mark)!];
      // the mark's origin inside its character's cell (it was the next cell's: over the space after x)
      expect(m.x, mark).toBeGreaterThanOrEqual(b.x - 0.01);
      expect(m.x, mark).toBeLessThan(b.x + b.width - 0.5);
    }
    const lines = allBodyLines((await build(file)).read);
    const [marked, plain] = ['x', 'y'].map((c) => lines.find((l) => l.text.replace(/\p{M}/gu, '').startsWith(c))!);
    expect(marked.x1 - marked.x0).toBeCloseTo(plain.x1 - plain.x0, 1);
  });

  it('wraps a code string of Chinese at a space in it, not between its characters, where that leaves the part full enough', async () => {
    const [first, second] = ['甲乙丙丁戊己庚辛壬癸'.repeat(2), '子丑寅卯辰巳午未申酉戌亥'.repeat(2)];
    const r = await buildBodies('code-string', [{ code: `msg = "${first} ${second}"  # 注释\n` }]);
    const lines = allBodyLines(r).map((l) => l.text.replace(/\s/g, ''));
    const at = lines.findIndex((t) => t.startsWith('msg='));
    expect(lines[at]).toBe(`msg="${first}`);
    expect(lines[at + 1]).toBe(`${second}"#注释`);
  });

  it('wraps a code string of Chinese after a mark that ends a phrase (，) or outside it, not inside a word, where that leaves the parts full enough', async () => {
    // (helper-91's manual: `…请联系区教育信息中|心（电话 …）` and `echo "校验失败，请重新下载|安装包"`)
    const json = '    "remark": "该记录由 getUserInfoByIdAsync 于 2026-03-15T08:30:00+08:00 自动同步，如有疑问请联系区教育信息中心（电话 021-6222 0000 转 8001）",';
    const shell = 'sha256sum -c "${PKG}.sha256" || { echo "校验失败，请重新下载安装包"; exit 1; }';
    const r = await buildBodies('code-phrase', [{ code: [json, shell].join('\n') + '\n' }]);
    const lines = allBodyLines(r).map((l) => l.text.replace(/\s/g, ''));
    const line = (start: string) => lines.find((t) => t.startsWith(start))!;
    expect(line('2026-03-15T08')).toMatch(/自动同步，$/);
    // (a tail too short, `exit 1; }`, moves the break back: to the space before the string, not into its words)
    expect(line('sha256sum')).toMatch(/\{echo$/);
  });

  it('never starts a wrapped code line with the closing quote of a string of Chinese (print("…你好"))', async () => {
    // strings of 28 to 51 characters: the line's room ends at every place in the string's last characters
    const calls = Array.from({ length: 24 }, (_, k) => `print("${'你好'.repeat(14)}${'中'.repeat(k)}")`);
    const r = await buildBodies('code-quote', [{ code: calls.join('\n') + '\n' }]);
    const lines = allBodyLines(r).map((l) => l.text.replace(/\s/g, ''));
    const continued = lines.filter((t, i) => i > 0 && !t.startsWith('print') && lines[i - 1].startsWith('print'));
    expect(continued.length).toBeGreaterThan(5);
    expect(continued.filter((t) => /^["'`]/.test(t))).toEqual([]);
  });

  it('keeps a paragraph that ends in a colon with what it introduces (a verse moved to the next page takes it along)', async () => {
    const filler = Array.from({ length: 12 }, (_, i) => `第${i + 1}段。这是一段用来占满页面的文字，这是一段用来占满页面的文字，这是一段用来占满页面的文字，这是一段用来占满页面的文字。`);
    const verse = Array.from({ length: 12 }, (_, i) => `诗句第${i + 1}行`);
    for (const n of [10, 11, 12]) {
      const r = await buildBodies(`lead-in-${n}`, [...filler.slice(0, n), '校长在会上引用了一首小诗：', { verse: verse.join('\n') }]);
      const pageOf = (t: string) => bodyPages(r).findIndex((p) => bodyLines(p).some((l) => norm(l.text).startsWith(norm(t))));
      expect(pageOf('校长在会上'), `${n} paragraphs before`).toBe(pageOf('诗句第1行'));
    }
    // a long lead-in breaks across pages as any paragraph: only its last lines go with the code
    const lead = `${'本段是一个很长的引导段落，'.repeat(80)}如下：`;
    const r = await buildBodies('lead-in-long', [filler[0].repeat(16), lead, { code: 'x = 1\n' }]);
    const pages = bodyPages(r).map((p) => bodyLines(p).map((l) => norm(l.text)));
    const holding = pages.flatMap((lines, k) => (lines.some((l) => l.includes(norm('引导段落'))) ? [k] : []));
    expect(holding.length).toBe(2);
    expect(pages[holding[1]]).toContain(norm('x = 1'));
  });

  it('keeps a verse whole on the next page rather than splitting it, when it fits a page', async () => {
    const filler = Array.from({ length: 12 }, (_, i) => `第${i + 1}段。这是一段用来占满页面的文字，这是一段用来占满页面的文字，这是一段用来占满页面的文字，这是一段用来占满页面的文字。`);
    const verse = Array.from({ length: 12 }, (_, i) => `诗句第${i + 1}行`);
    const r = await buildBodies('verse-keep', [...filler, { verse: verse.join('\n') }]);
    const holding = bodyPages(r).filter((p) => bodyLines(p).some((l) => l.text.startsWith('诗句')));
    expect(holding.length).toBe(1);
    expect(bodyLines(holding[0]).filter((l) => l.text.startsWith('诗句')).map((l) => norm(l.text))).toEqual(verse.map(norm));
    // it did not fit where the text ended: the page before ends with the filler, short of its foot
    expect(bodyPages(r).length).toBe(2);
  });

  it('sets a verse off from the text by as much space below as above it, with and without a title', async () => {
    const para = (n: number) => `第${n}段正文，用来看诗前后的间距。`;
    const r = await buildBodies('verse-space', [para(1), { verse: '春眠不觉晓，\n处处闻啼鸟。' }, para(2), { verse: { title: '静夜思', text: '床前明月光，\n疑是地上霜。' } }, para(3)]);
    const lines = allBodyLines(r);
    const y = (t: string) => lines.find((l) => norm(l.text).startsWith(norm(t)))!.y;
    const step = y('处处') - y('春眠');
    for (const [before, first, last, after] of [[para(1), '春眠', '处处', para(2)], [para(2), '静夜思', '疑是', para(3)]]) {
      const above = y(first) - y(before);
      const below = y(after) - y(last);
      expect(above, first).toBeGreaterThan(step + 5);
      expect(below, first).toBeCloseTo(above, 0);
    }
  });

  it('starts a verse taller than a page right after the text before it, and leaves no line of it alone on a page', async () => {
    const verse = Array.from({ length: 79 }, (_, i) => `诗句第${i + 1}行`);
    const r = await buildBodies('verse-long', ['前面一段短文。', { verse: verse.join('\n') }]);
    const pages = bodyPages(r).map((p) => bodyLines(p).map((l) => norm(l.text)));
    expect(pages[0]).toContain(norm('前面一段短文。'));
    expect(pages[0]).toContain(norm('诗句第1行'));
    const counts = pages.map((lines) => lines.filter((l) => l.startsWith('诗句')).length).filter((n) => n > 0);
    expect(counts.reduce((a, b) => a + b)).toBe(79);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(2);
  });

  it('continues nested lists across pages, every item in order, each level at its own indent', async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ text: `项目${i + 1}`, list: { style: '（1）', items: [`子项${i + 1}甲`, `子项${i + 1}乙`] } }));
    const r = await buildBodies('list-pages', [{ list: { style: '1.', items } }]);
    const got = allBodyLines(r).filter((l) => /项/.test(l.text));
    expect(got.map((l) => norm(l.text))).toEqual(items.flatMap((it, i) => [norm(`${i + 1}.${it.text}`), norm(`（1）子项${i + 1}甲`), norm(`（2）子项${i + 1}乙`)]));
    expect(new Set(got.map((l) => pageLabel(bodyPages(r).find((p) => p.lines.includes(l))!))).size).toBeGreaterThanOrEqual(2);
    const outer = got.filter((l) => /^\d+\./.test(l.text.trim()));
    const inner = got.filter((l) => /^（\d）/.test(l.text.trim()));
    expect(Math.min(...inner.map((l) => l.x0))).toBeGreaterThan(Math.max(...outer.map((l) => l.x0)) + 5);
    expect(Math.max(...inner.map((l) => l.x0)) - Math.min(...inner.map((l) => l.x0))).toBeLessThan(1.5);
  });
});

describe('numbering styles', () => {
  it('the gbt9704 template numbers headings officially (一、（一）), in the text, the contents and the bookmarks', async () => {
    const file = path.join(dir, 'official.yaml');
    writeFileSync(file, readFileSync(fixture, 'utf8').replace(/^report:\n/m, 'report:\n  template: gbt9704\n'));
    const { read: r } = await build(file);
    const titles = allBodyLines(r).map((l) => norm(l.text));
    expect(titles).toContain(norm('一、代码与诗歌'));
    expect(titles).toContain(norm('（一）引文与列表'));
    const gbtContents = (p: (typeof r.pages)[number]) => p.lines.some((l) => norm(l.text) === '目录');
    // an appendix is a 附件 (GB/T 9704 8), not 附录 A; the only one without its number
    expect(contentsEntries(r.pages, gbtContents).map((e) => e.title)).toEqual(['一、代码与诗歌', '（一）引文与列表', '附件数据说明', '（一）口径'].map(norm));
    expect(r.outline.map((o) => o.title)).toEqual(['一、代码与诗歌', '附件 数据说明']);
    expect(r.outline[0].items.map((i) => i.title)).toEqual(['（一）引文与列表']);
    // on the grid a list's text starts in the cell after a full-width marker, the wrapped line under it
    const item = allBodyLines(r).find((l) => l.text.startsWith('一、第一项'))!;
    const next = allBodyLines(r)[allBodyLines(r).indexOf(item) + 1];
    const cell = (156 * mm) / 28;
    expect((next.x0 - item.x0) / cell).toBeCloseTo(2, 1);
  });
});
