/**
 * The shortest edit between two sequences (commands/sequence-diff.ts): its runs turn the old
 * sequence into the new one, and it removes and adds no more items than the longest common
 * subsequence leaves (checked against the textbook table on small random sequences).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffSequences, type EditRun } from '../../src/commands/sequence-diff.js';

/** The new sequence made from the old by the runs (checking that they follow each other). */
function apply(a: string[], runs: EditRun[], b: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  for (const r of runs) {
    expect([r.old, r.new]).toEqual([i, out.length]);
    if (r.kind === 'equal') out.push(...a.slice(i, i + r.count));
    if (r.kind === 'added') out.push(...b.slice(r.new, r.new + r.count));
    if (r.kind !== 'added') i += r.count;
  }
  expect(i).toBe(a.length);
  return out;
}

/** The length of the longest common subsequence (dynamic programming). */
function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
      diagonal = above;
    }
  }
  return row[b.length];
}

describe('diffSequences', () => {
  it('turns the old sequence into the new with the fewest items removed and added', () => {
    const sequence = fc.array(fc.constantFrom('a', 'b', 'c', '提', '升'), { maxLength: 30 });
    fc.assert(
      fc.property(sequence, sequence, (a, b) => {
        const runs = diffSequences(a, b, 1000)!;
        expect(apply(a, runs, b)).toEqual(b);
        const edits = runs.filter((r) => r.kind !== 'equal').reduce((n, r) => n + r.count, 0);
        expect(edits).toBe(a.length + b.length - 2 * lcsLength(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('gives up past the edits allowed', () => {
    expect(diffSequences(['a', 'b', 'c'], ['x', 'y', 'z'], 5)).toBeUndefined();
    expect(diffSequences(['a', 'b', 'c'], ['x', 'y', 'z'], 6)).toHaveLength(2);
  });
});
