/** Golden fixtures of line breaks (tests/text/fixtures/*.txt), set with the fake font. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { setParagraph } from '../../src/text/paragraph.js';
import { fakeStyle } from '../helpers/fake-font.js';
import type { PunctuationScheme } from '../../src/text/punctuation.js';
import { lineTexts } from './line-text.js';
import type { Line } from '../../src/text/justify.js';
import type { Inline } from '../../src/text/inline.js';

const dir = path.join(import.meta.dirname, 'fixtures');

interface Fixture {
  width: number;
  indent: number;
  punctuation: PunctuationScheme;
  /** On a character grid (cells of 1 em): line-end marks hang. */
  grid: boolean;
  /** How far past the measure a line-end mark may hang, em (default: no limit). */
  hangRoom: number;
  /** Expected lines show how each place was adjusted (see `withAdjustments`). */
  adjustments: boolean;
  text: string;
  expected: string[];
}

function readFixture(file: string): Fixture {
  const [head, text, expected] = readFileSync(file, 'utf8').split(/^---$/m);
  const opts = Object.fromEntries(head.trim().split('\n').map((l) => l.split(':').map((s) => s.trim())));
  return {
    width: Number(opts.width),
    indent: Number(opts.indent ?? 0),
    punctuation: (opts.punctuation ?? 'gb') as PunctuationScheme,
    grid: opts.grid === 'yes',
    hangRoom: Number(opts['hang-room'] ?? Infinity),
    adjustments: opts.show === 'adjustments',
    text: text.trim(),
    expected: expected.trim().split('\n'),
  };
}

/**
 * Each line's text with, after each atom, how far the next atom stands from where the atom's
 * natural advance ends, in em of the 10 pt size, where that is not 0: `[.25]` after 2025 for
 * the Han–Latin gap, `[-.5]` after a squeezed comma, `[.33]` after a space (whose atom has no
 * advance of its own).
 */
function withAdjustments(lines: Line[]): string[] {
  return lines.map((l) =>
    l.atoms
      .map((a, k) => {
        if (k === l.atoms.length - 1) return a.text;
        const b = l.atoms[k + 1];
        const em = (l.xs[k + 1] - b.shift - (l.xs[k] - a.shift + a.width)) / 10;
        return Math.abs(em) < 0.005 ? a.text : `${a.text}[${em.toFixed(2).replace(/^(-?)0\./, '$1.').replace(/0$/, '')}]`;
      })
      .join(''),
  );
}

/** Each footnote `^[…]` replaced by its marker, as the layout sets it (block/footnotes.ts): ①, ② … a superscript. */
function withNoteMarkers(runs: Inline[]): Inline[] {
  let n = 0;
  return runs.map(({ note, ...marks }) => (note ? { ...marks, text: String.fromCodePoint(0x2460 + n), script: 'sup', footnote: ++n } : marks));
}

describe('line-breaking fixtures', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    it(name.replace(/\.txt$/, ''), () => {
      const f = readFixture(path.join(dir, name));
      const style = { ...fakeStyle(f.width, f.indent, f.punctuation), cell: f.grid ? 10 : undefined, hangRoom: f.hangRoom * 10 };
      const { lines } = setParagraph(withNoteMarkers(parseInlineMarkup(f.text)), style);
      expect(f.adjustments ? withAdjustments(lines) : lineTexts(lines)).toEqual(f.expected);
      for (const l of lines) expect(l.used).toBeLessThanOrEqual(l.width + 1e-6);
    });
  }
});
