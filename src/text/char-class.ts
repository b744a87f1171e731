/**
 * Character classes for Chinese layout (clreq; GB/T 15834): which characters are Han, which
 * are Chinese punctuation, and which may not start or end a line.
 */

/**
 * Never at a line start (clreq prohibition rules), including Latin closing marks. (Small kana
 * and ー, in a Japanese name or term, are kept off a line start by UAX #14: see breakpoints.ts.)
 */
export const NO_LINE_START = new Set(
  '、，。．：；？！”’）》〉」』】〕〗］｝·‧/,.;:?!)]}%'.split('').concat(['\u2019', '\u201D']),
);

/** Never at a line end. */
export const NO_LINE_END = new Set('“‘（《〈「『【〔〖［｛([{'.split(''));

/**
 * Closing and pause marks (and their Latin forms): each stands against the character before it,
 * so no space added to fill a line goes between the two (clreq).
 */
export const CLOSING_MARKS = new Set('、，。．：；？！”’）》〉」』】〕〗］｝,.;:?!)]}'.split(''));

/** Opening marks: each stands against the character after it (the marks that may not end a line). */
export const OPENING_MARKS = NO_LINE_END;

/**
 * Connecting marks (GB/T 15834-2011, 连接号: the wave dash of a range, 80～89 分): they
 * join what stands on each side, so no line breaks beside one, no Han–Latin gap opens beside one
 * and no space is added there (see glue.ts).
 */
export const CONNECTING_MARKS = new Set('～〜'.split(''));

/** Chinese punctuation drawn in a full-width box (the marks GB compression works on), and the connecting marks. */
export const CJK_PUNCTUATION = new Set([...'、，。．：；？！“”‘’（）《》〈〉「」『』【】〔〕〖〗［］｛｝'.split(''), ...CONNECTING_MARKS]);

/** Pause and end marks (点号) that may be squeezed to ½ em in a line (clreq squeeze order). */
export const PAUSE_MARKS = new Set('，、；：。'.split(''));

/**
 * The interpunct (间隔号, U+00B7 MIDDLE DOT) as it stands between two Chinese characters
 * (玛丽·居里, 《沁园春·雪》, 第一·二条): a Chinese mark half a character wide, its dot in the
 * middle (GB/T 15834-2011 5.1.7; see atoms.ts). Beside Latin text (kW·h, 3·15) it is the
 * Latin word's.
 */
export const INTERPUNCT = '\u00B7';

/** Marks that are set as one unbreakable unit of two characters (2 em). */
export const DOUBLED_MARKS = ['——', '……'];

/** True for Han ideographs (CJK Unified Ideographs and extensions, compatibility ideographs). */
export function isHan(cp: number): boolean {
  return (
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3134f)
  );
}

/**
 * True for characters of Chinese text: Han, Chinese punctuation, full-width forms, kana (a
 * Japanese name or term is set character by character as Han is, without the gap Latin gets),
 * and the Roman numerals and enclosed numbers and letters of GB 2312, which a Chinese font draws
 * a full em wide (Ⅱ, ⅳ, ①, ⑴, ⒈, ㈠, ㊀: `第Ⅱ部分`, enumerators in running text, `包括①加强管理；
 * ②完善制度`), set tight as the characters around.
 */
export function isCjk(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return (
    isHan(cp) ||
    CJK_PUNCTUATION.has(ch) ||
    (cp >= 0x3000 && cp <= 0x30ff) ||
    (cp >= 0x31f0 && cp <= 0x31ff) ||
    (cp >= 0x2160 && cp <= 0x217f) ||
    (cp >= 0x2460 && cp <= 0x24ff) ||
    (cp >= 0x3200 && cp <= 0x32ff) ||
    (cp >= 0xff00 && cp <= 0xffef)
  );
}

/** True for letters and digits of Latin (and other alphabetic) text. */
export function isAlnum(ch: string): boolean {
  return /[\p{L}\p{N}]/u.test(ch) && !isCjk(ch);
}

/** Percent, degree and unit signs: a number ends with them (`12.6%`, `0.21㎡`, `36.5℃`). */
const UNIT_SIGNS = '%‰‱°℃℉㎡㎥㎢㎞㎝㎜㎏㎎㎖㎗㎘';

/**
 * A sign, bound or currency before a digit: the number starts with it (`−1`, `±2`, `≥99.0%`, `≤1.5`, `$5`); an ASCII
 * hyphen-minus or plus only before a number with a point or a unit (`-0.18`, `-18%`, `+2.5`),
 * else it is a hyphen or a joiner (`京ICP备12345678号-1`, `思政+3`).
 */
const NUMBER_HEAD = new RegExp(`^(?:[−±≥≤$€£¥][0-9]|[-+][0-9]+(?:\\.[0-9]|[${UNIT_SIGNS}]))`, 'u');
/**
 * A hyphen-minus or plus before a whole number: the number's sign where a Chinese character
 * follows it, a count before its measure word (增加+420个, 减少-2人), and a plus where a mark or
 * nothing does (增加+420。); elsewhere a hyphen or a joiner, as NUMBER_HEAD says (号-1。).
 */
const SIGNED_COUNT = /^[-+][0-9]+$/;
/** A unit sign after a digit: the number ends with it. */
const NUMBER_TAIL = new RegExp(`[0-9][${UNIT_SIGNS}]+$`, 'u');

/** Superscript and subscript digits, signs and letters (`m²`, `CO₂`, `xⁿ`). */
const SCRIPT_CHARACTER = /[\u00B2\u00B3\u00B9\u2070-\u209F]/u;

/** Whether `ch` is a superscript or subscript character (see `SCRIPT_CHARACTER`). */
export function isScriptCharacter(ch: string): boolean {
  return SCRIPT_CHARACTER.test(ch);
}

/** Whether a word or number carries `ch` after it as a part of itself: a unit sign, a prime, a superscript or subscript (`36.5℃`, `5′30″`, `m²`, `CO₂`). */
export function isCarriedSign(ch: string): boolean {
  return UNIT_SIGNS.includes(ch) || ch === '′' || ch === '″' || isScriptCharacter(ch);
}

/**
 * The Latin text starts as a word or a number does (a letter, a digit, a sign before a digit;
 * `count`: what follows it makes a signed whole number a count, see atoms.ts countBefore:
 * SIGNED_COUNT), not with a symbol that binds it to the Chinese before it (思政+实践).
 */
export function startsAsWord(text: string, count = false): boolean {
  return isAlnum(text[0]) || NUMBER_HEAD.test(text) || (count && SIGNED_COUNT.test(text));
}

/** The Latin text ends as a word or a number does (a letter, a digit, a percent or unit sign after a digit). */
export function endsAsWord(text: string): boolean {
  return isAlnum(text[text.length - 1]) || NUMBER_TAIL.test(text);
}
