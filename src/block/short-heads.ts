/**
 * Short headers kept whole in a table too narrow for every body cell on one line: a column whose
 * short header (`教辅用房`, `多媒体教室|（间）`: see UNBROKEN_CELLS in table.ts) is broken takes
 * what it lacks from columns that have room to spare, as a typesetter does: a column of long
 * text that wraps anyway (down to 10 ems of text, or what keeps its own cells whole) or a column
 * wider than what keeps its short header and cells whole (a number under a long header). Pure:
 * widths only.
 */

/** What the columns ask, pt (padding included), by column (see ColumnAsks in table.ts). */
export interface HeadsAsks {
  /** Its body cells on one line (its header between words). */
  body: readonly number[];
  /** Its short header on one line too (a longer header between words). */
  heads: readonly number[];
}

/**
 * `widths` (pt, summing to the table's) with the columns whose short headers they break given
 * what those ask (`asks.heads`), least lacking first, twins (see twin-columns.ts) all or none,
 * while columns that can give it have it: a column that wraps anyway (narrower than its
 * `asks.body`) down to its `asks.heads` or `readable` pt, whichever is less; any other down to its
 * `asks.heads`; neither below its `floor` (the asks the widths were given at), nor a twin. The
 * widths and the columns so given (to keep as they are, see table.ts' fewerLines).
 */
export function shortHeadsWhole(widths: readonly number[], asks: HeadsAsks, floor: readonly number[], readable: number, twins: readonly (readonly number[])[]): { widths: number[]; kept: Set<number> } {
  const out = [...widths];
  const kept = new Set<number>();
  const lacking = (c: number) => asks.heads[c] - out[c];
  const broken = out.map((_, c) => c).filter((c) => asks.heads[c] > asks.body[c] + 1e-6 && lacking(c) > 1e-6);
  const done = new Set<number>();
  for (const c of broken.sort((a, b) => lacking(a) - lacking(b) || a - b)) {
    if (done.has(c)) continue;
    const takers = twins[c];
    for (const k of takers) done.add(k);
    const need = takers.reduce((n, k) => n + Math.max(0, lacking(k)), 0);
    const spare = (k: number) => out[k] - Math.max(floor[k], out[k] < asks.body[k] - 1e-6 ? Math.min(asks.heads[k], readable) : asks.heads[k]);
    const givers = out.map((_, k) => k).filter((k) => !takers.includes(k) && !kept.has(k) && twins[k].length === 1 && spare(k) > 1e-6);
    if (givers.reduce((s, k) => s + spare(k), 0) < need - 1e-6) continue;
    // the most room first
    let left = need;
    for (const k of givers.sort((a, b) => spare(b) - spare(a) || a - b)) {
      const take = Math.min(left, spare(k));
      out[k] -= take;
      left -= take;
      if (left <= 1e-6) break;
    }
    for (const k of takers) {
      out[k] = Math.max(out[k], asks.heads[k]);
      kept.add(k);
    }
  }
  return { widths: out, kept };
}
