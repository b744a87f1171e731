/**
 * Tables: caption, header rows, body rows and note as flow blocks. Cells may span columns and
 * rows (placed by the markup stage, see content/table-grid.ts). Column widths come from the
 * content (what each column's cells ask, from its least to its natural width: see
 * `columnWidths`) unless the template gives relative widths.
 * The header rows (and a 续表 caption) repeat on every page the table continues on. Cells are
 * set ragged unless their column says `justify`.
 */
import type { TableNode, CellVAlign, ColumnAlign, TableCellNode } from '../template/doc-tree.js';
import type { TextAlign, TextStyleSpec } from '../style/theme.js';
import { translateOps, type DrawOp, type StructTag } from '../page/draw.js';
import { foldWhitespace, plainText, splitRuns, type Inline } from '../text/inline.js';
import { afterTypedSpaces } from '../text/typed-spaces.js';
import type { ParagraphStyle } from '../text/paragraph.js';
import type { Line } from '../text/justify.js';
import { newTag, style, type LayoutContext } from './context.js';
import { lineOps, measureLines, paragraphStyle, setText, textBlocks, withMarkerRoom } from './text-lines.js';
import { measureText, wordsWidth, type TextExtent } from '../text/paragraph.js';
import { innerWidth, rowsHeight, shorterRows, type RowsSpec } from './shorter-rows.js';
import { resolveReferences } from './references.js';
import { footSeparator, markerAnchors, notesOn } from './footnotes.js';
import { block, type Block } from './payload.js';
import { heightOf } from '../paginate/item.js';
import { numericColumns } from './numeric-columns.js';
import { endsInMarkers, markedColumns, type MarkedColumns } from './number-markers.js';
import { evenTwins, parallelColumns, twinColumns, twinsAsking } from './twin-columns.js';
import { breakPlaces, rowBreaks } from './row-breaks.js';
import { mergedPiece, NONE_SHOWN, type MergedShown } from './merged-parts.js';
import { shortHeadsWhole } from './short-heads.js';
import { isIdentifier } from './identifiers.js';
import { noteBlocks } from './note-lines.js';
import { writtenLines } from './written-lines.js';
import { givenWidthsWarning, type WholeCell } from './given-widths.js';
import { ProblemList } from '../problems.js';
import { inMm, inPt } from './pt-text.js';

/** The blocks of a table at `x` pt, `width` pt wide. */
export function tableBlocks(ctx: LayoutContext, node: TableNode, x: number, width: number, tag: StructTag): Block[] {
  const cell = style(ctx, node.cellStyle);
  const head = style(ctx, node.headerStyle);
  const ncols = Math.max(node.columns.length, 1);
  const decimals = decimalColumns(ctx, node, cell);
  const numeric = numericColumns(node.rows);
  const marked = markedColumns(ctx, node, cell, numeric);
  const { widths, padX } = columnWidths(ctx, node, ncols, width, cell, head, decimals, marked);
  warnCharacterColumns(ctx, node, widths.map((w) => w - 2 * padX), cell);
  const edges = [x];
  for (const w of widths) edges.push(edges[edges.length - 1] + w);
  const key = node.id ?? `table@${node.at?.line ?? 0}`;
  // (a table without caption, a form: its anchor on its first row)
  const caption = node.caption.runs.length ? textBlocks(ctx, node.caption.runs, style(ctx, node.captionStyle), { x, width, at: node.caption.at, keepWithNext: true, anchors: node.id ? [node.id] : [], tag: newTag(ctx, 'Caption', tag) }) : [];
  const part = { ctx, node, edges, padX, table: tag, decimals, numeric, marked };
  // (a table without header rows, a 登记表, has its top rule over its first row on each page instead)
  const header = node.head.length ? groupBlocks({ ...part, st: head, header: true, first: false, last: false }, setRows(part, node.head, head, true).flat(), node.head.length, Infinity)[0] : topRule(ctx, edges);
  // the repeated caption and header are artifacts: the table's structure has them once; a
  // header's footnotes stand once, on its first page: repeated, it is set without their markers
  const continued = node.continued ? textBlocks(ctx, node.continued, style(ctx, node.continuedStyle), { x, width, keepWithNext: true }) : caption.map((b) => ({ ...b, payload: { ...b.payload, anchors: [] } }));
  const headNoted = node.head.some((row) => row.some((c) => c.runs.some((r) => r.note)));
  const repeatedHeader = headNoted ? groupBlocks({ ...part, st: head, header: true, first: false, last: false }, setRows(part, withoutNotes(node.head), head, true).flat(), node.head.length, Infinity)[0] : header;
  const repeat = [...continued, ...(repeatedHeader ? [untagged(repeatedHeader)] : [])].map((b) => ({ ...b, spaceBefore: 0, keepWithNext: true }));
  const group = { key, repeat: ctx.theme.grid ? repeat.map((b, k) => (k < continued.length ? b : { ...b, offGrid: true })) : repeat };
  // a group of rows joined by rowspans stays on one page when it fits on one under the repeated
  // caption and header; the first group, which the caption and header keep with, and what keeps
  // with them (a heading), when it fits FIRST_GROUP_SHARE of that
  const p = ctx.theme.page;
  const fitsOnePage = p.height - p.marginTop - p.marginBottom - heightOf(repeat);
  const body = setRows(part, node.rows, cell, false);
  // a row with writing room is kept whole (see groupBlocks): no taller than a page under the repeated caption and header
  for (const c of node.rows.flat()) {
    const where = c.minHeightAt ?? c.at ?? node.at;
    if (where && c.minHeight !== undefined && c.minHeight > fitsOnePage)
      ctx.problems.error(where, `this cell's height, ${inMm(c.minHeight)}, is more than a page holds under the table's caption and header (${inMm(fitsOnePage)}): a row is never parted across pages, so its height must be at most that`);
  }
  const rows = rowGroups(node.rows).flatMap(([first, end]) =>
    groupBlocks(
      { ...part, st: cell, header: false, first: first === 0, last: end === node.rows.length },
      body.slice(first, end).flatMap((row) => row.map((c) => ({ ...c, row: c.node.row - first }))),
      end - first,
      first === 0 ? fitsOnePage * FIRST_GROUP_SHARE : fitsOnePage,
    ),
  );
  const out: Block[] = [...caption];
  if (header) out.push({ ...header, keepWithNext: true });
  if (!caption.length && node.id && out.length + rows.length) {
    const first = out[0] ?? rows[0];
    const anchored = { ...first, payload: { ...first.payload, anchors: [node.id, ...first.payload.anchors] } };
    if (out.length) out[0] = anchored;
    else rows[0] = anchored;
  }
  // (one per line of a tall row: too many to spread); as a paragraph's lines, the first two and
  // the last two stay together: no page holds a lone first row under its header, nor a lone last
  // one under 续表 (a table of two or three rows is never broken)
  rows.forEach((r, k) => out.push({ ...r, group, keepWithNext: r.keepWithNext || k === 0 || k === rows.length - 2 }));
  // a table without a caption (a template of the user's that writes none) is found at its first
  // rows: its list entry and cross-references never found its page, and did not settle
  if (!caption.length && node.id && out.length) out[0] = { ...out[0], payload: { ...out[0].payload, anchors: [node.id, ...out[0].payload.anchors] } };
  if (node.note) {
    // the note stays with the last row
    const last = out[out.length - 1];
    out[out.length - 1] = { ...last, keepWithNext: true };
    const noteStyle = style(ctx, node.noteStyle);
    out.push(...noteBlocks(ctx, node.note.runs, noteStyle, { x, width, at: node.note.at, tag: newTag(ctx, 'Caption', tag) }));
  } else if (out.length) {
    const last = out[out.length - 1];
    out[out.length - 1] = { ...last, height: last.height + cell.lineHeight / 2 };
  }
  // a short table stands whole on one page where it fits one (as a short box): moved whole to
  // the next page rather than split 2 + 3 rows under a repeated caption and header (nor between
  // the rows a merged cell joins)
  const kept = node.rows.length <= TABLE_KEPT_WHOLE && heightOf(out) <= KEPT_WHOLE_SHARE * (p.height - p.marginTop - p.marginBottom) ? out.map((b, k) => ({ ...b, breaks: undefined, keepTogether: k < out.length - 1 || undefined })) : out;
  // on a grid the rows and note are set at their own leading (tables are not on the grid in
  // print), the caption on the grid; the text after the table goes back to it
  return ctx.theme.grid ? kept.map((b, k) => (k < caption.length ? b : { ...b, offGrid: true })) : kept;
}

