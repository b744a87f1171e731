/**
 * Placing the atoms of one line: the stages of the justification policy, in its order
 * (justification-policy.ts): a line too long shrinks stage by stage; a line too short stretches
 * stage by stage, each place to its limit, and then, as the last resort, evens out the places
 * that may take more (the narrowest widened first) until the line is full.
 */
import type { Atom } from './atoms.js';
import type { Adjustability } from './glue.js';
import { SHRINK_STAGES, STRETCH_STAGES } from './justification-policy.js';
import type { LineMeasure } from './optimal-breaks.js';

export type Align = 'justify' | 'left' | 'center' | 'right';

/** One set line. Lengths in pt. */
export interface Line {
  /** The line's atoms, in order. */
  atoms: Atom[];
  /** Left edge of each atom's first glyph, pt from the line's left edge (indent included). */
  xs: number[];
  /** Width the line was set to (the measure minus indent). */
  width: number;
  /** Width of the ink run from the first to the last atom. */
  used: number;
  /** Width the atoms would take unadjusted (before stretching or squeezing). */
  natural: number;
  /**
   * The last resort's level: the width it brought the places it widened to (a Han–Latin gap, which
   * joins late, stands narrower), pt; 0 when the stages sufficed.
   */
  lastResortWidth: number;
  /** Offsets of the line's text in the paragraph's plain text. */
  start: number;
  end: number;
}

/**
 * Places atoms [m.start, m.end) in a line of `width` pt starting at `indent` pt.
 * `stretchToFit` is false for a paragraph's last line and for unjustified text.
 */
export function placeLine(
  atoms: Atom[],
  items: Adjustability[],
  joints: Adjustability[],
  m: LineMeasure,
  indent: number,
  width: number,
  align: Align,
  isLast: boolean,
): Line {
  const { start, end } = m;
  const count = end - start;
  // sizes[k]: width of atom start+k; gaps[k]: joint after it (loops, not Array.from: a line's
  // arrays are made 700 times a report, mostly before V8 optimises this code)
  const sizes = new Array<number>(count);
  for (let k = 0; k < count; k++) sizes[k] = items[start + k].width;
  const gaps = new Array<number>(Math.max(0, count - 1));
  for (let k = 0; k < gaps.length; k++) gaps[k] = joints[start + k].width;
  sizes[0] -= m.trimStart;
  sizes[count - 1] -= count > 1 ? m.trimEnd : 0;
  // a hanging mark stands just past the line end: it takes no room and no adjustment
  if (m.hang > 0) [sizes[count - 1], gaps[count - 2]] = [0, 0];
  let excess = width - m.natural;
  let level = 0;
  const justify = align === 'justify' && !(isLast && excess >= 0);
  const hangs = m.hang > 0;
  // the last resort: what the stages leave evens out the places that may take it (not before a
  // hanging mark), the narrowest first, so that no kind of gap opens into a hole; a place that
  // joins from a level (a Han–Latin gap) widens by what the level passes it
  const itemTakes = (k: number) => items[start + k].lastResortFrom < Infinity && !(hangs && k === count - 1);
  const jointTakes = (k: number) => joints[start + k].lastResortFrom < Infinity && !(hangs && k === gaps.length - 1);
  // a line that neither can fill (on a grid, where no place takes the last resort: a line before a
  // word too long for its cells) is not stretched at all: it stands short, its characters on their cells
  const lastResort = justify && excess > 0 && takesLastResort(count, itemTakes, jointTakes);
  if (justify && excess > 0 && (lastResort || excess <= stretchCapacity(count, start, items, joints, hangs) + 1e-9)) {
    for (const stage of STRETCH_STAGES) excess = grow(sizes, gaps, start, items, joints, stage, hangs, excess);
    if (lastResort && excess > 1e-9) {
      const from: number[] = [];
      for (let k = 0; k < count; k++) if (itemTakes(k)) from.push(Math.max(sizes[k], items[start + k].lastResortFrom));
      for (let k = 0; k < gaps.length; k++) if (jointTakes(k)) from.push(Math.max(gaps[k], joints[start + k].lastResortFrom));
      level = levelFilling(from, excess);
      for (let k = 0; k < count; k++) if (itemTakes(k)) sizes[k] += Math.max(0, level - Math.max(sizes[k], items[start + k].lastResortFrom));
      for (let k = 0; k < gaps.length; k++) if (jointTakes(k)) gaps[k] += Math.max(0, level - Math.max(gaps[k], joints[start + k].lastResortFrom));
      excess = 0;
    }
  }
  // pull[k]: how far atom k's glyphs move left because its left blank was squeezed
  const pull = new Array<number>(count).fill(0);
  if (excess < 0) squeeze(sizes, gaps, pull, start, atoms, m, items, joints, -excess);
  let sizeSum = 0;
  for (const size of sizes) sizeSum += size;
  let gapSum = 0;
  for (const gap of gaps) gapSum += gap;
  const used = sizeSum + gapSum;
  let x = indent;
  if (align === 'center') x += Math.max(0, (width - used) / 2);
  else if (align === 'right') x += Math.max(0, width - used);
  const xs = new Array<number>(count);
  for (let k = 0; k < count; k++) {
    const atom = atoms[start + k];
    const trimmedLeft = (k === 0 ? m.trimStart : 0) + (k === count - 1 && count > 1 ? m.trimEndLeft : 0);
    xs[k] = x + atom.shift - trimmedLeft - pull[k];
    x += sizes[k] + (gaps[k] ?? 0);
  }
  return { atoms: atoms.slice(start, end), xs, width, used, natural: m.natural, lastResortWidth: level, start: atoms[start]?.start ?? 0, end: atoms[end - 1]?.end ?? 0 };
}

