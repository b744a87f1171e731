/** The text of set lines, for assertions: atoms' text joined, spaces as typed, a hyphen the breaker added at a line end as `-`. */
import { endsHyphenated } from '../../src/text/hyphenation.js';
import type { Line } from '../../src/text/justify.js';

export function lineTexts(lines: Line[]): string[] {
  return lines.map((l) => l.atoms.map((a) => a.text).join('') + (l.atoms.length && endsHyphenated(l.atoms[l.atoms.length - 1]) ? '-' : ''));
}
