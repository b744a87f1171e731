/**
 * Whether two pages of the same text are drawn the same (a changed image, rule, colour or font
 * shows only here): both drawn by pdf.js at the same resolution and compared pixel by pixel,
 * the folios left out (a moved page is numbered anew). Where they differ, as boxes.
 */
import type { Canvas } from '@napi-rs/canvas';
import type { Box } from './pdf-edition.js';

/** Resolution pages are compared at, dots per inch. */
export const COMPARE_DPI = 72;
/** A pixel differs when a colour channel differs by more than this (0–255; a tint changed from #eaf2fb to #fbeaea differs by 17). */
const CHANNEL_TOLERANCE = 8;
/** A page is drawn differently when more pixels than this differ (the same drawing gives none). */
const PIXEL_TOLERANCE = 16;
/** Side of the squares differences are marked in, pixels at `COMPARE_DPI`. */
const CELL = 8;

/**
 * The regions (pt, from the top left) where `a` and `b`, drawn at `COMPARE_DPI`, differ outside
 * `masks` (pt); none when they agree within the tolerance. Pages of different sizes differ whole.
 */
export function differingRegions(a: Canvas, b: Canvas, masks: Box[]): Box[] {
  const toPt = 72 / COMPARE_DPI;
  if (a.width !== b.width || a.height !== b.height) return [{ x: 0, y: 0, w: b.width * toPt, h: b.height * toPt }];
  const { width, height } = a;
  const pa = a.getContext('2d').getImageData(0, 0, width, height).data;
  const pb = b.getContext('2d').getImageData(0, 0, width, height).data;
  const masked = new Uint8Array(width * height);
  for (const m of masks) {
    const x0 = Math.max(0, Math.floor(m.x / toPt) - 1);
    const y0 = Math.max(0, Math.floor(m.y / toPt) - 1);
    const x1 = Math.min(width, Math.ceil((m.x + m.w) / toPt) + 1);
    const y1 = Math.min(height, Math.ceil((m.y + m.h) / toPt) + 1);
    for (let y = y0; y < y1; y++) masked.fill(1, y * width + x0, y * width + x1);
  }
  const columns = Math.ceil(width / CELL);
  const cells = new Set<number>();
  let differing = 0;
  for (let i = 0; i < width * height; i++) {
    if (masked[i]) continue;
    const o = 4 * i;
    if (Math.abs(pa[o] - pb[o]) > CHANNEL_TOLERANCE || Math.abs(pa[o + 1] - pb[o + 1]) > CHANNEL_TOLERANCE || Math.abs(pa[o + 2] - pb[o + 2]) > CHANNEL_TOLERANCE) {
      differing++;
      cells.add(Math.floor(Math.floor(i / width) / CELL) * columns + Math.floor((i % width) / CELL));
    }
  }
  if (differing <= PIXEL_TOLERANCE) return [];
  // cells side by side on a row become one box
  const boxes: Box[] = [];
  for (const cell of [...cells].sort((p, q) => p - q)) {
    const row = Math.floor(cell / columns);
    const x = (cell % columns) * CELL * toPt;
    const last = boxes[boxes.length - 1];
    if (last && last.y === row * CELL * toPt && Math.abs(last.x + last.w - x) < 1e-9) last.w += CELL * toPt;
    else boxes.push({ x, y: row * CELL * toPt, w: CELL * toPt, h: CELL * toPt });
  }
  return boxes;
}
