/**
 * The validated content of one report (see the content-format contract). Every node keeps
 * the place in the YAML it came from, so later stages can point at `file:line:col`.
 */
import type { Problem, SourcePos } from '../problems.js';
import type { CheckedImage } from './image-file.js';
import type { WrittenText } from './markup-check.js';

/** Text with its inline markup (spec §6.2) still in it, as written by the user. */
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

/**
 * An article (条) of a 规章: its first 款 (paragraph), printed after its label 第一条 …, numbered
 * through the report and afresh in each appendix. The paragraphs after it are its further 款.
 */
export interface ArticleBlock {
  kind: 'article';
  /** The name cross-references use (`id:`), with where it is written. */
  id?: Text;
  text: Text;
  pos: SourcePos;
}

/** A column's or cell's alignment as written: cells are ragged unless it says `justify`; `decimal` lines numbers up on their decimal point. */
export type Align = 'left' | 'center' | 'right' | 'justify' | 'decimal';

/** Where a cell's text stands in a box taller than its lines (`valign:`): at its top, its middle or its bottom. */
export type VAlign = 'top' | 'middle' | 'bottom';

/** A table cell: text, or a map with spans and an alignment of its own. */
export interface TableCell {
  text: Text;
  /** Columns and rows the cell spans (1 when not given). */
  colspan: number;
  rowspan: number;
  align?: Align;
  /** Where its text stands in a box taller than its lines; by default middle, top with a `height`. */
  valign?: VAlign;
  /** The least height of its box (`height:`, a form's writing room), pt, with where the key is written. */
  height?: { pt: number; pos: SourcePos };
  /** Where the cell is written. */
  pos: SourcePos;
}

export interface TableBlock {
  kind: 'table';
  /** The name cross-references use (`id:`), with where it is written. */
  id?: Text;
  /** None for an untitled table (a form in an appendix whose title names it): unnumbered, without caption, not listed. */
  title?: Text;
  /** Header rows: `columns:` as one row, or the rows of `head:`. */
  head: TableCell[][];
  rows: TableCell[][];
  /** How many columns the table has (from `columns:`, or the first row of `head:`). */
  columns: number;
  /** One per column, or empty for the default (text left, numbers right). */
  align: Align[];
  /** Relative column widths, one per column, or empty for widths from content. */
  widths: number[];
  /** Where `widths:` is written (its key), when it is. */
  widthsAt?: SourcePos;
  /** `small`: a dense table in the theme's small size. */
  size: 'normal' | 'small';
  /** `landscape: true`: set turned a quarter on pages of its own (横排表), its width the type area's height. */
  landscape: boolean;
  note?: Text;
  pos: SourcePos;
}

export interface CaseBlock {
  kind: 'case';
  id?: Text;
  title: Text;
  body: Block[];
  pos: SourcePos;
}

export interface FigureBlock {
  kind: 'figure';
  id?: Text;
  title: Text;
  /** Absolute path of the image file. */
  image: string;
  /** How wide it is drawn; its natural size (made smaller to fit) when undefined. */
  width?: FigureWidth;
  /** Below the caption, e.g. 资料来源：… */
  note?: Text;
  pos: SourcePos;
}

/** A figure's width as written: a share of the type area's width (`60%` is 0.6), or a length in pt (`80mm`). */
export type FigureWidth = { share: number } | { pt: number };

/** How a list's items are marked: bullets, or numbers in one of the Chinese or Western forms. */
export const LIST_STYLES = ['bullet', '一、', '（一）', '1.', '（1）', '①'] as const;
export type ListStyle = (typeof LIST_STYLES)[number];

export interface ListBlock {
  kind: 'list';
  style: ListStyle;
  items: ListItem[];
  pos: SourcePos;
}

/** One item of a list: its text, and a list nested under it. */
export interface ListItem {
  text: Text;
  list?: ListBlock;
}

/** Program text, a shell session …: lines and spaces as written (a YAML literal block). */
export interface CodeBlock {
  kind: 'code';
  text: Text;
  pos: SourcePos;
}

