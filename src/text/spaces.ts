/**
 * Spaces that are not word spaces: the spaces of their own width that Unicode has (thin, narrow
 * no-break, figure …), and the typed spaces that hold a number together, between its digit
 * groups (GB/T 15835-2011, 多位数的千分空: `3 860.5`, `55 235 367.346 23`) and between it and
 * its unit symbol (`20 Gbps`, `3 200 m²`). Such a space is never a line break and is never
 * stretched or shrunk: it is part of the number's Latin word (see `splitPieces` in atoms.ts),
 * set at its width with the font's space glyph (the fonts lack most of these characters, and the
 * text copied from the PDF keeps a space).
 *
 * A telephone number's spaces (`021-5888 6022`) hold it together too.
 *
 * Policy as data: `OWN_WIDTH_SPACES`, `NUMBER_GAP` and `UNIT_SYMBOLS`. Widths in em of the text's size.
 */
import { isCjk } from './char-class.js';
import { JUSTIFICATION_POLICY } from './justification-policy.js';

/** How wide a space of its own width is: em, or as wide as a character of the font (a digit, a full stop). */
export type SpaceWidth = number | { like: string };

/** A space character of its own width: its width, and whether a line may end after it. */
export interface OwnWidthSpace {
  width: SpaceWidth;
  /** True where Unicode lets a line end after it (UAX #14 class BA); false for the no-break spaces (GL). */
  breaks: boolean;
}

/** The spaces of their own width, never stretched or shrunk (Unicode's widths, where it gives them). */
export const OWN_WIDTH_SPACES: Readonly<Record<string, OwnWidthSpace>> = {
  // no-break space: as wide as a word space at its natural width
  '\u00a0': { width: JUSTIFICATION_POLICY.latinSpace.natural, breaks: false },
  '\u2002': { width: 1 / 2, breaks: true }, // en space
  '\u2003': { width: 1, breaks: true }, // em space
  '\u2004': { width: 1 / 3, breaks: true }, // three-per-em space
  '\u2005': { width: 1 / 4, breaks: true }, // four-per-em space
  '\u2006': { width: 1 / 6, breaks: true }, // six-per-em space
  '\u2007': { width: { like: '0' }, breaks: false }, // figure space: a digit's width
  '\u2008': { width: { like: '.' }, breaks: true }, // punctuation space: a full stop's width
  '\u2009': { width: 1 / 5, breaks: true }, // thin space
  '\u200a': { width: 1 / 10, breaks: true }, // hair space
  '\u202f': { width: 1 / 5, breaks: false }, // narrow no-break space: a thin space that never breaks
  '\u205f': { width: 4 / 18, breaks: true }, // medium mathematical space
};

/**
 * The width of a typed space inside a number, between its digit groups and before its unit
 * symbol, em: a quarter of a Han character, half a digit, as GB/T 15835-2011 spaces
 * digit groups (组间空四分之一个汉字); the same as the Han–Latin gap, so `20 Gbps` and
 * `20 吉比特` stand alike.
 */
export const NUMBER_GAP = 1 / 4;

/**
 * Unit symbols a number keeps on its line, after a space (SI and the common units of reports).
 * Only symbols, never ordinary words: a unit counts only as a whole word (`5 mice` is not `5 m`),
 * alone or joined by `/` or `·` (`km/h`, `kW·h`).
 */
export const UNIT_SYMBOLS: readonly string[] = [
  // length, area, volume
  ...['nm', 'μm', 'µm', 'mm', 'cm', 'dm', 'm', 'km', 'mm²', 'cm²', 'm²', 'km²', 'cm³', 'm³', 'mL', 'ml', 'L'],
  // mass, time, frequency
  ...['mg', 'g', 'kg', 't', 'ns', 'μs', 'µs', 'ms', 's', 'min', 'h', 'Hz', 'kHz', 'MHz', 'GHz'],
  // data and data rates
  ...['bit', 'B', 'KB', 'kB', 'MB', 'GB', 'TB', 'PB', 'KiB', 'MiB', 'GiB', 'TiB', 'bps', 'kbps', 'Kbps', 'Mbps', 'Gbps'],
  // power, energy, electricity, pressure, sound
  ...['W', 'kW', 'MW', 'kWh', 'J', 'kJ', 'MJ', 'V', 'kV', 'mV', 'A', 'mA', 'mAh', 'Ω', 'kΩ', 'Pa', 'kPa', 'MPa', 'dB'],
  // temperature, amount of substance
  ...['℃', '°C', '℉', 'K', 'mol'],
  // the square signs of CJK compatibility (460 ㎡, 3 ㎞)
  ...['㎜', '㎝', '㎞', '㎡', '㎢', '㎥', '㎎', '㎏', '㎖', '㎗', '㎘'],
  // screens and machines
  ...['px', 'dpi', 'ppi', 'rpm', 'fps'],
  // ratios
  ...['%', '‰'],
];

