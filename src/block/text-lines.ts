/**
 * Paragraphs and headings → one flow block per line, with the widow/orphan keeps, and the
 * drawing of set lines as glyph runs.
 */
import type { SourcePos } from '../problems.js';
import type { TextStyleSpec } from '../style/theme.js';
import { plainText, runKey, type Inline, type LinkTarget } from '../text/inline.js';
import { resolveReferences } from './references.js';
import { markerAnchors, notesOn, resolveNotes } from './footnotes.js';
import type { Line } from '../text/justify.js';
import { setParagraph, type ParagraphStyle, type SetParagraph } from '../text/paragraph.js';
import type { DrawOp, GlyphRunOp, PlacedGlyphs, StructTag } from '../page/draw.js';
import { EM_BOX_ASCENT, type Atom, type AtomGlyph, type InlineLook } from '../text/atoms.js';
import { fontStacks, type LayoutContext, type FontStacks } from './context.js';
import { block, type Block } from './payload.js';
import { warnMissing } from './missing-chars.js';

/** Paragraph styles made, per style spec: the same object for the same width, alignment and indent. */
const paragraphStyles = new WeakMap<TextStyleSpec, Map<string, ParagraphStyle>>();

/**
 * A paragraph's style for the text stage, at a width in pt (`indent`: the first line's, pt,
 * when not the style's; `how`: how far past the width a line-end mark may hang on a grid, pt,
 * none unless the caller knows there is room (not in a table cell, past its rule), and whether
 * to break between words, see ParagraphStyle). Made once per build cache, spec, width,
 * alignment, indent and way of breaking.
 */
export function paragraphStyle(ctx: LayoutContext, style: TextStyleSpec, width: number, align = style.align, indent?: number, how: { hangRoom?: number; between?: ParagraphStyle['between']; unsqueezed?: boolean } = {}): ParagraphStyle {
  const { hangRoom = 0, between, unsqueezed } = how;
  let made = paragraphStyles.get(style);
  if (!made) paragraphStyles.set(style, (made = new Map()));
  const key = `${width}|${align}|${indent}|${hangRoom}|${between}|${unsqueezed}`;
  let pstyle = made.get(key);
  const { regular, bold, latin } = fontStacks(ctx, style);
  if (!pstyle || pstyle.regular !== regular) {
    const cell = style.onGrid ? ctx.theme.grid?.charStep : undefined;
    const inCells = (length: number) => (cell ? (length / style.size) * cell : length);
    const first = indent ?? inCells(style.indent);
    made.set(key, (pstyle = { regular, bold, latin, size: style.size, punctuation: ctx.theme.punctuation, cell, look: inlineLook(ctx), width, indent: first, runover: inCells(style.runover), align, hangRoom, between, unsqueezed }));
  }
  return pstyle;
}

/** Looks made, per build cache's text fonts and theme (see `inlineLook`). */
const looks = new WeakMap<Map<string, unknown>, WeakMap<object, InlineLook>>();

/** The theme's look of inline marks, with the fonts of its `code-inline` style (if it has one). The same object within a build. */
function inlineLook(ctx: LayoutContext): InlineLook {
  let byTheme = looks.get(ctx.textFonts);
  if (!byTheme) looks.set(ctx.textFonts, (byTheme = new WeakMap()));
  let look = byTheme.get(ctx.theme.inline);
  if (!look) {
    const { linkColor, ...sizes } = ctx.theme.inline;
    const code = ctx.theme.styles.get(CODE_STYLE);
    const label = ctx.theme.styles.get(ARTICLE_LABEL_STYLE);
    look = { ...sizes, linkColor: linkColor ?? undefined, codeKey: code ? `${code.font}|${code.latinFont ?? ''}` : undefined, labelKey: label ? `${label.font}|${label.bold}` : undefined };
    // the code fonts are found when inline code is first set: a report without any builds even
    // when the registry's code role is broken (and so the label's)
    let stacks: FontStacks | undefined;
    let labelStacks: FontStacks | undefined;
    if (code) Object.defineProperty(look, 'code', { get: () => (stacks ??= fontStacks(ctx, code)), enumerable: false });
    if (label) Object.defineProperty(look, 'label', { get: () => (labelStacks ??= boldIf(fontStacks(ctx, label), label.bold)), enumerable: false });
    byTheme.set(ctx.theme.inline, look);
  }
  return look;
}

