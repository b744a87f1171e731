/**
 * The document model that mammoth reads from a .docx (its `transformDocument` hook hands it
 * over): the subset of its element types the import uses. mammoth ships no types for it; these
 * follow its lib/documents.js.
 */

/** A piece of text inside a run. */
export interface DraftText {
  type: 'text';
  value: string;
}

/** A run: text with one set of character properties. */
export interface DraftRun {
  type: 'run';
  children: DraftInline[];
  isBold: boolean;
  isItalic: boolean;
  /** `baseline`, `superscript` or `subscript`. */
  verticalAlignment: string;
}

/** A link around runs: an external URL (`href`) or a bookmark in the draft (`anchor`). */
export interface DraftHyperlink {
  type: 'hyperlink';
  children: DraftInline[];
  href?: string;
  anchor?: string;
}

/** A footnote or endnote marker. */
export interface DraftNoteReference {
  type: 'noteReference';
  noteType: 'footnote' | 'endnote';
  noteId: string;
}

/** An embedded picture. */
export interface DraftImage {
  type: 'image';
  contentType?: string;
  altText?: string;
  readAsBuffer(): Promise<Buffer>;
}

/** A line, page or column break. */
export interface DraftBreak {
  type: 'break';
  breakType: 'line' | 'page' | 'column';
}

/** What a paragraph holds. */
export type DraftInline =
  | DraftText
  | DraftRun
  | DraftHyperlink
  | DraftNoteReference
  | DraftImage
  | DraftBreak
  | { type: 'tab' | 'checkbox' | 'commentReference' | 'bookmarkStart' };

/** A paragraph, with its style and its Word numbering (a list item or a numbered heading). */
export interface DraftParagraph {
  type: 'paragraph';
  children: DraftInline[];
  styleId: string | null;
  styleName: string | null;
  /** Word's own numbering: `level` counts from "0". */
  numbering: { isOrdered: boolean; level: string } | null;
}

/** A table cell; `colSpan` and `rowSpan` count grid columns and rows (1 when not merged). */
export interface DraftCell {
  type: 'tableCell';
  children: DraftBlock[];
  colSpan: number;
  rowSpan: number;
}

/** A table row; `isHeader`: repeated on each page in Word (`w:tblHeader`). */
export interface DraftRow {
  type: 'tableRow';
  children: DraftCell[];
  isHeader: boolean;
}

export interface DraftTable {
  type: 'table';
  children: DraftRow[];
}

export type DraftBlock = DraftParagraph | DraftTable;

/** A footnote's or endnote's text. */
export interface DraftNote {
  body: DraftBlock[];
}

/** A comment on the draft. */
export interface DraftComment {
  commentId: string;
  body: DraftBlock[];
  authorName?: string;
}

/** The whole draft as mammoth reads it. */
export interface DraftDocument {
  type: 'document';
  children: DraftBlock[];
  notes: { resolve(reference: DraftNoteReference): DraftNote | null };
  comments: DraftComment[];
}

/** The text of inline content, markup ignored (tabs as a space, line breaks as a newline). */
export function plainText(nodes: readonly (DraftInline | DraftBlock)[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text') out += n.value;
    else if (n.type === 'tab') out += '\t';
    else if (n.type === 'break') out += '\n';
    else if ('children' in n) out += plainText(n.children as (DraftInline | DraftBlock)[]) + (n.type === 'paragraph' ? '\n' : '');
  }
  return out;
}

/** The pictures of inline content. */
export function imagesOf(nodes: readonly DraftInline[]): DraftImage[] {
  return nodes.flatMap((n) => (n.type === 'image' ? [n] : 'children' in n ? imagesOf(n.children) : []));
}