/** The space characters that may stand between digit groups: a typed space, and those of their own width. */
const SEPARATOR = `[ ${Object.keys(OWN_WIDTH_SPACES).join('')}]`;

/** Letters of alphabets (a Han character before a number is no part of its word). */
const ALPHABETIC = String.raw`\p{sc=Latin}\p{sc=Greek}\p{sc=Cyrillic}`;

/**
 * The most digit groups a number is taken to have on each side of its point (below 10¹²): a
 * longer run of groups of three is numbers side by side (`101 102 103 … 112`, rooms, seats),
 * held together only by fours, where a line may break between them (a run held whole was cut
 * inside a number when it was wider than the line).
 */
const MAX_GROUPS = 4;

/**
 * A number grouped by threes from its decimal point (GB/T 15835-2011, 千分空): a first group of
 * 1–3 digits, then groups of exactly 3, and a fraction in groups of 3 (its last of 1–3). Not
 * after a letter, a digit, `.`, `,`, `_`, nor after the ordinal 第 (第 3 347: two numbers);
 * `2024 2025` and `3 8600` are two numbers. (Matches without a separator are numbers alone.)
 */
const GROUPED_NUMBER = new RegExp(
  // \u7B2C: 第
  String.raw`(?<![${ALPHABETIC}\d.,_]|\u7B2C${SEPARATOR}?)\d{1,3}(?:${SEPARATOR}\d{3}){0,${MAX_GROUPS - 1}}(?!\d)(?:\.\d{3}(?:${SEPARATOR}\d{3}){0,${MAX_GROUPS - 2}}(?:${SEPARATOR}\d{1,3})?(?!\d))?`,
  'gu',
);

/**
 * A telephone number written in groups (`021-5888 6022`, `(021) 5888 6022`, `（021）5888 6022`,
 * `400-820 8820`, a mobile's `手机 138 1234 5678`, with `+86` before): its spaces hold it
 * together as a number's do.
 * A landline needs its area code (0…) or `+86`, so years side by side (`2024 2025`) are not one.
 */
const TELEPHONE = (() => {
  const country = String.raw`\+86${SEPARATOR}?`;
  const area = String.raw`(?:${country}(?:[1-9]\d{1,2}${SEPARATOR})?|0\d{2,3}-|[(\uFF08]0\d{2,3}[)\uFF09]${SEPARATOR}?|[48]00-)`; // \uFF08 \uFF09: （ ）
  const landline = String.raw`${area}\d{3,4}${SEPARATOR}\d{4}`;
  // a mobile's three groups only with +86 or after a word that says it is one (分别为 150 2000 3000 人: three numbers)
  const cue = `(?<=(?:手机|电话|热线|联系方式|Tel|TEL|tel|Mobile|mobile)(?:号码)?[：:]?${SEPARATOR}?)`;
  const mobile = String.raw`(?:${country}|${cue})1[3-9]\d${SEPARATOR}\d{4}${SEPARATOR}\d{4}`;
  return new RegExp(String.raw`(?<![\d${ALPHABETIC}+])(?:${landline}|${mobile})(?!\d)`, 'gu');
})();

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A unit symbol (the longest first, so `m²` before `m`), alone or compound (`km/h`), a whole word (Han may follow). */
const UNIT = (() => {
  const one = `(?:${[...UNIT_SYMBOLS].sort((a, b) => b.length - a.length).map(escaped).join('|')})`;
  return String.raw`${one}(?:[/\u00B7\u22C5]${one})*(?![${ALPHABETIC}\d])`; // \u00B7 \u22C5: · ⋅
})();

