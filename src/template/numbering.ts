/**
 * How headings are numbered, as a theme chooses (`numbering:`): the label printed before a
 * chapter's, section's or appendix's title, and the one its bookmark starts with.
 */

/**
 * `decimal` 1 / 1.1 / 1.1.1; `official` 一、/（一）/ 1. (GB/T 9704); `chapters` 第一章 / 第一节 / 一、;
 * `parts` 第一部分 / 一、/（一）/ 1. (the parts of a 部门预决算公开 report: 第一部分 部门概况).
 */
export const NUMBERING_STYLES = ['decimal', 'official', 'chapters', 'parts'] as const;
export type NumberingStyle = (typeof NUMBERING_STYLES)[number];

/** What a theme says about numbering. */
export interface Numbering {
  style: NumberingStyle;
  /** An appendix's label, `{A}` standing for its letter, `{1}` for its number: `附录 {A}` (the default) gives 附录 A, 附录 B …, `附件 {1}` 附件 1, 附件 2 … */
  appendix: string;
}

export const DEFAULT_NUMBERING: Numbering = { style: 'decimal', appendix: '附录 {A}' };

/** A heading's labels: printed before the title (with its separator) and before the bookmark's. */
export interface HeadingLabel {
  /** e.g. `1.1　`, `（一）`, `第一章　`, `附录 A　`. */
  printed: string;
  /** e.g. `1.1 `, `（一）`, `第一章 `. */
  bookmark: string;
}

const IDEOGRAPHIC_SPACE = '\u3000';

/** A label that ends in its number, `附件 {1}`: without the number (and the space before it), `附件`. */
const ENDS_IN_NUMBER = /\s*\{1\}$/;

/**
 * Whether a report of `count` appendices labels its appendix without a number: its only one,
 * when the label ends in its number (`附件 {1}`: GB/T 9704 §8 writes 附件 alone, 附件 1, 附件 2 …
 * for more than one). A letter (`附录 {A}`) stays: 附录 A.
 */
export function unnumberedAppendix(n: Numbering, count: number): boolean {
  return count === 1 && ENDS_IN_NUMBER.test(n.appendix) && !n.appendix.includes('{A}');
}

/**
 * The label of a heading at `path` (1-based numbers from the chapter down: [2, 1] is the first
 * section of chapter 2); in an appendix, `path[0]` counts appendices (`unnumbered`: the only one,
 * labelled without its number, see `unnumberedAppendix`).
 */
export function headingLabel(n: Numbering, path: number[], appendix: boolean, unnumbered = false): HeadingLabel {
  const level = path.length;
  const spaced = (text: string) => ({ printed: text + IDEOGRAPHIC_SPACE, bookmark: `${text} ` });
  const closed = (text: string) => ({ printed: text, bookmark: text });
  if (appendix && level === 1 && unnumbered) return spaced(n.appendix.replace(ENDS_IN_NUMBER, ''));
  if (appendix && level === 1) return spaced(n.appendix.replaceAll('{A}', letter(path[0])).replaceAll('{1}', String(path[0])));
  if (n.style === 'decimal') return spaced([appendix ? appendixNumber(n, path[0]) : String(path[0]), ...path.slice(1)].join('.'));
  // the levels of the style, the first of them the chapters' (an appendix's sections take the next ones)
  const last = path[level - 1];
  const official = [closed(`${chinese(last)}、`), closed(`（${chinese(last)}）`), closed(`${last}.`), closed(`（${last}）`)];
  const levels =
    n.style === 'official' ? official : n.style === 'parts' ? [spaced(`第${chinese(last)}部分`), ...official] : [spaced(`第${chinese(last)}章`), spaced(`第${chinese(last)}节`), closed(`${chinese(last)}、`)];
  return levels[Math.min(level, levels.length) - 1];
}

/**
 * A chapter's or section's number as a cross-reference prints it (`{number}` of the theme's
 * `references:`), in the numbering style of the headings, so a reference names what the page
 * shows: `decimal` 2, 2.1, A.1; `official` a chapter 二, a section the labels below its chapter
 * (（一）, （一）之1); `chapters` 二, 第一节, 第一节之一; `parts` 二, 之一, 之一（一） (第二部分之一). A
 * label that is a bare number once its separator is dropped (一、 → 一, 1. → 1) is joined to the
 * label above it by 之, as a reference to a part of a part reads (第二章第二节之一): written on,
 * 第二节一 read as one number (and 第二部分一 as a part's name). An
 * appendix is its letter in every style (its number when its label has `{1}`).
 */
export function referenceNumber(n: Numbering, path: number[], appendix: boolean): string {
  const top = appendix ? appendixNumber(n, path[0]) : String(path[0]);
  if (n.style === 'decimal') return [top, ...path.slice(1)].join('.');
  if (path.length === 1) return appendix ? top : chinese(path[0]);
  const below = path.slice(1).map((_, i) => {
    const label = headingLabel(n, path.slice(0, i + 2), appendix).bookmark.trim();
    const bare = label.replace(/[、.]$/u, '');
    return (i > 0 || n.style === 'parts') && bare !== label ? `之${bare}` : bare;
  });
  return below.join('');
}

/** The theme's wording of chapter and section references when it gives none (see `referenceNumber`): `{chapter}` is the chapter's (or appendix's) own reference. */
export function defaultChapterReferences(style: NumberingStyle): { chapter: string; section: string } {
  if (style === 'official') return { chapter: '第{number}部分', section: '{chapter}{number}' };
  if (style === 'chapters') return { chapter: '第{number}章', section: '{chapter}{number}' };
  if (style === 'parts') return { chapter: '第{number}部分', section: '{chapter}{number}' };
  return { chapter: '第 {number} 章', section: '{number} 节' };
}

/** Appendix `k`'s number as its label has it: its letter (`{A}`), or its number (`{1}`: 附件 1). */
function appendixNumber(n: Numbering, k: number): string {
  return !n.appendix.includes('{A}') && n.appendix.includes('{1}') ? String(k) : letter(k);
}

/** 1 → A, 26 → Z, 27 → AA. */
export function letter(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
  return out;
}

const DIGITS = '〇一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百〇五 (as numbers are read in Chinese). */
export function chinese(n: number): string {
  return chineseWith(n, '〇');
}

/** `chinese`, with `zero` the character for a missing tens (一百零五 with `零`, as laws and 规章 number their articles). */
export function chineseWith(n: number, zero: string): string {
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  const rest = n % 100;
  return `${chineseWith(Math.floor(n / 100), zero)}百${rest === 0 ? '' : rest < 10 ? `${zero}${DIGITS[rest]}` : rest < 20 ? `一${chinese(rest)}` : chinese(rest)}`;
}
