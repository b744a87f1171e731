/**
 * The GB/T 9704 template (`template: gbt9704`): the sample report on a grid of 22 lines × 28
 * characters, measured from the PDF with pdf.js.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, layoutReport } from '../../src/pipeline.js';
import type { GlyphRunOp, LineOp } from '../../src/page/draw.js';
import { bodyLines, contentsEntries, glyphLines, norm, pageLabel, pagesOfEntries, readPdf, type ReadPdf } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');
const mm = 72 / 25.4;
const [top, bottom, left, right] = [37 * mm, 35 * mm, 28 * mm, 595.28 - 26 * mm];
const step = (841.89 - top - bottom) / 22;
let read: ReadPdf;
let pdf: Uint8Array;

beforeAll(async () => {
  const input = path.join(mkdtempSync(path.join(tmpdir(), 'imprint-gbt-')), 'gbt.yaml');
  const sample = readFileSync(path.join(root, 'content/jingan-2025.yaml'), 'utf8');
  writeFileSync(input, sample.replace(/^report:\n/m, 'report:\n  template: gbt9704\n'));
  pdf = (await buildReport({ input, projectDir: root, packageDir: root, version: 'test' })).pdf;
  read = await readPdf(pdf);
});

const body = () => read.pages.filter((p) => /^—\s*\d+\s*—$/.test(p.lines[p.lines.length - 1]?.text.trim() ?? ''));
/** Marks that GB compression closes up with a neighbouring mark. */
const MARK = /[，。、；：？！“”‘’（）《》]/u;
/**
 * Grid cells a line's text takes inside a line: a Han character or a lone mark one; a run of k
 * adjacent marks is compressed (half a cell each but the last) and padded to whole cells.
 */
function cells(t: string): number {
  let n = 0;
  const chars = [...t];
  for (let i = 0; i < chars.length; ) {
    let j = i;
    while (j < chars.length && MARK.test(chars[j])) j++;
    if (j - i >= 2) n += Math.ceil((j - i + 1) / 2);
    else n += 1;
    i = Math.max(j, i + 1);
  }
  return n;
}
const cjkOnly = (t: string) => /^[\p{Script=Han}，。、；：？！“”‘’（）《》—…·□]+$/u.test(t);

