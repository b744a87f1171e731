/**
 * The shortest edit between two sequences (Myers' O(ND) difference algorithm, as `diff` uses):
 * runs of items kept, removed from the first and added in the second. Used for the pages of two
 * editions (by their text) and for the characters of their text.
 */

/** A run of the edit: `count` items kept (`equal`), removed from the old sequence or added in the new. */
export interface EditRun {
  kind: 'equal' | 'removed' | 'added';
  /** Index of the run's first item in the old sequence (for `added`: where it goes in). */
  old: number;
  /** Index of the run's first item in the new sequence (for `removed`: where it went from). */
  new: number;
  count: number;
}

/**
 * The runs that turn `a` into `b` with the fewest items removed and added (items compared with
 * `===`), or undefined when that takes more than `maxEdits` (the cost grows with its square).
 */
export function diffSequences<T>(a: readonly T[], b: readonly T[], maxEdits: number): EditRun[] | undefined {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const middle = middleRuns(a.slice(head, a.length - tail), b.slice(head, b.length - tail), maxEdits);
  if (!middle) return undefined;
  const runs: EditRun[] = [];
  const push = (run: EditRun) => {
    if (run.count === 0) return;
    const last = runs[runs.length - 1];
    if (last && last.kind === run.kind && last.old + (run.kind === 'added' ? 0 : last.count) === run.old && last.new + (run.kind === 'removed' ? 0 : last.count) === run.new) last.count += run.count;
    else runs.push({ ...run });
  };
  push({ kind: 'equal', old: 0, new: 0, count: head });
  for (const r of middle) push({ ...r, old: r.old + head, new: r.new + head });
  push({ kind: 'equal', old: a.length - tail, new: b.length - tail, count: tail });
  return runs;
}

/** Myers' greedy search, keeping each round's furthest reach to trace the path back. */
function middleRuns<T>(a: readonly T[], b: readonly T[], maxEdits: number): EditRun[] | undefined {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [n ? { kind: 'removed', old: 0, new: 0, count: n } : { kind: 'added', old: 0, new: 0, count: m }];
  const limit = Math.min(n + m, maxEdits);
  // rounds[d][k + d]: the furthest x reached on diagonal k (= x - y) with d edits
  const rounds: Int32Array[] = [];
  let previous = new Int32Array(1);
  for (let d = 0; d <= limit; d++) {
    const reach = new Int32Array(2 * d + 1);
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && previous[k + 1 + (d - 1)] > previous[k - 1 + (d - 1)]);
      let x = d === 0 ? 0 : down ? previous[k + 1 + (d - 1)] : previous[k - 1 + (d - 1)] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      reach[k + d] = x;
      if (x >= n && y >= m) {
        rounds.push(reach);
        return traceBack(rounds, n, m);
      }
    }
    rounds.push(reach);
    previous = reach;
  }
  return undefined;
}

/** The runs of the path found, from its end back to its start. */
function traceBack(rounds: Int32Array[], n: number, m: number): EditRun[] {
  const runs: EditRun[] = [];
  let x = n;
  let y = m;
  for (let d = rounds.length - 1; d > 0; d--) {
    const k = x - y;
    const previous = rounds[d - 1];
    const down = k === -d || (k !== d && previous[k + 1 + (d - 1)] > previous[k - 1 + (d - 1)]);
    const startX = down ? previous[k + 1 + (d - 1)] : previous[k - 1 + (d - 1)];
    const startY = startX - (down ? k + 1 : k - 1);
    // the edit took (startX, startY) one step, then a snake of equal items led to (x, y)
    const snakeX = down ? startX : startX + 1;
    const snakeY = down ? startY + 1 : startY;
    runs.push({ kind: 'equal', old: snakeX, new: snakeY, count: x - snakeX });
    runs.push(down ? { kind: 'added', old: startX, new: startY, count: 1 } : { kind: 'removed', old: startX, new: startY, count: 1 });
    x = startX;
    y = startY;
  }
  runs.push({ kind: 'equal', old: 0, new: 0, count: x });
  return runs.reverse();
}
