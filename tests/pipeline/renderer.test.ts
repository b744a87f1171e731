/**
 * An output is a renderer (render/renderer.ts): one that is not the PDF's is handed to the
 * pipeline and gets the same finished pages, the document's information and the open fonts.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutReport, newBuildCache, renderReport } from '../../src/pipeline.js';
import type { Renderer, RenderInput } from '../../src/render/renderer.js';

const root = path.resolve(import.meta.dirname, '../..');
const options = { input: path.join(root, 'content/jingan-2025.yaml'), projectDir: root, packageDir: root, version: 'test' };

describe('a renderer', () => {
  it('other than the PDF is plugged into the pipeline and given the laid-out pages', async () => {
    const cache = newBuildCache(options);
    try {
      const laid = layoutReport(options, cache);
      let given: RenderInput | undefined;
      // a second output: the printed label and the glyph count of each page
      const labels: Renderer<string[]> = {
        render: async (input) => {
          given = input;
          return input.pages.map((p) => `${p.label}:${p.ops.filter((op) => op.kind === 'glyphs').length}`);
        },
      };
      const out = await renderReport(laid, labels, cache.faces);
      expect(given?.pages).toBe(laid.pages);
      expect(out).toHaveLength(29);
      expect(out.map((l) => l.split(':')[0])).toEqual(['', 'i', 'ii', ...Array.from({ length: 26 }, (_, i) => String(i + 1))]); // the cover has no label
      expect(out.every((l) => Number(l.split(':')[1]) > 0)).toBe(true);
      expect(given?.document).toMatchObject({ title: '上海市静安区中等职业教育质量报告（2025 年度）', author: '静安区教育局', creator: 'Imprint test', lang: 'zh-CN' });
      expect(given?.document.date).toEqual(new Date(Date.UTC(2026, 0, 1)));
      // the fonts the pages name are open to it
      const run = laid.pages.flatMap((p) => p.ops).find((op) => op.kind === 'glyphs')!;
      expect(run.kind === 'glyphs' && given!.faces.byKey(run.font).unitsPerEm).toBeGreaterThan(0);
    } finally {
      cache.faces.close();
    }
  });
});
