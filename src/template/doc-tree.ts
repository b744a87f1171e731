/**
 * The document tree: what the templates said, parsed from their markup. Semantic only, no
 * geometry: styles are names the theme defines; page numbers are references to anchors.
 */
import type { SourcePos } from '../problems.js';
import type { Inline } from '../text/inline.js';
import { assertNever } from '../content/block-kinds.js';
import type { FigureWidth } from '../content/types.js';
import type { CheckedImage } from '../content/image-file.js';

/** How a column's cells are set: ragged `left` (the default for text), `center`, `right`, `justify`, or `decimal` (numbers lined up on the decimal point). */
export type ColumnAlign = 'left' | 'center' | 'right' | 'justify' | 'decimal';

/** Where a cell's text stands in a box taller than its lines: at its top, its middle or its bottom. */
export type CellVAlign = 'top' | 'middle' | 'bottom';

/** Text runs, with where the text stands in the content (for messages about its characters). */
export interface PlacedText {
  runs: Inline[];
  at?: SourcePos;
}

export interface ParaNode {
  kind: 'para';
  style: string;
  /** An anchor at its first line (an article's, for `[[id]]`). */
  id?: string;
  runs: Inline[];
  /** Where the text stands in the content, for messages (missing glyphs). */
  at?: SourcePos;
  /**
   * `line`: set on one line, its style's size (and leading) made smaller as far as it takes to
   * fit the measure (a 发文机关标志, GB/T 9704 7.2.4); set off the line grid, at its own leading.
   */
  fit?: 'line';
}

/**
 * A text flush left and texts flush right, side by side, on one line (a 版记's 印发机关 and 印发日期,
 * GB/T 9704 7.4.3; 签发人： and the names, in two fonts), each in its own style, at its indents;
 * one under the other when they do not fit one line with a character's space between them.
 */
export interface EndsNode {
  kind: 'ends';
  left: ParaNode;
  /** One at least. */
  right: ParaNode[];
  /**
   * `<names columns="2">` after the right texts: names set after them in rows of `columns`, in
   * columns each as wide as its widest name with a character between (several 签发人, GB/T 9704
   * 7.2.6); a later row under the first name, the left text level with the last row.
   */
  names?: { columns: number; texts: ParaNode[] };
}

/** A heading; `level` 1–3 are bookmarked when `bookmark` is set; `id` is an anchor. */
export interface HeadingNode {
  kind: 'heading';
  level: number;
  style: string;
  id?: string;
  bookmark?: string;
  runs: Inline[];
  at?: SourcePos;
}

/** A contents line: text, dot leader, and the page number where `target` stands. */
export interface TocEntryNode {
  kind: 'toc-entry';
  style: string;
  target: string;
  runs: Inline[];
  /** Where the entry's title stands in the content. */
  at?: SourcePos;
}

export interface TableColumn {
  /** Undefined: left for text, right for numbers. */
  align?: ColumnAlign;
  /** Relative width; undefined: from content. */
  width?: number;
  /** Where the width is given (the content's `widths:`), for a warning of what it breaks. */
  widthAt?: SourcePos;
}

/** A table cell: its text, where it stands in its part's grid (head or body), what it spans. */
export interface TableCellNode extends PlacedText {
  /** First row within its part and first column, from 0. */
  row: number;
  col: number;
  colspan: number;
  rowspan: number;
  /** The cell's own alignment; its column's when undefined. */
  align?: ColumnAlign;
  /** Where its text stands in a box taller than its lines; undefined: by default (see table.ts' `valignOf`). */
  valign?: CellVAlign;
  /** The least height of its box, pt (a form's writing room: its rows at least so tall, its text at their top); none when undefined. */
  minHeight?: number;
  /** Where that height is given (the content's `height:`). */
  minHeightAt?: SourcePos;
}

