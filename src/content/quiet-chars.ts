/**
 * Characters of content text read as something else without a word (unlike the unprintable
 * ones, dropped with a warning: see printable.ts):
 * - variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF, the Mongolian U+180B–U+180D, U+180F):
 *   default-ignorable, they only ask for a form of the character before them (text or emoji
 *   style, an ideographic variant) that Imprint's fonts do not offer; dropped, never a box;
 * - the line and paragraph separators U+2028, U+2029: a line break, which the format reads as
 *   it reads any (a space in a paragraph, a new line in code and verse).
 */
import { codePointName } from '../code-point-name.js';

/** A variation selector or a line or paragraph separator (a global regular expression). */
const QUIET = /[\uFE00-\uFE0F\u180B-\u180D\u180F\u{E0100}-\u{E01EF}\u2028\u2029]/gu;

/** `text` with its variation selectors dropped and its line and paragraph separators made line breaks. */
export function quietChars(text: string): string {
  return text.replace(QUIET, (c) => (c === '\u2028' || c === '\u2029' ? '\n' : ''));
}

/** What the quiet characters of `text` are, for a text they alone made not empty: `U+FE0F (a variation selector, which prints nothing)`; empty for none. */
export function quietCharsNamed(text: string): string {
  const chars = [...text.matchAll(QUIET)].map((m) => m[0]);
  if (!chars.length) return '';
  const points = chars.map((c) => codePointName(c));
  const separators = chars.filter((c) => c === '\u2028' || c === '\u2029').length;
  const what = separators === chars.length ? 'line or paragraph separators' : separators ? 'variation selectors and line separators' : chars.length === 1 ? 'a variation selector' : 'variation selectors';
  return `${points.join(' ')} (${what}, which ${chars.length === 1 ? 'prints' : 'print'} nothing)`;
}
