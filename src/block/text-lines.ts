/**
 * Paragraphs and headings → one flow block per line, with the widow/orphan keeps, and the
 * drawing of set lines as glyph runs.
 */
import type { SourcePos } from '../problems.js';
import type { TextStyleSpec } from '../style/theme.js';
import { runKey, type Inline } from '../text/inline.js';
import { resolveReferences } from './references.js';
import type { Line } from '../text/justify.js';
import { setParagraph, type ParagraphStyle } from '../text/paragraph.js';
import type { GlyphRunOp, PlacedGlyphs, StructTag } from '../page/draw.js';
import { fontStacks, type LayoutContext } from './context.js';
import { block, type Block } from './payload.js';

/** Height of the ideographic em box above the baseline (fraction of the size). */
const EM_BOX_ASCENT = 0.88;

/** Paragraph styles made, per style spec: the same object for the same width, alignment and indent. */
const paragraphStyles = new WeakMap<TextStyleSpec, Map<string, ParagraphStyle>>();

/**
 * A paragraph's style for the text stage, at a width in pt (`indent`: the first line's, pt,
 * when not the style's). Made once per build cache, spec, width, alignment and indent.
 */
export function paragraphStyle(ctx: LayoutContext, style: TextStyleSpec, width: number, align = style.align, indent?: number): ParagraphStyle {
  let made = paragraphStyles.get(style);
  if (!made) paragraphStyles.set(style, (made = new Map()));
  const key = `${width}|${align}|${indent}`;
  let pstyle = made.get(key);
  const { regular, bold, latin } = fontStacks(ctx, style);
  if (!pstyle || pstyle.regular !== regular) {
    const cell = style.onGrid ? ctx.theme.grid?.charStep : undefined;
    const first = indent ?? (cell ? (style.indent / style.size) * cell : style.indent);
    made.set(key, (pstyle = { regular, bold, latin, size: style.size, punctuation: ctx.theme.punctuation, cell, width, indent: first, align }));
  }
  return pstyle;
}

/** The part of a set-paragraph cache key that comes from the style. */
const styleKeys = new WeakMap<ParagraphStyle, string>();

function styleKey(p: ParagraphStyle): string {
  let key = styleKeys.get(p);
  if (key === undefined) styleKeys.set(p, (key = [p.regular[0].key, p.bold[0].key, p.latin?.regular[0].key, p.cell, p.size, p.width, p.indent, p.align, p.punctuation].join('\u0000')));
  return key;
}

/**
 * Sets text (its cross-references given their text, see references.ts) and reports characters
 * no font has, at the text's place in the content.
 */
export function setText(ctx: LayoutContext, given: Inline[], pstyle: ParagraphStyle, at: SourcePos | undefined): Line[] {
  const runs = resolveReferences(ctx, given, at);
  let key = styleKey(pstyle);
  for (const r of runs) key += '\u0000' + runKey(r);
  let set = ctx.setCache.get(key);
  if (!set) ctx.setCache.set(key, (set = setParagraph(runs, pstyle)));
  ctx.setUsed.add(key);
  const { lines, missing } = set;
  for (const ch of missing) {
    const cp = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    const where = at ? (ctx.charPos?.(at, ch) ?? at) : ctx.templatePos;
    ctx.problems.warn(where, `no font has the character "${ch}" (U+${cp}); it is drawn as an empty box`);
  }
  return lines;
}

/** A line's glyphs grouped into runs of one font and size; x relative to the line's left, pt. */
interface LineRun {
  dx: number;
  font: string;
  size: number;
  glyphs: PlacedGlyphs;
}

/**
 * The runs of each line, made once: a set line is kept across contents rounds and watch
 * rebuilds, and only its place changes (the glyph arrays are shared by the ops, read only).
 */
const lineRuns = new WeakMap<Line, LineRun[]>();

function runsOf(line: Line): LineRun[] {
  let runs = lineRuns.get(line);
  if (runs) return runs;
  runs = [];
  for (let k = 0; k < line.atoms.length; k++) {
    const atom = line.atoms[k];
    if (atom.glyphs.length === 0) continue;
    const ax = line.xs[k];
    let run = runs[runs.length - 1];
    if (!run || run.font !== atom.font.key || run.size !== atom.size) runs.push((run = { dx: ax, font: atom.font.key, size: atom.size, glyphs: { ids: [], xs: [], codePoints: [] } }));
    let gx = ax - run.dx;
    for (const g of atom.glyphs) {
      run.glyphs.ids.push(g.id);
      run.glyphs.xs.push(gx);
      run.glyphs.codePoints.push(g.codePoints);
      gx += g.advance;
    }
  }
  lineRuns.set(line, runs);
  return runs;
}

/** The glyph runs of a line whose box top is at `top` pt (baseline centred in the em box). */
export function lineOps(line: Line, style: TextStyleSpec, x: number, top: number, tag?: StructTag): GlyphRunOp[] {
  const baseline = top + (style.lineHeight - style.size) / 2 + EM_BOX_ASCENT * style.size;
  return runsOf(line).map((r) => ({ kind: 'glyphs', x: x + r.dx, y: baseline, font: r.font, size: r.size, color: style.color, glyphs: r.glyphs, tag }));
}

/** Options for text blocks. */
export interface TextBlockOptions {
  /** Left edge within the type area, pt. */
  x: number;
  width: number;
  at?: SourcePos;
  /** Anchors and bookmark of the first line. */
  anchors?: string[];
  outline?: Block['payload']['outline'];
  /** Keep the last line with what follows (headings, captions). */
  keepWithNext?: boolean;
  /** Space before and after, pt (default: the style's). */
  spaceBefore?: number;
  spaceAfter?: number;
  /** The structure element the text is (tagged PDF); none for artifacts. */
  tag?: StructTag;
}

/**
 * One block per line. The first `orphans` lines and the last `widows` lines are chained, so a
 * page never ends with a paragraph's first line alone nor starts with its last line alone.
 */
export function textBlocks(ctx: LayoutContext, runs: Inline[], style: TextStyleSpec, o: TextBlockOptions): Block[] {
  const lines = setText(ctx, runs, paragraphStyle(ctx, style, o.width - style.indentRight), o.at);
  const n = lines.length;
  const { orphans, widows } = ctx.theme;
  const after = o.spaceAfter ?? style.spaceAfter;
  return lines.map((line, i) => {
    const last = i === n - 1;
    const keep = last ? !!o.keepWithNext : i < orphans - 1 || i >= n - widows || !!o.keepWithNext;
    return block(
      style.lineHeight + (last ? after : 0),
      {
        ops: lineOps(line, style, o.x, 0, o.tag),
        anchors: i === 0 ? o.anchors : undefined,
        outline: i === 0 ? o.outline : undefined,
      },
      { spaceBefore: i === 0 ? (o.spaceBefore ?? style.spaceBefore) : 0, keepWithNext: keep },
    );
  });
}