/** The theme style whose fonts inline code is set in (at the size of the text around it). */
export const CODE_STYLE = 'code-inline';

/** The theme style whose fonts (and bold) an article's label, 第一条, is set in (at the size of the text after it). */
export const ARTICLE_LABEL_STYLE = 'article-label';

/** A style's stacks, its bold face for both when `bold` (a label bold by its style). */
function boldIf(stacks: FontStacks, bold: boolean): FontStacks {
  return bold ? { ...stacks, regular: stacks.bold } : stacks;
}

/** The part of a set-paragraph cache key that comes from the style. */
const styleKeys = new WeakMap<ParagraphStyle, string>();

function styleKey(p: ParagraphStyle): string {
  let key = styleKeys.get(p);
  if (key === undefined) styleKeys.set(p, (key = [p.regular[0].key, p.bold[0].key, p.latin?.regular[0].key, p.cell, p.size, p.width, p.indent, p.runover, p.align, p.hangRoom, p.between, p.unsqueezed, p.punctuation, lookKey(p.look)].join('\u0000')));
  return key;
}

/** The part of a set-paragraph cache key that comes from the look of inline marks. */
function lookKey(look: InlineLook | undefined): string {
  if (!look) return '';
  return JSON.stringify(look); // the code fonts by their roles (\`codeKey\`), not found here
}

/**
 * Sets text (its cross-references given their text, see references.ts, its footnotes their
 * markers, see footnotes.ts) and reports characters
 * no font has, at the text's place in the content.
 */
export function setText(ctx: LayoutContext, given: Inline[], pstyle: ParagraphStyle, at: SourcePos | undefined): Line[] {
  const runs = resolveNotes(ctx, resolveReferences(ctx, given, at), at);
  const { key, set } = cachedSet(ctx, runs, pstyle);
  ctx.setUsed.add(key);
  if (set.missing.length) warnMissing(ctx, new Set(set.missing), at, plainText(runs)); // (the text made only when a warning needs it: every paragraph passes here)
  return set.lines;
}

/** The paragraph of `runs` set in `pstyle`, from the build's cache or set and put there, and its key. */
function cachedSet(ctx: LayoutContext, runs: Inline[], pstyle: ParagraphStyle): { key: string; set: SetParagraph } {
  let key = styleKey(pstyle);
  for (const r of runs) key += '\u0000' + runKey(r);
  let set = ctx.setCache.get(key);
  if (!set) ctx.setCache.set(key, (set = setParagraph(runs, pstyle)));
  return { key, set };
}

/**
 * The runs with each footnote as its marker's room (a superscript ①, as wide as the markers the
 * layout sets, and a marker as they are: no gap or break before it), for measuring: a note's run
 * has no text of its own.
 */
export function withMarkerRoom(runs: Inline[]): Inline[] {
  return runs.some((r) => r.note) ? runs.map((r) => (r.note ? { bold: r.bold, text: '①', script: 'sup' as const, footnote: MEASURED_NOTE } : r)) : runs;
}

/** The note number a marker measured for its room stands for (any: a measured line's notes are not looked up). */
const MEASURED_NOTE = 1;

/**
 * The lines of text as `setText` would set them, for measuring (the layout may not use them):
 * from and into the same cache, but not kept for the next build unless `setText` sets them too,
 * and without warnings; a footnote stands as a marker's room.
 */
export function measureLines(ctx: LayoutContext, given: Inline[], pstyle: ParagraphStyle): Line[] {
  const runs = withMarkerRoom(resolveReferences(ctx, given, undefined, true));
  if (runs.some((r, i) => r !== given[i])) return setParagraph(runs, pstyle).lines;
  return cachedSet(ctx, runs, pstyle).set.lines;
}

/** A line's glyphs grouped into runs of one font, size, baseline, slant and colour; x relative to the line's left, pt. */
interface LineRun {
  dx: number;
  font: string;
  size: number;
  /** Baseline raised (superscript) or lowered (negative: subscript), pt. */
  rise: number;
  /** Shear of the glyphs (Latin emphasis), 0 for none. */
  slant: number;
  /** The run's own colour (a link's), else the style's. */
  color?: string;
  /** The piece of a link (index in `LineMarks.links`) the run's text is, if any. */
  link?: number;
  glyphs: PlacedGlyphs;
}

