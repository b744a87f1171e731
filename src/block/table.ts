/**
 * Tables: caption, header row, body rows and note as flow blocks. Column widths come from the
 * content (each column's natural and least width) unless the template gives relative widths;
 * the header row (and a 续表 caption) repeats on every page the table continues on.
 */
import type { TableNode, ColumnAlign, PlacedText } from '../template/doc-tree.js';
import type { TextStyleSpec } from '../style/theme.js';
import type { DrawOp, StructTag } from '../page/draw.js';
import { plainText, type Inline } from '../text/inline.js';
import type { Line } from '../text/justify.js';
import { newTag, style, type LayoutContext } from './context.js';
import { lineOps, paragraphStyle, setText, textBlocks } from './text-lines.js';
import { measureText } from '../text/paragraph.js';
import { block, type Block } from './payload.js';

const NUMERIC = /^[-+−]?[\d,.]+\s*[%‰]?$/;

/** The blocks of a table at `x` pt, `width` pt wide. */
export function tableBlocks(ctx: LayoutContext, node: TableNode, x: number, width: number, tag: StructTag): Block[] {
  const cell = style(ctx, node.cellStyle);
  const head = style(ctx, node.headerStyle);
  const ncols = Math.max(node.header.length, ...node.rows.map((r) => r.length), 1);
  const widths = columnWidths(ctx, node, ncols, width, cell, head);
  const key = node.id ?? `table@${node.at?.line ?? 0}`;
  const caption = textBlocks(ctx, node.caption.runs, style(ctx, node.captionStyle), { x, width, at: node.caption.at, keepWithNext: true, anchors: node.id ? [node.id] : [], tag: newTag(ctx, 'Caption', tag) });
  const headerRow = node.header.length ? rowBlocks(ctx, node, node.header, widths, x, head, true, false, tag)[0] : undefined;
  // the repeated caption and header are artifacts: the table's structure has them once
  const continued = node.continued ? textBlocks(ctx, node.continued, style(ctx, node.captionStyle), { x, width, keepWithNext: true }) : caption.map((b) => ({ ...b, payload: { ...b.payload, anchors: [] } }));
  const repeat = [...continued, ...(headerRow ? [untagged(headerRow)] : [])].map((b) => ({ ...b, spaceBefore: 0, keepWithNext: true }));
  const group = { key, repeat };
  const rows = node.rows.flatMap((r, i) => rowBlocks(ctx, node, r, widths, x, cell, false, i === node.rows.length - 1, tag));
  const out: Block[] = [...caption];
  if (headerRow) out.push({ ...headerRow, keepWithNext: true });
  for (const r of rows) out.push({ ...r, group }); // (one per line of a tall row: too many to spread)
  if (node.note) {
    const noteStyle = style(ctx, node.noteStyle);
    out.push(...textBlocks(ctx, node.note.runs, noteStyle, { x, width, at: node.note.at, tag: newTag(ctx, 'Caption', tag) }));
  } else if (out.length) {
    const last = out[out.length - 1];
    out[out.length - 1] = { ...last, height: last.height + cell.lineHeight / 2 };
  }
  return out;
}

/** Rows with more lines than this are cut into one block per line, so they can break across pages. */
const SLICE_ABOVE_LINES = 4;

/**
 * One row: cells set in their columns, rules per the theme. A tall row becomes one block per
 * line (cells top-aligned; its first two and last two lines kept together), so a row taller
 * than a page breaks inside its cells instead of overflowing.
 */