export interface TableNode {
  kind: 'table';
  id?: string;
  caption: PlacedText;
  captionStyle: string;
  /** Caption on continuation pages (e.g. 续表 1); the caption itself when absent. */
  continued?: Inline[];
  /** The style of `continued`: its own, else the caption's. */
  continuedStyle: string;
  /** One per column. */
  columns: TableColumn[];
  /** Header rows (all repeated on every page the table continues on), empty for none. */
  head: TableCellNode[][];
  /** Body rows, each a list of cells. */
  rows: TableCellNode[][];
  note?: PlacedText;
  noteStyle: string;
  cellStyle: string;
  headerStyle: string;
  /** Set turned a quarter counter-clockwise on pages of its own (横排表: see block/turned-table.ts). */
  landscape: boolean;
  at?: SourcePos;
}

export interface BoxNode {
  kind: 'box';
  /** What the box is to a reader (tagged PDF): a division (case box, code frame) or a quotation (`<quote>`). */
  role: 'Div' | 'BlockQuote';
  id?: string;
  /** Box look in the theme's `boxes`. */
  style: string;
  title?: PlacedText;
  titleStyle: string;
  children: BlockNode[];
}

export interface ListNode {
  kind: 'list';
  style: string;
  items: ListItemNode[];
}

/** A list item: its marker (`•`, `一、`, `（1）` …), its text, and a list nested under it. */
export interface ListItemNode {
  marker: string;
  text: PlacedText;
  list?: ListNode;
}

/** Program text: set line for line in a monospace style, spaces kept. */
export interface CodeNode {
  kind: 'code';
  style: string;
  /** The text as written: line breaks and spaces are the author's. */
  text: string;
  at?: SourcePos;
}

/**
 * `<movable>` in a matter's body: blocks that stand where written when the matter's first page
 * shows text after them; else they are left out, the `<moved>` blocks of its `<colophon>` are set
 * instead, and a warning stands at `at` (a 公文's 主送机关 too long for its first page to show any
 * 正文 goes to the 版记, GB/T 9704 7.3.2; see page/matters.ts).
 */
export interface MovableNode {
  kind: 'movable';
  children: BlockNode[];
  at?: SourcePos;
}

/** `<moved>` in a `<colophon>`: blocks set there only when the body's `<movable>` was left out. */
export interface MovedNode {
  kind: 'moved';
  children: BlockNode[];
}

/** Blocks kept on one page when they fit (a poem, a 落款). */
export interface KeepNode {
  kind: 'keep';
  children: BlockNode[];
  /** Kept also with the last block before it (the last line of the text above: a 附件说明 never opens a page), while all fits a page. */
  previous: boolean;
  /** Kept also with the first block after it (a 附件说明 with the 落款 after it), while all fits a page. */
  next: boolean;
}

export interface FigureNode {
  kind: 'figure';
  id?: string;
  /** The image, checked (see content/image-file.ts): what is drawn. */
  image: CheckedImage;
  /** How wide it is drawn (see content/types.ts); natural size, made smaller to fit, when undefined. */
  width?: FigureWidth;
  caption: PlacedText;
  captionStyle: string;
  /** Below the caption. */
  note?: PlacedText;
  noteStyle: string;
  /** Where the image is named in the content. */
  at?: SourcePos;
}

export interface VSpaceNode {
  kind: 'vspace';
  /** pt */
  size: number;
  /** The size as the markup writes it (`100mm`), to find where a template writes it. */
  written?: string;
}

export interface PageBreakNode {
  kind: 'pagebreak';
  /** `chapter`: a chapter starts here (on a recto page when the theme says so). */
  before?: 'chapter';
}

export type BlockNode =
  | ParaNode
  | HeadingNode
  | TocEntryNode
  | TableNode
  | BoxNode
  | ListNode
  | CodeNode
  | KeepNode
  | MovableNode
  | MovedNode
  | FigureNode
  | VSpaceNode
  | RuleNode
  | EndsNode
  | PageBreakNode;