/** The top rule of a table without header rows, over its first row wherever a page starts it: a block of no height. */
function topRule(ctx: LayoutContext, edges: number[]): Block {
  const spec = ctx.theme.table;
  return block(0, { ops: [{ kind: 'line', x1: edges[0], y1: 0, x2: edges[edges.length - 1], y2: 0, width: spec.outerRule, color: spec.ruleColor }] });
}

/** What the rows of a table part are laid out with. */
interface Part {
  ctx: LayoutContext;
  node: TableNode;
  /** Left edge of each column and the table's right edge, pt. */
  edges: number[];
  /** Space between a cell's rules and its text, left and right, pt: the theme's, less in a table too wide for it (see columnWidths). */
  padX: number;
  /** The table's structure element. */
  table: StructTag;
  decimals: DecimalColumns;
  /** The columns of numbers, set right (see numeric-columns.ts). */
  numeric: Set<number>;
  /** The columns set right whose texts end before their footnote markers (see number-markers.ts). */
  marked: MarkedColumns;
}

/** A cell set in its box: the row it starts in (within its group), its lines and its structure element. */
interface SetCell {
  node: TableCellNode;
  row: number;
  lines: Line[];
  /** How far its lines stand right of the box's padding, pt (a number lined up on its decimal point). */
  dx: number;
  tag: StructTag;
  /** Printed again: the whole text of a merged cell, shown above a page break inside its rows, below it too (an artifact, without its footnotes: see merged-parts.ts). */
  again?: boolean;
  /** Set from its box's top, not centred on its rows: a merged cell's text going on across a page break inside its rows (see merged-parts.ts). */
  top?: boolean;
}

/**
 * Sets the cells of a part's rows (by row), each to the width of the columns it spans (a
 * header's between words where it fits: see UNBROKEN_CELLS); a TR element per row, a TH (a
 * column header) or TD per cell, with its spans.
 */
function setRows(part: Part, rows: TableCellNode[][], st: TextStyleSpec, header: boolean): SetCell[][] {
  const { ctx, node, edges, padX } = part;
  return rows.map((cells) => {
    const tr = newTag(ctx, 'TR', part.table);
    return cells.map((c) => {
      const inner = edges[c.col + c.colspan] - edges[c.col] - 2 * padX;
      const given = c.align ?? (header ? undefined : node.columns[c.col]?.align);
      const decimal = given === 'decimal' && c.colspan === 1 ? part.decimals.get(c.col) : undefined;
      const point = decimal?.points.get(c);
      const setAlign = decimal ? (point === undefined ? 'center' : 'left') : cellAlign(given, c.colspan === 1 && part.numeric.has(c.col), header ? st.align : undefined);
      // a text set right in a column with footnote markers ends where the others do, its marker past it
      const hang = !header && !decimal && setAlign === 'right' ? part.marked.get(c.col) : undefined;
      const end = hang?.ends.get(c);
      const hung = hang && end !== undefined && end + hang.marker <= inner + 1e-6 ? inner - hang.marker - end : undefined;
      const align = hung === undefined ? setAlign : 'left';
      const table = { colSpan: c.colspan, rowSpan: c.rowspan, scope: header ? ('Column' as const) : undefined };
      const tag = { ...newTag(ctx, header ? 'TH' : 'TD', tr), table };
      // a header, and a cell spanning rows, breaks between words where it can
      // a line break written in the cell starts a new line (签字 over 年　月　日): each line set on its own
      const written = writtenLines(c.runs);
      const set = written.length > 1 ? written.flatMap((runs) => cellLines(ctx, { ...c, runs }, st, header, inner, align, (r, pstyle) => setText(ctx, r, pstyle, c.at))) : cellLines(ctx, c, st, header, inner, align, (runs, pstyle) => setText(ctx, runs, pstyle, c.at));
      const lines = c.rowspan > 1 && !header && written.length < 2 ? balancedInRows(ctx, c, st, align, inner, set) : set;
      // the column's numbers as one block, centred; each placed so its point falls on the block's
      const dx =
        decimal && point !== undefined && lines.length === 1
          ? Math.min(Math.max(0, (inner - decimal.left - decimal.right) / 2) + decimal.left - point, Math.max(0, inner + Math.min(decimal.markers.get(c) ?? 0, markerHang(st, padX)) - lines[0].used))
          : hung !== undefined && lines.length === 1
            ? hung
            : 0;
      return { node: c, row: c.row, lines, dx, tag };
    });
  });
}

/**
 * A cell's lines `inner` pt wide, `set` setting runs in a paragraph style: broken where
 * `cellBreaks` says first where that fits (a header's unit apart: see `unitApart`); a body cell so
 * only when that takes no more lines than breaking wherever its text may (`人民文学|出版社`, not
 * `人民文学出|版社`; a long text not a line longer for it).
 */
function cellLines(ctx: LayoutContext, c: TableCellNode, st: TextStyleSpec, header: boolean, inner: number, align: TextAlign, set: (runs: Inline[], pstyle: ParagraphStyle) => Line[]): Line[] {
  const pstyle = paragraphStyle(ctx, st, inner, align, 0, { between: cellBreaks(c, header) });
  const lines = set(c.runs, pstyle);
  if (header) return unitApart(c, pstyle, lines, (runs) => set(runs, pstyle));
  // (a footnote's marker is set once: its note would be counted twice)
  if (lines.length < 2 || c.rowspan > 1 || c.runs.some((r) => r.note)) return lines;
  const anywhere = set(c.runs, paragraphStyle(ctx, st, inner, align, 0));
  if (lines.length <= anywhere.length) return lines;
  const words = set(c.runs, paragraphStyle(ctx, st, inner, align, 0, { between: 'words' }));
  return words.length <= anywhere.length ? words : anywhere;
}

/**
 * Where a cell breaks first: a header, and a cell spanning rows, between words (see
 * word-starts.ts); a body cell after a space typed between Chinese words (names: `〔美〕埃德加·斯诺
 * 著|董乐山 译`) or after a mark that ends a phrase (`4 月 1 日—|4 月 23 日`), else between words
 * (see ParagraphStyle's `between`); each where that fits (and see `cellLines`).
 */
function cellBreaks(c: TableCellNode, header: boolean): ParagraphStyle['between'] {
  return header || c.rowspan > 1 ? 'words' : 'spaces';
}

/** The text's pieces between spaces typed between Chinese words (as runs; see typed-spaces.ts), when it has such spaces. */
function spacedWords(runs: Inline[]): Inline[][] | undefined {
  if (runs.some((r) => r.ref || r.note)) return undefined;
  const text = plainText(runs);
  const cuts = afterTypedSpaces(text);
  if (!cuts.length) return undefined;
  return [0, ...cuts].map((from, i) => splitRuns(runs, from, i < cuts.length ? cuts[i] : text.length));
}

/**
 * A cell spanning rows set in `lines` of two or more at the narrowest measure that sets it so
 * between words with no character alone (`小学|中高年级`, not `小学中高年|级` in a column wider
 * than it needs), when that is narrower than its box: its lines alike, left in its box.
 */
function balancedInRows(ctx: LayoutContext, c: TableCellNode, st: TextStyleSpec, align: TextAlign, inner: number, lines: Line[]): Line[] {
  // (a footnote's marker is set once: its note would be counted twice)
  if (lines.length < 2 || c.runs.some((r) => r.note)) return lines;
  const measure = paragraphStyle(ctx, st, Infinity, align, 0, { between: 'words' });
  const narrowest = wordsWidth(resolveReferences(ctx, c.runs, undefined, true), measure, inner, lines.length);
  if (narrowest >= inner - 1e-6) return lines;
  const alike = setText(ctx, c.runs, paragraphStyle(ctx, st, narrowest + 1e-3, align, 0, { between: 'words' }), c.at);
  return alike.length === lines.length ? alike : lines;
}

