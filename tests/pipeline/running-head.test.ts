/**
 * A running head that would take more lines than its margin holds (a report title of many
 * lines) is cut to fit, ends in ……, and is warned of: nothing stands over the paper's edge.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
/** Official's top margin, 30 mm, in pt: a baseline above it is the running head's. */
const TYPE_AREA_TOP = (30 / 25.4) * 72;
const text = (op: GlyphRunOp) => String.fromCodePoint(...op.glyphs.codePoints.flat());

function build(title: string) {
  const input = path.join(mkdtempSync(path.join(tmpdir(), 'running-head-')), 'r.yaml');
  const body = Array.from({ length: 60 }, (_, i) => `      - 第${i}段，${'用来占位的正文。'.repeat(8)}`).join('\n');
  writeFileSync(input, `report:\n  title: ${title}\nchapters:\n  - title: 一\n    body:\n${body}\n`);
  return layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
}

describe('a running head', () => {
  it('too long for its margin is cut to fit, ends in ……, and is warned of at the title', () => {
    const { pages, warnings } = build('超长报告标题'.repeat(60));
    const margin = 12; // pt: official's header offset, kept clear at the paper's edge too
    const heads = pages.flatMap((p) => p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs' && text(o).startsWith('超长')));
    expect(heads.length).toBeGreaterThan(0);
    // every line of it below the paper's top edge by the margin kept there (y: the baseline, pt from the top)
    for (const op of heads) expect(op.y - op.size).toBeGreaterThanOrEqual(margin - 0.01);
    const firstHead = pages.map((p) => p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs' && o.y < TYPE_AREA_TOP)).find((ops) => ops.length > 0)!;
    expect(firstHead.map(text).join('')).toMatch(/^超长报告标题.*……$/);
    expect(warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^the running head or footer is too long for its margin: cut to "超长报告标题.*……"$/));
  });
  it('of two lines that fit is left whole', () => {
    const title = '上海市静安区教育局关于2025年度全区中等职业学校普通高中及九年一贯制学校办学质量与教育教学改革情况的综合评估报告';
    const { pages, warnings } = build(title);
    const head = pages.map((p) => p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs' && o.y < TYPE_AREA_TOP)).find((ops) => ops.length > 0)!;
    expect(head.map(text).join('').replace(/\s/g, '')).toBe(title);
    expect(warnings.filter((w) => w.message.startsWith('the running head'))).toEqual([]);
  });
});