/** A poem: lines as written, stanzas separated by a blank line. */
export interface VerseBlock {
  kind: 'verse';
  title?: Text;
  author?: Text;
  text: Text;
  pos: SourcePos;
}

/** An indented quotation of blocks. */
export interface QuoteBlock {
  kind: 'quote';
  body: Block[];
  pos: SourcePos;
}

/** 落款: the issuer and date lines, set flush right after the text above. */
export interface SignatureBlock {
  kind: 'signature';
  lines: Text[];
  pos: SourcePos;
}

export interface PageBreakBlock {
  kind: 'pagebreak';
  pos: SourcePos;
}

export type Block =
  | ParagraphBlock
  | HeadingBlock
  | ArticleBlock
  | TableBlock
  | CaseBlock
  | FigureBlock
  | ListBlock
  | CodeBlock
  | VerseBlock
  | QuoteBlock
  | SignatureBlock
  | PageBreakBlock;

/** A chapter, section or third-level section: a title, blocks, and sub-sections. */
export interface Section {
  /** The name cross-references use (`id:`), with where it is written. */
  id?: Text;
  title: Text;
  body: Block[];
  sections: Section[];
  pos: SourcePos;
}

/**
 * The parts of a 公文 (GB/T 9704-2012) around its body, each optional (`report.document`): the
 * 版头 (7.2), the 主送机关 (7.3.2) and the 版记 (7.4). The `gbt9704` template prints them.
 */
export interface DocumentParts {
  /** 份号 (7.2.1): up to six digits. */
  copy?: Text;
  /** 密级和保密期限 (7.2.2), e.g. 秘密★1年. */
  secrecy?: Text;
  /** 紧急程度 (7.2.3): 特急 or 加急 (特提, 平急 for a telegram). */
  urgency?: Text;
  /** 发文机关标志 (7.2.4), e.g. 上海市静安区教育局文件. */
  organ?: Text;
  /** 发文字号 (7.2.5), e.g. 静教〔2026〕12号. */
  reference?: Text;
  /** 签发人 (7.2.6): the names of a document sent upwards (上行文); none: none. */
  signers: Text[];
  /** 主送机关 (7.3.2), without the colon that ends it. */
  to?: Text;
  /** 附注 (7.3.7), without the round brackets it is set in. */
  note?: Text;
  /** 抄送机关 (7.4.2), each without a mark after it. */
  cc: Text[];
  /** 印发机关 (7.4.3). */
  printer?: Text;
  /** 印发日期 (7.4.3), e.g. 2026年1月20日, without 印发. */
  printed?: Text;
  /** Where `document:` is written. */
  pos: SourcePos;
}

export interface ReportMeta {
  title: Text;
  subtitle?: Text;
  issuer?: Text;
  date?: Text;
  keywords: string[];
  /** `contents: false`: the template prints no contents (目录) nor list of tables, cases and figures; true by default. */
  contents: boolean;
  /** Where `contents:` is written, if it is. */
  contentsAt?: SourcePos;
  /** The parts of a 公文 around its body (`report.document`); none: the report is no 公文. */
  document?: DocumentParts;
  /** Folder under `templates/` (`official` where the report names none: placed at `report:`). */
  template: Text;
}

export interface Report {
  /** The YAML file, as given on the command line. */
  file: string;
  meta: ReportMeta;
  preface?: { title: Text; body: Block[]; pos: SourcePos };
  chapters: Section[];
  /** Appendices (附录 A, B …), after the chapters: the same shape as chapters. */
  appendices: Section[];
  /** Problems found in the content that do not stop the build (characters dropped, text YAML cut at ' #'). */
  warnings: Problem[];
  /**
   * The content text whose place is `at` (a `Text`'s pos) as written, with the place of each of
   * its characters: for messages about characters in it, such as those no font has. None for a
   * place that holds no text of the report.
   */
  writtenText(at: SourcePos): WrittenText | undefined;
  /** The images the figures name, checked (their bytes are what the PDF embeds), by absolute path. */
  images: ReadonlyMap<string, CheckedImage>;
}
