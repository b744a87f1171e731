/**
 * Lengths as users write them in themes: `12pt`, `25mm`, `1cm`, `2em`, a bare number (pt),
 * or a Chinese font size name (字号) such as `小四` or `三号`; and colours, `#rrggbb`.
 */

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

/** Paper sizes in pt (width, height). */
export const PAPER: Record<string, [number, number]> = {
  A3: [841.89, 1190.55],
  A4: [595.28, 841.89],
  A5: [419.53, 595.28],
  B5: [498.9, 708.66],
  LETTER: [612, 792],
};

/** A colour as a theme or a template writes one: `#rrggbb`. */
export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