/** What a line draws besides its glyphs: emphasis dots and link areas; x relative to the line's left, pt. */
interface LineMarks {
  /** Dot centres: dy below the baseline; r the radius, pt. */
  dots: { dx: number; dy: number; r: number }[];
  /** Each piece of a link on the line: from dx, w wide, and its words. */
  links: { dx: number; w: number; target: LinkTarget; text: string }[];
}

/**
 * The runs and marks of each line, made once: a set line is kept across contents rounds and
 * watch rebuilds, and only its place changes (the glyph arrays are shared by the ops, read only).
 */
const lineRuns = new WeakMap<Line, { runs: LineRun[]; marks: LineMarks }>();

function runsOf(line: Line): { runs: LineRun[]; marks: LineMarks } {
  let made = lineRuns.get(line);
  if (made) return made;
  const runs: LineRun[] = [];
  const marks: LineMarks = { dots: [], links: [] };
  let run: LineRun | undefined;
  for (let k = 0; k < line.atoms.length; k++) {
    const atom = line.atoms[k];
    const ax = line.xs[k];
    const look = atom.look;
    if (look) addMarks(marks, atom, ax, look);
    const glyphs = atom.glyphs;
    if (glyphs.length === 0) continue;
    const script = atom.marks.script;
    const rise = atom.raise + (!look || !script ? 0 : (script === 'sup' ? look.supRise : -look.subDrop) * (atom.size / look.scriptSize));
    const slant = look && atom.marks.emphasis && atom.kind === 'latin' ? look.slant : 0;
    const color = atom.marks.link && 'uri' in atom.marks.link ? look?.linkColor : undefined;
    const link = atom.marks.link ? marks.links.length - 1 : undefined;
    if (glyphs.some(isMoved)) {
      // a combining mark moved over its base: at its offset; raised or lowered, in a run of its own
      let pen = ax;
      for (const g of glyphs) {
        const gx = pen + (g.dx ?? 0);
        const grise = rise + (g.dy ?? 0);
        if (!run || !continuesRun(run, atom, grise, slant, color, link)) runs.push((run = newRun(atom, gx, grise, slant, color, link)));
        run.glyphs.ids.push(g.id);
        run.glyphs.xs.push(gx - run.dx);
        run.glyphs.codePoints.push(g.codePoints);
        pen += g.advance;
      }
      continue;
    }
    if (!run || !continuesRun(run, atom, rise, slant, color, link)) runs.push((run = newRun(atom, ax, rise, slant, color, link)));
    let gx = ax - run.dx;
    for (let g = 0; g < glyphs.length; g++) {
      run.glyphs.ids.push(glyphs[g].id);
      run.glyphs.xs.push(gx);
      run.glyphs.codePoints.push(glyphs[g].codePoints);
      gx += glyphs[g].advance;
    }
  }
  lineRuns.set(line, (made = { runs, marks }));
  return made;
}

/** Whether a glyph is drawn away from its pen position (a combining mark over its base). */
function isMoved(g: AtomGlyph): boolean {
  return !!(g.dx || g.dy);
}

/** Whether glyphs of `atom` at `rise` (with that slant, colour and piece of a link) go on in `run`. */
function continuesRun(run: LineRun, atom: Atom, rise: number, slant: number, color: string | undefined, link: number | undefined): boolean {
  return run.font === atom.font.key && run.size === atom.size && run.rise === rise && run.slant === slant && run.color === color && run.link === link;
}

/** A run of `atom`'s font and size beginning at x (relative to the line's left, pt). */
function newRun(atom: Atom, x: number, rise: number, slant: number, color: string | undefined, link: number | undefined): LineRun {
  return { dx: x, font: atom.font.key, size: atom.size, rise, slant, color, link, glyphs: { ids: [], xs: [], codePoints: [] } };
}

/** The baseline of a line of `style` whose box top is at `top` pt: centred in the em box. */
export function baselineOf(style: TextStyleSpec, top: number): number {
  return top + (style.lineHeight - style.size) / 2 + EM_BOX_ASCENT * style.size;
}