/** A run of pages with one page-numbering scheme (cover, front matter, body). */
export interface Matter {
  numbering: 'none' | 'roman' | 'arabic';
  /** Whether pages of this matter get the footer template. */
  footer: boolean;
  children: BlockNode[];
  /**
   * A `<colophon>`: blocks set at the foot of the type area on the matter's last page, an even
   * one (a 公文's 版记, GB/T 9704 7.4; see page/colophon.ts); empty: none.
   */
  colophon: BlockNode[];
}

export interface DocTree {
  matters: Matter[];
  /**
   * The images its figures show, checked, by absolute path: the content's and those a template
   * names itself (a build reads them: watch follows them, `--pdfa 3b` embeds them).
   */
  images: ReadonlyMap<string, CheckedImage>;
}

/** The contents entries among `nodes` (boxes' included), in order. */
export function tocEntries(nodes: BlockNode[]): TocEntryNode[] {
  const out: TocEntryNode[] = [];
  for (const n of nodes) {
    if (n.kind === 'toc-entry') out.push(n);
    else if (n.kind === 'box' || n.kind === 'keep' || n.kind === 'movable') out.push(...tocEntries(n.children));
  }
  return out;
}

/** The names of the theme styles `nodes` set their text in (boxes' and lists' included). */
export function stylesOf(nodes: BlockNode[]): Set<string> {
  const names = new Set<string>();
  eachNode(nodes, (n) => {
    switch (n.kind) {
      case 'para':
      case 'heading':
      case 'toc-entry':
      case 'code':
      case 'list':
        names.add(n.style);
        return;
      case 'table':
        for (const s of [n.captionStyle, n.continuedStyle, n.cellStyle, n.headerStyle, n.noteStyle]) names.add(s);
        return;
      case 'box':
        names.add(n.titleStyle);
        return;
      case 'figure':
        names.add(n.captionStyle);
        if (n.note) names.add(n.noteStyle);
        return;
      case 'ends':
      case 'keep':
      case 'movable':
      case 'moved':
      case 'vspace':
      case 'rule':
      case 'pagebreak':
        return; // (an <ends>'s texts are nodes of their own: see eachNode)
      default:
        return assertNever(n, 'document node');
    }
  });
  return names;
}

/**
 * Calls `visit` with each of `nodes` and, after each, the nodes inside it (a box's and a kept
 * run's blocks, the texts of an `<ends>`, the lists nested in a list's items), in order.
 */
export function eachNode(nodes: readonly BlockNode[], visit: (n: BlockNode) => void): void {
  for (const n of nodes) {
    visit(n);
    if (n.kind === 'box' || n.kind === 'keep' || n.kind === 'movable' || n.kind === 'moved') eachNode(n.children, visit);
    else if (n.kind === 'ends') eachNode([n.left, ...n.right, ...(n.names?.texts ?? [])], visit);
    else if (n.kind === 'list') eachNode(n.items.flatMap((item) => (item.list ? [item.list] : [])), visit);
  }
}

/** The figures of `nodes`, in order, those inside boxes and kept runs too. */
export function figuresOf(nodes: readonly BlockNode[]): FigureNode[] {
  return nodes.flatMap((n) => (n.kind === 'figure' ? [n] : n.kind === 'box' || n.kind === 'keep' || n.kind === 'movable' || n.kind === 'moved' ? figuresOf(n.children) : []));
}

/** A horizontal rule across the type area (running heads; in the body, 版头 and 版记 rules of a 公文). */
export interface RuleNode {
  kind: 'rule';
  /** Stroke width, pt. */
  width: number;
  color: string;
  /** In the body: how far below where it stands its middle is drawn, pt; it takes no height. */
  offset: number;
  /**
   * `under-text`: how far below the characters of the text right above it it is drawn instead, pt
   * (a 公文's red rule 4 mm under the 发文字号, GB/T 9704 7.2.7): `offset` is found from that text's
   * style (see block/flow.ts, underText).
   */
  underText?: number;
}

/** A page header or footer, rendered per page: paragraphs and rules above or below the type area. */
export interface FurnitureTree {
  children: (ParaNode | RuleNode)[];
}
