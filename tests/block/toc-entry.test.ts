/** Contents entries: labels cut off at the ideographic space; titles of one style in one column. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitLabel } from '../../src/block/toc-entry.js';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('contents entries', () => {
  it('cut the label after the first ideographic space, across runs', () => {
    expect(splitLabel([{ text: '案例 4　传承', bold: false }])).toEqual({ label: [{ text: '案例 4　', bold: false }], title: [{ text: '传承', bold: false }] });
    expect(splitLabel([{ text: '前言', bold: false }])).toEqual({ label: [], title: [{ text: '前言', bold: false }] });
    expect(splitLabel([{ text: '1.1', bold: true }, { text: '　基本', bold: false }])).toEqual({
      label: [{ text: '1.1', bold: true }, { text: '　', bold: false }],
      title: [{ text: '基本', bold: false }],
    });
  });

  it('line up the titles of 图表与案例目录 whatever the label (表 1, 案例 1)', () => {
    const { pages } = layoutReport({ input: path.join(root, 'content/jingan-2025.yaml'), projectDir: root, packageDir: root, version: 'test' });
    const listing = pages.find((p) => p.ops.some((o) => o.kind === 'glyphs' && String.fromCodePoint(...o.glyphs.codePoints.flat()).startsWith('图表与案例目录')))!;
    const byLine = new Map<number, GlyphRunOp[]>();
    for (const op of listing.ops) if (op.kind === 'glyphs') byLine.set(op.y, [...(byLine.get(op.y) ?? []), op]);
    const titleStarts = [...byLine.values()]
      .filter((runs) => String.fromCodePoint(...runs[0].glyphs.codePoints.flat()).match(/^(表|案例)\s?\d/))
      .map((runs) => Math.round(runs[1].x * 100) / 100);
    expect(titleStarts.length).toBe(7);
    // one column; a title that opens with “ has the quote's blank trimmed (its ink on the column)
    const quoted = [...byLine.values()].filter((runs) => runs[1] && runs[1].glyphs.codePoints[0][0] === 0x201c).map((r) => Math.round(r[1].x * 100) / 100);
    expect(new Set(titleStarts.filter((x) => !quoted.includes(x))).size).toBe(1);
    expect(quoted.length).toBe(1);
  });

  it('give a label much wider than the others (附录 A beside 1, 2) a column of its own', () => {
    const input = path.join(mkdtempSync(path.join(tmpdir(), 'toc-columns-')), 'r.yaml');
    const chapters = Array.from({ length: 11 }, (_, i) => `  - title: 第${i}章标题\n    body: [正文。]`);
    writeFileSync(input, ['report:', '  title: 栏', 'chapters:', ...chapters, 'appendices:', '  - title: 附录标题甲', '    body: [正文。]', '  - title: 附录标题乙', '    body: [正文。]', ''].join('\n'));
    const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
    const contents = pages.find((p) => p.ops.some((o) => o.kind === 'glyphs' && String.fromCodePoint(...o.glyphs.codePoints.flat()).startsWith('目')))!;
    const runs = contents.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs');
    const xOf = (title: string) => runs.filter((o) => String.fromCodePoint(...o.glyphs.codePoints.flat()).startsWith(title)).map((o) => Math.round(o.x * 100) / 100);
    const chapterTitles = new Set(Array.from({ length: 11 }, (_, i) => xOf(`第${i}章标题`)).flat());
    const appendixTitles = new Set([...xOf('附录标题甲'), ...xOf('附录标题乙')]);
    // 1 … 11 share a column, the appendices another, wider one
    expect(chapterTitles.size).toBe(1);
    expect(appendixTitles.size).toBe(1);
    const [chapter, appendix] = [[...chapterTitles][0], [...appendixTitles][0]];
    const em = 12;
    expect(appendix - chapter).toBeGreaterThan(1.5 * em);
  });

  it('wrap a long title between phrases (after a mark, where Chinese and Latin meet) where one fits', () => {
    const input = path.join(mkdtempSync(path.join(tmpdir(), 'toc-words-')), 'r.yaml');
    const sentence = '学前教育资源从扩容转向提质：调整实践、“基础+绩效”评价模式与区域探索的经验总结';
    const titles = Array.from({ length: 14 }, (_, k) => '青'.repeat(k) + sentence);
    writeFileSync(input, ['report:', '  title: 词', 'chapters:', ...titles.map((t) => `  - title: ${t}\n    body: [正文。]`), ''].join('\n'));
    const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
    const contents = pages.find((p) => p.ops.some((o) => o.kind === 'glyphs' && String.fromCodePoint(...o.glyphs.codePoints.flat()).startsWith('目')))!;
    const byLine = new Map<number, string>();
    for (const op of contents.ops) if (op.kind === 'glyphs') byLine.set(op.y, (byLine.get(op.y) ?? '') + String.fromCodePoint(...op.glyphs.codePoints.flat()));
    const lines = [...byLine.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t.replace(/[\s.·…\d　]/g, ''));
    // after a mark or where Chinese and Latin meet
    const boundaries = (t: string) => new Set([...t].flatMap((ch, i) => (i > 0 && (/[：、“”+]/.test(ch) !== /[：、“”+]/.test(t[i - 1]) || /[A-Za-z0-9]/.test(ch) !== /[A-Za-z0-9]/.test(t[i - 1])) ? [i] : [])));
    let wrapped = 0;
    for (const title of titles) {
      const first = lines.findIndex((l) => title.startsWith(l) && l.length > 4 && l.length < title.length);
      if (first < 0) continue;
      wrapped++;
      expect(boundaries(title).has(lines[first].length), `${lines[first]}|${lines[first + 1]}`).toBe(true);
    }
    expect(wrapped).toBeGreaterThan(10);
  });

  it('never wrap a title between a number and its measure word (2025|年度, 48|项): the number goes down with it', () => {
    const input = path.join(mkdtempSync(path.join(tmpdir(), 'toc-numbers-')), 'r.yaml');
    const sentence = '学校2025年度办学质量自评：对照48项指标逐项自查的情况与整改措施';
    const titles = Array.from({ length: 16 }, (_, k) => '青'.repeat(k) + sentence);
    writeFileSync(input, ['report:', '  title: 数', 'chapters:', ...titles.map((t) => `  - title: ${t}\n    body: [正文。]`), ''].join('\n'));
    const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
    const contents = pages.find((p) => p.ops.some((o) => o.kind === 'glyphs' && String.fromCodePoint(...o.glyphs.codePoints.flat()).startsWith('目')))!;
    const byLine = new Map<number, string>();
    for (const op of contents.ops) if (op.kind === 'glyphs') byLine.set(op.y, (byLine.get(op.y) ?? '') + String.fromCodePoint(...op.glyphs.codePoints.flat()));
    const lines = [...byLine.entries()].sort((a, b) => a[0] - b[0])      // (the label before its ideographic space; the leader and page number after the last line)
      .map(([, t]) => t.replace(/^\d+　/, '').replace(/[.·…][\s.·…\d]*$/, '').replace(/[\s　]/g, ''));
    let wrapped = 0;
    for (let k = 0; k + 1 < lines.length; k++) {
      if (!titles.some((t) => t.startsWith(lines[k]) && lines[k].length < t.length)) continue;
      wrapped++;
      expect(/\d$/.test(lines[k]) && /^[年项]/.test(lines[k + 1]), `${lines[k]}|${lines[k + 1]}`).toBe(false);
    }
    expect(wrapped).toBeGreaterThan(10);
  });

  it('leave at least three leader dots before a page number: a title that would leave fewer breaks between phrases, its marks not squeezed to stay on one line', () => {
    const input = path.join(mkdtempSync(path.join(tmpdir(), 'toc-dots-')), 'r.yaml');
    const sentence = '传承“红”基因，淬炼“蓝”技艺：区域职业教育以文化人的探索';
    const titles = Array.from({ length: 12 }, (_, k) => sentence + '实'.repeat(k));
    writeFileSync(input, ['report:', '  title: 点', 'chapters:', ...titles.map((t) => `  - title: ${t}\n    body: [正文。]`), ''].join('\n'));
    const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
    const contents = pages.find((p) => p.ops.some((o) => o.kind === 'glyphs' && String.fromCodePoint(...o.glyphs.codePoints.flat()).startsWith('目')))!;
    const byLine = new Map<number, GlyphRunOp[]>();
    for (const op of contents.ops) if (op.kind === 'glyphs') byLine.set(op.y, [...(byLine.get(op.y) ?? []), op]);
    const textOf = (o: GlyphRunOp) => String.fromCodePoint(...o.glyphs.codePoints.flat());
    const numbered = [...byLine.values()].filter((runs) => /^\d+$/.test(textOf(runs[runs.length - 1])));
    expect(numbered.length).toBe(12);
    for (const runs of numbered) expect(runs.filter((o) => textOf(o) === '·').length, runs.map(textOf).join('')).toBeGreaterThanOrEqual(3);
    // the marks of a title keep their blanks: each of ，and ： is followed an em later (or ends its line)
    const em = 12;
    for (const runs of byLine.values()) {
      for (const run of runs) {
        run.glyphs.codePoints.forEach((cp, k) => {
          if ((cp[0] === 0xff0c || cp[0] === 0xff1a) && k + 1 < run.glyphs.xs.length) expect(run.glyphs.xs[k + 1] - run.glyphs.xs[k], textOf(run)).toBeCloseTo(em, 1);
        });
      }
    }
  });

  it('of a template that gives an entry its label alone (no title) print nothing for it, as before the leader rule (it crashed: exit 3)', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'toc-label-'));
    const mine = path.join(project, 'templates', 'mine');
    mkdirSync(mine, { recursive: true });
    writeFileSync(path.join(mine, 'theme.yaml'), 'extends: official\n');
    writeFileSync(path.join(mine, 'contents.hbs'), readFileSync(path.join(root, 'templates/official/contents.hbs'), 'utf8').replace('style="toc-2" at="{{titleAt}}">{{label}}{{inline title}}', 'style="toc-2" at="{{titleAt}}">{{label}}'));
    const input = path.join(project, 'r.yaml');
    writeFileSync(input, 'report:\n  title: 标签\n  template: mine\nchapters:\n  - title: 一\n    sections:\n      - title: 节\n        body: [正文。]\n');
    const { pages } = layoutReport({ input, projectDir: project, packageDir: root, version: 'test' });
    expect(pages.length).toBeGreaterThan(2);
  });
});

