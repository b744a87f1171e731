/**
 * Figures: the image at its width, its caption below, then its note; kept on one page. A PNG or
 * JPEG is embedded whole; an SVG is drawn as vector paths with its text set in the caption
 * style's fonts (glyph runs, so it can be searched and copied).
 */
import type { FigureNode } from '../template/doc-tree.js';
import type { DrawOp, StructTag } from '../page/draw.js';
import type { CheckedVector } from '../content/image-file.js';
import type { FigureWidth } from '../content/types.js';
import { svgShapes, type SvgText } from '../render/svg-shapes.js';
import { apply, isUprightScale, lengthScale, multiply, type Matrix } from '../render/svg-transform.js';
import { plainText } from '../text/inline.js';
import { PT_PER_MM } from '../style/units.js';
import { newTag, style, type LayoutContext } from './context.js';
import { block, type Item } from './payload.js';
import { noteBlocks } from './note-lines.js';
import { baselineOf, lineOps, paragraphStyle, setText, textBlocks } from './text-lines.js';

/** A figure's items: image, caption, note, chained to stay on one page when they fit. */
export function figureItems(ctx: LayoutContext, node: FigureNode, x: number, width: number, parent: StructTag): Item[] {
  // the content's images were checked when it was loaded, one a template names when its markup was read
  const info = node.image;
  const p = ctx.theme.page;
  const { w, h } = drawnSize(info, node.width, width, p.height - p.marginTop - p.marginBottom);
  if (info.type !== 'svg') warnLowResolution(ctx, node, info.width, w);
  if (info.type !== 'svg' && info.profileIgnored) ctx.problems.warn(node.at ?? ctx.templatePos, `the colour profile this image carries is ignored (${info.profileIgnored}): it is drawn as if it carried none`);
  warnMadeSmaller(ctx, node, w, width, p.height - p.marginTop - p.marginBottom);
  const figure = newTag(ctx, 'Figure', parent, plainText(node.caption.runs));
  const left = x + (width - w) / 2;
  const ops: DrawOp[] =
    info.type === 'svg'
      ? [{ kind: 'svg', x: left, y: 0, w, h, scale: w / info.width, paths: svgShapes(info).paths, tag: figure }, ...svgTextOps(ctx, node, info, [w / info.width, 0, 0, w / info.width, left, 0], { x: left, w, h }, figure)]
      : [{ kind: 'image', x: left, y: 0, w, h, data: info.data, ...(info.profile ? { profile: info.profile } : {}), tag: figure }];
  const image = block(h, { ops, anchors: node.id ? [node.id] : [] }, { spaceBefore: 12, keepWithNext: true });
  const caption = textBlocks(ctx, node.caption.runs, style(ctx, node.captionStyle), { x, width, at: node.caption.at, tag: newTag(ctx, 'Caption', parent) });
  if (!node.note) return [image, ...caption];
  // the note under the image, from its left edge (at the margin it stood apart from a centred
  // image): as wide as the image, half the measure at least, centred under a narrower one
  const noteWidth = Math.min(width, Math.max(w, width * NOTE_LEAST_SHARE));
  const note = noteBlocks(ctx, node.note.runs, style(ctx, node.noteStyle), { x: x + (width - noteWidth) / 2, width: noteWidth, at: node.note.at, tag: newTag(ctx, 'Caption', parent) });
  // on a grid the note is set at its own leading, as a table's is (a 小五 line a grid row apart stood far from the next);
  // the text after it goes back to the grid
  return [image, ...caption.map((b) => ({ ...b, keepWithNext: true })), ...(ctx.theme.grid ? note.map((b) => ({ ...b, offGrid: true })) : note)];
}

/** The least width of a figure's note, a share of the measure (under a narrow image it would wrap into many short lines). */
const NOTE_LEAST_SHARE = 0.5;

/**
 * The least resolution a PNG or JPEG is printed at without a warning, pixels per inch: below it
 * the pixels of its lines and text show in print (print shops ask 300 for a photograph and warn
 * below 150).
 */
const LEAST_PRINT_PPI = 150;

