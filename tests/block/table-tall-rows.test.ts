/**
 * A row of many lines (a long text beside short cells) stands as any row does: whole on its page,
 * its short cells centred on it. Only where the page must break inside it (moving it whole would
 * leave more than a quarter of the page empty, as a group of merged rows) is it cut between lines,
 * its cells top-aligned so each goes on line by line. (A row of more than four lines was always
 * cut so: its numbers stood on its first line while those of the rows of three lines around it
 * stood in their middle.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const text = (op: GlyphRunOp) => String.fromCodePoint(...op.glyphs.codePoints.flat());

/** Each table cell of the report laid out from `yaml`, by its text (lines joined): the page (from 0) and baseline of each of its lines. */
function cellsOf(yaml: string): Map<string, { page: number; y: number }[]> {
  const input = path.join(mkdtempSync(path.join(tmpdir(), 'tall-rows-')), 'r.yaml');
  writeFileSync(input, yaml);
  const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
  const byTag = new Map<string, { text: string; page: number; y: number }[]>();
  pages.forEach((p, page) => {
    for (const op of p.ops) {
      if (op.kind !== 'glyphs' || op.tag?.role !== 'TD') continue;
      const lines = byTag.get(op.tag.id) ?? [];
      const line = lines.find((l) => l.page === page && Math.abs(l.y - op.y) < 0.01);
      if (line) line.text += text(op);
      else lines.push({ text: text(op), page, y: op.y });
      byTag.set(op.tag.id, lines);
    }
  });
  return new Map([...byTag.values()].map((lines) => [lines.map((l) => l.text).join(''), lines.map(({ page, y }) => ({ page, y }))]));
}

const LONG = '围绕专业群建设开展课程改革，完善人才培养方案，推进校企合作与产教融合，建设实训基地。';

/** `fillers` paragraphs of three lines, then a table of three schools, the second's measures `long` times the first's (about two lines a time). */
const report = (fillers: number, long: number) =>
  [
    'report:',
    '  title: 高行',
    'chapters:',
    '  - title: 第一章',
    '    body:',
    ...Array.from({ length: fillers }, (_, i) => `      - 第${i}段，${'这是表前用来占位的正文文字，说明有关情况。'.repeat(3)}`),
    '      - table:',
    '          title: 各校主要举措',
    '          columns: [学校, 主要举措, 经费（万元）]',
    '          widths: [1, 3, 1]',
    '          rows:',
    `            - [甲校, "${LONG.repeat(1)}", "101"]`,
    `            - [乙校, "${LONG.repeat(long)}", "202"]`,
    `            - [丙校, 完善人才培养方案。, "303"]`,
    '',
  ].join('\n');

/** Where a short cell stands in the row of a long one: its baseline as a fraction of the way from the long cell's first line to its last (0.5: centred). */
const placeIn = (short: { y: number }, long: { y: number }[]) => (short.y - long[0].y) / (long[long.length - 1].y - long[0].y);

describe('a row of many lines', () => {
  it('standing whole on its page has its short cells centred on it, as the rows of fewer lines around it', () => {
    const cells = cellsOf(report(0, 3));
    const tall = cells.get(LONG.repeat(3))!;
    expect(tall.length).toBeGreaterThan(4);
    expect(new Set(tall.map((l) => l.page)).size).toBe(1);
    for (const short of ['乙校', '202']) expect(placeIn(cells.get(short)![0], tall), short).toBeCloseTo(0.5, 2);
    // the rows of fewer lines (two or three) alike
    const first = cells.get(LONG)!;
    expect(first.length).toBeGreaterThan(1);
    expect(placeIn(cells.get('101')![0], first)).toBeCloseTo(0.5, 2);
  });

  it('breaks between its lines, its cells top-aligned, where moving it whole would leave more than a quarter of the page; else it moves whole', () => {
    let broken = 0;
    let whole = 0;
    for (let fillers = 6; fillers <= 16; fillers++) {
      const cells = cellsOf(report(fillers, 8));
      const tall = cells.get(LONG.repeat(8))!;
      const pages = [...new Set(tall.map((l) => l.page))];
      const number = cells.get('202')!;
      if (pages.length === 1) {
        whole++;
        expect(placeIn(number[0], tall), `fillers ${fillers}`).toBeCloseTo(0.5, 2);
      } else {
        broken++;
        // on the first page, on the row's first line; the text goes on, line by line, on the next
        expect(pages, `fillers ${fillers}`).toEqual([pages[0], pages[0] + 1]);
        expect(number.length).toBe(1);
        expect(number[0].page).toBe(pages[0]);
        expect(number[0].y).toBeCloseTo(tall[0].y, 2);
        expect(tall.filter((l) => l.page === pages[0]).length, `fillers ${fillers}`).toBeGreaterThanOrEqual(2);
        expect(tall.filter((l) => l.page === pages[1]).length, `fillers ${fillers}`).toBeGreaterThanOrEqual(2);
      }
    }
    expect(broken).toBeGreaterThan(0);
    expect(whole).toBeGreaterThan(0);
  });
});
