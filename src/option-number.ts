/**
 * Numbers given to options on the command line (`--dpi 72`, `--jobs 4`, `--pages 3-5`): plain
 * decimal digits, one rule for every option, so `0x48`, `1e2`, `72.0`, `+72` and ` 72` are
 * refused alike (JavaScript's `Number` would take each of them).
 */

/** The whole number `text` writes in plain decimal digits, or undefined for any other text (or one too large to hold exactly). */
export function optionNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^[0-9]+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}
