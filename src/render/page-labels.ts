/**
 * PDF page labels (the `/PageLabels` number tree): what a viewer shows as the page number is
 * the number printed on the page (`i`, `ii` in the front matter, `1`, `2` … in the body, none
 * on the cover), not the page's position in the file.
 */
import { fromRoman } from '../page/page-label.js';

/** One range of the number tree: from page `start` (index from 0) on, labelled this way. */
export interface PageLabelRange {
  start: number;
  /** Numbering style: `D` arabic, `r` lower-case roman; none: the label is `prefix` alone. */
  style?: 'D' | 'r';
  /** The number of the range's first page (`/St`), 1 when absent. */
  first?: number;
  /** Text before the number; with no style, the whole label. */
  prefix?: string;
}

/** The fewest ranges that give each page its printed label (`''`: unlabelled). */
export function pageLabelRanges(labels: readonly string[]): PageLabelRange[] {
  const ranges: PageLabelRange[] = [];
  let current: PageLabelRange | undefined;
  labels.forEach((label, i) => {
    const next = rangeOf(label, i);
    if (current && continues(current, i, next)) return;
    ranges.push(next);
    current = next;
  });
  return ranges;
}

/** A range starting at page `i` with this label. */
function rangeOf(label: string, i: number): PageLabelRange {
  if (/^[1-9]\d{0,8}$/.test(label)) return withFirst({ start: i, style: 'D' }, Number(label));
  const roman = /^[ivxlcdm]+$/.test(label) ? fromRoman(label) : undefined;
  if (roman) return withFirst({ start: i, style: 'r' }, roman);
  return label ? { start: i, prefix: label } : { start: i };
}

function withFirst(range: PageLabelRange, first: number): PageLabelRange {
  return first === 1 ? range : { ...range, first };
}

/** Whether page `i`, labelled as `next` alone would be, is the next page of `range`. */
function continues(range: PageLabelRange, i: number, next: PageLabelRange): boolean {
  if (range.style === undefined) return next.style === undefined && next.prefix === undefined && range.prefix === undefined;
  return next.style === range.style && (next.first ?? 1) === (range.first ?? 1) + (i - range.start);
}
