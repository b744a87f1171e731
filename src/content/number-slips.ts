/**
 * Slips in the numbers of a text that print as typed, each a warning with what was meant:
 * - a space typed before a number's decimal point (`3 .1`, `12 .87`: a slip of the keyboard, or
 *   a number pasted from a spreadsheet cell): a gap in the number, and in a `decimal` column the
 *   number is lined up on the point after the gap;
 * - a square or cubic unit typed with a plain digit after a number (`23.1 m2`, `312.46万m2`,
 *   `5 km2`): the unit is m², km², cm³ (written so, or `m^2^`).
 * Inline code (between backticks) is as written.
 */

/** Digits, the spaces, the point and the digits after it. */
const SPACE_BEFORE_POINT = /(?<![\d.])(\d+)( +)\.(\d+)/g;

/** A length unit and a plain 2 or 3 after a number (or its 万, 亿), the unit ending there. */
const PLAIN_POWER = /(?<=[\d万亿] ?)((?:k|c|d|m)?m)([23])(?![\p{L}\d])/gu;

/** The superscripts of the powers. */
const SUPERSCRIPT: Readonly<Record<string, string>> = { '2': '²', '3': '³' };

/** A slip in a number of `text`: where it starts (UTF-16 offset) and what to say of it. */
export interface NumberSlip {
  offset: number;
  message: string;
}

/** The slips in the numbers of `text`, in order. */
export function numberSlips(text: string): NumberSlip[] {
  if (!/\d/.test(text)) return [];
  const found: NumberSlip[] = [];
  // (inside `inline code` the text is as written)
  const inCode = (at: number) => (text.slice(0, at).match(/`/g)?.length ?? 0) % 2 === 1;
  for (const m of text.matchAll(SPACE_BEFORE_POINT)) {
    const [typed, whole, , fraction] = m;
    if (!inCode(m.index)) found.push({ offset: m.index, message: `a space inside the number "${typed}": it prints so; remove it, "${whole}.${fraction}"` });
  }
  for (const m of text.matchAll(PLAIN_POWER)) {
    const [typed, unit, power] = m;
    if (!inCode(m.index)) found.push({ offset: m.index, message: `"${typed}" after a number prints so: write the unit ${unit}${SUPERSCRIPT[power]} (or ${unit}^${power}^)` });
  }
  return found.sort((a, b) => a.offset - b.offset);
}
