/**
 * A group of rows joined by a merged cell (`rowspan`) that does not fit the rest of a page is
 * broken between its rows where moving it whole would leave more than a quarter of the page
 * empty (a page was left 40 % white before six tall rows): the rows that fit end the page, the
 * others go on under 续表 and the repeated header, the merged cell's text printed on both pages
 * (the copy an artifact). Where moving it leaves little white, it moves whole, as before.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';
import { groupedReport } from '../helpers/grouped-table.js';

const root = path.resolve(import.meta.dirname, '../..');
const text = (op: GlyphRunOp) => String.fromCodePoint(...op.glyphs.codePoints.flat());
/** The laid-out pages of the report, each as its glyph runs. */
function pagesOf(yaml: string): GlyphRunOp[][] {
  const input = path.join(mkdtempSync(path.join(tmpdir(), 'group-breaks-')), 'r.yaml');
  writeFileSync(input, yaml);
  const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
  return pages.map((p) => p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs'));
}

const pagesWith = (pages: GlyphRunOp[][], t: string) => pages.flatMap((p, n) => (p.some((o) => text(o) === t) ? [n] : []));

/** The official theme's type area on A4, pt from the page's top. */
const [typeTop, typeBottom] = [(30 / 25.4) * 72, 842 - (30 / 25.4) * 72];
const quarter = (typeBottom - typeTop) / 4;

describe('a group of rows joined by a merged cell', () => {
  it('is broken between its rows rather than leave a large hole: the merged cell printed again under 续表, as an artifact', () => {
    const pages = pagesOf(groupedReport(9));
    const first = pagesWith(pages, '项目1之0')[0];
    // its first rows stand on the page of the caption, the others on the next under 续表
    expect(pagesWith(pages, '表1　专业群建设项目')).toContain(first);
    const rows = Array.from({ length: 6 }, (_, i) => pagesWith(pages, `项目1之${i}`)[0]);
    expect(rows.filter((p) => p === first).length).toBeGreaterThanOrEqual(2);
    expect(rows[5]).toBe(first + 1);
    expect(pagesWith(pages, '续表1')).toContain(first + 1);
    // the merged cell (专业|群1) on both pages, tagged once: the copy is an artifact
    const merged = [first, first + 1].map((n) => pages[n].filter((o) => text(o) === '群1'));
    expect(merged.map((m) => m.length)).toEqual([1, 1]);
    expect(merged[0][0].tag).toBeDefined();
    expect(merged[1][0].tag).toBeUndefined();
  });
  it('moves whole to the next page where that leaves a quarter of the page or less empty, and is broken only where it would leave more', () => {
    // (fillers of every count: the table starts at every place near a page's foot)
    for (let fillers = 8; fillers <= 13; fillers++) {
      const pages = pagesOf(groupedReport(fillers));
      const lowest = (n: number) => Math.max(...pages[n].filter((o) => o.y < typeBottom).map((o) => o.y));
      for (const g of [1, 2, 3]) {
        const on = [...new Set(Array.from({ length: 6 }, (_, i) => pagesWith(pages, `项目${g}之${i}`)[0]))];
        const cell = pages[on[0]].find((o) => text(o) === `项目${g}之0`)!;
        if (on.length === 1 && cell.y < typeTop + 100) {
          // moved whole: the page before ends a quarter of the page or less above the type area's foot
          expect(typeBottom - lowest(on[0] - 1), `fillers ${fillers}, group ${g}`).toBeLessThanOrEqual(quarter + 20);
        } else if (on.length > 1) {
          // broken: the page it starts on is filled to within a quarter
          expect(typeBottom - lowest(on[0]), `fillers ${fillers}, group ${g}`).toBeLessThan(quarter);
        }
      }
    }
  });

  it('of 2,000 rows under one merged cell is laid out, each row once and in order, under 续表 on each page after the first', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `              - [${i === 0 ? '{text: 全区学校, rowspan: 2000}, ' : ''}学校${i}, "${100 + i}"]`);
    const yaml = ['report:', '  title: 长表', 'chapters:', '  - title: 第一章', '    body:', '          - table:', '              title: 学校名单', '              columns: [区域, 学校, 人数]', '              rows:', ...rows, ''].join('\n');
    const pages = pagesOf(yaml);
    const pagesOfText = new Map<string, number[]>();
    pages.forEach((p, n) => p.forEach((o) => pagesOfText.set(text(o), [...(pagesOfText.get(text(o)) ?? []), n])));
    const found = Array.from({ length: 2000 }, (_, i) => pagesOfText.get(`学校${i}`) ?? []);
    expect(found.every((p) => p.length === 1)).toBe(true);
    expect(found.every((p, i) => i === 0 || p[0] >= found[i - 1][0])).toBe(true);
    expect(pagesWith(pages, '续表1').length).toBeGreaterThan(50);
  });
});

