/** Hyphenation of English words (src/text/hyphenation.ts): where, which words, and only when a line would be loose. */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { foldWhitespace } from '../../src/text/inline.js';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { setParagraph } from '../../src/text/paragraph.js';
import { atomize } from '../../src/text/atoms.js';
import { fakeStyle } from '../helpers/fake-font.js';
import { atomAdjustability, jointAdjustability } from '../../src/text/glue.js';
import { breakOpportunities } from '../../src/text/breakpoints.js';
import { adjustmentRatio, besideLongWord, measureLine, optimalBreaks } from '../../src/text/optimal-breaks.js';
import { hyphenationPoints, PATTERNS_FILE, PRETOLERANCE } from '../../src/text/hyphenation.js';
import { lineTexts } from './line-text.js';

/** The typesetter's paragraph: an English list in brackets before Chinese text (20 em, indent 2 em: see the golden fixture). */
const phrase = (words: string) => `学校围绕（Digital Literacy, ${words} Thinking, Information Responsibility and Collaboration）四个维度构建信息素养课程体系，覆盖全体学生。`;
const set = (text: string, widthEm = 20) => lineTexts(setParagraph(parseInlineMarkup(text), fakeStyle(widthEm, 2)).lines);

describe('hyphenation', () => {
  it("finds Liang's points, two letters or more before a hyphen and three or more after it", () => {
    expect(hyphenationPoints('Computational')).toEqual([3, 5, 7]); // Com-pu-ta-tional (not tion-al: two letters after)
    expect(hyphenationPoints('Responsibility')).toEqual([2, 6, 8, 11]); // Re-spon-si-bil-ity
    expect(hyphenationPoints('present')).toEqual([]); // TeX's exceptions
    expect(hyphenationPoints('table')).toEqual([]); // shorter than six letters
  });

  it("reads the package's patterns from the JSON written at install, unchanged (npm run prepare: write-hyphen-patterns.ts)", () => {
    expect(JSON.parse(readFileSync(PATTERNS_FILE, 'utf8'))).toEqual(createRequire(import.meta.url)('hyphen/patterns/en-us.js'));
  });

  it('hyphenates an English phrase whose line would otherwise be spaced out', () => {
    expect(set(phrase('Computational')).some((l) => l.endsWith('-'))).toBe(true);
  });

  it('never hyphenates code, a URL, a link, ALL CAPS, digits, camelCase, a short word, nor a word alone between Chinese characters', () => {
    const english = /[A-Za-z][A-Za-z ,]+[A-Za-z]/;
    const cases = [
      phrase('Computational').replace(english, (w) => `\`${w}\``),
      phrase('Computational').replace(english, (w) => `<https://example.com/${w.replace(/[ ,]+/g, '/')}>`),
      phrase('Computational').replace(english, (w) => `[${w}](https://example.com)`),
      phrase('Computational').replace(english, (w) => w.toUpperCase()),
      phrase('Computational').replace(/[A-Za-z]{6,}/g, (w) => `${w}2025`),
      phrase('Computational').replace(/[A-Za-z]{6,}/g, (w) => `x${w}`),
    ];
    expect(cases.map((text) => set(text).filter((l) => l.endsWith('-')))).toEqual(cases.map(() => []));
    // words alone between Chinese characters (names, identifiers), and short words
    expect(set('学校围绕数字素养Computational计算思维Information信息责任Responsibility与协作Collaboration四个维度构建信息素养课程体系，覆盖全体学生。', 14).filter((l) => l.endsWith('-'))).toEqual([]);
    expect(set('学校围绕（Digital Data, Tables Plots, Maps Lists and Words）四个维度构建信息素养课程体系，覆盖全体学生。', 12).filter((l) => l.endsWith('-'))).toEqual([]);
  });

  it('a typed hyphen breaks as before, and the word it is in is not hyphenated', () => {
    const lines = set('学校围绕（evidence-based collaboration-oriented Computational-Thinking）四个维度构建信息素养课程体系，覆盖全体学生。', 12);
    for (const l of lines.slice(0, -1)) if (l.endsWith('-')) expect(l).toMatch(/(evidence|collaboration|Computational)-$/);
  });

  const words = ['中', '文', '字', '，', '。', '（', '）', ' ', 'Digital', 'Literacy,', 'Computational', 'Thinking', 'Information', 'Responsibility', 'and', 'Collaboration', 'the', 'development', 'of', 'education'];
  const paragraph = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 80 }).map((xs) => xs.join(''));

  it('loses nothing, overflows no line, and leaves a paragraph with no loose line as it was', () => {
    fc.assert(
      fc.property(paragraph, fc.integer({ min: 8, max: 30 }), fc.integer({ min: 0, max: 2 }), (text, widthEm, indentEm) => {
        const style = fakeStyle(widthEm, indentEm);
        const { lines } = setParagraph(parseInlineMarkup(text), style);
        const texts = lineTexts(lines);
        const { text: plain, atoms } = atomize(foldWhitespace(parseInlineMarkup(text)), style, style.width - style.indent);
        // every character once, in order (the hyphens at line ends removed)
        expect(texts.map((t) => t.replace(/-$/, '')).join('').replace(/ /g, '')).toBe(atoms.map((a) => a.text).join('').replace(/ /g, ''));
        for (const l of lines) expect(l.used).toBeLessThanOrEqual(l.width + 1e-6);
        // a hyphen: two letters or more before it on its line, three or more after it on the next
        texts.forEach((t, i) => {
          if (!t.endsWith('-')) return;
          expect(t).toMatch(/[A-Za-z]{2}-$/);
          expect(texts[i + 1]).toMatch(/^[a-z]{3}/);
        });
        // without a hyphenated line, the lines the breaker sets without hyphenation, placed alike
        const input = { atoms, items: atomAdjustability(atoms), joints: jointAdjustability(atoms), allowed: breakOpportunities(plain, atoms), widthOf: (i: number) => (i === 0 ? style.width - style.indent : style.width) };
        const { ends } = optimalBreaks(input);
        let start = 0;
        const loose = ends.slice(0, -1).some((end, i) => {
          const r = adjustmentRatio(measureLine(input, start, end), input.widthOf(i), false, besideLongWord(atoms, end));
          start = end;
          return r > PRETOLERANCE;
        });
        if (!loose) expect(texts.some((t) => t.endsWith('-'))).toBe(false);
        if (texts.some((t) => t.endsWith('-'))) return;
        expect(lines.length).toBe(ends.length);
        lines.forEach((l, i) => expect(l.end).toBe(atoms[measureLine(input, i === 0 ? 0 : ends[i - 1], ends[i]).end - 1].end));
      }),
      { numRuns: 300 },
    );
  });
});
