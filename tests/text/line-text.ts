/** The text of set lines, for assertions: atoms' text joined, spaces as typed. */
import type { Line } from '../../src/text/justify.js';

export function lineTexts(lines: Line[]): string[] {
  return lines.map((l) => l.atoms.map((a) => a.text).join(''));
}
