/**
 * A list item that heads a nested list keeps with it as a heading keeps with what follows: after
 * fillers of every length (one chapter each, so some item falls at a page end), the item's text
 * never ends a page with its first sub-item on the next.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const text = (op: GlyphRunOp) => String.fromCodePoint(...op.glyphs.codePoints.flat());

/** Chapters of `n` one-line paragraphs then a list whose second item heads a nested list. */
function report(fillers: number[]): string {
  const chapters = fillers.map((n, c) => [
    `  - title: 第${c}章`,
    '    body:',
    ...Array.from({ length: n }, (_, i) => `      - 填充段落${c}之${i}。`),
    '      - list:',
    '          style: 一、',
    '          items:',
    `            - 首项${c}。`,
    `            - text: 领项${c}（10 月 8 日—10 月 24 日）`,
    '              list:',
    '                style: （一）',
    `                items: [子项${c}甲。, 子项${c}乙。]`,
    `            - 末项${c}。`,
  ]);
  return ['report:', '  title: 列表', 'chapters:', ...chapters.flat(), ''].join('\n');
}

describe('a list item heading a nested list', () => {
  it('is never the last line of a page, its sub-items on the next', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'list-keep-'));
    const input = path.join(dir, 'lists.yaml');
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
    const heads = pageOf(/^领项(\d+)/);
    const subs = pageOf(/^子项(\d+)甲/);
    expect(heads.size).toBe(fillers.length);
    const alone = [...heads].filter(([c, n]) => subs.get(c) !== n).map(([c]) => `领项${c}`);
    expect(alone).toEqual([]);
  });
});