describe('GB/T 9704 grid', () => {
  it('sets the cover on one page: title, subtitle, issuer and date, then the contents', () => {
    const text = (i: number) => read.pages[i].lines.map((l) => l.text.replace(/\s/g, '')).join('|');
    expect(text(0)).toBe('上海市静安区中等职业教育质量报告|（2025年度）|静安区教育局|2026年1月');
    expect(text(1)).toMatch(/^目录\|/);
  });

  it('puts at most 22 lines on a page, on the grid rows, and fills full pages with exactly 22', () => {
    const counts = body().map((p) => bodyLines(p, top, bottom).length);
    expect(Math.max(...counts)).toBe(22);
    // pages that end a chapter, or hold a heading (two rows), a table or a box (a row of
    // padding at each edge and where it breaks) have fewer: measured 9 of 45 pages full
    expect(counts.filter((n) => n === 22).length).toBeGreaterThanOrEqual(8);
    for (const p of body()) {
      for (const l of bodyLines(p, top, bottom).filter((x) => Math.abs(x.x0 - left) < 1 || Math.abs(x.x0 - left - 2 * (right - left) / 28) < 1)) {
        const row = (l.y - top) / step;
        // a 三号 body line's baseline stands at the same place in its row on every row
        expect(Math.abs(row - Math.round(row) - (((step - 16) / 2 + 0.88 * 16) / step - 1)), `${l.text} at ${l.y.toFixed(1)}`).toBeLessThan(0.02);
      }
    }
  });

  it('sets 28 cells on full lines of Chinese text (26 after a paragraph indent)', () => {
    const counts: number[] = [];
    const short: { text: string; next: string }[] = [];
    for (const p of body()) {
      const lines = bodyLines(p, top, bottom);
      for (const l of lines) {
        // a space typed between Chinese words takes a cell of its own on the grid
        const t = l.text.trim().replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, '□').replace(/\s/g, '');
        if (!cjkOnly(t) || right - l.x1 > 2) continue;
        const indented = Math.abs(l.x0 - left - (2 * (right - left)) / 28) < 1;
        if (!indented && Math.abs(l.x0 - left) > 1) continue;
        // a line-end mark hanging past the grid (标点悬挂) is not one of its 28 cells
        const hangs = l.x1 > right + 2;
        // (the Latin middle dot of 信仰红·火焰蓝 is narrow: not a cell)
        const n = cells(t.replace(/·/g, '')) - (hangs ? 1 : 0) + (indented ? 2 : 0);
        counts.push(n);
        if (n < 28) short.push({ text: l.text, next: lines[lines.indexOf(l) + 1]?.text ?? '' });
      }
    }
    expect(counts.length).toBeGreaterThan(300);
    // never more than 28; fewer only where the line before it had to give up its last cells:
    // the next line starts with an opening mark or a number that did not fit, or the line holds
    // the narrow · of 信仰红·火焰蓝 (not a cell) or the next starts with 红·火 (a pair that may
    // not part). Measured 2026-12-01: 397 of 408 full lines
    // (97.6%) hold exactly 28 cells; with GB compression and no runts, 28 cells counted as a
    // run of adjacent marks takes them (see `cells`)
    expect(Math.max(...counts)).toBe(28);
    expect(counts.filter((n) => n === 28).length / counts.length).toBeGreaterThan(0.97);
    // or the next is a paragraph's last line that took a character so as not to hold one alone
    const tail = /^\p{Script=Han}{2}[。！？；：”’）》]*$/u;
    for (const { text, next } of short) expect(/^([“‘《（「\d]|.·)/.test(next.trim()) || tail.test(next.trim()) || text.includes('·'), `${text} → ${next}`).toBe(true);
  });

  it('keeps closing marks against the word before them and opening marks against the word after, spread lines and mark pairs too', async () => {
    const CLOSING = /[、，。：；？！”’）》]/u;
    const OPENING = /[“‘（《]/u;
    const WORD = /[\p{Script=Han}A-Za-z0-9]/u;
    const detached: string[] = [];
    let pairs = 0;
    for (const line of await glyphLines(pdf, 16)) {
      const text = line.map((g) => g.char).join('');
      line.forEach((g, i) => {
        const next = line[i + 1];
        if (!next) return;
        if (g.char === '”' && next.char === '“') pairs++;
        // the distance between glyph boxes (a mark's box is its ink side's edge): a Han box is
        // 16 pt in a cell of 15.8, so neighbours on the grid overlap by 0.2 pt
        const gap = next.x - (g.x + g.width);
        const hugs = (WORD.test(g.char) && CLOSING.test(next.char)) || (OPENING.test(g.char) && WORD.test(next.char));
        if (hugs && gap > 0.3) detached.push(`${g.char}${next.char} ${gap.toFixed(1)} pt: ${text}`);
      });
    }
    expect(detached).toEqual([]);
    // (the sample's “设计之都”“时尚之都”… among them: ” left in its cell, “ right in its cell)
    expect(pairs).toBeGreaterThanOrEqual(8);
  });

  it('gives each of two marks in a row a cell of its own mid-line (），, ”，, 。”: ink at the left of each cell), no hole after them', async () => {
    const INK_LEFT = /[、，。：；？！”’）》]/u;
    const WORD = /[\p{Script=Han}A-Za-z0-9]/u;
    const cell = (right - left) / 28;
    const off: string[] = [];
    let pairs = 0;
    for (const line of await glyphLines(pdf, 16)) {
      const text = line.map((g) => g.char).join('');
      for (let i = 1; i + 2 < line.length; i++) {
        const [before, a, b, after] = line.slice(i - 1, i + 3);
        if (!WORD.test(before.char) || !INK_LEFT.test(a.char) || !INK_LEFT.test(b.char) || !WORD.test(after.char)) continue;
        pairs++;
        // glyph origin to glyph origin (a mark's box is its cell): a cell each, as the word's characters
        const steps = [a.x - before.x, b.x - a.x, after.x - b.x].map((d) => d / cell);
        if (steps.some((d) => Math.abs(d - 1) > 0.05)) off.push(`${a.char}${b.char} ${steps.map((d) => d.toFixed(2)).join(' ')} cells: ${text}`);
      }
    }
    expect(off).toEqual([]);
    expect(pairs).toBeGreaterThanOrEqual(5);
  });
});

