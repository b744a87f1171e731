/**
 * The text of a merged cell (a cell spanning rows) whose rows a page parts (see row-breaks.ts):
 * each part of its rows shows what fits them, as a typesetter continues it, and no row is made
 * taller for it than its own cells make it. A text that fits the first part stands there whole
 * (centred on its rows), and again in each later part it fits (a label, `浦东街道`, over the rows
 * under 续表: the copy an artifact), none where it does not; a text taller than the first part
 * shows the lines that fit there and goes on in the next part from its top, each line once.
 * Pure: line counts only.
 */

/** How much of a merged cell's text the parts of its rows before a part have shown. */
export interface MergedShown {
  /** Its lines shown, from its first. */
  lines: number;
  /** Parted: its text went on from one part to the next (so never printed again whole). */
  parted: boolean;
}

/** Nothing shown yet: the part holding the merged cell's first row. */
export const NONE_SHOWN: MergedShown = { lines: 0, parted: false };

/** What a part shows of a merged cell's text. */
export interface MergedPiece {
  /** Its lines [from, to) shown in the part. */
  from: number;
  to: number;
  /** Printed again: the whole text, shown before, repeated (an artifact, without its footnotes). */
  again: boolean;
  /** Set from the part's top (text going on from the part before, or into the next), not centred on its rows. */
  top: boolean;
  /** What the parts up to this one have shown, for the next. */
  shown: MergedShown;
}

/**
 * The piece of a merged cell's text of `lines` lines that a part of its rows shows, where the
 * part's rows of the cell hold `fits` lines without growing; `shown` by the parts before, and
 * whether the part holds the cell's first row (`starts`) and its last (`ends`: the rest of its
 * text stands there, however tall).
 */
export function mergedPiece(lines: number, fits: number, shown: MergedShown, starts: boolean, ends: boolean): MergedPiece {
  if (starts && (ends || lines <= fits)) return { from: 0, to: lines, again: false, top: false, shown: { lines, parted: false } };
  if (starts) return { from: 0, to: fits, again: false, top: true, shown: { lines: fits, parted: true } };
  if (shown.lines >= lines) {
    const again = !shown.parted && lines <= fits;
    return { from: 0, to: again ? lines : 0, again, top: false, shown };
  }
  const to = ends ? lines : Math.min(lines, shown.lines + fits);
  return { from: shown.lines, to, again: false, top: true, shown: { lines: to, parted: true } };
}
