/**
 * A heading keeps with the first lines of text after it, not only with the paragraph after it:
 * a one-line paragraph under a heading (a text's author, 〔宋〕周敦颐, under its title) never
 * ends a page with the heading above it and the text on the next. After fillers of every length
 * (one chapter each, so some heading falls at a page end), the line under each heading stands on
 * the page of the first line of the paragraph after it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const text = (op: GlyphRunOp) => String.fromCodePoint(...op.glyphs.codePoints.flat());

/** Chapters of `n` one-line paragraphs, then a heading, a one-line paragraph and a long one. */
function report(fillers: number[]): string {
  const chapters = fillers.map((n, c) => [
    `  - title: 第${c}章`,
    '    body:',
    ...Array.from({ length: n }, (_, i) => `      - 填充段落${c}之${i}。`),
    `      - heading: 小标题${c}`,
    `      - 〔宋〕作者${c}`,
    `      - 正文${c}甲${'水陆草木之花，可爱者甚蕃。'.repeat(12)}`,
  ]);
  return ['report:', '  title: 标题', 'chapters:', ...chapters.flat(), ''].join('\n');
}

describe('a heading followed by a one-line paragraph', () => {
  it('never ends a page with that line, the text after it on the next', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'heading-keep-'));
    const input = path.join(dir, 'headings.yaml');
    const fillers = Array.from({ length: 16 }, (_, i) => 16 + i);
    writeFileSync(input, report(fillers));
    const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
    const pageOf = (re: RegExp) => {
      const on = new Map<number, number>();
      pages.forEach((p, n) =>
        p.ops.forEach((o) => {
          const m = o.kind === 'glyphs' && text(o).match(re);
          if (m) on.set(Number(m[1]), n);
        }),
      );
      return on;
    };
    const authors = pageOf(/作者(\d+)/);
    const texts = pageOf(/^正文(\d+)甲/);
    expect(authors.size).toBe(fillers.length);
    const alone = [...authors].filter(([c, n]) => texts.get(c) !== n).map(([c]) => `作者${c}`);
    expect(alone).toEqual([]);
  });
});
