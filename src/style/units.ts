/**
 * Lengths as users write them in themes: `12pt`, `25mm`, `1cm`, `2em`, a bare number (pt),
 * or a Chinese font size name (字号) such as `小四` or `三号`; and colours, `#rrggbb`.
 */

import { editDistance } from '../content/did-you-mean.js';

/** Chinese font sizes (字号) in pt. */
export const ZIHAO: Record<string, number> = {
  初号: 42, 小初: 36, 一号: 26, 小一: 24, 二号: 22, 小二: 18, 三号: 16,
  小三: 15, 四号: 14, 小四: 12, 五号: 10.5, 小五: 9, 六号: 7.5, 小六: 6.5, 七号: 5.5, 八号: 5,
};

/** Points in a millimetre. */
export const PT_PER_MM = 72 / 25.4;

const PT_PER: Record<string, number> = { pt: 1, mm: PT_PER_MM, cm: 72 / 2.54, in: 72, px: 0.75 };

/**
 * A length in pt. `em` is relative to `emSize` (pt). Returns undefined for text that is not a
 * length, so the caller can report it where it stands.
 */
export function parseLength(value: unknown, emSize = 0): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if (v in ZIHAO) return ZIHAO[v];
  const m = /^(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in|px|em)?$/.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? 'pt';
  return unit === 'em' ? n * emSize : n * PT_PER[unit];
}

/** The units of a length besides em, each as `parseLength` takes it (`px`: a CSS px, 0.75 pt). */
export const LENGTH_UNITS = Object.keys(PT_PER);

/** Units as a report's writers may type them in Chinese, and how they are written. */
const UNIT_WORDS: Record<string, string> = { 毫米: 'mm', 厘米: 'cm', 公分: 'cm', 英寸: 'in', 磅: 'pt', 点: 'pt', 像素: 'px' };

/**
 * What is wrong with `text` as a length whose units are `units` (em among them where a size gives
 * it), for a message: a unit not taken there (`notTaken` says why, after `em is not taken here`), a unit misspelt
 * (`"emm" is not a unit: did you mean mm?`), written in Chinese (`write 厘米 as cm`), a number
 * with an exponent; nothing when there is no more to say than what a length is (a word, a
 * length out of bounds).
 */
export function lengthSlip(text: string, units: readonly string[], notTaken: Partial<Record<string, string>> = {}): string | undefined {
  // a 字号 in traditional characters (三號)
  const zihao = text.trim().replaceAll('號', '号');
  if (zihao !== text.trim() && zihao in ZIHAO) return `write ${zihao}`;
  const m = /^\s*([-+]?)(\d+(?:\.\d*)?|\.\d+)\s*(\S.*?)\s*$/su.exec(text);
  if (!m) return undefined;
  const [, sign, number, unit] = m;
  if (units.includes(unit)) return number.startsWith('.') ? `write ${sign}0${number}${unit}` : undefined;
  if (unit === 'em' || LENGTH_UNITS.includes(unit)) return `${unit} is not taken here${notTaken[unit] ?? ''}`;
  const word = UNIT_WORDS[unit];
  if (word) return `write ${unit} as ${word}`;
  if (/^e[+-]?\d/i.test(unit)) return 'write the number in plain digits';
  const typed = unit.toLowerCase();
  const near = units.filter((u) => editDistance(typed, u) <= 1);
  // of several, those the typing holds (a letter doubled: `emm`, em or mm), else those it starts as (`mn`: mm, not in)
  const held = near.filter((u) => new RegExp([...u].join('.*')).test(typed));
  const likely = near.length < 2 ? near : held.length ? held : near.filter((u) => u[0] === typed[0]);
  return `"${unit}" is not a unit${likely.length ? `: did you mean ${likely.join(' or ')}?` : ''}`;
}

/** Paper sizes in pt (width, height). */
export const PAPER: Record<string, [number, number]> = {
  A3: [841.89, 1190.55],
  A4: [595.28, 841.89],
  A5: [419.53, 595.28],
  B5: [498.9, 708.66],
  LETTER: [612, 792],
};

/** A word that asks for a landscape page, in a paper's name (`A4-landscape`, `A4横向`) or a key of `page:` (`orientation`), or for a turned table in a key of `table:` (`横排`). */
export const LANDSCAPE_WORD = /landscape|orient|rotat|横|方向/i;

/** What a theme that asks for a landscape page is told: there is none, and the table key that turns a wide table (横排表). */
export const PORTRAIT_ONLY = ' (pages are portrait: Imprint sets no landscape page; a wide table is set turned on pages of its own, the page upright: write `landscape: true` in the table (横排表), or `size: small` for a dense one)';

/** A colour as a theme or a template writes one: `#rrggbb`. */
export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