/** An atom's emphasis dot (under a Han character, centred on its glyph) and its part of a link. */
function addMarks(marks: LineMarks, atom: Atom, ax: number, look: InlineLook): void {
  const advance = atom.glyphs.reduce((w, g) => w + g.advance, 0);
  if (atom.marks.emphasis && atom.kind === 'han') {
    const r = (look.dotSize * atom.size) / 2;
    marks.dots.push({ dx: ax + advance / 2, dy: (1 - EM_BOX_ASCENT + look.dotGap) * atom.size + r, r });
  }
  const target = atom.marks.link;
  if (!target) return;
  const last = marks.links[marks.links.length - 1];
  // one area for the atoms of one link in a row (the spaces between them included)
  if (last && last.target === target) {
    last.w = ax + advance - last.dx;
    last.text += atom.text;
  } else marks.links.push({ dx: ax, w: advance, target, text: atom.text });
}

/**
 * What a line draws, its box top at `top` pt (baseline centred in the em box): its glyph runs,
 * emphasis dots, and a link area over each piece of a link, as high as the line, after the
 * glyphs. In a tagged text (`tag`) each piece of a link is a `Link` element inside it, holding
 * the piece's glyphs and its link area (see render/structure.ts).
 */
export function lineOps(line: Line, style: TextStyleSpec, x: number, top: number, tag?: StructTag): DrawOp[] {
  const baseline = baselineOf(style, top);
  const { runs, marks } = runsOf(line);
  const links = marks.links.map((_, i): StructTag | undefined => tag && { id: `${tag.id}/link${i}`, role: 'Link', parent: tag });
  const ops: DrawOp[] = runs.map(
    (r): GlyphRunOp => ({ kind: 'glyphs', x: x + r.dx, y: baseline - r.rise, font: r.font, size: r.size, color: r.color ?? style.color, glyphs: r.glyphs, slant: r.slant || undefined, tag: r.link === undefined ? tag : links[r.link] }),
  );
  for (const d of marks.dots) ops.push({ kind: 'dot', x: x + d.dx, y: baseline + d.dy, r: d.r, color: style.color });
  marks.links.forEach((l, i) => ops.push({ kind: 'link', x: x + l.dx, y: top, w: l.w, h: style.lineHeight, target: l.target, text: l.text, tag: links[i] }));
  return ops;
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
  /** Keep every line with what follows: the text never breaks across pages, nor leaves what follows (headings, captions). */
  keepWithNext?: boolean;
  /** Keep only the last line with what follows (a lead-in ending in a colon): the others break as a paragraph's. */
  lastWithNext?: boolean;
  /** The first line's indent, the room kept at the right, pt, and the alignment (default: the style's; see staircase.ts). */
  indent?: number;
  indentRight?: number;
  align?: TextStyleSpec['align'];
  /** Break only between phrases where the text so broken fits (a heading: see ParagraphStyle.between). */
  between?: ParagraphStyle['between'];
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
  // a mark may hang into the right indent and whatever room lies past it (see LayoutContext.hangRoom)
  const right = o.indentRight ?? style.indentRight;
  const lines = setText(ctx, runs, paragraphStyle(ctx, style, o.width - right, o.align ?? style.align, o.indent, { hangRoom: (ctx.hangRoom ?? Infinity) + right, between: o.between }), o.at);
  const n = lines.length;
  const { orphans, widows } = ctx.theme;
  const after = o.spaceAfter ?? style.spaceAfter;
  return lines.map((line, i) => {
    const last = i === n - 1;
    const keep = last ? !!o.keepWithNext || !!o.lastWithNext : i < orphans - 1 || i >= n - widows || !!o.keepWithNext;
    return block(
      style.lineHeight + (last ? after : 0),
      {
        ops: lineOps(line, style, o.x, 0, o.tag),
        anchors: [...((i === 0 && o.anchors) || []), ...markerAnchors([line])],
        outline: i === 0 ? o.outline : undefined,
      },
      { spaceBefore: i === 0 ? (o.spaceBefore ?? style.spaceBefore) : 0, keepWithNext: keep, notes: notesOn(ctx, [line], o.tag) },
    );
  });
}
