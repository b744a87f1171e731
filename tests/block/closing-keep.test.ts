/**
 * The close of a GB/T 9704 body (7.3.4, 7.3.5): the 附件说明 (附件：1. …, 2. …) and the 落款 (issuer
 * and date) after the text. With the text ending near a page's foot, the 附件说明 was parted
 * after its first item, its second on the next page with the 落款 (and keeping the list
 * together left the 落款 alone on a page). Now the 附件说明 and the 落款 stand on one page, with
 * the text's last line: they move whole to the next page, with that line, the page before
 * standing short. After body texts of every length, so that the close falls at every place of
 * a page (each a chapter of its own report, laid out to its pages).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'closing-keep-'));
const text = (op: GlyphRunOp) => String.fromCodePoint(...op.glyphs.codePoints.flat());

/** A gbt9704 report: `preface` one-line paragraphs before a chapter of `n`, a 落款, and `appendices` appendices (the 附件说明 names them). */
function pagesOf(n: number, appendices: number, signature = true, preface = 0): string[][] {
  const input = path.join(dir, `r${n}-${appendices}-${preface}.yaml`);
  writeFileSync(
    input,
    [
      'report: {title: 测试, template: gbt9704}',
      ...(preface ? ['preface:', '  body:', ...Array.from({ length: preface }, (_, i) => `    - 现将第${i + 1}项有关事项通知如下。`)] : []),
      'chapters:',
      '  - title: 工作要求',
      '    body:',
      ...Array.from({ length: n }, (_, i) => `      - 各校要高度重视第${i + 1}项工作。`),
      ...(signature ? ['      - signature: [静安区教育局, 2026 年 3 月 2 日]'] : []),
      ...(appendices ? ['appendices:'] : []),
      ...Array.from({ length: appendices }, (_, i) => `  - title: 附件名称${i + 1}\n    body: [见下。]`),
      '',
    ].join('\n'),
  );
  const { pages } = layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
  return pages.map((p) => p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs').map(text));
}

/** The page (index) whose text holds a piece matching `re`. */
const pageWith = (pages: string[][], re: RegExp) => pages.findIndex((p) => p.some((t) => re.test(t)));

describe('the 附件说明 and the 落款 at a page end', () => {
  it('stand on one page, with the last line of the text, whatever the length of the text', () => {
    const parted: string[] = [];
    for (const appendices of [1, 2, 3])
      for (let n = 10; n <= 46; n++) {
        const pages = pagesOf(n, appendices);
        const on = {
          text: pageWith(pages, new RegExp(`第${n}项工作`)),
          first: pageWith(pages, /^附件：/),
          // (the last item's marker: 2., 3.; the only one is 附件：名称)
          last: pageWith(pages, appendices > 1 ? new RegExp(`^${appendices}\\.$`) : /^附件：/),
          issuer: pageWith(pages, /^静安区教育局$/),
          date: pageWith(pages, /^2026/),
        };
        if (new Set(Object.values(on)).size !== 1) parted.push(`${appendices} appendices after ${n} lines: ${JSON.stringify(on)}`);
      }
    expect(parted).toEqual([]);
  });

  it('the 落款 without a 附件说明 stands on the page of the text’s last line, never alone on a page (落款页须有正文)', () => {
    const alone: string[] = [];
    // (a chapter of two one-line paragraphs closing the text: its heading kept with the first, the 落款 left alone on a page)
    for (let preface = 10; preface <= 46; preface++) {
      const pages = pagesOf(2, 0, true, preface);
      const on = [pageWith(pages, /第2项工作/), pageWith(pages, /^静安区教育局$/), pageWith(pages, /^2026/)];
      if (new Set(on).size !== 1) alone.push(`after ${preface} lines: ${on.join(' ')}`);
    }
    expect(alone).toEqual([]);
  });

  it('the 附件说明 without a 落款 stands whole on one page, with the last line of the text', () => {
    const parted: string[] = [];
    for (let n = 10; n <= 46; n++) {
      const pages = pagesOf(n, 3, false);
      const on = [pageWith(pages, new RegExp(`第${n}项工作`)), pageWith(pages, /^附件：/), pageWith(pages, /^3\.$/)];
      if (new Set(on).size !== 1) parted.push(`after ${n} lines: ${on.join(' ')}`);
    }
    expect(parted).toEqual([]);
  });
});
