/**
 * The title of the list of tables, cases and figures: worded by what it lists (a 统计公报 of
 * tables and figures printed 图表与案例目录 over a list without one case).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-listing-title-'));

const TABLE = '      - table: {title: 学校数, columns: [类别, 所], rows: [[小学, 34]]}\n';
const CASE = '      - case: {title: 一所学校, body: [做法。]}\n';
const FIGURE = '      - figure: {title: 在校生, image: chart.svg, width: 30%}\n';

/** The headings (H, the text of one line) of the front matter of a report whose body holds `blocks`. */
function frontTitles(blocks: string): string[] {
  const file = path.join(dir, `r${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path.join(dir, 'chart.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect width="100" height="50" fill="#369"/></svg>');
  writeFileSync(file, `report:\n  title: 公报\nchapters:\n  - title: 综合\n    body:\n      - 正文。\n${blocks}`);
  const { pages } = layoutReport({ input: file, projectDir: root, packageDir: root, version: 'test' });
  return pages.flatMap((p) => {
    const runs = p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs' && o.tag?.role === 'H');
    return runs.length ? [runs.map((o) => String.fromCodePoint(...o.glyphs.codePoints.flat())).join('')] : [];
  }).filter((t) => t.endsWith('目录') && !t.startsWith('目'));
}

describe('the list of tables, cases and figures', () => {
  it('is titled by what it lists: 图表目录, 表格目录, 插图目录; 图表与案例目录 when it lists a case', () => {
    expect(frontTitles(TABLE + FIGURE)).toEqual(['图表目录']);
    expect(frontTitles(TABLE)).toEqual(['表格目录']);
    expect(frontTitles(FIGURE)).toEqual(['插图目录']);
    expect(frontTitles(TABLE + CASE + FIGURE)).toEqual(['图表与案例目录']);
    expect(frontTitles(CASE)).toEqual(['图表与案例目录']);
  });
});
