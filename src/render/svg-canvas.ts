/**
 * Draws an SVG's paths (see svg-shapes.ts) on a page image's canvas (page-image.ts), as
 * svg-draw.ts draws them in the PDF: same paths, paints, widths, caps, joins and dashes.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { SvgOp } from '../page/draw.js';
import { multiply } from './svg-transform.js';

type Path2DClass = typeof import('@napi-rs/canvas').Path2D;

/** Draws `op`'s paths on `ctx` at `scale` pixels a pt, clipped to the image's box. */
export function drawSvgOnCanvas(ctx: SKRSContext2D, op: SvgOp, scale: number, Path2D: Path2DClass): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(op.x * scale, op.y * scale, op.w * scale, op.h * scale);
  ctx.clip();
  const placed = multiply([scale, 0, 0, scale, 0, 0], [op.scale, 0, 0, op.scale, op.x, op.y]);
  for (const p of op.paths) {
    ctx.setTransform(...multiply(placed, p.matrix));
    const path = new Path2D(p.d);
    if (p.fill) {
      ctx.globalAlpha = p.fill.opacity;
      ctx.fillStyle = p.fill.color;
      ctx.fill(path, p.fillRule);
    }
    if (p.stroke) {
      ctx.globalAlpha = p.stroke.opacity;
      ctx.strokeStyle = p.stroke.color;
      ctx.lineWidth = p.stroke.width;
      ctx.lineCap = p.stroke.cap;
      ctx.lineJoin = p.stroke.join;
      ctx.setLineDash(p.stroke.dash);
      ctx.stroke(path);
      ctx.setLineDash([]);
    }
  }
  ctx.globalAlpha = 1;
  ctx.resetTransform();
  ctx.restore();
}
