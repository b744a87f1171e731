/** Invariants of the line breaker over random Chinese/Latin/punctuation text (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_LINE_END, NO_LINE_START } from '../../src/text/char-class.js';
import { foldWhitespace } from '../../src/text/inline.js';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { setParagraph } from '../../src/text/paragraph.js';
import { atomize, type Atom } from '../../src/text/atoms.js';
import { fakeStyle } from '../helpers/fake-font.js';
import { atomAdjustability, jointAdjustability } from '../../src/text/glue.js';
import { breakOpportunities } from '../../src/text/breakpoints.js';
import { measureLine, optimalBreaks } from '../../src/text/optimal-breaks.js';
import { placeLine } from '../../src/text/justify.js';
import { lineTexts } from './line-text.js';
import type { Line } from '../../src/text/justify.js';

const texts = (line: Line) => lineTexts([line])[0];

const pieces = ['中', '文', '字', '，', '。', '、', '：', '；', '“', '”', '（', '）', '《', '》', '——', '……', 'ab', 'Word', '2025', '15.7%', ' ', '+', '！', 'https://example.com/reports/2025/', '/var/log/apt/term.log'];
const paragraph = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 120 }).map((xs) => xs.join(''));

describe('line breaker invariants', () => {
  it('sets text that fits its first line as the optimal breaker does (the one-line path skips it): the same line, the same places', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 12 }).map((xs) => xs.join('')), fc.integer({ min: 4, max: 40 }), fc.integer({ min: 0, max: 2 }), fc.constantFrom('justify', 'left', 'center', 'right'), (text, widthEm, indentEm, align) => {
        const style = { ...fakeStyle(widthEm, indentEm), align: align as 'justify' };
        const { lines } = setParagraph(parseInlineMarkup(text), style);
        const { text: plain, atoms } = atomize(foldWhitespace(parseInlineMarkup(text)), style, style.width - style.indent);
        const input = { atoms, items: atomAdjustability(atoms), joints: jointAdjustability(atoms), allowed: breakOpportunities(plain, atoms), widthOf: (i: number) => (i === 0 ? style.width - style.indent : style.width), allowRunt: false };
        const { ends } = optimalBreaks(input);
        expect(lines.length).toBe(ends.length);
        if (ends.length !== 1) return;
        const line = placeLine(atoms, input.items, input.joints, measureLine(input, 0, atoms.length), style.indent, input.widthOf(0), style.align, true);
        expect(lines.length).toBe(1);
        expect(lines[0].xs).toEqual(line.xs);
        expect(lines[0].used).toBe(line.used);
      }),
      { numRuns: 400 },
    );
  });

  it('never a prohibited mark at a line start or end, never wider than the measure, every character once', () => {
    fc.assert(
      fc.property(paragraph, fc.integer({ min: 6, max: 30 }), fc.integer({ min: 0, max: 2 }), (text, widthEm, indentEm) => {
        const style = fakeStyle(widthEm, indentEm);
        const { lines, forced } = setParagraph(parseInlineMarkup(text), style);
        const texts = lineTexts(lines);
        // every character kept once, in order (spaces beside Han and at line edges fold away)
        const expected = atomize(foldWhitespace(parseInlineMarkup(text)), style).atoms.map((a) => a.text).join('');
        expect(texts.join('').replace(/ /g, '')).toBe(expected.replace(/ /g, ''));
        lines.forEach((line, i) => {
          expect(line.used).toBeLessThanOrEqual(line.width + 1e-6);
          const t = texts[i].trim();
          // the rules give way only when no allowed set of breaks fits (reported as forced)
          if (!forced && i > 0) expect(NO_LINE_START.has(t[0])).toBe(false);
          if (!forced && i < lines.length - 1) expect(NO_LINE_END.has(t[t.length - 1])).toBe(false);
          const k = line.atoms.length - 1;
          const last = line.atoms[k];
          // the ink of the last atom ends inside the measure (its trimmed blank may hang out)
          expect(line.xs[k] + last.width - last.blankRight).toBeLessThanOrEqual(
            (i === 0 ? style.indent : 0) + line.width + 1e-6,
          );
        });
      }),
      { numRuns: 300 },
    );
  });

  it('Chinese text with its punctuation never needs the rules to give way', () => {
    // (a run of several —— with a closing mark can be wider than a line: not generated here)
    const zh = fc.array(fc.constantFrom('中', '文', '字', '，', '。', '、', '“', '”', '（', '）'), { minLength: 1, maxLength: 200 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(zh, fc.integer({ min: 8, max: 40 }), (text, widthEm) => {
        expect(setParagraph(parseInlineMarkup(text), fakeStyle(widthEm, 2)).forced).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('widens no place past its stage limit unless the last resort evens the line, and never inside a word', () => {
    // the limits of justification-policy.ts, em: a space typed between Han characters 1, a Latin
    // space ½, a Han–Latin gap and the spacing between characters ¼
    fc.assert(
      fc.property(paragraph, fc.integer({ min: 6, max: 30 }), (text, widthEm) => {
        const { lines } = setParagraph(parseInlineMarkup(text), fakeStyle(widthEm));
        for (const line of lines.slice(0, -1)) {
          for (let k = 0; k + 1 < line.atoms.length; k++) {
            const [a, b] = [line.atoms[k], line.atoms[k + 1]];
            const em = (line.xs[k + 1] - b.shift - (line.xs[k] - a.shift + a.width)) / 10;
            if (b.continuesWord) expect(em).toBeCloseTo(0, 9);
            const cjk = (x?: Atom) => x?.kind === 'han' || x?.kind === 'punct';
            const limit = a.kind !== 'space' ? 0.25 : cjk(line.atoms[k - 1]) && cjk(b) ? 1 : 0.5;
            expect(em, `"${a.text}|${b.text}" in ${texts(line)}`).toBeLessThanOrEqual(Math.max(limit, line.lastResortWidth / 10) + 1e-9);
          }
        }
      }),
      { numRuns: 300, examples: [['中 中https://example.com/reports/2025/中', 18]] }, // a space typed between Han characters on a last-resort line
    );
  });

  it('terminates and sets something for any text, however narrow the measure', () => {
    fc.assert(
      fc.property(paragraph, fc.integer({ min: 1, max: 4 }), (text, widthEm) => {
        const { lines } = setParagraph(parseInlineMarkup(text), fakeStyle(widthEm));
        expect(lines.length > 0).toBe(text.trim().length > 0);
      }),
      { numRuns: 100 },
    );
  });
});
