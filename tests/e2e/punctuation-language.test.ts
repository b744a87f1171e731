/**
 * The Taiwan and Hong Kong punctuation schemes end to end, and the PDF's language following the
 * theme: `punctuation: taiwan` / `hongkong` set ，。、：centred in full cells, and the PDF's
 * /Lang (read with pdf.js) is the theme's `lang:`, else the scheme's (zh-CN, zh-TW, zh-HK).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, layoutReport, type BuildOptions } from '../../src/pipeline.js';
import type { GlyphRunOp } from '../../src/page/draw.js';
import { formatProblem, InputError } from '../../src/problems.js';
import { readPdf } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');
const text = '甲说：“好。”乙，丙、丁';

/** A project whose official theme has `theme` lines in place of its `punctuation:` line. */
function project(theme: string): BuildOptions {
  const dir = mkdtempSync(path.join(tmpdir(), 'imprint-lang-'));
  cpSync(path.join(root, 'templates/official'), path.join(dir, 'templates/official'), { recursive: true });
  const file = path.join(dir, 'templates/official/theme.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^punctuation: .*$/m, theme));
  const input = path.join(dir, 'r.yaml');
  writeFileSync(input, `report:\n  title: 标点\nchapters:\n  - title: 一\n    body:\n      - ${text}\n`);
  return { input, projectDir: dir, packageDir: root, version: 'test' };
}

/** Each glyph's origin from the start of its cell (em), cells 1 em from the paragraph's first. */
function offsetsInCells(theme: string): number[] {
  for (const p of layoutReport(project(theme)).pages) {
    const run = p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs').find((r) => String.fromCodePoint(...r.glyphs.codePoints.flat()).startsWith('甲说'));
    if (run) return run.glyphs.xs.map((x, k) => Math.round(((x - run.glyphs.xs[0]) / run.size - k) * 100) / 100);
  }
  throw new Error('paragraph not found');
}

const language = async (theme: string) => (await readPdf((await buildReport(project(theme))).pdf)).info.Language;

describe('Taiwan and Hong Kong punctuation', () => {
  // the shipped font (Noto Serif SC) has no zh-Hant forms: its marks move to the cell's middle
  // (：ink 0.170–0.294 em, 。 0.042–0.323, ，0.078–0.227, 、 0.039–0.290); quotes stay
  //                   甲 说  ：    “  好  。    ”  乙  ，    丙 、    丁
  const centred = [0, 0, 0.27, 0, 0, 0.32, 0, 0, 0.35, 0, 0.34, 0];
  it('taiwan: ，。、： centred in whole cells, nothing compressed', () => expect(offsetsInCells('punctuation: taiwan')).toEqual(centred));
  it('hongkong: the same', () => expect(offsetsInCells('punctuation: hongkong')).toEqual(centred));
});

describe("the PDF's language", () => {
  it('is zh-CN for the mainland schemes, zh-TW for taiwan, zh-HK for hongkong', async () => {
    expect(await language('punctuation: gb')).toBe('zh-CN');
    expect(await language('punctuation: taiwan')).toBe('zh-TW');
    expect(await language('punctuation: hongkong')).toBe('zh-HK');
  });
  it("is the theme's lang: when it names one", async () => {
    expect(await language('punctuation: taiwan\nlang: zh-Hant-TW')).toBe('zh-Hant-TW');
    expect(await language('punctuation: gb\nlang: zh-HK')).toBe('zh-HK');
  });
  it('is also the language of the tagged structure: its root element says it, never another', async () => {
    const pdf = (await buildReport(project('punctuation: hongkong'))).pdf.toString('latin1');
    expect(pdf).toMatch(/\/S \/Document[^>]*\/Lang \(zh-HK\)|\/Lang \(zh-HK\)[^>]*\/S \/Document/);
    expect(pdf).not.toMatch(/\/Lang \(zh-CN\)/);
  });
  it('a lang: that is no language tag is one problem at its line of the theme', () => {
    const o = project('punctuation: gb\nlang: 中文');
    const problem = (() => {
      try {
        layoutReport(o);
      } catch (e) {
        if (e instanceof InputError) return e.problems.map(formatProblem).join('\n');
        throw e;
      }
      return 'no problem';
    })();
    expect(problem).toMatch(/theme\.yaml:\d+:7: lang must be a language tag like zh-CN, zh-TW or zh-HK, not "中文"$/);
  });
});
