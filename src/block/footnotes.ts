/**
 * Footnotes (spec §6.2): where `^[…]` stands the text gets a marker (①②③ counted afresh on
 * each page, or 1, 2, 3 … through the report when the theme says `footnotes: continuous`),
 * and the line that holds it carries the note, set for the page's foot in the theme's
 * `footnote` style, its first line starting with the marker. Markers and notes link to each
 * other. Per-page markers depend on the pages: each printed is recorded, and the pipeline lays
 * out again until they agree with where the notes landed (as page labels do).
 */
import type { SourcePos } from '../problems.js';
import type { Inline } from '../text/inline.js';
import type { Line } from '../text/justify.js';
import type { Atom } from '../text/atoms.js';
import type { LineOp, StructTag } from '../page/draw.js';
import { newTag, style, type LayoutContext } from './context.js';
import { measureWidth } from './flow.js';
import type { Block } from './payload.js';
import type { Theme } from '../style/theme.js';
import { textBlocks } from './text-lines.js';

/** A note registered in a layout round; its id is its number in the report (from 1). */
export interface NoteEntry {
  runs: Inline[];
  at?: SourcePos;
}

/** The theme style notes are set in. */
export const NOTE_STYLE = 'footnote';

/** Height kept above a page's footnotes for their rule, pt: one line of the theme's footnote style (none without the style). */
export function footSeparator(theme: Theme): number {
  return theme.styles.get(NOTE_STYLE)?.lineHeight ?? 0;
}

/** The footnote rule: its length (a fraction of the width the notes are set in) and stroke width, pt. */
const FOOT_RULE_LENGTH = 1 / 4;
const FOOT_RULE_WIDTH = 0.5;

/** The short rule above the footnotes of a page whose first note line's top is `firstY` pt, notes `width` pt wide: in the middle of the separator, from x = 0. */
export function footRule(theme: Theme, firstY: number, width: number): LineOp {
  const y = firstY - footSeparator(theme) / 2;
  return { kind: 'line', x1: 0, y1: y, x2: width * FOOT_RULE_LENGTH, y2: y, width: FOOT_RULE_WIDTH, color: '#000000' };
}

/** The runs with each footnote replaced by its marker (a superscript linking to the note), the note registered. */
export function resolveNotes(ctx: LayoutContext, runs: Inline[], at: SourcePos | undefined): Inline[] {
  if (!runs.some((r) => r.note)) return runs;
  return runs.map((r) => {
    if (!r.note) return r;
    const { note, ...marks } = r;
    ctx.notes.push({ runs: note, at });
    const id = ctx.notes.length;
    return { ...marks, text: markerOf(ctx, id), script: 'sup', link: { dest: noteAnchor(id) }, footnote: id };
  });
}

/** The text of note `id`'s marker: its number through the report, or the last round's marker on its page. */
function markerOf(ctx: LayoutContext, id: number): string {
  if (ctx.theme.footnotes === 'continuous') return String(id);
  const marker = ctx.noteMarkers.get(id) ?? circled(1);
  ctx.noteMarkersRead.set(id, marker);
  return marker;
}

/** The notes whose markers stand in `lines`, in order, each as its blocks; `tag`: the element the text is. */
export function notesOn(ctx: LayoutContext, lines: Line[], tag: StructTag | undefined): Block[][] {
  const out: Block[][] = [];
  for (const line of lines) for (const atom of markersOf(line)) if (atom.text) out.push(noteBlocks(ctx, atom.marks.footnote!, atom.text, tag));
  return out;
}

/** The anchors of the markers in `lines` (a note links back to its marker). */
export function markerAnchors(lines: Line[]): string[] {
  return lines.flatMap((l) => markersOf(l).map((a) => markerAnchor(a.marks.footnote!)));
}

/** The footnote markers of each line looked at, found once: a set line is kept across rounds and watch rebuilds. */
const lineMarkers = new WeakMap<Line, Atom[]>();

/** The atoms of `line` that are footnote markers. */
function markersOf(line: Line): Atom[] {
  let markers = lineMarkers.get(line);
  if (!markers) lineMarkers.set(line, (markers = line.atoms.filter((a) => a.marks.footnote)));
  return markers;
}

/** A note's lines across the type area, its first line starting with its marker (linking back). */
function noteBlocks(ctx: LayoutContext, id: number, marker: string, tag: StructTag | undefined): Block[] {
  const note = ctx.notes[id - 1];
  // the marker, then a no-break space of its own width (⅓ em, see spaces.ts), a run of its own:
  // a gap that never stretches nor parts them, after a circled marker (set as Han is) or a number
  const runs: Inline[] = [{ text: marker, bold: false, link: { dest: markerAnchor(id) } }, { text: '\u00a0', bold: false }, ...note.runs];
  // (across the type area, wherever its marker stands: a mark may hang into the margin)
  const blocks = textBlocks({ ...ctx, hangRoom: undefined }, runs, style(ctx, NOTE_STYLE), { x: 0, width: measureWidth(ctx), at: note.at, anchors: [noteAnchor(id)], spaceBefore: 0, spaceAfter: 0, tag: newTag(ctx, 'Note', tag) });
  return blocks.map((b, i) => ({ ...b, keepWithNext: false, payload: { ...b.payload, footnote: i === 0 ? id : undefined } }));
}

const noteAnchor = (id: number) => `fn-${id}`;
const markerAnchor = (id: number) => `fnref-${id}`;

/**
 * Each note's per-page marker, from the pages as laid out (`notes`: the notes that start at a
 * page's foot, in order; `anchors`: those of its markers among them): ① for the first note that
 * starts at a page's foot, ② …. A note whose marker stands on the page before (set after a note
 * split there: see paginate/fill.ts) keeps counting from that page, and so do the notes after it on
 * its foot: the text of a page never prints a number twice, and a foot reads its numbers in order.
 */
export function perPageMarkers(pages: readonly { notes: readonly number[]; anchors: readonly { id: string }[] }[]): Map<number, string> {
  const markers = new Map<number, string>();
  let n = 0;
  for (const p of pages) {
    const first = p.notes[0];
    if (first !== undefined && p.anchors.some((a) => a.id === markerAnchor(first))) n = 0;
    for (const id of p.notes) markers.set(id, circled(++n));
  }
  return markers;
}

/** The marker of the n-th note on a page (from 1): ①–⑳, ㉑–㊿, then (51) …. */
export function circled(n: number): string {
  if (n <= 20) return String.fromCodePoint(0x2460 + n - 1);
  if (n <= 35) return String.fromCodePoint(0x3251 + n - 21);
  if (n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
  return `(${n})`;
}
