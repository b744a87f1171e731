/**
 * Page-level rules on the sample report, with both templates, read from the laid-out pages:
 * no short box split across pages, no chapter ending with a line or two alone on a page.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DrawPage, GlyphRunOp, StructTag } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const sample = path.join(root, 'content/jingan-2025.yaml');

/** The sample, with the template given. */
function samplePages(template: string): DrawPage[] {
  let input = sample;
  if (template !== 'official') {
    const dir = mkdtempSync(path.join(tmpdir(), 'sample-pages-'));
    input = path.join(dir, 'sample.yaml');
    const text = readFileSync(sample, 'utf8').replace(/^report:$/m, `report:\n  template: ${template}`);
    writeFileSync(input, text);
  }
  return layoutReport({ input, projectDir: root, packageDir: root, version: 'test' }).pages;
}

const within = (tag: StructTag | undefined, role: string): StructTag | undefined => (!tag || tag.role === role ? tag : within(tag.parent, role));
const glyphs = (page: DrawPage) => page.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs' && o.tag !== undefined);
/** Text lines of the flow on a page (baselines of tagged glyphs: running heads and page numbers are not tagged). */
const lineCount = (page: DrawPage) => new Set(glyphs(page).map((o) => o.y.toFixed(1))).size;

describe.each(['official', 'gbt9704'])('the sample with the %s template', (template) => {
  const pages = samplePages(template);

  it('has no box of ≤ 5 lines split across pages', () => {
    const boxes = new Map<string, { pages: Set<number>; lines: Set<string> }>();
    pages.forEach((page, n) => {
      for (const o of glyphs(page)) {
        const box = within(o.tag, 'Div');
        if (!box) continue;
        const seen = boxes.get(box.id) ?? { pages: new Set(), lines: new Set() };
        seen.pages.add(n);
        seen.lines.add(`${n}@${o.y.toFixed(1)}`);
        boxes.set(box.id, seen);
      }
    });
    expect(boxes.size).toBeGreaterThan(3);
    const split = [...boxes].filter(([, b]) => b.lines.size <= 5 && b.pages.size > 1).map(([id, b]) => `${id}: ${b.lines.size} lines on pages ${[...b.pages].map((p) => p + 1)}`);
    expect(split).toEqual([]);
  });

  it('ends no chapter with ≤ 2 lines alone on its last page', () => {
    const starts = pages.flatMap((page, n) => (glyphs(page).some((o) => o.tag?.role === 'H1') ? [n] : []));
    expect(starts.length).toBeGreaterThan(4);
    const tails = starts.map((start, k) => {
      let last = (starts[k + 1] ?? pages.length) - 1;
      while (last > start && lineCount(pages[last]) === 0) last--; // a blank verso
      return { page: last + 1, lines: lineCount(pages[last]), alone: last > start };
    });
    expect(tails.filter((t) => t.alone && t.lines <= 2)).toEqual([]);
  });
});
