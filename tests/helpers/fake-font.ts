/**
 * A fake fixed-advance font for unit tests: Han characters and Chinese punctuation 1 em,
 * Latin characters ½ em. Punctuation ink sits where a mainland font puts it (，。 left,
 * “（ right), so GB compression works as with a real font.
 */
import { CJK_PUNCTUATION, isCjk } from '../../src/text/char-class.js';
import type { GlyphInfo, TextFont } from '../../src/text/text-font.js';
import type { PunctuationScheme } from '../../src/text/punctuation.js';

const LEFT_INK = new Set('，。、；：？！”’）》〉」』】〕〗］｝'.split(''));
const RIGHT_INK = new Set('“‘（《〈「『【〔〖［｛'.split(''));

export class FakeFont implements TextFont {
  readonly key: string;

  /** `missing`: characters this font does not have. */
  constructor(key = 'fake', private readonly missing = new Set<string>()) {
    this.key = key;
  }

  has(cp: number): boolean {
    return !this.missing.has(String.fromCodePoint(cp));
  }

  shape(text: string): GlyphInfo[] {
    if (text === '——' || text === '……') return [this.glyph(text, 2, [0.05, 1.95])];
    return [...text].map((ch) => {
      // a combining mark: no advance, moved back over its base (and up)
      if (/\p{M}/u.test(ch)) return { ...this.glyph(ch, 0, [0.05, 0.45]), dx: -0.25, dy: 0.1 };
      if (!isCjk(ch)) return this.glyph(ch, 0.5, [0.05, 0.45]);
      if (LEFT_INK.has(ch)) return this.glyph(ch, 1, [0.1, 0.4]);
      if (RIGHT_INK.has(ch)) return this.glyph(ch, 1, [0.6, 0.9]);
      return this.glyph(ch, 1, CJK_PUNCTUATION.has(ch) ? [0.3, 0.7] : [0.05, 0.95]);
    });
  }

  private glyph(text: string, advance: number, ink: [number, number]): GlyphInfo {
    const cps = [...text].map((c) => c.codePointAt(0)!);
    return { id: this.has(cps[0]) ? cps[0] : 0, advance, codePoints: cps, ink, inkHeight: [-0.12, 0.88] }; // (ink the whole em box up: nothing raised)
  }
}

/** A paragraph style over the fake font: `width` and `indent` in em of a 10 pt size. */
export function fakeStyle(widthEm: number, indentEm = 0, punctuation: PunctuationScheme = 'gb') {
  const f = new FakeFont();
  return { regular: [f], bold: [f], size: 10, punctuation, width: widthEm * 10, indent: indentEm * 10, align: 'justify' as const };
}