/** A warning at the image's name when the `pixels` across it are drawn `drawn` pt wide at less than LEAST_PRINT_PPI. */
function warnLowResolution(ctx: LayoutContext, node: FigureNode, pixels: number, drawn: number): void {
  const ppi = pixels / (drawn / 72);
  if (ppi >= LEAST_PRINT_PPI) return;
  const mm = Math.round((drawn / 72) * 25.4);
  // (without `width:` an image is drawn a pt a pixel, 72 per inch whatever its size: the width is the remedy)
  const widest = Math.floor((pixels / LEAST_PRINT_PPI) * 25.4);
  const remedy = node.width ? `give an image of ${Math.ceil((LEAST_PRINT_PPI * drawn) / 72)} pixels across or more, or a smaller \`width:\`` : `give it \`width: ${widest}mm\` or less, or an image with more pixels`;
  ctx.problems.warn(node.at ?? ctx.templatePos, `this image is printed at ${Math.round(ppi)} pixels per inch (${pixels} pixels across ${mm} mm): print wants at least ${LEAST_PRINT_PPI}, 300 for a photograph; ${remedy}`);
}

/**
 * A warning at the image's name when it is drawn narrower than its `width:` asks (200mm on an A4
 * page, whose type area is 156mm wide: it was made smaller without a word), saying why and how
 * wide it is drawn.
 */
function warnMadeSmaller(ctx: LayoutContext, node: FigureNode, drawn: number, measure: number, areaHeight: number): void {
  const asked = node.width;
  if (!asked) return;
  const wanted = 'share' in asked ? asked.share * measure : asked.pt;
  if (drawn >= wanted - 0.5) return;
  const mm = (pt: number) => `${Math.round(pt / PT_PER_MM)}mm`;
  const written = 'share' in asked ? `${Math.round(asked.share * 1000) / 10}%` : mm(asked.pt);
  const why = wanted > measure + 0.5 ? `wider than the type area here (${mm(measure)})` : `taller at that width than the type area (${mm(areaHeight)} high)`;
  ctx.problems.warn(node.at ?? ctx.templatePos, `width: ${written} of this image is ${why}: it is drawn ${mm(drawn)} wide`);
}

/**
 * The size an image is drawn at, pt: the width asked for (a share of the measure, or a length),
 * else its natural size (an SVG's in pt, a PNG's or JPEG's one pt a pixel) no taller than 60% of
 * the type area; made smaller to fit the measure and the type area's height.
 */
function drawnSize(natural: { width: number; height: number }, asked: FigureWidth | undefined, measure: number, areaHeight: number): { w: number; h: number } {
  const wanted = asked ? ('share' in asked ? asked.share * measure : asked.pt) : natural.width;
  const tallest = asked ? areaHeight : areaHeight * 0.6;
  const scale = Math.min(wanted / natural.width, measure / natural.width, tallest / natural.height);
  return { w: natural.width * scale, h: natural.height * scale };
}

/** The SVG's text as glyph runs in the caption style's fonts, `placed` taking the SVG's pt to the block's. */
function svgTextOps(ctx: LayoutContext, node: FigureNode, svg: CheckedVector, placed: Matrix, box: ImageBox, tag: StructTag): DrawOp[] {
  const texts = svgShapes(svg).texts;
  if (texts.some((t) => !isUprightScale(t.matrix))) ctx.problems.warn(node.at ?? ctx.templatePos, 'text turned or slanted in this SVG is set upright');
  return texts.flatMap((t) => textOps(ctx, node, t, multiply(placed, t.matrix), box, tag));
}

/** Where an image stands in its block: its left edge and size, pt (its top is the block's). */
interface ImageBox {
  x: number;
  w: number;
  h: number;
}

function textOps(ctx: LayoutContext, node: FigureNode, t: SvgText, m: Matrix, box: ImageBox, tag: StructTag): DrawOp[] {
  const size = t.size * lengthScale(m);
  const [px, py] = apply(m, t.x, t.y);
  // too small to read or larger than any page; or placed outside the image (the SVG's viewport
  // hides it, as it clips the paths: a text is drawn when the point it is set at lies in the
  // image). Written so that a NaN (a transform of 1e999) is never drawn
  const inside = px >= box.x - 1e-6 && px <= box.x + box.w + 1e-6 && py >= -1e-6 && py <= box.h + 1e-6;
  if (!(size > 0.5 && size < 2000 && inside)) return [];
  const spec = { ...style(ctx, node.captionStyle), size, lineHeight: size, indent: 0, indentRight: 0, onGrid: false, align: 'left' as const, color: t.color, bold: false };
  // one line, unbroken, as SVG sets it (a finite measure had the breaker weigh every place a
  // text longer than it may break, in time the square of its length)
  const [line] = setText(ctx, [{ text: t.text, bold: t.bold }], paragraphStyle(ctx, spec, Infinity, 'left'), node.at);
  if (!line) return [];
  const dx = t.anchor === 'middle' ? -line.used / 2 : t.anchor === 'end' ? -line.used : 0;
  return lineOps(line, spec, px + dx, py - baselineOf(spec, 0), tag);
}
