/**
 * `imprint diff -o DIR`: for each page that changed, an image of the new page with what changed
 * marked (translucent red boxes over the characters added, a bar where characters were removed,
 * or over the regions drawn differently), `page-NNN.png` (NNN: its physical page number in the
 * new edition), and beside it `page-NNN-side.png`, the old page (its removed characters marked)
 * left of the new; a page removed whole is `removed-NNN.png` (its number in the old edition).
 * Each is written atomically, and only over a PNG or an empty file.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Canvas } from '@napi-rs/canvas';
import type { Box, Edition } from './pdf-edition.js';
import type { EditionDiff } from './edition-diff.js';
import type { RunChanges } from './text-changes.js';
import { newPagesOf } from './diff-summary.js';
import { DEFAULT_DPI } from '../render/page-image.js';
import { notReplacedByPng } from '../page-images.js';
import { nextTurn, OutputError, writeFileAtomic } from '../output.js';

/** The marks' colours: a translucent red fill and its outline. */
const MARK_FILL = 'rgba(255, 0, 0, 0.3)';
const MARK_EDGE = 'rgba(220, 0, 0, 0.9)';
/** Width of the bar marking where characters were removed, pt. */
const REMOVAL_BAR = 2;
/** Space between the old and the new page side by side, pixels; its colour. */
const GUTTER = 24;
const GUTTER_COLOUR = '#808080';

/** An image that cannot be written: which, why, and what was written before it (nothing else is changed). */
export class ImageNotWritten extends Error {
  constructor(
    readonly file: string,
    reason: string,
    written: number,
  ) {
    super(`${file}: cannot write this image of the changes (${reason}); ${written ? `${written} image${written === 1 ? '' : 's'} written before it` : 'no image was written'}, no other file changed`);
  }
}

/** The marks of one page of an edition, pt. */
type Marks = Map<number, Box[]>;

/** Writes the images into `dir` (made when missing, as the files are written); returns the files written. Throws `ImageNotWritten`. */
export async function writeChangeImages(dir: string, old: Edition, now: Edition, d: EditionDiff): Promise<string[]> {
  const oldMarks: Marks = new Map();
  const newMarks: Marks = new Map();
  /** New page index -> old page index shown beside it. */
  const sides = new Map<number, number>();
  const mark = (marks: Marks, page: number, boxes: Box[]) => marks.set(page, [...(marks.get(page) ?? []), ...boxes]);
  for (const run of d.runs) {
    if (run.kind === 'matched') continue;
    const changes = d.changes.get(run);
    if (!changes) {
      // pages added or removed whole
      for (let i = 0; i < run.new.count; i++) mark(newMarks, run.new.first + i, now.pages[run.new.first + i].chars.map((c) => c.box));
      for (let i = 0; i < run.old.count; i++) mark(oldMarks, run.old.first + i, old.pages[run.old.first + i].chars.map((c) => c.box));
      continue;
    }
    for (const [page, boxes] of marksOfRun(changes, 'new')) {
      mark(newMarks, page, boxes);
      const partner = changes.partners.get(page);
      if (partner !== undefined) sides.set(page, partner);
    }
    for (const [page, boxes] of marksOfRun(changes, 'old')) mark(oldMarks, page, boxes);
  }
  for (const p of d.renumbered) {
    mark(newMarks, p.new, now.pages[p.new].folioBoxes);
    mark(oldMarks, p.old, old.pages[p.old].folioBoxes);
    sides.set(p.new, p.old);
  }
  for (const p of d.redrawn) {
    mark(newMarks, p.new, p.regions);
    mark(oldMarks, p.old, p.regions);
    sides.set(p.new, p.old);
  }
  const files: string[] = [];
  const digits = (e: Edition) => Math.max(3, String(e.pages.length).length);
  const write = async (name: string, png: Buffer) => {
    // a page takes a second to draw: a stop signal (held, see `holdStopSignals`) is handled between images
    await nextTurn();
    const file = path.join(dir, name);
    const there = notReplacedByPng(file);
    if (there) throw new ImageNotWritten(file, there, files.length);
    try {
      writeFileAtomic(file, png);
    } catch (e) {
      if (e instanceof OutputError) throw new ImageNotWritten(file, e.reason, files.length);
      throw e;
    }
    files.push(file);
  };
  for (const [page, boxes] of [...newMarks].sort((a, b) => a[0] - b[0])) {
    const name = `page-${String(page + 1).padStart(digits(now), '0')}`;
    const marked = await markedPage(now, page, boxes);
    await write(`${name}.png`, marked.toBuffer('image/png'));
    const partner = sides.get(page);
    if (partner !== undefined) await write(`${name}-side.png`, sideBySide(await markedPage(old, partner, oldMarks.get(partner) ?? []), marked).toBuffer('image/png'));
  }
  const removedWhole = d.runs.filter((r) => r.kind === 'unmatched' && !r.new.count).flatMap((r) => [...Array(r.old.count).keys()].map((i) => r.old.first + i));
  for (const page of removedWhole) await write(`removed-${String(page + 1).padStart(digits(old), '0')}.png`, (await markedPage(old, page, oldMarks.get(page) ?? [])).toBuffer('image/png'));
  return files;
}