/** The whole of a word is a unit symbol (`m²`, `km/h`: see UNIT_SYMBOLS). */
const WHOLE_UNIT = new RegExp(`^${UNIT}$`, 'u');

/** Whether `word` is a unit symbol, alone or compound (`m²`, `km/h`, `kW·h`: see UNIT_SYMBOLS). */
export function isUnitSymbol(word: string): boolean {
  return WHOLE_UNIT.test(word);
}

/** A separator after a digit, before a unit symbol (the word before is checked to be a number: see `numberSpaces`). */
const BEFORE_UNIT = new RegExp(String.raw`(?<=\d)${SEPARATOR}(?=${UNIT})`, 'gu');

/**
 * The offsets (UTF-16) of the spaces of `text` that hold a number together: between its digit
 * groups, and between it and its unit symbol when the word before is a number (digits and
 * marks, `1.5`, `3–5`, `±0.5`, no letter: not `v2 GB`). A line never breaks there; the space is
 * set at `NUMBER_GAP` (a typed one) or its own width.
 */
export function numberSpaces(text: string): Set<number> {
  const out = new Set<number>();
  // (asked of every text: most have no digit group and no unit after a space, told in one pass each)
  if (GROUP_AFTER_SPACE.test(text)) {
    for (const m of text.matchAll(GROUPED_NUMBER))
      for (let k = 1; k < m[0].length; k++) if (!isDigitOrPoint(m[0][k])) out.add(m.index + k);
    for (const m of text.matchAll(TELEPHONE)) for (let k = 1; k < m[0].length; k++) if (isSpaceCharacter(m[0][k])) out.add(m.index + k);
  }
  if (UNIT_AFTER_SPACE.test(text))
    for (const m of text.matchAll(BEFORE_UNIT)) if (!/\p{L}/u.test(latinWordBefore(text, m.index))) out.add(m.index);
  return out;
}

/** A digit, a separator and a digit: where a grouped number may be. */
const GROUP_AFTER_SPACE = new RegExp(String.raw`\d${SEPARATOR}\d`, 'u');
/** A digit, a separator and the first character of some unit symbol: where a number and its unit may be. */
const UNIT_AFTER_SPACE = new RegExp(String.raw`\d${SEPARATOR}[${[...new Set(UNIT_SYMBOLS.map((u) => u[0]))].map((c) => c.replace(/[\]\\^-]/g, '\\$&')).join('')}]`, 'u');

/** The Latin word of `text` that ends at offset `end`: back to a space or a Chinese character. */
function latinWordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && !isSpaceCharacter(text[start - 1]) && !isCjk(text[start - 1])) start--;
  return text.slice(start, end);
}

function isDigitOrPoint(ch: string): boolean {
  return (ch >= '0' && ch <= '9') || ch === '.';
}

/** Whether a line may end after `ch`, a space of its own width (see `OWN_WIDTH_SPACES`). */
export function breaksAfter(ch: string): boolean {
  // (asked of every character of the text: most are no space of their own width, told by their code)
  const code = ch.charCodeAt(0);
  if (code < 0xa0 || (code > 0xa0 && code < 0x2000) || code > 0x205f) return false;
  return OWN_WIDTH_SPACES[ch]?.breaks ?? false;
}

/** True for a typed space or a space of its own width. */
export function isSpaceCharacter(ch: string): boolean {
  return ch === ' ' || Object.hasOwn(OWN_WIDTH_SPACES, ch);
}

/**
 * The width of a space inside a word, em: `NUMBER_GAP` for a typed space (one inside a number:
 * the only typed space a word of text holds), else its own width, read from the font where it is
 * a character's (`advanceOf` gives that character's advance, em).
 */
export function spaceWidth(ch: string, advanceOf: (character: string) => number): number {
  if (ch === ' ') return NUMBER_GAP;
  const w = OWN_WIDTH_SPACES[ch].width;
  return typeof w === 'number' ? w : advanceOf(w.like);
}