describe('a case box on the grid', () => {
  it('broken across pages, runs its text to the break: no blank row inside its open frame on either side', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imprint-gbt-box-'));
    const input = path.join(dir, 'box.yaml');
    const para = '市北职高以应急救援技术专业为载体，系统开展以“忠诚、责任、奉献”为核心的“火焰蓝”精神教育，培养学生过硬的政治素质。';
    writeFileSync(input, `report:\n  title: 案例\n  template: gbt9704\nchapters:\n  - title: 一\n    body:\n${'      - 前文。\n'.repeat(8)}      - case:\n          title: 火焰蓝\n          body:\n${`            - ${para}\n`.repeat(12)}`);
    const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
    let breaks = 0;
    for (const [i, page] of pages.entries()) {
      const lines = page.ops.filter((o): o is LineOp => o.kind === 'line');
      const sides = lines.filter((l) => l.x1 === l.x2 && l.y2 - l.y1 > step);
      if (sides.length !== 2) continue;
      const [x0, x1] = [Math.min(sides[0].x1, sides[1].x1), Math.max(sides[0].x1, sides[1].x1)];
      const inside = page.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs' && o.x > x0 && o.x < x1);
      const [yTop, yBottom] = [Math.min(...sides.map((l) => l.y1)), Math.max(...sides.map((l) => l.y2))];
      const horizontal = (y: number) => lines.some((l) => l.y1 === l.y2 && Math.abs(l.y1 - y) < 0.01);
      if (!horizontal(yBottom)) {
        breaks++;
        // the frame ends within the last line's row
        expect(yBottom - Math.max(...inside.map((r) => r.y)), `page ${i + 1}`).toBeLessThan(step / 2);
      }
      if (!horizontal(yTop)) expect(Math.min(...inside.map((r) => r.y)) - yTop, `page ${i + 1}`).toBeLessThan(step);
    }
    expect(breaks).toBeGreaterThan(0);
  });

  /** The first page with a rule of a report of one chapter, `body` (YAML, its blocks), in the GB/T template. */
  const framedPage = (body: string) => {
    const input = path.join(mkdtempSync(path.join(tmpdir(), 'imprint-gbt-box-')), 'box.yaml');
    writeFileSync(input, `report:\n  title: 案例\n  template: gbt9704\nchapters:\n  - title: 一\n    body:\n${body}`);
    return layoutReport({ input, projectDir: root, packageDir: root, version: 'test' }).pages.find((p) => p.ops.some((o) => o.kind === 'line'))!;
  };

  it('stands a row clear of the text before and after it, and of a second box after it (two boxes never share a rule)', () => {
    const page = framedPage('      - 前文一段。\n      - case:\n          title: 甲\n          body: [案例甲的正文。]\n      - case:\n          title: 乙\n          body: [案例乙的正文。]\n      - 后文一段。\n');
    const rules = [...new Set(page.ops.filter((o): o is LineOp => o.kind === 'line' && o.y1 === o.y2).map((o) => o.y1))].sort((a, b) => a - b);
    const baseline = (text: string) => page.ops.find((o): o is GlyphRunOp => o.kind === 'glyphs' && String.fromCodePoint(...o.glyphs.codePoints.flat()) === text)!.y;
    expect(rules.length).toBe(4);
    const [top1, bottom1, top2, bottom2] = rules;
    // the line before: its baseline lies within its row, a row above the frame; the line after: a row below it
    expect(top1 - baseline('前文一段。')).toBeGreaterThanOrEqual(step);
    expect(top2 - bottom1).toBeGreaterThanOrEqual(step);
    expect(baseline('后文一段。') - bottom2).toBeGreaterThanOrEqual(step);
  });

  it('stands as far above its title as below its last line: no blank row inside the frame at its top', () => {
    // the top padding (8 pt) was rounded up to a row, the frame drawn at the row's top: 37 pt of
    // blank over the title, 15 pt under the last line; a code block's fill likewise
    const page = framedPage('      - 前文一段。\n      - case:\n          title: 甲\n          body: [案例甲的正文。]\n      - "代码："\n      - code: |\n          x = 1\n          y = 2\n      - 后文一段。\n');
    const runs = (y0: number, y1: number) => page.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs' && o.y > y0 && o.y < y1);
    // the ink of a line: its glyphs' em box (0.88 em above the baseline, 0.12 below)
    const gaps = (y0: number, y1: number) => {
      const inside = runs(y0, y1);
      const first = Math.min(...inside.map((r) => r.y - 0.88 * r.size));
      const last = Math.max(...inside.map((r) => r.y + 0.12 * r.size));
      return [first - y0, y1 - last];
    };
    const rules = [...new Set(page.ops.filter((o): o is LineOp => o.kind === 'line' && o.y1 === o.y2).map((o) => o.y1))].sort((a, b) => a - b);
    const [above, below] = gaps(rules[0], rules[1]);
    expect(Math.abs(above - below), `case box: ${above.toFixed(1)} pt above, ${below.toFixed(1)} pt below`).toBeLessThan(3);
    const fill = page.ops.find((o) => o.kind === 'rect')!;
    if (fill.kind !== 'rect') throw new Error('no fill');
    const [over, under] = gaps(fill.y, fill.y + fill.h);
    expect(Math.abs(over - under), `code block: ${over.toFixed(1)} pt above, ${under.toFixed(1)} pt below`).toBeLessThan(3);
  });

  it('hangs no line-end mark onto its border: where the padding is narrower than the hanging half cell, the mark stays inside the line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imprint-gbt-box-'));
    const input = path.join(dir, 'box.yaml');
    const items = [
      '课程重构：把国家课程规定的每周 3 课时扩展为每天 1 课时，新增的 2 课时以“专项化”走班形式开设篮球、排球、武术、跳绳、定向越野等 9 个项目；',
      '数据驱动：为每个学生建立体质健康电子档案，借助可穿戴设备（心率手环）记录课堂运动强度，平均心率保持在 140～160 次/分；',
    ];
    writeFileSync(input, `report:\n  title: 案例\n  template: gbt9704\nchapters:\n  - title: 一\n    body:\n      - case:\n          title: 体育\n          body:\n            - list:\n                style: （1）\n                items:\n${items.map((t) => `                  - ${t}\n`).join('')}`);
    const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
    const cell = (right - left) / 28;
    const page = pages.find((p) => p.ops.some((o) => o.kind === 'line'))!;
    const rules = page.ops.filter((o): o is LineOp => o.kind === 'line' && o.x1 === o.x2);
    const border = Math.max(...rules.map((l) => l.x1)) - rules[0].width / 2;
    const marks: string[] = [];
    for (const o of page.ops) {
      if (o.kind !== 'glyphs') continue;
      // a mark's ink takes the half of its cell next to the character before it
      o.glyphs.xs.forEach((x, k) => {
        if (o.x + x + cell / 2 > border) marks.push(`${String.fromCodePoint(...o.glyphs.codePoints[k])} ${(o.x + x + cell / 2 - border).toFixed(2)} pt past the border`);
      });
    }
    expect(marks).toEqual([]);
  });
});