/** The boxes to mark on each page of one side of a run: its characters removed or added; on the new side, a bar where characters were only removed. */
function marksOfRun(r: RunChanges, side: 'old' | 'new'): Marks {
  const marks: Marks = new Map();
  const add = (page: number, box: Box) => marks.set(page, [...(marks.get(page) ?? []), box]);
  for (const c of r.changes ?? []) {
    const span = side === 'old' ? c.removed : c.added;
    for (const ch of (side === 'old' ? r.old : r.new).slice(span.first, span.first + span.count)) add(ch.page, ch.box);
    if (side === 'new' && !c.added.count) {
      const at = r.new[Math.min(c.added.first, r.new.length - 1)];
      const page = newPagesOf(r, c.added)[0];
      if (at && page !== undefined) add(page, { x: (c.added.first < r.new.length ? at.box.x : at.box.x + at.box.w) - REMOVAL_BAR / 2, y: at.box.y, w: REMOVAL_BAR, h: at.box.h });
    }
  }
  if (!r.changes) for (const ch of side === 'old' ? r.old : r.new) add(ch.page, ch.box); // too many changes to list: all of it
  return marks;
}

/** Page `index` of `e` drawn at the images' resolution with `boxes` marked. */
async function markedPage(e: Edition, index: number, boxes: Box[]): Promise<Canvas> {
  const canvas = await e.draw(index, DEFAULT_DPI);
  const ctx = canvas.getContext('2d');
  const scale = DEFAULT_DPI / 72;
  ctx.fillStyle = MARK_FILL;
  ctx.strokeStyle = MARK_EDGE;
  ctx.lineWidth = 1;
  for (const b of mergedOnLines(boxes)) {
    ctx.fillRect(b.x * scale, b.y * scale, b.w * scale, b.h * scale);
    ctx.strokeRect(b.x * scale, b.y * scale, b.w * scale, b.h * scale);
  }
  return canvas;
}

/** Boxes side by side on one line (same top and height, touching) as one. */
function mergedOnLines(boxes: Box[]): Box[] {
  const merged: Box[] = [];
  for (const b of [...boxes].sort((p, q) => p.y - q.y || p.x - q.x)) {
    const last = merged[merged.length - 1];
    if (last && Math.abs(last.y - b.y) < 0.5 && Math.abs(last.h - b.h) < 0.5 && b.x <= last.x + last.w + 0.5) last.w = Math.max(last.w, b.x + b.w - last.x);
    else merged.push({ ...b });
  }
  return merged;
}

/** The old page left of the new, a grey gutter between. */
function sideBySide(left: Canvas, right: Canvas): Canvas {
  const { createCanvas } = createRequire(import.meta.url)('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
  const both = createCanvas(left.width + GUTTER + right.width, Math.max(left.height, right.height));
  const ctx = both.getContext('2d');
  ctx.fillStyle = GUTTER_COLOUR;
  ctx.fillRect(0, 0, both.width, both.height);
  ctx.drawImage(left, 0, 0);
  ctx.drawImage(right, left.width + GUTTER, 0);
  return both;
}
