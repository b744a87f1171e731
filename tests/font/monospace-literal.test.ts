/**
 * A monospaced face (the code font) sets text as typed: its ligatures and contextual forms are
 * off, so `==`, `->`, `!=` and `www` print as their characters, one glyph each, at the face's one
 * advance (JetBrains Mono joins them by default).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaceSet } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import { FaceTextFont } from '../../src/text/text-font.js';

const root = path.resolve(import.meta.dirname, '../..');
const faces = new FaceSet(loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]));
const fontOf = (role: string) => new FaceTextFont(faces.keyOf(role), (k) => faces.byKey(k));

describe('a monospaced face', () => {
  it('draws each character of code as its own glyph, at one advance', () => {
    const mono = fontOf('mono');
    for (const code of ['scikit-learn==1.5.2', 'a -> b', 'x != y', 'www.example.org', '<=>', '/* */']) {
      const glyphs = mono.shape(code);
      expect(glyphs.map((g) => String.fromCodePoint(...g.codePoints)).join('|'), code).toBe([...code].join('|'));
      expect(new Set(glyphs.map((g) => g.advance.toFixed(4))).size, code).toBe(1);
      // the glyph of each character is its own, the one it has alone
      expect(glyphs.map((g) => g.id), code).toEqual([...code].map((ch) => mono.shape(ch)[0].id));
    }
  });
});
