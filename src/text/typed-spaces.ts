/**
 * A space typed between Chinese words (`〔美〕埃德加·斯诺 著 董乐山 译`): spaces as typed (a
 * space, a tab, a line end: what a paragraph folds into one) with a character of Chinese text
 * each side (a Han character, a Chinese mark or full-width form: `isCjk`). A table's body cell
 * breaks there first: its column's width asks for the widest piece between them (block/table.ts)
 * and its lines break there (text/paragraph.ts), by this one definition.
 */
import { isCjk } from './char-class.js';

/** A run of typed spaces. */
const SPACES = /[ \t\n\r\f\v]+/g;

/** The offsets in `text` of the characters that follow a space typed between Chinese words, in order. */
export function afterTypedSpaces(text: string): number[] {
  const found: number[] = [];
  for (const m of text.matchAll(SPACES)) {
    const after = m.index + m[0].length;
    if (m.index > 0 && after < text.length && isCjk(characterBefore(text, m.index)) && isCjk(String.fromCodePoint(text.codePointAt(after)!))) found.push(after);
  }
  return found;
}

/** The character (a whole code point) that ends at offset `end` of `text`. */
function characterBefore(text: string, end: number): string {
  const low = text.charCodeAt(end - 1);
  const pair = end > 1 && low >= 0xdc00 && low <= 0xdfff;
  return String.fromCodePoint(text.codePointAt(pair ? end - 2 : end - 1)!);
}
