/** Printed page labels: arabic or lower-case roman numerals, or none. */

/** The label of the n-th page (from 1) of a matter with this numbering. */
export function pageLabel(numbering: 'none' | 'roman' | 'arabic', n: number): string {
  if (numbering === 'none') return '';
  return numbering === 'roman' ? toRoman(n) : String(n);
}

/** Lower-case roman numeral of 1 ≤ n < 4000. */
export function toRoman(n: number): string {
  const table: [number, string][] = [
    [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
    [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
  ];
  let out = '';
  for (const [value, numeral] of table) {
    while (n >= value) {
      out += numeral;
      n -= value;
    }
  }
  return out;
}

/** The value of a lower-case roman numeral written as `toRoman` writes it, else undefined. */
export function fromRoman(numeral: string): number | undefined {
  const values: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };
  let n = 0;
  for (let i = 0; i < numeral.length; i++) {
    const v = values[numeral[i]];
    const after = values[numeral[i + 1]] ?? 0;
    if (v === undefined) return undefined;
    n += v < after ? -v : v;
  }
  return n > 0 && n < 4000 && toRoman(n) === numeral ? n : undefined;
}