/** Builds a report of `chapters` (YAML, indented as under `chapters:`) in the GB/T template and reads it back. */
async function builtGbt(chapters: string, more = ''): Promise<ReadPdf> {
  const input = path.join(mkdtempSync(path.join(tmpdir(), 'imprint-gbt-')), 'r.yaml');
  writeFileSync(input, `report: {title: 测试, template: gbt9704}\nchapters:\n${chapters}${more}`);
  return readPdf((await buildReport({ input, projectDir: root, packageDir: root, version: 'test' })).pdf);
}

describe('the 落款 (GB/T 9704 7.3.5.2, a document without a seal)', () => {
  const cell = (right - left) / 28;
  /** The issuer's and the date's lines of the signature at the end of a body. */
  const signature = async (issuer: string, date: string) => {
    const read = await builtGbt(`  - title: 工作要求\n    body:\n      - 各校要高度重视，成立由校长任组长的读书节工作小组。\n      - signature: [${issuer}, ${date}]\n`);
    const lines = read.pages.flatMap((p) => p.lines);
    return [issuer, date].map((t) => lines.find((l) => norm(l.text) === norm(t))!);
  };
  /** Cells from the type area's left edge (a Han glyph's box overhangs its 15.8 pt cell by 0.1 pt). */
  const cells = (x: number) => (x - left) / cell;

  it('sets the issuer 右空二字 and the date on the next row, its first character two characters right of the issuer’s', async () => {
    const [issuer, date] = await signature('中共上海市静安区委员会', '2026 年 3 月 2 日');
    expect(cells(issuer.x1)).toBeCloseTo(26, 1);
    expect(cells(date.x0) - cells(issuer.x0)).toBeCloseTo(2, 1);
    expect(date.y - issuer.y).toBeCloseTo(step, 1);
    expect(Math.abs(cells(issuer.x0) - Math.round(cells(issuer.x0)))).toBeLessThan(0.05);
  });

  it('sets a date longer than the issuer 右空二字 (on whole cells: up to a cell short of it), the issuer two characters left of it', async () => {
    const [issuer, date] = await signature('静安区教育局', '2026 年 12 月 31 日');
    expect(cells(date.x1)).toBeLessThanOrEqual(26.05);
    expect(cells(date.x1)).toBeGreaterThan(25);
    expect(cells(date.x0) - cells(issuer.x0)).toBeCloseTo(2, 1);
    // both on whole cells
    expect(Math.abs(cells(issuer.x0) - Math.round(cells(issuer.x0)))).toBeLessThan(0.05);
    expect(issuer.x1).toBeLessThan(date.x1);
  });

  it('sets the issuers of a joint document (联合行文) one under another from one start, the date two characters right of them, the longest 右空二字 (they stepped right line by line)', async () => {
    const names = ['青川区教育局', '青川区人民政府教育督导室', '2026 年 2 月'];
    const read = await builtGbt(`  - title: 工作要求\n    body:\n      - 各校要高度重视，成立由校长任组长的读书节工作小组。\n      - signature: [${names.join(', ')}]\n`);
    const lines = read.pages.flatMap((p) => p.lines);
    const [first, second, date] = names.map((t) => lines.find((l) => norm(l.text) === norm(t))!);
    expect(cells(second.x0) - cells(first.x0)).toBeCloseTo(0, 1);
    expect(cells(date.x0) - cells(first.x0)).toBeCloseTo(2, 1);
    expect(cells(second.x1)).toBeCloseTo(26, 1);
    expect(date.y - second.y).toBeCloseTo(step, 1);
  });
});

