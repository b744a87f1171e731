/**
 * Page images (PNG) drawn from the same `DrawPage`s as the PDF, on a Skia canvas
 * (@napi-rs/canvas, loaded only when images are asked for): glyph outlines from the same font
 * files (fontkit), rules, fills and images where the PDF puts them, on white. A test holds the
 * images to poppler's rendering of the PDF (pdftoppm) within a small difference.
 */
import { createRequire } from 'node:module';
import type { DrawOp, DrawPage, LineOp } from '../page/draw.js';
import type { FaceSet } from '../font/face.js';
import { drawSvgOnCanvas } from './svg-canvas.js';

type CanvasModule = typeof import('@napi-rs/canvas');
type Path2D = InstanceType<CanvasModule['Path2D']>;

/** Resolution of page images when none is asked for, dots per inch. */
export const DEFAULT_DPI = 144;

/** Glyph outlines made once per font file and glyph id (font units, y up). */
export type GlyphPaths = Map<string, Map<number, Path2D>>;

let canvasModule: CanvasModule | undefined;

/** The canvas library, loaded on first use (require: the bundle cannot hold its native code). */
function canvas(): CanvasModule {
  return (canvasModule ??= createRequire(import.meta.url)('@napi-rs/canvas') as CanvasModule);
}

/** The pixel size of a page at `dpi`: its pt size scaled, rounded up (as poppler's pdftoppm does), as shown: a page shown turned (/Rotate 90) is as wide as the page is tall. */
export function imageSize(page: DrawPage, dpi: number): { width: number; height: number } {
  const [across, down] = page.rotate ? [page.height, page.width] : [page.width, page.height];
  return { width: Math.ceil((across * dpi) / 72), height: Math.ceil((down * dpi) / 72) };
}

/** The PNG of one page at `dpi` dots per inch. `paths`: outlines kept from page to page. */
export async function pageImage(page: DrawPage, faces: FaceSet, dpi: number, paths: GlyphPaths = new Map()): Promise<Buffer> {
  const { createCanvas, loadImage, Path2D, DOMMatrix } = canvas();
  const { width, height } = imageSize(page, dpi);
  const image = createCanvas(width, height);
  const ctx = image.getContext('2d');
  const scale = dpi / 72;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  // a page shown turned a quarter clockwise (/Rotate 90): its left edge at the image's top
  if (page.rotate) ctx.setTransform(0, 1, -1, 0, page.height * scale, 0);
  const outline = (font: string, id: number): Path2D => {
    let ofFont = paths.get(font);
    if (!ofFont) paths.set(font, (ofFont = new Map()));
    let path = ofFont.get(id);
    if (!path) ofFont.set(id, (path = new Path2D(faces.byKey(font).font.getGlyph(id).path.toSVG())));
    return path;
  };
  const draw = async (ops: DrawOp[]): Promise<void> => {
    for (const op of ops) {
      switch (op.kind) {
        case 'glyphs': {
          const em = (op.size * scale) / faces.byKey(op.font).unitsPerEm;
          ctx.fillStyle = op.color;
          const { ids, xs } = op.glyphs;
          const base = ctx.getTransform();
          for (let i = 0; i < ids.length; i++) {
            ctx.setTransform(base.multiply(new DOMMatrix([em, 0, 0, -em, (op.x + xs[i]) * scale, op.y * scale])));
            ctx.fill(outline(op.font, ids[i]));
          }
          ctx.setTransform(base);
          break;
        }
        case 'rect':
          ctx.fillStyle = op.fill;
          ctx.fillRect(op.x * scale, op.y * scale, op.w * scale, op.h * scale);
          break;
        case 'line':
          if (op.x1 === op.x2 || op.y1 === op.y2) {
            // (on a turned page or in a turned frame, in whole pixels of the image: a quarter turn keeps a rule a rule)
            const m = ctx.getTransform();
            const device = (x: number, y: number) => [m.a * x * scale + m.c * y * scale + m.e, m.b * x * scale + m.d * y * scale + m.f];
            const [[x1, y1], [x2, y2]] = [device(op.x1, op.y1), device(op.x2, op.y2)];
            const r = m.isIdentity ? ruleRect(op, scale) : ruleRect({ ...op, x1, y1, x2, y2, width: op.width * scale }, 1);
            ctx.save();
            ctx.resetTransform();
            ctx.fillStyle = op.color;
            ctx.fillRect(r.x, r.y, r.w, r.h);
            ctx.restore();
            break;
          }
          ctx.strokeStyle = op.color;
          ctx.lineWidth = op.width * scale;
          ctx.lineCap = 'butt'; // the PDF's default cap
          ctx.beginPath();
          ctx.moveTo(op.x1 * scale, op.y1 * scale);
          ctx.lineTo(op.x2 * scale, op.y2 * scale);
          ctx.stroke();
          break;
        case 'image':
          ctx.drawImage(await loadImage(op.data), op.x * scale, op.y * scale, op.w * scale, op.h * scale);
          break;
        case 'svg':
          drawSvgOnCanvas(ctx, op, scale, Path2D);
          break;
        case 'link':
          break; // nothing drawn
        case 'turned':
          // a turned table's page: its frame turned a quarter counter-clockwise (see TurnedOp)
          ctx.save();
          ctx.transform(0, -1, 1, 0, op.x * scale, op.y * scale);
          await draw(op.ops);
          ctx.restore();
          break;
      }
    }
  };
  await draw(page.ops);
  return image.toBuffer('image/png');
}

/**
 * A horizontal or vertical rule in whole pixels, at least one thick, as PDF viewers draw thin
 * rules (stroke adjustment): a 0.5 pt rule stays one dark pixel, not two grey ones.
 */
function ruleRect(op: LineOp, scale: number): { x: number; y: number; w: number; h: number } {
  const along = (a: number, b: number) => {
    const start = Math.round(Math.min(a, b) * scale);
    return [start, Math.round(Math.max(a, b) * scale) - start];
  };
  const across = (at: number) => [Math.round((at - op.width / 2) * scale), Math.max(1, Math.round(op.width * scale))];
  const [x, w] = op.x1 === op.x2 ? across(op.x1) : along(op.x1, op.x2);
  const [y, h] = op.y1 === op.y2 ? across(op.y1) : along(op.y1, op.y2);
  return { x, y, w, h };
}
