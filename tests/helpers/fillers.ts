/**
 * Reports laid out after fillers of every length: chapters that each start with `n` one-line
 * paragraphs (n growing by one a chapter), so what follows them falls at every place of a page,
 * a page end among them; and where a text of them stands.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const text = (op: GlyphRunOp) => String.fromCodePoint(...op.glyphs.codePoints.flat());

/** The pages of a report titled `title` whose chapter c holds `fillers[c]` one-line paragraphs, then the body lines `tail(c)` (YAML, indented for a chapter's body). */
export function layoutAfterFillers(title: string, fillers: number[], tail: (c: number) => string[]): ReturnType<typeof layoutReport>['pages'] {
  const chapters = fillers.map((n, c) => [`  - title: 第${c}章`, '    body:', ...Array.from({ length: n }, (_, i) => `      - 填充段落${c}之${i}。`), ...tail(c)]);
  const dir = mkdtempSync(path.join(tmpdir(), 'fillers-'));
  const input = path.join(dir, 'report.yaml');
  writeFileSync(input, ['report:', `  title: ${title}`, 'chapters:', ...chapters.flat(), ''].join('\n'));
  return layoutReport({ input, projectDir: root, packageDir: root, version: 'test' }).pages;
}

/** The pages (indexes from 0) of the runs of text that `re` matches, by the number its first group reads. */
export function pagesOfText(pages: ReturnType<typeof layoutReport>['pages'], re: RegExp): Map<number, Set<number>> {
  const on = new Map<number, Set<number>>();
  pages.forEach((p, n) =>
    p.ops.forEach((o) => {
      const m = o.kind === 'glyphs' && text(o).match(re);
      if (m) on.set(Number(m[1]), (on.get(Number(m[1])) ?? new Set()).add(n));
    }),
  );
  return on;
}