describe('headings of the levels (GB/T 9704 7.3.3: 一、（一）1.（1）, the first in 黑体)', () => {
  const cell = (right - left) / 28;
  /** The chapters' headings of the sample: each one's page and line. */
  const chapterHeadings = () =>
    read.outline
      .filter((o) => /^[一二三四五六七八九十]+、/.test(o.title))
      .map((o) => {
        const page = body().find((p) => p.lines.some((l) => norm(l.text) === norm(o.title)))!;
        return { title: o.title, page, line: page.lines.find((l) => norm(l.text) === norm(o.title))! };
      });

  it('sets a chapter’s heading as a paragraph of the body: 三号, two characters in, on a row of the grid', () => {
    const headings = chapterHeadings();
    expect(headings.length).toBe(7);
    for (const { title, page, line } of headings) {
      expect(new Set(page.items.filter((i) => Math.abs(i.y - line.y) < 2).map((i) => Math.round(i.size)))).toEqual(new Set([16]));
      expect(Math.abs(line.x0 - left - 2 * cell), title).toBeLessThan(1);
      const row = (line.y - top) / step;
      expect(Math.abs(row - Math.round(row) - (((step - 16) / 2 + 0.88 * 16) / step - 1)), title).toBeLessThan(0.02);
    }
  });

  it('runs a chapter on after the text before it (no new page), its heading never last on a page', () => {
    const headings = chapterHeadings();
    // a heading the first line of its page only where the page before was full
    const atTop = headings.filter(({ page, line }) => bodyLines(page, top, bottom)[0] === line);
    expect(atTop.length).toBeLessThanOrEqual(1);
    for (const { title, page, line } of headings) {
      const lines = bodyLines(page, top, bottom);
      expect(lines.indexOf(line), title).toBeLessThan(lines.length - 1);
    }
  });

  it('lists each chapter in the contents with the page its heading stands on', () => {
    const entries = contentsEntries(read.pages).filter((e) => /^[一二三四五六七八九十]+/.test(e.title) && !e.title.startsWith('目录'));
    const chapters = entries.filter((e) => chapterHeadings().some((h) => norm(h.title) === e.title));
    expect(chapters.length).toBe(7);
    expect(pagesOfEntries(read.pages, chapters)).toEqual(chapters.map((e) => e.number));
  });
});

