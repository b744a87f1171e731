/**
 * The texture of text dense with commands and paths (issue 16): commands-and-paths.yaml, built
 * with the official theme (body 12 pt), its glyph positions read back with pdf.js. Standing for
 * technical documents we do not have: their loose lines must find breaks inside long words
 * rather than open the gaps beside them.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/pipeline.js';
import { glyphLines, type PlacedGlyph } from '../../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../../..');
const BODY = 12; // pt
let lines: PlacedGlyph[][];

beforeAll(async () => {
  const input = path.join(import.meta.dirname, 'commands-and-paths.yaml');
  const { pdf } = await buildReport({ input, projectDir: root, packageDir: root, version: 'test' });
  lines = await glyphLines(pdf, BODY);
});

const HAN = /\p{Script=Han}/u;
const LATIN = /^[A-Za-z0-9]$/;
const ASCII = /^[\x21-\x7e]$/;

/** Each gap between neighbouring glyphs of a body line that `between` accepts, pt, with its line. */
function gaps(between: (a: PlacedGlyph, b: PlacedGlyph) => boolean): { gap: number; where: string }[] {
  const found: { gap: number; where: string }[] = [];
  for (const line of lines) {
    const text = line.map((g) => g.char).join('');
    line.forEach((g, i) => {
      const next = line[i + 1];
      if (next && between(g, next)) found.push({ gap: next.x - (g.x + g.width), where: `${g.char}|${next.char} in ${text}` });
    });
  }
  return found;
}

describe('commands and paths', () => {
  it('keep every Han–Latin gap under 5 pt', () => {
    const hanLatin = gaps((a, b) => (HAN.test(a.char) && LATIN.test(b.char)) || (LATIN.test(a.char) && HAN.test(b.char)));
    expect(hanLatin.length).toBeGreaterThan(30);
    expect(hanLatin.filter((g) => g.gap >= 5).map((g) => `${g.gap.toFixed(1)} pt: ${g.where}`)).toEqual([]);
  });

  it('keep every space between Latin words at 12 pt or less', () => {
    // (a space is drawn as distance only: the gap between two Latin glyphs wider than a point)
    const spaces = gaps((a, b) => ASCII.test(a.char) && ASCII.test(b.char)).filter((g) => g.gap > 1);
    expect(spaces.length).toBeGreaterThan(20);
    expect(spaces.filter((g) => g.gap > 12).map((g) => `${g.gap.toFixed(1)} pt: ${g.where}`)).toEqual([]);
  });
});
