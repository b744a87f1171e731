/** "Did you mean …?" for misspelt keys: the nearest known name by edit distance. */

/** The known name closest to `name`, if it is close enough to be a likely typo, or the one known name it is the start of (or starts with). */
export function closest(name: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(folded(name), folded(k));
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  if (bestDistance <= Math.max(1, Math.floor(name.length / 3))) return best;
  // a name cut short or run on (alias for aliases): one known name it begins, or that begins it
  const lower = name.toLowerCase();
  const extended = known.filter((k) => lower.length >= 3 && (k.toLowerCase().startsWith(lower) || lower.startsWith(k.toLowerCase())));
  return extended.length === 1 ? extended[0] : undefined;
}

/** A name as compared: lower case, full-width forms as their ASCII (`（1）` as `(1)`). */
function folded(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

/**
 * Edit distance with transpositions (optimal string alignment): insertions, deletions,
 * substitutions and swaps of neighbours each cost 1, so "titel" is one step from "title".
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The message for a key of a settings file that is not one of `known`, in `where` (`the theme`,
 * `` `page:` ``, `role "title"`): `unknown key "boxs" in the theme (did you mean "boxes"? known: …)`.
 */
export function unknownKeyMessage(key: string, known: readonly string[], where: string): string {
  const near = closest(key, [...known]);
  return `unknown key "${key}" in ${where} (${near ? `did you mean "${near}"? ` : ''}known: ${known.join(', ')})`;
}