describe('an appendix (附件, GB/T 9704 8)', () => {
  const cell = (right - left) / 28;
  const appendices = `appendices:\n  - title: 推荐阅读书目\n    id: books\n    body: [书目见下。]\n  - title: 主题征文汇总表\n    id: essays\n    body: [汇总表见下。]\n`;
  let pdf: ReadPdf;
  beforeAll(async () => {
    pdf = await builtGbt('  - title: 正文\n    body:\n      - 现将有关事项通知如下，汇总表见[[essays]]。\n', appendices);
  });
  /** The row of the grid a baseline stands in, from 0. */
  const rowOf = (y: number) => Math.floor((y - top) / step);

  it('starts a page with 附件 and its number in 黑体 三号 at the top left, its title centred on the third row in 二号', () => {
    for (const [n, title] of [[1, '推荐阅读书目'], [2, '主题征文汇总表']] as const) {
      const page = pdf.pages.find((p) => p.lines.some((l) => norm(l.text) === norm(title)))!;
      const [label, heading] = bodyLines(page, top, bottom);
      expect(norm(label.text)).toBe(`附件${n}`);
      expect(Math.abs(label.x0 - left)).toBeLessThan(1);
      expect(new Set(page.items.filter((i) => Math.abs(i.y - label.y) < 2).map((i) => Math.round(i.size)))).toEqual(new Set([16]));
      expect(rowOf(label.y)).toBe(0);
      expect(norm(heading.text)).toBe(title);
      expect(new Set(page.items.filter((i) => Math.abs(i.y - heading.y) < 2).map((i) => Math.round(i.size)))).toEqual(new Set([22]));
      expect(Math.abs((heading.x0 + heading.x1) / 2 - (left + right) / 2)).toBeLessThan(cell / 2);
      expect(rowOf(heading.y)).toBe(2);
    }
  });

  it('is listed in the contents as 附件 N with its page, and a reference names it so', () => {
    const entries = contentsEntries(pdf.pages).filter((e) => e.title.startsWith('附件'));
    expect(entries.map((e) => e.title)).toEqual([norm('附件 1 推荐阅读书目'), norm('附件 2 主题征文汇总表')]);
    const pages = pdf.pages.filter((p) => /^\d+$/.test(pageLabel(p)));
    expect(entries.map((e) => pageLabel(pages.find((p) => p.lines.some((l) => norm(l.text) === e.title.replace(/^附件\d/, '')))!))).toEqual(entries.map((e) => e.number));
    expect(pdf.pages.flatMap((p) => p.lines).some((l) => norm(l.text).includes(norm('汇总表见附件 2。')))).toBe(true);
  });
});

describe('the only appendix (GB/T 9704 8: 附件 without a number)', () => {
  let pdf: ReadPdf;
  beforeAll(async () => {
    pdf = await builtGbt('  - title: 正文\n    body:\n      - 现将有关事项通知如下，书目见[[books]]。\n', 'appendices:\n  - title: 推荐阅读书目\n    id: books\n    body: [书目见下。]\n');
  });

  it('is labelled 附件 at the top of its page, in the contents, its bookmark and a reference (it said 附件 1)', () => {
    const page = pdf.pages.find((p) => p.lines.some((l) => norm(l.text) === norm('推荐阅读书目')))!;
    expect(norm(bodyLines(page, top, bottom)[0].text)).toBe('附件');
    expect(contentsEntries(pdf.pages).filter((e) => e.title.startsWith('附件')).map((e) => e.title)).toEqual([norm('附件 推荐阅读书目')]);
    expect(pdf.outline.map((o) => o.title)).toContain('附件 推荐阅读书目');
    expect(pdf.pages.flatMap((p) => p.lines).some((l) => norm(l.text).includes(norm('书目见附件。')))).toBe(true);
  });
});

