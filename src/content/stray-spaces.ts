/**
 * A space typed inside a number, before its decimal point (`3 .1`, `12 .87`: a slip of the
 * keyboard, or a number pasted from a spreadsheet cell): it prints as typed, a gap in the number,
 * and in a `decimal` column the number is lined up on the point after the gap. Said as a warning
 * at the number, with the number as meant. Inline code (between backticks) is as written.
 */

/** Digits, the spaces, the point and the digits after it. */
const SPACE_BEFORE_POINT = /(?<![\d.])(\d+)( +)\.(\d+)/g;

/** A space inside a number of `text`: where the number starts (UTF-16 offset) and what to say of it. */
export interface StraySpace {
  offset: number;
  message: string;
}

/** The spaces typed before a decimal point in the numbers of `text`, in order. */
export function strayNumberSpaces(text: string): StraySpace[] {
  if (!text.includes(' .')) return [];
  const found: StraySpace[] = [];
  for (const m of text.matchAll(SPACE_BEFORE_POINT)) {
    // (inside `inline code` the text is as written)
    if ((text.slice(0, m.index).match(/`/g)?.length ?? 0) % 2 === 1) continue;
    const [typed, whole, , fraction] = m;
    found.push({ offset: m.index, message: `a space inside the number "${typed}": it prints so; remove it, "${whole}.${fraction}"` });
  }
  return found;
}
