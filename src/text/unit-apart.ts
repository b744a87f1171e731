/**
 * A header's bracketed unit on a line of its own: a table's header that ends in a bracketed
 * group (`2022年（%）`, `在校生（人）`, `平均时长（min）`) is best broken before the group's
 * opening bracket (`2022年|（%）`), not inside the word before it (`2022|年（%）`,
 * `在|校生|（人）`). A line that is the whole group is not a character alone on a line, though
 * it holds one (`（人）`).
 */
import { OPENING_MARKS } from './char-class.js';
import { measureLine, type BreakInput, type Breaks } from './optimal-breaks.js';
import type { Atom } from './atoms.js';

/** Closing brackets: what ends a bracketed group. */
const CLOSING_BRACKETS = new Set('）》〉」』】〕〗］｝)]}'.split(''));

/**
 * Where the bracketed group that ends the text starts (an atom that opens with a bracket,
 * after some text, where a line may break, the text's last atom closing it, no bracket opening
 * between), as an atom index; undefined when the text does not end in one.
 */
export function unitStart(atoms: readonly Atom[], allowed: readonly boolean[]): number | undefined {
  let end = atoms.length;
  while (end > 0 && atoms[end - 1].kind === 'space') end--;
  if (end < 2 || !CLOSING_BRACKETS.has(atoms[end - 1].text[atoms[end - 1].text.length - 1])) return undefined;
  for (let q = end - 1; q > 0; q--) {
    if (!OPENING_MARKS.has(atoms[q].text[0])) continue;
    return allowed[q] ? q : undefined;
  }
  return undefined;
}

/**
 * `broken` (two lines or more) with its last break moved to the start of the text's bracketed
 * unit (see `unitStart`) where the two lines it ends and begins still fit their measures;
 * unchanged otherwise.
 */
export function unitApart(input: BreakInput, broken: Breaks): Breaks {
  const q = unitStart(input.atoms, input.allowed);
  const ends = broken.ends;
  if (q === undefined || ends.length < 2 || ends.includes(q)) return broken;
  const line = ends.length - 2;
  const from = line === 0 ? 0 : ends[line - 1];
  if (q <= from) return broken;
  const fits = (start: number, end: number, i: number) => {
    const m = measureLine(input, start, end);
    return m.natural - m.shrink <= input.widthOf(i) + 1e-6;
  };
  if (!fits(from, q, line) || !fits(q, ends[line + 1], line + 1)) return broken;
  return { ends: [...ends.slice(0, line), q, ends[line + 1]], forced: broken.forced };
}