describe('the 附件说明 (GB/T 9704 7.3.4)', () => {
  const cell = (right - left) / 28;
  const rowOf = (y: number) => Math.round((y - top) / step);
  const body = '  - title: 工作要求\n    body:\n      - 各校要高度重视，成立由校长任组长的读书节工作小组。\n      - signature: [静安区教育局, 2026 年 3 月 2 日]\n';
  /** The first page's lines from the last paragraph's to the 落款's date, and the page's text pieces. */
  const closing = async (appendices: string) => {
    const read = await builtGbt(body, appendices);
    const page = read.pages.find((p) => p.lines.some((l) => norm(l.text) === norm('静安区教育局')))!;
    const lines = bodyLines(page, top, bottom);
    const from = lines.findIndex((l) => norm(l.text).endsWith(norm('工作小组。')));
    return { lines: lines.slice(from), items: page.items };
  };

  it('names several appendices after the body, a blank row above, 附件：1. two characters in, each number under the one above, before the 落款', async () => {
    const { lines, items } = await closing('appendices:\n  - title: 推荐阅读书目\n    body: [书目见下。]\n  - title: 上海市静安区第十二届“书香校园”读书节主题征文汇总表及评选结果\n    body: [汇总表见下。]\n');
    const [text, first, second, more, issuer, date] = lines;
    expect([first, second, more].map((l) => norm(l.text))).toEqual([norm('附件：1. 推荐阅读书目'), norm('2. 上海市静安区第十二届“书香校园”读书节主'), norm('题征文汇总表及评选结果')]);
    expect([issuer, date].map((l) => norm(l.text))).toEqual([norm('静安区教育局'), norm('2026 年 3 月 2 日')]);
    // a blank row between the text and 附件说明, and between it and the 落款
    expect([text, first, second, more, issuer].map((l) => rowOf(l.y))).toEqual([0, 2, 3, 4, 6].map((r) => r + rowOf(text.y)));
    expect(first.x0 - left).toBeCloseTo(2 * cell, 0);
    const at = (line: { y: number }, t: string) => items.find((i) => Math.abs(i.y - line.y) < 2 && i.str.startsWith(t))!;
    // 2. under 1., past 附件： (three cells, its colon against the digit a little closed up); the
    // titles, and the second line of the long one, from one column, on a cell
    expect(Math.abs(at(second, '2').x - (at(first, '附件：1.').x + 3 * cell))).toBeLessThan(2);
    expect(at(second, '上').x).toBeCloseTo(at(first, '推').x, 1);
    expect(more.x0).toBeCloseTo(at(first, '推').x, 1);
    expect(((at(first, '推').x - left) / cell) % 1).toBeCloseTo(0, 1);
  });

  it('near a page foot goes on to the next page whole, with the 落款 and the last line of the text (it was parted after 附件：1., its 2. on the next page with the 落款)', async () => {
    // a heading and 17 lines leave 4 rows: the close takes 7 (the last line, a blank row, two items, a blank row, the 落款)
    const lines = Array.from({ length: 17 }, (_, i) => `      - 各校要高度重视第${i + 1}项工作。`).join('\n');
    const read = await builtGbt(`  - title: 工作要求\n    body:\n${lines}\n      - signature: [静安区教育局, 2026 年 3 月 2 日]\n`, 'appendices:\n  - title: 推荐阅读书目\n    body: [书目见下。]\n  - title: 主题征文汇总表\n    body: [汇总表见下。]\n');
    const at = read.pages.findIndex((p) => p.lines.some((l) => l.text.trim().startsWith('附件：')));
    const texts = (k: number) => bodyLines(read.pages[k], top, bottom).map((l) => norm(l.text));
    expect(texts(at)).toEqual([norm('各校要高度重视第17项工作。'), norm('附件：1. 推荐阅读书目'), norm('2. 主题征文汇总表'), norm('静安区教育局'), norm('2026 年 3 月 2 日')]);
    // the page before stands short: its heading and 16 lines
    expect(texts(at - 1).slice(-1)).toEqual([norm('各校要高度重视第16项工作。')]);
    expect(texts(at - 1)).toHaveLength(17);
  });

  it('names the only appendix without a number (附件：名称), and a report without appendices has none', async () => {
    const { lines } = await closing('appendices:\n  - title: 推荐阅读书目^[书目由区图书馆提供。]\n    body: [书目见下。]\n');
    expect(lines.slice(1, 3).map((l) => norm(l.text))).toEqual([norm('附件：推荐阅读书目'), norm('静安区教育局')]);
    const none = await closing('');
    expect(none.lines.map((l) => norm(l.text))).toEqual([norm('各校要高度重视，成立由校长任组长的读书节工作小组。'), norm('静安区教育局'), norm('2026 年 3 月 2 日')]);
  });
});