function rowBlocks(ctx: LayoutContext, node: TableNode, cells: PlacedText[], widths: number[], x: number, st: TextStyleSpec, header: boolean, lastRow: boolean, table: StructTag): Block[] {
  const spec = ctx.theme.table;
  const row = newTag(ctx, 'TR', table);
  const cellTags = widths.map(() => newTag(ctx, header ? 'TH' : 'TD', row));
  const set: Line[][] = widths.map((w, c) => {
    const runs = cells[c]?.runs ?? [];
    const align = header ? st.align : cellAlign(node.columns[c]?.align, runs);
    return setText(ctx, runs, paragraphStyle(ctx, st, w - 2 * spec.padX, align, 0), cells[c]?.at);
  });
  const lines = Math.max(1, ...set.map((l) => l.length));
  const bottom = header ? spec.innerRule : lastRow ? spec.outerRule : spec.rules === 'grid' ? spec.innerRule : 0;
  const top = header ? spec.outerRule : 0;
  if (header || lines <= SLICE_ABOVE_LINES) {
    const height = lines * st.lineHeight + 2 * spec.padY;
    const ops: DrawOp[] = [];
    if (header && spec.headerFill) ops.push({ kind: 'rect', x, y: 0, w: sum(widths), h: height, fill: spec.headerFill });
    let cx = x;
    set.forEach((cellLines, c) => {
      const y0 = spec.padY + (height - 2 * spec.padY - cellLines.length * st.lineHeight) / 2;
      cellLines.forEach((line, i) => ops.push(...lineOps(line, st, cx + spec.padX, y0 + i * st.lineHeight, cellTags[c])));
      cx += widths[c];
    });
    ops.push(...rowRules(ctx, widths, x, height, top, bottom));
    return [block(height, { ops })];
  }
  return Array.from({ length: lines }, (_, i) => {
    const padTop = i === 0 ? spec.padY : 0;
    const last = i === lines - 1;
    const height = st.lineHeight + padTop + (last ? spec.padY : 0);
    const ops: DrawOp[] = [];
    let cx = x;
    set.forEach((cellLines, c) => {
      if (cellLines[i]) ops.push(...lineOps(cellLines[i], st, cx + spec.padX, padTop, cellTags[c]));
      cx += widths[c];
    });
    ops.push(...rowRules(ctx, widths, x, height, 0, last ? bottom : 0));
    return block(height, { ops }, { keepWithNext: i < 1 || i >= lines - 2 });
  });
}

/** Rules of a row: a top and a bottom rule of the given widths (0: none); `grid` tables also rule every column. */
function rowRules(ctx: LayoutContext, widths: number[], x: number, height: number, top: number, bottom: number): DrawOp[] {
  const spec = ctx.theme.table;
  const total = sum(widths);
  const rule = (y: number, w: number) => ({ kind: 'line' as const, x1: x, y1: y, x2: x + total, y2: y, width: w, color: spec.ruleColor });
  const ops: DrawOp[] = [];
  if (top) ops.push(rule(0, top));
  if (bottom) ops.push(rule(height, bottom));
  if (spec.rules === 'grid') {
    let cx = x;
    for (let c = 0; c <= widths.length; c++) {
      const outer = c === 0 || c === widths.length;
      ops.push({ kind: 'line', x1: cx, y1: 0, x2: cx, y2: height, width: outer ? spec.outerRule : spec.innerRule, color: spec.ruleColor });
      cx += widths[c] ?? 0;
    }
  }
  return ops;
}

/** Numbers right-aligned, text left (ragged), unless the column says otherwise (`justify` for justified). */
function cellAlign(align: ColumnAlign | undefined, runs: Inline[]): ColumnAlign {
  return align ?? (NUMERIC.test(plainText(runs).trim()) ? 'right' : 'left');
}

/**
 * Column widths summing to `width`: relative widths when the template gives them all; else from
 * each column's natural width (widest cell on one line) and least width (its widest unbreakable
 * piece), as HTML's automatic table layout measures them: natural widths scaled up when they fit;
 * else as many columns as the table can afford keep their natural width, narrowest first (a
 * short command stays on one line), and the others share the rest (see `wholeWhereAffordable`);
 * fair shares of the natural widths when the least widths together pass the table (see
 * `fairShares`). A word wider than the table's text counts as the pieces it is cut into.
 */
function columnWidths(ctx: LayoutContext, node: TableNode, ncols: number, width: number, cell: TextStyleSpec, head: TextStyleSpec): number[] {
  const given = node.columns.map((c) => c.width);
  if (given.length === ncols && given.every((w) => w && w > 0)) {
    const total = given.reduce((a, b) => a! + b!, 0)!;
    return given.map((w) => (w! / total) * width);
  }
  const pad = 2 * ctx.theme.table.padX;
  const natural = new Array<number>(ncols).fill(pad);
  const least = new Array<number>(ncols).fill(pad);
  const measure = (runs: Inline[], st: TextStyleSpec, c: number) => {
    const { natural: n, widest } = measureText(runs, paragraphStyle(ctx, st, Infinity), width - pad);
    natural[c] = Math.max(natural[c], n + pad);
    least[c] = Math.max(least[c], widest + pad);
  };
  node.header.forEach((h, c) => measure(h.runs, head, c));
  node.rows.forEach((r) => r.forEach((text, c) => measure(text.runs, cell, c)));
  const totalNatural = sum(natural);
  if (totalNatural <= width) return natural.map((n) => (n / totalNatural) * width);
  if (sum(least) > width) return fairShares(natural, width);
  const readable = READABLE_EMS * cell.size + pad;
  return wholeWhereAffordable(natural, least, width, readable) ?? flexibleShares(natural, least, width);
}

