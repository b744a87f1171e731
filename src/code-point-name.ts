/** A character (or a code point) as Unicode names it in messages: `U+FE0F`, `U+E0100`. */
export function codePointName(ch: string | number): string {
  const cp = typeof ch === 'number' ? ch : ch.codePointAt(0)!;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}