/** A bracketed group that ends a text after some text before it (`日均调用（次）`, `占比(%)`): [the text before, the group]. */
const UNIT_AT_END = /^(.*?\S)\s*([（(［\[〔【][^（(［\[〔【]*[）)］\]〕】])\s*$/su;

/**
 * A header's lines (`lines`, as set) with its bracketed unit on a line of its own, the text
 * before it broken between words in the lines above, when they are two lines or more and the
 * unit does not stand alone already: the best place to break a header (see unit-apart.ts) is
 * before its unit. The text stage moves a last break there only when the text before the unit
 * fits one line, and words the dictionary does not know are their characters, so a column its
 * asks made for `日均|调用|（次）` (see ColumnAsks' `whole`) was set `日均调|用（次）`.
 * Unchanged when a line so set would pass the measure or hold one character of several.
 */
function unitApart(c: TableCellNode, pstyle: ParagraphStyle, lines: Line[], set: (runs: Inline[]) => Line[]): Line[] {
  if (lines.length < 2 || c.runs.some((r) => r.ref || r.note)) return lines;
  const m = UNIT_AT_END.exec(plainText(c.runs));
  if (!m) return lines;
  const [before, unit] = [splitRuns(c.runs, 0, m[1].length), splitRuns(c.runs, m[0].lastIndexOf(m[2]), m[0].length)];
  const last = lines[lines.length - 1];
  if (plainText(foldWhitespace(c.runs)).slice(last.start, last.end).trim() === m[2].trim()) return lines;
  const apart = [...set(before), ...set(unit)];
  const characters = (l: Line) => l.atoms.filter((a) => a.kind !== 'space').length;
  if (apart.length < 2 || apart.some((l) => l.natural > pstyle.width + 1e-6 || (characters(l) === 1 && [...m[1].trim()].length > 1 && l !== apart[apart.length - 1]))) return lines;
  return apart;
}

/**
 * The width a short header takes on one line, pt (no padding): its text when no wider than
 * `UNBROKEN_CELLS.shortEms` ems of `size` pt (`教辅用房`), else its text before its bracketed unit
 * so, over the unit (`多媒体教室|（间）`, as `unitApart` sets it). Undefined for a longer header.
 */
function shortHead(runs: Inline[], pstyle: ParagraphStyle, size: number): number | undefined {
  const most = UNBROKEN_CELLS.shortEms * size + 1e-6;
  const natural = measureText(withMarkerRoom(runs), pstyle).natural;
  if (natural <= most) return natural;
  const m = runs.some((r) => r.ref || r.note) ? null : UNIT_AT_END.exec(plainText(runs));
  if (!m) return undefined;
  const before = measureText(splitRuns(runs, 0, m[1].length), pstyle).natural;
  return before <= most ? Math.max(before, measureText(splitRuns(runs, m[0].lastIndexOf(m[2]), m[0].length), pstyle).natural) : undefined;
}

/** The rows of a part as groups [first, end): a cell's rowspan never crosses a group's edge. */
function rowGroups(rows: TableCellNode[][]): [number, number][] {
  const groups: [number, number][] = [];
  let first = 0;
  let end = 0;
  rows.forEach((cells, r) => {
    for (const c of cells) end = Math.max(end, r + c.rowspan);
    end = Math.max(end, r + 1);
    if (end === r + 1) {
      groups.push([first, end]);
      first = end;
    }
  });
  return groups;
}

/**
 * The share of a page (under the repeated caption and header) a table's first group of rows may
 * take and still be one block: the caption and header keep with it, and a heading may keep with
 * them, so a first group nearly a page tall, one block, would leave them alone at a page foot.
 */
const FIRST_GROUP_SHARE = 0.75;

/** Tables of at most this many body rows, and no taller than KEPT_WHOLE_SHARE of a page, are never split (see BOX_KEPT_WHOLE in flow.ts). */
const TABLE_KEPT_WHOLE = 5;
const KEPT_WHOLE_SHARE = 1 / 3;

/** Rows with more lines than this may break across pages between their lines (see groupBlocks). */
const SLICE_ABOVE_LINES = 4;

/**
 * How a group of rows is laid out: the part's style, whether it is the header, whether it starts
 * or ends the table's body, and whether it is a part of a group broken across pages (drawn as
 * one block: never cut nor broken further).
 */
interface GroupSpec extends Part {
  st: TextStyleSpec;
  header: boolean;
  first: boolean;
  last: boolean;
  part?: boolean;
}

/** A line of a cell, placed in its group: top of its box and left edge, pt from the group's top and the page's type area. */
interface PlacedLine {
  line: Line;
  top: number;
  x: number;
  /** None for a merged cell's text printed again (an artifact). */
  tag?: StructTag;
}

/**
 * A group of `count` rows (joined by rowspans; one row when none): cells set in their boxes,
 * rules per the theme, drawn unbroken past merged cells. A row's height is its tallest one-row
 * cell's; a merged cell taller than its rows adds the difference to its last row. The group is
 * one block (its cells centred vertically); a group of several rows may break between them (see
 * row-breaks.ts) where each part so broken fits `fitsOnePage` pt with its footnotes; a single row
 * of more than SLICE_ABOVE_LINES lines that fits `fitsOnePage` pt with its footnotes may break
 * between its lines so (its parts top-aligned, so each cell's text goes on line by line across
 * the page break; the first two lines and the last two kept together). Else, when it is taller
 * than `fitsOnePage` pt with its footnotes, it is cut between lines into blocks (its cells
 * top-aligned; the first two and last two kept together), and a page may break inside it.
 */
function groupBlocks(g: GroupSpec, cells: SetCell[], count: number, fitsOnePage: number): Block[] {
  const spec = g.ctx.theme.table;
  const lh = g.st.lineHeight;
  const heights = ownHeights(g, cells, count);
  for (const c of [...cells].sort((a, b) => a.node.rowspan - b.node.rowspan)) {
    const spanned = sum(heights.slice(c.row, c.row + c.node.rowspan));
    if (c.node.rowspan > 1 && boxHeightOf(g, c) > spanned) heights[c.row + c.node.rowspan - 1] += boxHeightOf(g, c) - spanned;
  }
  const lines = Math.max(1, ...cells.map((c) => c.lines.length));
  // the notes of each line's markers (made once): they stand at the foot of the page the line is on
  const notesOf = new Map<Line, Block[][]>();
  for (const c of cells) if (!c.again) for (const line of c.lines) notesOf.set(line, notesOn(g.ctx, [line], c.tag));
  let notesHeight = 0;
  for (const notes of notesOf.values()) for (const note of notes) notesHeight += heightOf(note);
  const foot = notesHeight > 0 ? footSeparator(g.ctx.theme) + notesHeight : 0;
  if (!g.header && !g.part && count > 1) {
    const broken = brokenGroup(g, cells, count, sum(heights) + foot > fitsOnePage ? fitsOnePage : Infinity);
    if (broken) return [broken];
  }
  // (a row with writing room, `minHeight`, is kept whole: its room is not parted from its text)
  const roomy = count === 1 && cells.some((c) => c.node.minHeight !== undefined);
  const tall = !g.header && !g.part && (count === 1 ? lines > SLICE_ABOVE_LINES && !roomy : sum(heights) + foot > fitsOnePage);
  // a single row of many lines that fits a page stands as any row (one block, its cells centred):
  // only a break inside it (see `breaks`) cuts it between lines, top-aligned
  const sliced = tall && (count > 1 || sum(heights) + foot > fitsOnePage);
  const tops = [0];
  for (const h of heights) tops.push(tops[tops.length - 1] + h);
  const height = tops[count];
  const placedAt = (topAligned: boolean): PlacedLine[] =>
    cells.flatMap((c) => {
      const top = tops[c.row];
      const box = tops[c.row + c.node.rowspan] - top;
      // (cut between lines, a cell's text goes on from its top: see `sliced`)
      const room = topAligned || c.top ? 0 : (box - 2 * spec.padY - c.lines.length * lh) * VALIGN_SHARE[valignOf(c.node)];
      const y0 = top + spec.padY + room;
      const x = g.edges[c.node.col] + g.padX + c.dx;
      return c.lines.map((line, i) => ({ line, top: y0 + i * lh, x, tag: c.again ? undefined : c.tag }));
    });
  const placed = placedAt(sliced);
  const rules = groupRules(g, cells, tops);
  const fill: DrawOp[] = g.header && spec.headerFill ? [{ kind: 'rect', x: g.edges[0], y: 0, w: g.edges[g.edges.length - 1] - g.edges[0], h: height, fill: spec.headerFill }] : [];
  // footnotes: the markers' anchors and the notes of the lines a block holds go with it
  const withNotes = (lines: PlacedLine[]) => ({ anchors: markerAnchors(lines.filter((p) => p.tag).map((p) => p.line)), notes: lines.flatMap((p) => (p.tag ? (notesOf.get(p.line) ?? []) : [])) });
  // cut where no line of any cell is crossed: before each line, and at the group's bottom; the
  // part between bounds[from] and bounds[to], as one block
  const cutBetweenLines = (lines: PlacedLine[]) => {
    const crosses = (y: number) => lines.some((p) => p.top < y - 1e-6 && y < p.top + lh - 1e-6);
    const cuts = [...new Set(lines.map((p) => p.top).filter((y) => y > 0 && !crosses(y)))].sort((a, b) => a - b);
    const bounds = [0, ...cuts, height];
    const piece = (from: number, to: number): Block => {
      const inPiece = lines.filter((p) => p.top >= bounds[from] && p.top < bounds[to]);
      const ops: DrawOp[] = inPiece.flatMap((p) => lineOps(p.line, g.st, p.x, p.top - bounds[from], p.tag));
      ops.push(...clipRules(rules, bounds[from], bounds[to]));
      const { anchors, notes } = withNotes(inPiece);
      return block(bounds[to] - bounds[from], { ops, anchors }, { notes });
    };
    return { pieces: bounds.length - 1, piece };
  };
  if (!sliced) {
    const { anchors, notes } = withNotes(placed);
    const whole = block(height, { ops: [...fill, ...placed.flatMap((p) => lineOps(p.line, g.st, p.x, p.top, p.tag)), ...rules], anchors }, { notes });
    if (!tall) return [whole];
    // broken, as a paragraph's lines: its first two lines and its last two kept together
    const { pieces, piece } = cutBetweenLines(placedAt(true));
    const places = Array.from({ length: Math.max(0, pieces - 3) }, (_, k) => k + 2);
    const part = (from: number, to: number) => ({ block: piece(from, to), after: null });
    return [places.length ? { ...whole, breaks: rowBreaks(pieces, places, part, null, () => '') } : whole];
  }
  const { pieces, piece } = cutBetweenLines(placed);
  return Array.from({ length: pieces }, (_, i) => ({ ...piece(i, i + 1), keepWithNext: i < 1 || i >= pieces - 2 }));
}

/** How much of the room a cell's lines leave in its box stands above them, by its `valign`. */
const VALIGN_SHARE: Record<CellVAlign, number> = { top: 0, middle: 0.5, bottom: 1 };

/**
 * Where a cell's text stands in its box: as it says; else at the top of writing room (a form's
 * `height:`: the room to write is under the text), in the middle of any other box, as a form's
 * labels (姓名) stand centred on a row a neighbour's lines make tall.
 */
function valignOf(c: TableCellNode): CellVAlign {
  return c.valign ?? (c.minHeight !== undefined ? 'top' : 'middle');
}

/** The height of a cell's box, pt: its lines (one at least) and its padding, or its `minHeight` when that is more. */
function boxHeightOf(g: GroupSpec, c: SetCell): number {
  return Math.max(Math.max(1, c.lines.length) * g.st.lineHeight + 2 * g.ctx.theme.table.padY, c.node.minHeight ?? 0);
}

/** The heights of a group's `count` rows as its one-row cells make them, pt: a row as tall as its tallest, a line at least. */
function ownHeights(g: GroupSpec, cells: SetCell[], count: number): number[] {
  const heights = new Array<number>(count).fill(g.st.lineHeight + 2 * g.ctx.theme.table.padY);
  for (const c of cells) if (c.node.rowspan === 1) heights[c.row] = Math.max(heights[c.row], boxHeightOf(g, c));
  return heights;
}

/**
 * A group of `count` rows as one block that may break between its rows (see row-breaks.ts), each
 * part drawn as a group of its own: a merged cell split by a break as a cell in each part, its
 * text shown as merged-parts.ts says (continued, or printed again where it fits), no row taller
 * for it than its own cells make it. Undefined when it has no place to break, or when some part
 * between two places would pass `fitsOnePage` pt with its footnotes.
 */
function brokenGroup(g: GroupSpec, cells: SetCell[], count: number, fitsOnePage: number): Block | undefined {
  const places = breakPlaces(count, g.first, g.last);
  if (!places.length) return undefined;
  const own = ownHeights(g, cells, count);
  const { padY } = g.ctx.theme.table;
  // the lines a merged cell's rows [top, end) hold without growing
  const fits = (top: number, end: number) => Math.floor((sum(own.slice(top, end)) - 2 * padY) / g.st.lineHeight + 1e-6);
  const rows = rowIndex(cells, count);
  const part = (from: number, to: number, before: MergedShown[]) => {
    const { cells: inPart, after } = partCells(cells, rows, from, to, before, fits);
    const [drawn] = groupBlocks({ ...g, part: true, last: g.last && to === count }, inPart, to - from, Infinity);
    return { block: drawn, after };
  };
  const start = rows.merged.map(() => NONE_SHOWN);
  const bounds = [0, ...places, count];
  for (let k = 0, before = start; k + 1 < bounds.length && fitsOnePage < Infinity; k++) {
    const { block: p, after } = part(bounds[k], bounds[k + 1], before);
    if (p.height + (p.notes?.length ? footSeparator(g.ctx.theme) + sum(p.notes.map(heightOf)) : 0) > fitsOnePage) return undefined;
    before = after;
  }
  const key = (shown: MergedShown[]) => shown.map((s) => `${s.lines}${s.parted ? '+' : ''}`).join(',');
  return { ...part(0, count, start).block, breaks: rowBreaks(count, places, part, start, key) };
}

/**
 * A group's cells (by index in its list) by the row they start in, those that span rows, and
 * where each of those stands among them (-1 for a one-row cell).
 */
interface RowIndex {
  starting: number[][];
  merged: number[];
  mergedAt: number[];
}

function rowIndex(cells: SetCell[], count: number): RowIndex {
  const starting = Array.from({ length: count }, (): number[] => []);
  cells.forEach((c, i) => starting[c.row].push(i));
  const merged = cells.flatMap((c, i) => (c.node.rowspan > 1 ? [i] : []));
  const mergedAt = cells.map(() => -1);
  merged.forEach((i, k) => (mergedAt[i] = k));
  return { starting, merged, mergedAt };
}

/**
 * The cells of a group's rows [from, to) (`rows`: the group's cells by row, so a part costs its
 * own cells, not the group's), their rows from `from` and their spans cut to the part: of a
 * merged cell the piece of its text the part shows (see merged-parts.ts), `before` what the
 * parts above showed of each (in the order of `rows.merged`), `fits(top, end)` the lines its rows [top,
 * end) hold. With what the part and those above show, for the part below.
 */
function partCells(cells: SetCell[], rows: RowIndex, from: number, to: number, before: MergedShown[], fits: (top: number, end: number) => number): { cells: SetCell[]; after: MergedShown[] } {
  const after = [...before];
  const inPart: SetCell[] = [];
  const taken = rows.merged.filter((i) => cells[i].row < from && cells[i].row + cells[i].node.rowspan > from);
  for (let r = from; r < to; r++) taken.push(...rows.starting[r]);
  for (const i of taken.sort((a, b) => a - b)) {
    const c = cells[i];
    const [top, end] = [Math.max(c.row, from), Math.min(c.row + c.node.rowspan, to)];
    if (c.node.rowspan === 1) {
      inPart.push({ ...c, row: top - from });
      continue;
    }
    const k = rows.mergedAt[i];
    const piece = mergedPiece(c.lines.length, fits(top, end), before[k], c.row >= from, c.row + c.node.rowspan <= to);
    after[k] = piece.shown;
    inPart.push({ ...c, row: top - from, node: { ...c.node, rowspan: end - top }, lines: c.lines.slice(piece.from, piece.to), again: piece.again, top: piece.top });
  }
  return { cells: inPart, after };
}

/**
 * The rules of a group, pt from its top: for the header a top rule and one below it, for the
 * table's last group a bottom rule, between rows and columns inner rules in a `grid` table
 * (in a `three-line` table only under a header cell spanning columns). No rule crosses a
 * merged cell, and rules on one line are drawn as one stroke.
 */
function groupRules(g: GroupSpec, cells: SetCell[], tops: number[]): DrawOp[] {
  const spec = g.ctx.theme.table;
  const ncols = g.edges.length - 1;
  const count = tops.length - 1;
  const grid = spec.rules === 'grid';
  const line = (x1: number, y1: number, x2: number, y2: number, width: number): DrawOp => ({ kind: 'line', x1, y1, x2, y2, width, color: spec.ruleColor });
  /** The cell covering each row and column (the first of `cells` that does), at row × ncols + column: found once, not once a rule's cell. */
  const cover = new Array<SetCell | undefined>(count * ncols);
  for (const k of cells) {
    for (let r = Math.max(0, k.row); r < Math.min(count, k.row + k.node.rowspan); r++) for (let c = k.node.col; c < Math.min(ncols, k.node.col + k.node.colspan); c++) cover[r * ncols + c] ??= k;
  }
  /** The cell covering row r, column c. */
  const at = (r: number, c: number) => (r >= 0 && r < count && c >= 0 && c < ncols ? cover[r * ncols + c] : undefined);
  /** Runs [first, end) of consecutive indices in [0, n) where `drawn` holds. */
  const runs = (n: number, drawn: (i: number) => boolean) => {
    const out: [number, number][] = [];
    for (let i = 0; i < n; i++) if (drawn(i)) out.length && out[out.length - 1][1] === i ? (out[out.length - 1][1] = i + 1) : out.push([i, i + 1]);
    return out;
  };
  const ops: DrawOp[] = [];
  if (g.header) ops.push(line(g.edges[0], 0, g.edges[ncols], 0, spec.outerRule));
  for (let r = 1; r <= count; r++) {
    const bottom = r === count;
    const width = bottom ? (g.header ? spec.innerRule : g.last ? spec.outerRule : grid ? spec.innerRule : 0) : grid || g.header ? spec.innerRule : 0;
    if (!width) continue;
    // inside the header of a three-line table: only under cells that span columns
    const drawn = (c: number) => {
      const above = at(r - 1, c);
      if (bottom) return true;
      if (above && above.row + above.node.rowspan > r) return false;
      return grid || (!!above && above.node.colspan > 1);
    };
    for (const [first, end] of runs(ncols, drawn)) ops.push(line(g.edges[first], tops[r], g.edges[end], tops[r], width));
  }
  if (grid) {
    for (let k = 0; k <= ncols; k++) {
      const outer = k === 0 || k === ncols;
      const crossed = (r: number) => {
        const c = at(r, k);
        return !outer && !!c && c.node.col < k;
      };
      for (const [first, end] of runs(count, (r) => !crossed(r))) ops.push(line(g.edges[k], tops[first], g.edges[k], tops[end], outer ? spec.outerRule : spec.innerRule));
    }
  }
  return ops;
}

/** The rules of a group within [from, to] pt of it, moved up by `from`: horizontal ones below `from`, vertical ones cut to the range. */
function clipRules(rules: DrawOp[], from: number, to: number): DrawOp[] {
  const out: DrawOp[] = [];
  for (const op of rules) {
    if (op.kind !== 'line') continue;
    if (op.y1 === op.y2) {
      if (op.y1 > from && op.y1 <= to) out.push(op);
    } else if (op.y1 < to && op.y2 > from) out.push({ ...op, y1: Math.max(op.y1, from), y2: Math.min(op.y2, to) });
  }
  return translateOps(out, 0, -from);
}

/** A `decimal` column's numbers: where each cell's point stands in its line, and the widest parts left and right of the points, pt. */
interface DecimalColumn {
  points: Map<TableCellNode, number>;
  left: number;
  right: number;
  /** The widest part right of the points without the footnote markers the numbers end in, pt (`right` when none does). */
  bare: number;
  /** The width of the markers each number ending in footnote markers ends in, pt (`5.86①`). */
  markers: Map<TableCellNode, number>;
}

/** The body columns that line their numbers up on the decimal point, by column index. */
type DecimalColumns = Map<number, DecimalColumn>;

/**
 * The `decimal` columns of a table's body: each one-column cell that says (or whose column says)
 * `decimal` and holds a digit, set on one line, and where its point stands (see `decimalPoint`).
 * A cell of several written lines (`"10.5\n（预计）"`) is not one number: centred, as a cell
 * without a digit, it moves none of the others.
 */
function decimalColumns(ctx: LayoutContext, node: TableNode, st: TextStyleSpec): DecimalColumns {
  const out: DecimalColumns = new Map();
  const pstyle = paragraphStyle(ctx, st, Infinity, 'left', 0);
  for (const row of node.rows)
    for (const c of row) {
      if ((c.align ?? node.columns[c.col]?.align) !== 'decimal' || c.colspan !== 1 || writtenLines(c.runs).length > 1) continue;
      // (measured: a footnote as its marker's room; set, it would be a note of its own)
      const [line] = measureLines(ctx, c.runs, pstyle);
      const point = line && decimalPoint(line);
      if (point === undefined) continue;
      let column = out.get(c.col);
      if (!column) out.set(c.col, (column = { points: new Map(), left: 0, right: 0, bare: 0, markers: new Map() }));
      column.points.set(c, point);
      column.left = Math.max(column.left, point);
      column.right = Math.max(column.right, line.used - point);
      const bare = endsInMarkers(c) ? (measureLines(ctx, c.runs.filter((r) => !r.note), pstyle)[0]?.used ?? 0) : line.used;
      if (bare < line.used) column.markers.set(c, line.used - bare);
      column.bare = Math.max(column.bare, bare - point);
    }
  return out;
}

/**
 * Where a number's decimal point stands in a line, pt from its left: at the first `.` after a
 * digit, else right after the first run of digits (and thousands separators, `,` or the space
 * between digit groups, `45 312`): an integer as if a point followed it (`12%` like `12.5%`).
 * Undefined when the line has no digit.
 */
function decimalPoint(line: Line): number | undefined {
  let end: number | undefined;
  for (let k = 0; k < line.atoms.length; k++) {
    let x = line.xs[k];
    for (const g of line.atoms[k].glyphs) {
      const ch = String.fromCodePoint(g.codePoints[0] ?? 0);
      if (/\d/.test(ch)) end = x + g.advance;
      else if (end !== undefined && ch === '.') return x;
      else if (end !== undefined && ch !== ',' && ch !== ' ') return end;
      x += g.advance;
    }
  }
  return end;
}

/**
 * How a cell's lines are set: as its own or its column's alignment says (`justify` for
 * justified); else as the style says (header cells); else right in a column of numbers (see
 * numeric-columns.ts), left (ragged) in any other.
 */
function cellAlign(align: ColumnAlign | undefined, numeric: boolean, byStyle: TextAlign | undefined): TextAlign {
  if (align && align !== 'decimal') return align;
  return byStyle ?? (numeric ? 'right' : 'left');
}

/**
 * Which cells are not broken, as data. A number (digits with their signs and separators, no
 * letter or Han character: `40 913.3`, `021-5787 1043`, `−2.5%`, `27/27`; not a list of them, parted by
 * 、，；：, `, ` or ` / `: `≥2,000 / ≥2,500`) never; a body cell no wider
 * than `shortEms` ems of its text on one line (`达标`, `基本达标`, `2024 年`) and a header other
 * than between words or with a character alone on a line (`建筑|面积`, `占比|（%）`, and `教学用`
 * whole, never `建筑面|积` or `教|学用`) only when the table cannot afford it. A short header (no
 * wider than `shortEms` ems on one line, `教辅用房`, or its text before a bracketed unit so,
 * `多媒体教室|（间）`) stays on one line before a longer header takes `headerLines` lines. A header may take
 * `headerLines` lines before a body cell breaks: when the table cannot set every cell on one
 * line, a column asks for its header so set, not on one line.
 */
const UNBROKEN_CELLS = { number: /^(?!.*(?:,|\s\/)\s)[^\p{L}、，；：。;]*\d[^\p{L}、，；：。;]*$/u, shortEms: 5, headerLines: 2 };

/**
 * What a column's cells ask of its width, pt (padding included), from the least to the most,
 * each at least the one before: `least`, its widest piece no break may split (a number whole:
 * see UNBROKEN_CELLS; a `decimal` column as wide as its numbers lined up on their points);
 * `short`, its short body cells whole (see UNBROKEN_CELLS); `whole`, its header too broken only
 * between words, a cell spanning rows so too, and a body cell's names between spaces typed
 * between Chinese words whole (what no cell breaks against the typesetter's rules in); `body`, its body cells
 * on one line (the header at its `whole`); `heads`, a short header too on one line, or its text
 * before its unit (see UNBROKEN_CELLS; a longer one at its `whole`); `wanted`, every header in
 * `UNBROKEN_CELLS.headerLines` lines; `natural`, every cell on one line.
 */
type ColumnAsks = Record<'least' | 'short' | 'whole' | 'body' | 'heads' | 'wanted' | 'natural', number>;

/** The asks from the least to the most (see ColumnAsks). */
const ASKS = ['least', 'short', 'whole', 'body', 'heads', 'wanted', 'natural'] as const;

/** A cell as the column widths see it: its text's extent on one line and its least width (padding included), pt. */
interface MeasuredCell {
  c: TableCellNode;
  st: TextStyleSpec;
  header: boolean;
  runs: Inline[];
  pstyle: ParagraphStyle;
  extent: TextExtent;
  natural: number;
  least: number;
  /** Its widest piece between spaces typed between Chinese words, padding included (see `spacedWords`); else `least`. */
  spaced: number;
  /** The cell as written: `c` itself, or the cell whose written line (see written-lines.ts) `c` is, each measured on its own. */
  written: TableCellNode;
}

/** The ask a table keeps whole with narrower padding (LEAST_PAD_X) rather than with its theme's padding give up (see columnWidths). */
const WHOLE = ASKS.indexOf('whole');
const BODY = ASKS.indexOf('body');
const HEADS = ASKS.indexOf('heads');

/**
 * A body cell (of one column) as given widths may break it (see given-widths.ts): whole where
 * the widths Imprint finds keep it so (a number, an identifier, a short cell: UNBROKEN_CELLS,
 * identifiers.ts), else its widest word.
 */
function wholeCell({ c, header, runs, extent, st }: MeasuredCell): WholeCell[] {
  if (header || c.colspan > 1) return [];
  const text = plainText(runs).trim();
  const whole = UNBROKEN_CELLS.number.test(text) || isIdentifier(text) || extent.natural <= UNBROKEN_CELLS.shortEms * st.size + 1e-6;
  return [{ text, row: c.row, col: c.col, need: whole ? extent.natural : extent.widest }];
}

/**
 * Column widths summing to `width`, pt: relative widths when the template gives them all; else,
 * as HTML's automatic table layout, from what each column's cells ask (see ColumnAsks): natural
 * widths that fit are scaled up to the table; else the columns get the most asked of them that
 * fits, and as many of them as the table can afford what the next ask passes it by, narrowest
 * first (a short command stays on one line), the others sharing the rest (see
 * `wholeWhereAffordable`); when not even the least widths fit, they do with narrower padding
 * (down to LEAST_PAD_X), else the columns take `fairShares` (and a warning when a number is
 * broken so), with the padding the cells are set with. Body cells come
 * before headers: a header takes more lines before a row does. A word wider than the table's
 * text counts as the pieces it is cut into. A cell spanning columns that are together narrower
 * than it widens them in proportion to their natural widths (equally when they have none),
 * narrowest spans first.
 */
function columnWidths(ctx: LayoutContext, node: TableNode, ncols: number, width: number, cell: TextStyleSpec, head: TextStyleSpec, decimals: DecimalColumns, marked: MarkedColumns): { widths: number[]; padX: number } {
  const { padX } = ctx.theme.table;
  const pad = 2 * padX;
  const narrower = LEAST_PAD_X * cell.size;
  // the widest number of each column (with padding): what no column narrower can hold whole
  const numbers = new Array<number>(ncols).fill(0);
  // the widest character of each column: what no column narrower can hold between its rules
  const characters = new Array<number>(ncols).fill(0);
  const measure = (c: TableCellNode, st: TextStyleSpec, header: boolean): MeasuredCell => {
    const runs = resolveReferences(ctx, c.runs, undefined, true);
    const pstyle = paragraphStyle(ctx, st, Infinity);
    // (a footnote's marker takes room on the cell's line: measured as the marker it is set as)
    const extent = measureText(withMarkerRoom(runs), pstyle, width - pad);
    const natural = extent.natural + pad;
    const isNumber = UNBROKEN_CELLS.number.test(plainText(runs).trim());
    const least = (isNumber ? extent.natural : extent.widest) + pad;
    if (isNumber && c.colspan === 1) numbers[c.col] = Math.max(numbers[c.col], least);
    // (a piece wider than an em is a word, which a last resort cuts into letters)
    if (c.colspan === 1) characters[c.col] = Math.max(characters[c.col], Math.min(extent.widest, st.size));
    // a body cell's names between spaces typed between Chinese words, each whole where the table affords it
    const pieces = header || c.rowspan > 1 ? undefined : spacedWords(runs);
    const spaced = pieces ? Math.max(least, ...pieces.map((p) => measureText(p, pstyle, width - pad).natural + pad)) : least;
    return { c, st, header, runs, pstyle, extent, natural, least, spaced, written: c };
  };
  // a cell of written lines as each of them: its widest line decides, not its lines joined
  const measureWritten = (c: TableCellNode, st: TextStyleSpec, header: boolean) => {
    const written = writtenLines(c.runs);
    return written.length > 1 ? written.map((runs) => ({ ...measure({ ...c, runs }, st, header), written: c })) : [measure(c, st, header)];
  };
  const measured = [...node.head.flatMap((row) => row.flatMap((c) => measureWritten(c, head, true))), ...node.rows.flatMap((row) => row.flatMap((c) => measureWritten(c, cell, false)))];
  const parallel = parallelColumns(node);
  // the cells as if without their footnotes (the same cells where they have none; only a body
  // cell with a note measured again): columns alike but for a marker are twins (see twin-columns.ts)
  const hasNote = (m: MeasuredCell) => !m.header && m.c.runs.some((r) => r.note);
  const noted = measured.some(hasNote);
  const bare = noted ? measured.map((m) => (hasNote(m) ? measure({ ...m.c, runs: m.c.runs.filter((r) => !r.note) }, cell, false) : m)) : measured;
  const bareDecimals = new Map([...decimals].map(([c, d]) => [c, { ...d, right: d.bare }]));
  /**
   * The widths with the theme's padding if each column holds its widest character so, else with
   * the least (LEAST_PAD_X); when not even that holds them, an error at the table: its text would
   * cross its rules and the next column's (`given`: the widths are the content's or template's).
   */
  const holding = (widths: number[], given: boolean): { widths: number[]; padX: number } => {
    const short = (p: number) => widths.findIndex((w, c) => w - 2 * p < characters[c] - 1e-6);
    if (short(padX) < 0) return { widths, padX };
    const c = short(narrower);
    if (c >= 0 && node.at) {
      const least = characters.map((ch) => ch + 2 * narrower);
      ctx.problems.error(
        node.at,
        sum(least) > width + 1e-6
          ? `the table cannot be set in its width: its ${ncols} columns need ${inPt(sum(least))} to hold a character each between their rules (text of ${inPt(cell.size)}), more than the ${inPt(width)} it has (fewer columns, two tables, or smaller cells: \`size: small\` or the theme's \`styles.${node.cellStyle}.size\`)`
          : `its column ${c + 1} is ${given ? 'given' : 'left'} ${inPt(widths[c])}, too narrow to hold a character of its cells between its rules: it needs at least ${inPt(least[c])}${given ? ' (`widths:`)' : ''}`,
      );
    }
    return { widths, padX: Math.min(padX, narrower) };
  };
  // the widest body cell of each column with a space in it (a command, a phrase) or that is one
  // identifier (data.records[].tenantId: see identifiers.ts), padding included
  const unbroken = new Array<number>(ncols).fill(0);
  for (const { c, header, runs, natural } of measured) {
    const text = plainText(runs).trim();
    if (!header && c.colspan === 1 && (/\s/.test(text) || isIdentifier(text))) unbroken[c.col] = Math.max(unbroken[c.col], natural);
  }
  const given = node.columns.map((c) => c.width);
  if (given.length === ncols && given.every((w) => w && w > 0)) {
    const set = holding(givenWidths(given as number[], width, Math.min(pad + cell.size, width / ncols)), true);
    const widthsAt = node.columns.find((c) => c.widthAt)?.widthAt;
    if (widthsAt) {
      // the widths Imprint would find, only where the given ones break a cell (what they warn of, or break, is not this table's)
      const found = () => columnWidths({ ...ctx, problems: new ProblemList() }, { ...node, columns: node.columns.map((c) => ({ align: c.align })) }, ncols, width, cell, head, decimals, marked);
      const warning = givenWidthsWarning(measured.flatMap(wholeCell), set, found, given as number[]);
      if (warning) ctx.problems.warn(widthsAt, warning);
    }
    return set;
  }

  /** What each column asks of `cells` (see ColumnAsks); `onlyNatural`: as askedBy's. */
  const askedOf = (onlyNatural: boolean, cells: readonly MeasuredCell[], decimals: DecimalColumns, marked: MarkedColumns): number[][] => {
    const asked = ASKS.map(() => new Array<number>(ncols).fill(pad));
    const spanning: { col: number; colspan: number; asks: number[] }[] = [];
    for (const { c, st, header, runs, pstyle, extent, natural, least, spaced } of cells) {
      const byWords = (lines?: number) => (onlyNatural ? natural : Math.max(least, wordsWidth(withMarkerRoom(runs), pstyle, width - pad, lines) + pad));
      // a cell spanning rows asks for no more than the rows' lines take (by words where it can):
      // it wraps into their height at no cost (小学|中高年级 beside two rows)
      const full = onlyNatural || header || c.rowspan === 1 ? natural : Math.max(least, Math.min(natural, wordsWidth(withMarkerRoom(runs), pstyle, width - pad, c.rowspan) + pad));
      const short = Math.min(full, !header && extent.natural <= UNBROKEN_CELLS.shortEms * st.size + 1e-6 ? natural : least);
      // (a cell spanning rows as a header: between words, 小学|中高年级, never 中高|年级)
      const whole = header ? byWords() : c.rowspan > 1 && !onlyNatural ? Math.max(short, Math.min(full, byWords())) : Math.max(short, Math.min(full, spaced));
      const head = header && !onlyNatural ? shortHead(runs, pstyle, st.size) : undefined;
      const heads = !header || onlyNatural ? full : head === undefined ? whole : Math.max(least, head + pad);
      const asks: ColumnAsks = { least, short, whole, body: header ? whole : full, heads, wanted: header ? byWords(UNBROKEN_CELLS.headerLines) : full, natural: full };
      const row = ASKS.map((a) => asks[a]);
      if (c.colspan > 1) spanning.push({ col: c.col, colspan: c.colspan, asks: row });
      else row.forEach((w, k) => (asked[k][c.col] = Math.max(asked[k][c.col], w)));
    }
    // numbers lined up on their points may need more than the widest of them
    // (a number's footnote marker may hang into the padding: see markerHang)
    for (const [c, d] of decimals) asked[0][c] = Math.max(asked[0][c], d.left + Math.max(d.bare, d.right - markerHang(cell, padX)) + pad);
    // and texts ending in one line, before their markers, more than the widest of them
    for (const [c, m] of marked) asked[0][c] = Math.max(asked[0][c], Math.max(...m.ends.values()) + m.marker + pad);
    const natural = asked[ASKS.length - 1];
    for (const s of spanning.sort((a, b) => a.colspan - b.colspan)) asked.forEach((widths, k) => widen(widths, s.col, s.colspan, s.asks[k], natural));
    asked.forEach((widths, k) => k > 0 && widths.forEach((w, c) => (widths[c] = Math.max(w, asked[k - 1][c]))));
    return asked;
  };
  /** What each column asks (see ColumnAsks), twins (see twin-columns.ts) what the most asking of them does; `onlyNatural`: the natural widths alone (the others as they, an upper bound), which spare a header's words. */
  const askedBy = (onlyNatural: boolean): number[][] => {
    const asked = askedOf(onlyNatural, measured, decimals, marked);
    return twinsAsking(asked, twinColumns(noted ? askedOf(onlyNatural, bare, bareDecimals, new Map()) : asked, parallel));
  };
  // (a table whose natural widths fit takes them, scaled up: its headers' words are not looked up)
  const naturally = askedBy(true);
  if (sum(naturally[ASKS.length - 1]) <= width) return { widths: naturally[ASKS.length - 1].map((n) => (n / sum(naturally[ASKS.length - 1])) * width), padX };
  const asked = askedBy(false);
  const natural = asked[ASKS.length - 1];
  const allocate = (asks: number[][], padX: number) => {
    const passes = asks.findIndex((widths) => sum(widths) > width);
    const natural = asks[ASKS.length - 1];
    if (passes < 0) return { widths: natural.map((n) => (n / sum(natural)) * width), padX };
    const readable = READABLE_EMS * cell.size + 2 * padX;
    const twins = twinColumns(asks);
    const affordable = wholeWhereAffordable(asks[passes], asks[passes - 1], width, readable, NEARLY_WHOLE_EMS * cell.size, twins);
    const shared = evenTwins(affordable?.widths ?? flexibleShares(asks[passes], asks[passes - 1], width), twins);
    // (a column kept at its next ask keeps it: a short command stays on one line)
    const kept = asks[passes - 1].map((w, c) => (affordable?.kept.has(c) ? shared[c] : w));
    // short headers whole where columns with room to spare give it (see short-heads.ts)
    const heads = shortHeadsWhole(shared, { body: asks[BODY], heads: asks[HEADS] }, kept, readable, twins);
    const widths = heads.widths;
    // a column kept on one line may give up room where the table is then shorter (see
    // fewerLines), its long words broken at their marks (a URL after a `/`): down to `readable`,
    // or to its previous ask, or to its widest cell with a space or identifier (a command, a
    // code name stays on one line)
    const floor = kept.map((w, c) => (heads.kept.has(c) ? widths[c] : affordable?.kept.has(c) ? Math.min(w, Math.max(asks[passes - 1][c], readable, unbroken[c])) : w));
    return { widths: fewerLines(ctx, measured, widths, floor, twins, padX), padX };
  };
  // when not even what keeps short cells and headers whole fits, the cells' padding narrows to
  // LEAST_PAD_X before a header or number is broken or a word cut (a table of many columns of
  // numbers under short headers, on the GB/T page's 四号), and the columns share what that
  // leaves as ever (a column of names beside them gets the room the padding gave up); when not
  // even that fits, the short body cells stay whole before the headers' words (a district's
  // name on one line, its header broken inside a word), with either padding, before the least
  // a step past WHOLE that the table misses by a hair (HAIR_PAD a side of each cell, or less) takes
  // it from the padding, the text's room as asked: a header is not set in four lines for 0.3 pt
  // (a step up to WHOLE narrows the padding further, below)
  const missed = asked.findIndex((widths) => sum(widths) > width);
  const hair = missed > WHOLE ? (sum(asked[missed]) - width) / (2 * ncols) + 1e-9 : Infinity;
  if (hair <= HAIR_PAD && padX - hair >= narrower) return allocate(asked.map((widths) => widths.map((w) => w - 2 * hair)), padX - hair);
  const narrowed = asked.map((widths) => widths.map((w) => w - pad + 2 * narrower));
  for (let k = WHOLE; k >= 0; k--) {
    if (sum(asked[k]) <= width) return allocate(asked, padX);
    if (narrower < padX && sum(narrowed[k]) <= width) return allocate(narrowed, narrower);
  }
  const widths = fairShares(natural, width);
  if (node.at && widths.some((w, c) => w < numbers[c] - 1e-6)) ctx.problems.warn(node.at, `the table is too wide for the type area (${ncols} columns): some of its numbers are broken across lines`);
  return holding(widths, false);
}

/**
 * `widths` with room moved where it makes the table shorter (see shorter-rows.ts): from columns
 * whose cells keep their lines, or wrap within their rows' height, to those whose rows it makes
 * shorter, none below `floor` (the asks the widths were given at), twins (see twin-columns.ts)
 * left alike. The search counts lines as the text's width over the cell's less half an em a
 * line, or as its unbreakable pieces take filled in order where that is more (a long name that
 * breaks only at its marks); the cells are then set at both widths and the new ones taken only
 * when the table is so shorter.
 */
function fewerLines(ctx: LayoutContext, measured: readonly MeasuredCell[], widths: number[], floor: number[], twins: number[][], padX: number): number[] {
  // the rows see each cell as written, as tall as its written lines together and its writing room
  const cells = [...new Set(measured.map((m) => m.written))];
  const linesOf = cells.map((w) => measured.flatMap((m, k) => (m.written === w ? [k] : [])));
  const spec: RowsSpec = {
    cells: cells.map((c, j) => ({ header: measured[linesOf[j][0]].header, row: c.row, col: c.col, colspan: c.colspan, rowspan: c.rowspan, lineHeight: measured[linesOf[j][0]].st.lineHeight, minHeight: c.minHeight })),
    padX,
    padY: ctx.theme.table.padY,
  };
  const wrapped = (natural: number, inner: number, size: number) => (natural <= inner + 1e-6 ? 1 : Math.ceil(natural / Math.max(inner - size / 2, size / 2) - 1e-9));
  // a header's unit on a line of its own (see unitApart): the text before it in the lines above
  const beforeUnit = measured.map(({ header, runs, pstyle }) => {
    const m = header && !runs.some((r) => r.ref || r.note) ? UNIT_AT_END.exec(plainText(runs)) : null;
    return m ? measureText(splitRuns(runs, 0, m[1].length), pstyle).natural : undefined;
  });
  const lineEstimate = (k: number, inner: number) => {
    const { extent, st } = measured[k];
    const before = beforeUnit[k];
    if (extent.natural <= inner + 1e-6) return 1;
    // (no fewer than its unbreakable pieces take filled in order: a long name breaks only at its marks)
    return before === undefined ? Math.max(wrapped(extent.natural, inner, st.size), piecesLines(extent.pieces, inner)) : wrapped(before, inner, st.size) + 1;
  };
  const estimate = (j: number, inner: number) => sum(linesOf[j].map((k) => lineEstimate(k, inner)));
  const found = shorterRows(spec, widths, floor, twins.map((t) => t.length === 1), estimate);
  if (found.every((w, c) => Math.abs(w - widths[c]) < 1e-6)) return widths;
  const set = (w: number[]) => rowsHeight(spec, (j) =>
    sum(linesOf[j].map((k) => {
      const { c, st, header } = measured[k];
      return cellLines(ctx, c, st, header, innerWidth(spec, j, w), header ? st.align : 'left', (runs, pstyle) => measureLines(ctx, runs, pstyle)).length;
    })),
  );
  return set(found) < set(widths) - 1e-6 ? found : widths;
}

/** The lines pieces no break may split (widths, pt, in order) take at `inner` pt, each line filled with as many as fit (the fewest lines they can take). */
function piecesLines(pieces: readonly number[], inner: number): number {
  let lines = 1;
  let used = 0;
  for (const w of pieces) {
    if (used > 0 && used + w > inner + 1e-6) [lines, used] = [lines + 1, 0];
    used += w;
  }
  return lines;
}

/** Text narrower than this, in ems of the cell text, is set about one character a line. */
const CHARACTER_COLUMN_EMS = 2;

/** Text of more than two characters that is not a number: what reads badly a character a line. */
const isWordy = (text: string) => [...text].length > 2 && !UNBROKEN_CELLS.number.test(text);

/**
 * A warning at the table when a column of text is left about one character a line (`应/急/救/援`)
 * by columns that could not be narrowed (numbers, headers): the table is too wide for the type
 * area at its size. `inner`: each column's width inside its padding, pt. Columns whose widths the
 * table gives are as asked.
 */
function warnCharacterColumns(ctx: LayoutContext, node: TableNode, inner: number[], cell: TextStyleSpec): void {
  if (!node.at || node.columns.every((c) => c.width && c.width > 0)) return;
  const narrow = inner.findIndex((w, c) =>
    w < CHARACTER_COLUMN_EMS * cell.size - 1e-6 &&
    node.rows.some((row) => row.some((k) => k.col === c && k.colspan === 1 && isWordy(plainText(k.runs).trim()))),
  );
  if (narrow < 0) return;
  const header = node.head.length ? plainText(node.head[node.head.length - 1].find((k) => k.col <= narrow && narrow < k.col + k.colspan)?.runs ?? []).trim() : '';
  ctx.problems.warn(node.at, `the table is too wide for the type area (${node.columns.length} columns): its column ${header ? `"${header}"` : narrow + 1} is set about one character a line (a smaller size, \`size: small\`, or fewer columns would let it read)`);
}

/** The padding, left and right, of the cells of a table too wide for the theme's, in ems of the cell text. */
const LEAST_PAD_X = 0.25;

/**
 * How far the footnote marker after a number lined up on its point may stand in the cell's right
 * padding (`padX` pt), pt, when the column is no wider than its numbers (`5.86①` under
 * `全区均值`): the least padding (LEAST_PAD_X) or half the padding, whichever is less, so it keeps
 * clear of the rule.
 */
const markerHang = (st: TextStyleSpec, padX: number): number => Math.min(LEAST_PAD_X * st.size, padX / 2);

/** The most a cell's padding gives up, a side, pt, for the table to reach what a column asks at the next step (see ColumnAsks): a hair, no eye sees it. */
const HAIR_PAD = 0.25;

/**
 * Relative widths (any positive numbers: `[3, 1]`, `[1e308, 1e308]`) as pt summing to `width`,
 * none narrower than `least` pt (its padding and a character: a column given 1 beside one given
 * a million would vanish); what the narrow ones gain is taken from the others in proportion.
 */
function givenWidths(given: number[], width: number, least: number): number[] {
  const sum = given.reduce((a, b) => a + b, 0);
  // (numbers so large that their sum overflows are taken as shares of the largest first)
  const shares = Number.isFinite(sum) ? given : given.map((w) => w / Math.max(...given));
  const total = Number.isFinite(sum) ? sum : shares.reduce((a, b) => a + b, 0);
  let widths = shares.map((s) => (s / total) * width);
  // (taking from the others may bring one of them below `least` in turn: at most one round a column)
  const floored = widths.map(() => false);
  for (let more = widths.some((w) => w < least); more; ) {
    widths.forEach((w, i) => (floored[i] ||= w < least));
    const free = widths.reduce((sum, w, i) => sum + (floored[i] ? 0 : w), 0);
    const room = width - least * floored.filter(Boolean).length;
    widths = widths.map((w, i) => (floored[i] ? least : (w * room) / free));
    more = widths.some((w, i) => !floored[i] && w < least);
  }
  return widths;
}

/** Widens `widths[col, col + colspan)` to `need` pt together, in proportion to `by` (equally when it sums to 0). */
function widen(widths: number[], col: number, colspan: number, need: number, by: number[]): void {
  const cols = widths.slice(col, col + colspan);
  const short = need - sum(cols);
  if (short <= 0) return;
  const weights = by.slice(col, col + colspan);
  const total = sum(weights);
  cols.forEach((_, k) => (widths[col + k] += short * (total > 0 ? weights[k] / total : 1 / colspan)));
}

/** The narrowest a wrapped column is made for another column to stay on one line, in ems of the cell text (plus padding). */
const READABLE_EMS = 10;

/** How far short of its width a column may be given it by a wider one that wraps anyway, in ems of the cell text. */
const NEARLY_WHOLE_EMS = 1;

/**
 * Widths, pt, when the `natural` widths pass the table and the `least` widths fit (what the
 * columns ask at two steps: see ColumnAsks). Narrowest first, a column keeps its natural width
 * while every other column can still have its floor: its least width, or its natural width up to `readable` pt (less when the floors so taken do not
 * fit the table: as much as they all fit), whichever is more. The columns not kept share what
 * is left (see `fairSharesAboveLeast`); one that this leaves `nearly` pt short or less of its
 * natural width (`静安区第一中心小学` 2 pt short of one line) takes them from the widest column
 * short of its own, down to that one's least width. `twins` (see twin-columns.ts) are kept
 * together or not at all, and neither give nor take. Undefined when they cannot; else the
 * widths and the columns kept.
 */
function wholeWhereAffordable(natural: number[], least: number[], width: number, readable: number, nearly: number, twins: number[][]): { widths: number[]; kept: Set<number> } | undefined {
  const floorsUpTo = (r: number) => natural.map((n, c) => Math.max(least[c], Math.min(n, r)));
  let [fits, passes] = [0, readable];
  if (sum(floorsUpTo(readable)) <= width) fits = readable;
  else for (let step = 0; step < 30; step++) sum(floorsUpTo((fits + passes) / 2)) <= width ? (fits = (fits + passes) / 2) : (passes = (fits + passes) / 2);
  const floor = floorsUpTo(fits);
  const kept = new Set<number>();
  for (const c of natural.map((_, c) => c).sort((a, b) => natural[a] - natural[b])) {
    if (kept.has(c)) continue;
    const need = sum(natural.map((n, k) => (kept.has(k) || twins[c].includes(k) ? n : floor[k])));
    if (need > width) break;
    for (const k of twins[c]) kept.add(k);
  }
  const rest = natural.map((_, c) => c).filter((c) => !kept.has(c));
  const room = width - sum([...kept].map((c) => natural[c]));
  const shared = fairSharesAboveLeast(rest.map((c) => natural[c]), rest.map((c) => floor[c]), room);
  if (!shared) return undefined;
  const out = natural.map((n, c) => (kept.has(c) ? n : shared[rest.indexOf(c)]));
  // a column short of its width by `nearly` pt or less takes it from the widest one short of its
  // own (not from a twin, nor for one: twins stay alike)
  for (const c of rest.sort((a, b) => natural[a] - natural[b])) {
    const short = natural[c] - out[c];
    if (twins[c].length > 1) continue;
    const [donor] = rest.filter((k) => k !== c && twins[k].length === 1 && out[k] < natural[k] - 1e-6).sort((a, b) => out[b] - out[a]);
    if (donor === undefined || short > nearly || out[donor] - short < least[donor]) continue;
    out[c] += short;
    out[donor] -= short;
  }
  return { widths: out, kept };
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

/** The rows with their cells' footnotes left out (markers and notes). */
function withoutNotes(rows: TableCellNode[][]): TableCellNode[][] {
  return rows.map((cells) => cells.map((c) => ({ ...c, runs: c.runs.filter((r) => !r.note) })));
}

/** A block's ops without structure tags (drawn as artifacts). */
function untagged(b: Block): Block {
  return { ...b, payload: { ...b.payload, ops: b.payload.ops.map((op) => (op.kind === 'glyphs' ? { ...op, tag: undefined } : op)) } };
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
