/**
 * A contents line: the entry's label (`1.1`, `表 1`, `案例 4`: the text before its ideographic
 * space), its title in one column for the entries of the same style whose labels are alike in
 * width (see labelColumns), a dot leader (an artifact),
 * and the page number where its target stands, right-aligned; the whole entry links to the target.
 */
import type { TocEntryNode } from '../template/doc-tree.js';
import type { TextStyleSpec } from '../style/theme.js';
import type { DrawOp, StructTag } from '../page/draw.js';
import { plainText, type Inline } from '../text/inline.js';
import { measureText } from '../text/paragraph.js';
import { newTag, style, type LayoutContext } from './context.js';
import { lineOps, paragraphStyle, setText } from './text-lines.js';
import type { Line } from '../text/justify.js';
import { block, type Block } from './payload.js';
import { plainRuns } from './plain-title.js';

/** Space kept for the page number and the gaps around the leader, em. */
const NUMBER_ROOM = 3;
/** Width given to page numbers, and the gap before them, em. */
const NUMBER_WIDTH = 2;
/** The fewest dots of a leader: a title that would leave fewer on its last line breaks earlier. */
const LEAST_DOTS = 3;
/** What separates an entry's label from its title. */
const LABEL_END = '\u3000';

/** An entry's text cut after its label (empty label when there is no ideographic space early on). */
export function splitLabel(runs: Inline[]): { label: Inline[]; title: Inline[] } {
  const text = runs.map((r) => r.text).join('');
  const at = text.indexOf(LABEL_END);
  if (at < 0 || at > 12) return { label: [], title: runs };
  const label: Inline[] = [];
  const title: Inline[] = [];
  let offset = 0;
  for (const r of runs) {
    const cut = Math.max(0, Math.min(r.text.length, at + 1 - offset));
    if (cut > 0) label.push({ ...r, text: r.text.slice(0, cut) });
    // an atomic item (a cross-reference: no text yet) goes with the side it stands on
    if (cut < r.text.length || (!r.text && offset > at)) title.push({ ...r, text: r.text.slice(cut) });
    offset += r.text.length;
  }
  return { label, title };
}

/** How much wider (a ratio) than the narrowest label of its column a label may be to share the column. */
const COLUMN_SPREAD = 2;

/**
 * The label column of each of `entries` (all of one style), pt: the widest label (with its space)
 * among the labels alike in width. Labels up to `COLUMN_SPREAD` times as wide as the narrowest share
 * one column (`表 1`, `案例 12`; `1`, `10`), so their titles line up; a label much wider (`附录 A`
 * beside `1`) starts a column of its own, so a chapter's title does not stand far from its number.
 */
export function labelColumns(ctx: LayoutContext, entries: TocEntryNode[], style: TextStyleSpec): Map<TocEntryNode, number> {
  const pstyle = paragraphStyle(ctx, style, Infinity);
  const widths = new Map(entries.map((e) => [e, measureText(splitLabel(e.runs).label, pstyle).natural]));
  const sorted = [...new Set(widths.values())].sort((a, b) => a - b);
  // each width's column: the widest of its class, a class running from its narrowest up to COLUMN_SPREAD times it
  const columnOf = new Map<number, number>();
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] <= sorted[i] * COLUMN_SPREAD) j++;
    for (let k = i; k <= j; k++) columnOf.set(sorted[k], sorted[j]);
    i = j + 1;
  }
  return new Map(entries.map((e) => [e, columnOf.get(widths.get(e)!)!]));
}

