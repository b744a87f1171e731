/** Golden fixtures of line breaks (tests/text/fixtures/*.txt), set with the fake font. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { setParagraph } from '../../src/text/paragraph.js';
import { fakeStyle } from '../helpers/fake-font.js';
import type { PunctuationScheme } from '../../src/text/punctuation.js';
import { lineTexts } from './line-text.js';

const dir = path.join(import.meta.dirname, 'fixtures');

interface Fixture {
  width: number;
  indent: number;
  punctuation: PunctuationScheme;
  /** On a character grid (cells of 1 em): line-end marks hang. */
  grid: boolean;
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
    text: text.trim(),
    expected: expected.trim().split('\n'),
  };
}

describe('line-breaking fixtures', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    it(name.replace(/\.txt$/, ''), () => {
      const f = readFixture(path.join(dir, name));
      const style = { ...fakeStyle(f.width, f.indent, f.punctuation), cell: f.grid ? 10 : undefined };
      const { lines } = setParagraph(parseInlineMarkup(f.text), style);
      expect(lineTexts(lines)).toEqual(f.expected);
      for (const l of lines) expect(l.used).toBeLessThanOrEqual(l.width + 1e-6);
    });
  }
});
