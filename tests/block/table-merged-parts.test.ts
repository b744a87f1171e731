/**
 * A merged cell whose rows a page break parts: its text is continued across the parts (each
 * line once, tagged) or printed again whole where it fits the part below (an artifact), never
 * repeated into a part too short for it: no row is stretched past what its own cells need (the
 * last row under 续表 was as tall as the whole text again, a big empty row).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';
import { mergedPiece, NONE_SHOWN } from '../../src/block/merged-parts.js';

const root = path.resolve(import.meta.dirname, '../..');
const text = (op: GlyphRunOp) => String.fromCodePoint(...op.glyphs.codePoints.flat());

/** The merged cell's text: a hundred numbered items, some 25 lines in its column. */
const MERGED = Array.from({ length: 100 }, (_, i) => `第${String(i + 1).padStart(3, '0')}项`).join('、');

/** `fillers` paragraphs, then a table of 40 one-line rows under the merged cell and a total row. */
function report(fillers: number): string {
  const rows = Array.from({ length: 40 }, (_, i) => `            - [${i === 0 ? `{text: "${MERGED}", rowspan: 40}, ` : ''}学校${i}, "${i}"]`);
  return [
    'report:',
    '  title: 表',
    'chapters:',
    '  - title: 一',
    '    body:',
    ...Array.from({ length: fillers }, (_, i) => `      - 第${i}段，${'这是表前用来占位的正文文字，说明有关情况。'.repeat(3)}`),
    '      - table:',
    '          title: 合并单元格',
    '          columns: [地区, 学校, 人数]',
    '          widths: [2, 1, 1]',
    '          rows:',
    ...rows,
    '            - [合计, 全部, "999"]',
    '',
  ].join('\n');
}

/** Each page's glyph runs of the merged cell (its column, left of 200 pt) and of the 学校 column's rows. */
function laidOut(fillers: number) {
  const input = path.join(mkdtempSync(path.join(tmpdir(), 'merged-parts-')), 'r.yaml');
  writeFileSync(input, report(fillers));
  return layoutReport({ input, projectDir: root, packageDir: root, version: 'test' }).pages.map((p) => {
    const glyphs = p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs');
    return { merged: glyphs.filter((o) => o.x < 200 && text(o).includes('项')), rows: glyphs.filter((o) => /^(学校\d+|全部)$/.test(text(o))) };
  });
}

describe('a merged cell whose rows a page break parts', () => {
  it('continues its text across the parts or repeats it where it fits, and stretches no row (the table starting anywhere on its page)', () => {
    let continued = 0;
    for (let fillers = 0; fillers <= 12; fillers += 3) {
      const pages = laidOut(fillers);
      // every row one line: the rows of each page evenly spaced, the part under 续表 too
      for (const { rows } of pages) {
        const gaps = rows.slice(1).map((o, i) => o.y - rows[i].y);
        for (const g of gaps) expect(g, `fillers ${fillers}`).toBeCloseTo(gaps[0], 0);
      }
      // the text once in the structure (tagged), in order; a copy (untagged) only whole
      const tagged = pages.flatMap((p) => p.merged.filter((o) => o.tag).map(text));
      expect(tagged.join(''), `fillers ${fillers}`).toBe(MERGED);
      for (const { merged } of pages) {
        const copy = merged.filter((o) => !o.tag).map(text);
        if (copy.length) expect(copy.join(''), `fillers ${fillers}`).toBe(MERGED);
      }
      if (pages.filter((p) => p.merged.some((o) => o.tag)).length > 1) continued++;
    }
    // (the text does go on from one page to the next for some of these starts)
    expect(continued).toBeGreaterThan(0);
  });
});

describe('mergedPiece', () => {
  it('shows a text that fits the first part there, and again whole in a later part it fits, else nothing', () => {
    const first = mergedPiece(3, 5, NONE_SHOWN, true, false);
    expect(first).toEqual({ from: 0, to: 3, again: false, top: false, shown: { lines: 3, parted: false } });
    expect(mergedPiece(3, 4, first.shown, false, true)).toMatchObject({ from: 0, to: 3, again: true });
    expect(mergedPiece(3, 2, first.shown, false, true)).toMatchObject({ from: 0, to: 0, again: false });
  });

  it('parts a text taller than the first part: the lines that fit there, the rest from the next part\'s top, each once', () => {
    const first = mergedPiece(10, 4, NONE_SHOWN, true, false);
    expect(first).toEqual({ from: 0, to: 4, again: false, top: true, shown: { lines: 4, parted: true } });
    const middle = mergedPiece(10, 3, first.shown, false, false);
    expect(middle).toMatchObject({ from: 4, to: 7, again: false, top: true });
    // the last part holds the rest, however tall; a part after the text ends shows nothing (not again)
    const last = mergedPiece(10, 2, middle.shown, false, true);
    expect(last).toMatchObject({ from: 7, to: 10, again: false });
    expect(mergedPiece(10, 20, last.shown, false, true)).toMatchObject({ from: 0, to: 0, again: false });
  });
});