/** The blocks of one entry; `column`: where titles start after the label, pt from the indent. */
export function tocEntryBlocks(ctx: LayoutContext, node: TocEntryNode, style: TextStyleSpec, width: number, tag: StructTag, column: number): Block[] {
  const page = ctx.pageLabels.get(node.target) ?? '0';
  const em = style.size;
  // a contents entry shows its title plain, without the title's footnotes
  const { label, title } = splitLabel(plainRuns(ctx, node.runs, node.at));
  // an entry without a label (前言) starts at the margin, the others in the title column
  const x = style.indent + (label.length ? column : 0);
  const labelLine = label.length ? setText(ctx, label, paragraphStyle(ctx, style, 1e6, 'left', 0), undefined)[0] : undefined;
  const [numberLine] = setText(ctx, [{ text: page, bold: false }], paragraphStyle(ctx, style, NUMBER_ROOM * em, 'right', 0), undefined);
  // a leader no font has is a warning at the theme's `leader:`
  const [dot] = setText(ctx, [{ text: ctx.theme.leader, bold: false }], paragraphStyle(ctx, leaderStyle(ctx, style), em, 'left', 0), ctx.theme.leaderPos);
  // numbers flush right; the leader's dots on a grid of ½ em so columns of dots align, and
  // ending at one column for every entry, leaving room for three digits
  const dotsEnd = width - NUMBER_WIDTH * em;
  const step = em / 2;
  /** Where a line's leader starts, pt from the entry's left, and how many dots it has. */
  const leaderAfter = (line: Line): { from: number; dots: number } => {
    const last = line.atoms.length - 1;
    const textEnd = x + (last >= 0 ? line.xs[last] + line.atoms[last].width : 0);
    const from = Math.ceil((textEnd + em / 2) / step) * step;
    return { from, dots: Math.max(0, Math.floor((dotsEnd - dot.used - from) / step + 1e-9) + 1) };
  };
  const titleIn = (measure: number) => setText(ctx, title, paragraphStyle(ctx, style, measure, 'left', 0, { between: 'phrases', unsqueezed: true }), node.at);
  let text = titleIn(width - NUMBER_ROOM * em - x);
  // a last line that leaves room for fewer than LEAST_DOTS dots: the title set so narrow that
  // every line leaves room for them (it breaks between phrases one line sooner)
  // (an entry whose title sets no line, a template's <toc-entry> with a label alone, prints none)
  if (text.length && leaderAfter(text[text.length - 1]).dots < LEAST_DOTS) text = titleIn(dotsEnd - dot.used - (LEAST_DOTS - 1) * step - em / 2 - step - x);
  return text.map((line, i): Block => {
    // each line of the entry is a link to its target, tagged as one: TOCI > Link > its text
    const link = newTag(ctx, 'Link', tag);
    const ops: DrawOp[] = lineOps(line, style, x, 0, link);
    if (i === 0 && labelLine) ops.unshift(...lineOps(labelLine, style, style.indent, 0, link));
    const last = i === text.length - 1;
    if (last) {
      // the dots are filler, artifacts outside the link (PDF/UA): a screen reader passes over
      // them, `imprint diff` too
      const { from, dots } = leaderAfter(line);
      for (let k = 0; k < dots; k++) ops.push(...lineOps(dot, style, from + k * step, 0));
      ops.push(...lineOps(numberLine, style, width - NUMBER_ROOM * em, 0, link));
    }
    // its words (Contents): the line's, the label's on the first (an entry over many lines
    // repeated its whole title in each: a title of 20,000 characters wrote 10 million)
    const words = (i === 0 ? plainText(label) : '') + line.atoms.map((a) => a.text).join('');
    ops.push({ kind: 'link', x: 0, y: 0, w: width, h: style.lineHeight, target: { dest: node.target }, text: words, tag: link });
    return block(style.lineHeight, { ops }, { keepWithNext: !last, spaceBefore: i === 0 ? style.spaceBefore : 0 });
  });
}

/** Leader styles, by the entry style they serve. */
const leaderStyles = new WeakMap<TextStyleSpec, TextStyleSpec>();

/**
 * The style of an entry's leader dots: the body's font, regular, at the entry's size, off the
 * grid, so every level (a 黑体 chapter entry too) has the same dot and its dots end where the others' do.
 */
function leaderStyle(ctx: LayoutContext, entry: TextStyleSpec): TextStyleSpec {
  let made = leaderStyles.get(entry);
  if (!made) {
    const body = style(ctx, 'body');
    leaderStyles.set(entry, (made = { ...entry, font: body.font, latinFont: body.latinFont, bold: false, onGrid: false }));
  }
  return made;
}