/**
 * The level that places starting to widen at `from` pt (their width, or the level they join
 * from) must reach to take `excess` pt between them, each widening by what the level passes
 * its `from`: water filling. `from` is sorted in place.
 */
function levelFilling(from: number[], excess: number): number {
  from.sort((a, b) => a - b);
  let sum = 0; // of the j lowest
  for (let j = 1; j <= from.length; j++) {
    sum += from[j - 1];
    const level = (sum + excess) / j;
    if (j === from.length || level <= from[j]) return level;
  }
  return 0; // (not reached: the loop returns at its last place)
}

/** How far the stretch stages can widen a line of `count` atoms from `start` (not the joint before a hanging mark: `hangs`), pt. */
function stretchCapacity(count: number, start: number, items: Adjustability[], joints: Adjustability[], hangs: boolean): number {
  const inner = hangs ? count - 2 : count - 1; // joints that may grow
  let capacity = 0;
  for (let k = 0; k < count; k++) {
    if (items[start + k].stretchStage < Infinity) capacity += items[start + k].stretch;
    if (k < inner && joints[start + k].stretchStage < Infinity) capacity += joints[start + k].stretch;
  }
  return capacity;
}

/** Whether some atom or joint of a line of `count` atoms takes the last resort. */
function takesLastResort(count: number, itemTakes: (k: number) => boolean, jointTakes: (k: number) => boolean): boolean {
  for (let k = 0; k < count; k++) if (itemTakes(k) || (k < count - 1 && jointTakes(k))) return true;
  return false;
}

/**
 * Grows the places of one stretch stage, each by the same fraction of its limit (not the joint
 * before a hanging mark: `hangs`); returns what is left.
 */
function grow(sizes: number[], gaps: number[], start: number, items: Adjustability[], joints: Adjustability[], stage: number, hangs: boolean, excess: number): number {
  if (excess <= 0) return excess;
  const inner = hangs ? gaps.length - 1 : gaps.length; // joints that may grow
  let capacity = 0;
  for (let k = 0; k < sizes.length; k++) {
    if (items[start + k].stretchStage === stage) capacity += items[start + k].stretch;
    if (k < inner && joints[start + k].stretchStage === stage) capacity += joints[start + k].stretch;
  }
  if (capacity <= 0) return excess;
  const f = Math.min(1, excess / capacity);
  for (let k = 0; k < sizes.length; k++) {
    if (items[start + k].stretchStage === stage) sizes[k] += items[start + k].stretch * f;
    if (k < inner && joints[start + k].stretchStage === stage) gaps[k] += joints[start + k].stretch * f;
  }
  return excess - capacity * f;
}

/** Shrinks stage by stage (the breaker guarantees enough capacity). */
function squeeze(
  sizes: number[],
  gaps: number[],
  pull: number[],
  start: number,
  atoms: Atom[],
  m: LineMeasure,
  items: Adjustability[],
  joints: Adjustability[],
  deficit: number,
): void {
  for (const stage of SHRINK_STAGES) {
    let capacity = 0;
    const itemShrink = (k: number) => {
      const it = items[start + k];
      if (it.shrinkStage !== stage || (m.hang > 0 && k === sizes.length - 1)) return 0;
      // the blank already trimmed at a line edge cannot be squeezed again
      const atom = atoms[start + k];
      let s = it.shrink;
      if (k === 0) s -= Math.min(s, m.trimStart && atom.blankLeft ? m.trimStart : 0);
      if (k === sizes.length - 1 && sizes.length > 1) s -= Math.min(s, m.trimEnd && atom.blankRight ? m.trimEnd : 0);
      return s;
    };
    for (let k = 0; k < sizes.length; k++) {
      capacity += itemShrink(k);
      if (k < gaps.length && joints[start + k].shrinkStage === stage) capacity += joints[start + k].shrink;
    }
    if (capacity <= 0) continue;
    const f = Math.min(1, deficit / capacity);
    for (let k = 0; k < sizes.length; k++) {
      const s = itemShrink(k) * f;
      sizes[k] -= s;
      const atom = atoms[start + k];
      if (s > 0 && atom.blankLeft > 0) pull[k] += Math.min(s, atom.blankLeft - (k === 0 ? m.trimStart : 0));
      if (k < gaps.length && joints[start + k].shrinkStage === stage) gaps[k] -= joints[start + k].shrink * f;
    }
    deficit -= capacity * f;
    if (deficit <= 1e-9) return;
  }
}
