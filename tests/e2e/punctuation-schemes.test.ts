/**
 * The theme's punctuation scheme, end to end: a project whose theme says `none`, `kaiming` or
 * `gb` sets the same text with the marks' widths of that scheme.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutReport } from '../../src/pipeline.js';
import type { GlyphRunOp } from '../../src/page/draw.js';

const root = path.resolve(import.meta.dirname, '../..');
const text = '甲说：“好。”乙，丙、丁。';

/**
 * Distances (em) from each glyph's origin to the next one's, as drawn. A mark whose left blank
 * is removed is drawn half an em further left, so its origin may coincide with its neighbour's.
 */
function advances(scheme: string): number[] {
  const project = mkdtempSync(path.join(tmpdir(), `imprint-${scheme}-`));
  cpSync(path.join(root, 'templates/official'), path.join(project, 'templates/official'), { recursive: true });
  const theme = path.join(project, 'templates/official/theme.yaml');
  writeFileSync(theme, readFileSync(theme, 'utf8').replace(/^punctuation: \w+/m, `punctuation: ${scheme}`));
  const input = path.join(project, 'r.yaml');
  writeFileSync(input, `report:\n  title: 标点\nchapters:\n  - title: 一\n    body:\n      - ${text}\n`);
  const pages = layoutReport({ input, projectDir: project, packageDir: root, version: 'test' }).pages;
  for (const p of pages) {
    const runs = p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs');
    const run = runs.find((r) => String.fromCodePoint(...r.glyphs.codePoints.flat()).startsWith('甲说'));
    if (run) return run.glyphs.xs.slice(1).map((x, i) => Math.round(((x - run.glyphs.xs[i]) / run.size) * 100) / 100);
  }
  throw new Error('paragraph not found');
}

describe('punctuation schemes from the theme', () => {
  // from:                    甲 说  ：   “  好  。   ”  乙  ，  丙 、 丁
  it('gb: adjacent marks share a blank (：“ and 。” take 1.5 em), single marks are full', () => {
    expect(advances('gb')).toEqual([1, 1, 0.5, 1, 1, 0.5, 1, 1, 1, 1, 1, 1]);
  });
  it('none: every mark a full em', () => {
    expect(advances('none')).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });
  it('kaiming: pause marks and quotes half (：“ together 1 em), the full stop whole', () => {
    expect(advances('kaiming')).toEqual([1, 1, 0, 1, 1, 1, 0.5, 1, 0.5, 1, 0.5, 1]);
  });
});