/** The narrowest a wrapped column is made for another column to stay on one line, in ems of the cell text (plus padding). */
const READABLE_EMS = 10;

/**
 * Widths, pt, when the natural widths pass the table and the least widths fit. Narrowest first,
 * a column keeps its natural width (one line) while every other column can still have its
 * floor: its least width, or its natural width up to `readable` pt, whichever is more. The
 * columns not kept share what is left (see `fairSharesAboveLeast`). Undefined when they cannot.
 */
function wholeWhereAffordable(natural: number[], least: number[], width: number, readable: number): number[] | undefined {
  const floor = natural.map((n, c) => Math.max(least[c], Math.min(n, readable)));
  const kept = new Set<number>();
  for (const c of natural.map((_, c) => c).sort((a, b) => natural[a] - natural[b])) {
    const need = sum(natural.map((n, k) => (kept.has(k) || k === c ? n : floor[k])));
    if (need > width) break;
    kept.add(c);
  }
  const rest = natural.map((_, c) => c).filter((c) => !kept.has(c));
  const room = width - sum([...kept].map((c) => natural[c]));
  const shared = fairSharesAboveLeast(rest.map((c) => natural[c]), rest.map((c) => floor[c]), room);
  if (!shared) return undefined;
  return natural.map((n, c) => (kept.has(c) ? n : shared[rest.indexOf(c)]));
}

/**
 * Widths, pt, summing to `width` (less than the natural widths' sum): the columns whose natural
 * width is within a fair share keep it (as Typst sizes automatic columns); the others share what
 * is left equally, except that one whose `floor` passes that share gets its floor. Undefined
 * when the floors of the wide columns do not fit.
 */
function fairSharesAboveLeast(natural: number[], floor: number[], width: number): number[] | undefined {
  const out = fairShares(natural, width);
  const wide = out.map((_, c) => c).filter((c) => out[c] < natural[c]);
  let room = width - sum(out.filter((_, c) => !wide.includes(c)));
  let sharing = wide;
  for (;;) {
    if (!sharing.length) return undefined;
    const share = room / sharing.length;
    const floored = sharing.filter((c) => floor[c] > share);
    if (!floored.length) {
      for (const c of sharing) out[c] = share;
      return out;
    }
    for (const c of floored) {
      out[c] = floor[c];
      room -= floor[c];
    }
    sharing = sharing.filter((c) => floor[c] <= share);
  }
}

/** Widths, pt: each column's least width, and what is left shared in proportion to how much wider its natural width is (HTML's rule). */
function flexibleShares(natural: number[], least: number[], width: number): number[] {
  const totalLeast = sum(least);
  const flexible = sum(natural) - totalLeast;
  return natural.map((n, c) => least[c] + ((n - least[c]) / (flexible || 1)) * (width - totalLeast));
}

/**
 * Widths, pt, when the columns' least widths together pass the table, so that not every column
 * can keep its widest word whole: the columns whose natural width is within an equal share keep
 * it, the others share what is left equally, and their long words break inside the cell (the
 * last resort). No column forces the table past the measure, none is starved for another.
 * `natural` sums to more than `width`.
 */
function fairShares(natural: number[], width: number): number[] {
  const narrowestFirst = natural.map((_, c) => c).sort((a, b) => natural[a] - natural[b]);
  let left = width;
  let share = 0;
  for (const [k, c] of narrowestFirst.entries()) {
    share = left / (natural.length - k);
    if (natural[c] > share) break;
    left -= natural[c];
  }
  return natural.map((n) => Math.min(n, share));
}

/** A block's ops without structure tags (drawn as artifacts). */
function untagged(b: Block): Block {
  return { ...b, payload: { ...b.payload, ops: b.payload.ops.map((op) => (op.kind === 'glyphs' ? { ...op, tag: undefined } : op)) } };
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
