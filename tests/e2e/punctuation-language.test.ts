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

/** The glyphs of the paragraph's first line, in order: each character, its origin x and how far it stands above the line's baseline, pt. */
function lineGlyphs(theme: string): { char: string; x: number; raise: number; size: number }[] {
  for (const p of layoutReport(project(theme)).pages) {
    const runs = p.ops.filter((o): o is GlyphRunOp => o.kind === 'glyphs');
    const first = runs.find((r) => String.fromCodePoint(...r.glyphs.codePoints.flat()).startsWith('甲说'));
    if (!first) continue;
    const line = runs.filter((r) => Math.abs(r.y - first.y) < 0.6 * r.size); // (a raised mark stands less than ½ em up)
    const glyphs = line.flatMap((r) => r.glyphs.codePoints.map((cp, k) => ({ char: String.fromCodePoint(...cp), x: r.x + r.glyphs.xs[k], raise: first.y - r.y, size: r.size })));
    return glyphs.sort((a, b) => a.x - b.x);
  }
  throw new Error('paragraph not found');
}

/** Each glyph's origin from the start of its cell (em), cells 1 em from the paragraph's first. */
function offsetsInCells(theme: string): number[] {
  const glyphs = lineGlyphs(theme);
  return glyphs.map((g, k) => Math.round(((g.x - glyphs[0].x) / g.size - k) * 100) / 100 || 0);
}

/** How far each character of the paragraph stands above the line's baseline (em, to 0.01), by the character. */
function raises(theme: string): Record<string, number> {
  return Object.fromEntries(lineGlyphs(theme).map((g) => [g.char, Math.round((g.raise / g.size) * 100) / 100 || 0]));
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

describe('Taiwan and Hong Kong punctuation, up the cell', () => {
  // the marks of Noto Serif SC sit low (ink from the baseline: ，−0.195–0.118 em, 。−0.082–0.199,
  // 、−0.076–0.173, ：0.034–0.557): each is raised so its ink's middle is the em box's (0.38 em up)
  const raised = { 甲: 0, 说: 0, '：': 0.08, '“': 0, 好: 0, '。': 0.32, '”': 0, 乙: 0, '，': 0.42, 丙: 0, '、': 0.33, 丁: 0 };
  it('taiwan and hongkong: ，。、： raised to the middle of the em box, the rest on the baseline', () => {
    expect(raises('punctuation: taiwan')).toEqual(raised);
    expect(raises('punctuation: hongkong')).toEqual(raised);
  });
  it('gb: every mark on the baseline', () => expect(Object.values(raises('punctuation: gb')).every((r) => r === 0)).toBe(true));
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