describe('the number alone of the only appendix ([[id#number]])', () => {
  it('prints nothing, as its label has none (附件, not 附件 1), with the spaces typed beside it, and warns at the text', async () => {
    const input = path.join(mkdtempSync(path.join(tmpdir(), 'imprint-gbt-')), 'r.yaml');
    writeFileSync(input, 'report: {title: 测试, template: gbt9704}\nchapters:\n  - title: 正文\n    body:\n      - 书目见附件 [[books#number]] 所列。\nappendices:\n  - title: 推荐阅读书目\n    id: books\n    body: [书目见下。]\n');
    const built = await buildReport({ input, projectDir: root, packageDir: root, version: 'test' });
    const lines = (await readPdf(built.pdf)).pages.flatMap((p) => p.lines.map((l) => norm(l.text)));
    expect(lines).toContain(norm('书目见附件所列。'));
    expect(built.warnings.map((w) => `${w.pos.line}:${w.pos.col}: ${w.message}`)).toEqual([
      "5:9: [[books#number]] prints nothing: the report's only appendix is labelled without a number (附件); write [[books]] for its label",
    ]);
  });

  it('warns once at a table cell, where it is set, not also at the template where the column is measured', async () => {
    const input = path.join(mkdtempSync(path.join(tmpdir(), 'imprint-gbt-')), 'r.yaml');
    writeFileSync(input, 'report: {title: 测试, template: gbt9704}\nchapters:\n  - title: 正文\n    body:\n      - table:\n          title: 表\n          head: [[甲, 乙]]\n          rows:\n            - ["[[books#number]]", 书目]\nappendices:\n  - title: 推荐阅读书目\n    id: books\n    body: [书目见下。]\n');
    const built = await buildReport({ input, projectDir: root, packageDir: root, version: 'test' });
    expect(built.warnings.map((w) => `${path.basename(w.pos.file)}:${w.pos.line}:${w.pos.col}: ${w.message.slice(0, 36)}`)).toEqual(['r.yaml:9:16: [[books#number]] prints nothing: the']);
  });
});

describe('a heading or title of two lines', () => {
  const long = '上海市静安区第十二届“书香校园”读书节推荐阅读书目';
  const heading = '一、关于在全区各中小学幼儿园和区属单位开展本届“书香校园”读书节活动';
  let pdf: ReadPdf;
  beforeAll(async () => {
    pdf = await builtGbt(`  - title: ${heading.slice(2)}\n    body: [正文。]\n`, `appendices:\n  - title: ${long}\n    body: [书目见下。]\n`);
  });
  /** The lines of a title, read from the PDF: those whose text is part of it, in order. */
  const titleLines = (title: string) => {
    const lines = pdf.pages.flatMap((p) => bodyLines(p, top, bottom).map((l) => ({ ...l, page: p })));
    const first = lines.findIndex((l, i) => norm(l.text + (lines[i + 1]?.text ?? '')).length > 4 && norm(title).startsWith(norm(l.text)) && norm(title).includes(norm(l.text + lines[i + 1].text)));
    return [lines[first], lines[first + 1]];
  };

  it('has no blank row between its lines: a 二号 title a row a line', () => {
    const [a, b] = titleLines(long);
    expect(norm(a.text + b.text)).toBe(norm(long));
    expect(b.y - a.y).toBeCloseTo(step, 1);
  });

  it('breaks between phrases, not inside a quoted name (书香|校园)', () => {
    for (const title of [long, heading]) {
      const lines = titleLines(title);
      expect(norm(lines[0].text + lines[1].text), title).toBe(norm(title));
      for (const l of lines) expect([...l.text].filter((c) => c === '“').length, l.text).toBe([...l.text].filter((c) => c === '”').length);
    }
  });
});
