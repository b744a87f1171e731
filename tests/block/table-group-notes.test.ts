/**
 * A group of rows joined by a rowspan that fits a page alone but not with the footnotes its
 * cells hold is cut between its lines, so each note stands whole at the foot of its marker's
 * page (the group was one block, placed whole at a page top, its notes going on to the next).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const text = (op: GlyphRunOp) => String.fromCodePoint(...op.glyphs.codePoints.flat());

describe('a group of rows joined by a rowspan', () => {
  it('with footnotes is cut between lines when it fits a page only without its notes: no row over the notes or past the type area', () => {
    const note = '这是一条较长的脚注，说明本行数据的来源、统计口径以及与上一学年相比发生变化的原因。'.repeat(2);
    const rows = Array.from({ length: 26 }, (_, i) => `            - [${i === 0 ? '{text: 一年级, rowspan: 26}, ' : ''}一（${i + 1}）班, "${30 + i}", "${i % 4 === 0 ? `备注^[${note}]` : '无'}"]`);
    const yaml = ['report:', '  title: 表', 'chapters:', '  - title: 一', '    body:', '      - 表前的一段文字。', '      - table:', '          title: 各班级情况', '          columns: [年级, 班级, 人数, 备注]', '          rows:', ...rows, ''].join('\n');
    const input = path.join(mkdtempSync(path.join(tmpdir(), 'group-notes-')), 'r.yaml');
    writeFileSync(input, yaml);
    const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
    const typeAreaBottom = 842 - (30 / 25.4) * 72; // A4, official's 30 mm bottom margin
    let seen = 0;
    let noted = 0;
    for (const page of pages) {
      const glyphs = page.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs');
      // a note's first line: its marker at the type area's left edge, in the footnote size (a marker in a cell is smaller, further right)
      const notes = glyphs.filter((o) => /^[①-⑳]/.test(text(o)) && o.size >= 8 && o.x < 80);
      const markers = glyphs.filter((o) => /^[①-⑳]$/.test(text(o)) && o.x >= 80);
      // each note at the foot of its marker's page, whole (none continued from the page before)
      expect(notes.length).toBe(markers.length);
      noted += notes.length;
      const noteTop = Math.min(typeAreaBottom, ...notes.map((o) => o.y - o.size));
      const cells = glyphs.filter((o) => /^一（\d+）班$/.test(text(o)));
      seen += cells.length;
      for (const c of cells) expect(c.y).toBeLessThanOrEqual(noteTop);
    }
    expect(noted).toBe(7);
    expect(seen).toBe(26);
  });
  it('that is the first of its table and near a page tall is cut between lines: the caption and header never end a page without a row', () => {
    // right under the chapter's title, which keeps with the caption: title, caption, header and group are more than a page, the group alone under the header less
    const rows = Array.from({ length: 28 }, (_, i) => `            - [${i === 0 ? '{text: 一年级, rowspan: 28}, ' : ''}一（${i + 1}）班, "${30 + i}", 无]`);
    const yaml = ['report:', '  title: 表', 'chapters:', '  - title: 一', '    body:', '      - table:', '          title: 各班级情况', '          columns: [年级, 班级, 人数, 备注]', '          rows:', ...rows, ''].join('\n');
    const input = path.join(mkdtempSync(path.join(tmpdir(), 'group-first-')), 'r.yaml');
    writeFileSync(input, yaml);
    const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
    const pageOf = (t: string) => pages.findIndex((p) => p.ops.some((o) => o.kind === 'glyphs' && text(o) === t));
    // the header cell 班级 and the first row on one page
    expect(pageOf('班级')).toBeGreaterThanOrEqual(0);
    expect(pageOf('一（1）班')).toBe(pageOf('班级'));
  });
});

describe('a table of few rows', () => {
  it('is never broken: its first two rows and its last two stay together, wherever it falls (GB/T page, rows off the grid)', () => {
    // fillers of every length, so the table starts at every place near a page's foot
    for (let n = 8; n <= 22; n++) {
      const filler = Array.from({ length: n }, (_, i) => `      - 第${i}段，${'表前用来占位的正文。'.repeat(2)}`);
      const yaml = ['report:', '  title: 表', '  template: gbt9704', 'chapters:', '  - title: 一', '    body:', ...filler, '      - table:', '          title: 两行', '          columns: [学校, 人数]', '          rows:', '            - [市北职高, "45"]', '            - [逸夫职校, "38"]', ''].join('\n');
      const input = path.join(mkdtempSync(path.join(tmpdir(), 'two-rows-')), 'r.yaml');
      writeFileSync(input, yaml);
      const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
      const pageOf = (t: string) => pages.findIndex((p) => p.ops.some((o) => o.kind === 'glyphs' && text(o) === t));
      expect(pageOf('逸夫职校')).toBe(pageOf('市北职高'));
      expect(pageOf('市北职高')).toBe(pageOf('学校'));
    }
  });
});

