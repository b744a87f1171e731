/**
 * The validated content of one report (see the content-format contract). Every node keeps
 * the place in the YAML it came from, so later stages can point at `file:line:col`.
 */
import type { Problem, SourcePos } from '../problems.js';
import type { CheckedImage } from './image-file.js';

/** Text with `**bold**` markup still in it, as written by the user. */
export interface Text {
  text: string;
  pos: SourcePos;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  text: Text;
}

/** An unnumbered run-in heading, not listed in the contents. */
export interface HeadingBlock {
  kind: 'heading';
  text: Text;
}

/** A column's or cell's alignment as written: cells are ragged unless it says `justify`; `decimal` lines numbers up on their decimal point. */
export type Align = 'left' | 'center' | 'right' | 'justify' | 'decimal';

/** A table cell: text, or a map with spans and an alignment of its own. */
export interface TableCell {
  text: Text;
  /** Columns and rows the cell spans (1 when not given). */
  colspan: number;
  rowspan: number;
  align?: Align;
  /** Where the cell is written. */
  pos: SourcePos;
}

export interface TableBlock {
  kind: 'table';
  title: Text;
  /** Header rows: `columns:` as one row, or the rows of `head:`. */
  head: TableCell[][];
  rows: TableCell[][];
  /** How many columns the table has (from `columns:`, or the first row of `head:`). */
  columns: number;
  /** One per column, or empty for the default (text left, numbers right). */
  align: Align[];
  /** Relative column widths, one per column, or empty for widths from content. */
  widths: number[];
  /** `small`: a dense table in the theme's small size. */
  size: 'normal' | 'small';
  note?: Text;
  pos: SourcePos;
}

export interface CaseBlock {
  kind: 'case';
  title: Text;
  body: Block[];
  pos: SourcePos;
}

export interface FigureBlock {
  kind: 'figure';
  title: Text;
  /** Absolute path of the image file. */
  image: string;
  pos: SourcePos;
}

export interface ListBlock {
  kind: 'list';
  items: Text[];
  pos: SourcePos;
}

export interface PageBreakBlock {
  kind: 'pagebreak';
  pos: SourcePos;
}

export type Block =
  | ParagraphBlock
  | HeadingBlock
  | TableBlock
  | CaseBlock
  | FigureBlock
  | ListBlock
  | PageBreakBlock;

/** A chapter, section or third-level section: a title, blocks, and sub-sections. */
export interface Section {
  title: Text;
  body: Block[];
  sections: Section[];
  pos: SourcePos;
}

export interface ReportMeta {
  title: Text;
  subtitle?: Text;
  issuer?: Text;
  date?: Text;
  keywords: string[];
  /** Folder under `templates/` (`official` where the report names none: placed at `report:`). */
  template: Text;
}

export interface Report {
  /** The YAML file, as given on the command line. */
  file: string;
  meta: ReportMeta;
  preface?: { title: Text; body: Block[]; pos: SourcePos };
  chapters: Section[];
  /** Problems found in the content that do not stop the build (characters dropped, text YAML cut at ' #'). */
  warnings: Problem[];
  /**
   * Where the character `ch` first stands in the content, in the text whose place is `at` (a
   * `Text`'s pos): for messages about one character, such as one no font has.
   */
  charPos(at: SourcePos, ch: string): SourcePos;
  /** The images the figures name, checked (their bytes are what the PDF embeds), by absolute path. */
  images: ReadonlyMap<string, CheckedImage>;
}
