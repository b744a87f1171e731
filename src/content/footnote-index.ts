/**
 * Where footnotes (`^[…]`) start in a text written with inline markup (spec §6.2), found without
 * parsing it: to place a message about a footnote at its `^[`.
 */

/** Where the first footnote (`^[`, its `^` not escaped) at or after `from` starts, UTF-16 index; −1 when none does. */
export function footnoteIndex(text: string, from = 0): number {
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] === '\\') i++;
    else if (i >= from && text[i] === '^' && text[i + 1] === '[') return i;
  }
  return -1;
}
