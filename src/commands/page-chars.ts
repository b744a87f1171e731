/**
 * A page's texts, as pdf.js places them, split into the characters `imprint diff` compares, each
 * with what stood before it: the white space printed (a space, a thin space, a line's end between
 * words of a script that spaces them) and whether it is set apart, so that no word runs into it
 * from before: a table cell or a footnote of its own (a tagged PDF's TD, TH, Note), or text
 * beyond a gap wider than any space (a table's next column in an untagged PDF). Words are then
 * cut within each part only (text-changes.ts): "9 327", 3.69 and 7 in three cells are three
 * numbers, never "3273.697".
 *
 * Policy as data: `APART_GAP`. Lengths in pt, from the page's top left corner.
 */
import type { Box } from './pdf-edition.js';

/** One character of a page's text (white space is not a character here) and where it is printed. */
export interface PageChar {
  char: string;
  /**
   * The white space before it: "" for none; the space characters printed before it on its line,
   * as the PDF gives them (" ", a thin space "\u2009"); "\n" where its line starts after a line
   * whose last character and its first are of scripts that space their words (read as a space).
   */
  spaceBefore: string;
  /**
   * Whether it starts a part of the page no word runs into from before it: another table cell
   * or footnote (a tagged PDF's element of `OWN_PART_ROLES`; a page's first character when it
   * stands in one), or text beyond a gap on its line wider than `APART_GAP`.
   */
  apart: boolean;
  /** Whether it is a footnote's (in a tagged PDF's Note element). */
  note: boolean;
  box: Box;
}

/** A run of text as pdf.js gives it, placed on the page. */
export interface PlacedText {
  text: string;
  box: Box;
  /** Baseline, pt from the top. */
  baseline: number;
  /** Font size, pt. */
  size: number;
  /** Whether a tagged PDF marks it as an artifact: not the document's text (a page number, a leader). */
  artifact: boolean;
  /** Whether a tagged PDF makes it part of a footnote. */
  note: boolean;
  /** The element of `OWN_PART_ROLES` it stands in (a table cell, a footnote), when the PDF is tagged. */
  part?: object;
}

/**
 * The roles of the structure elements (tagged PDF) whose text is a part of its own, no word
 * running across its edges: table cells (TD, TH) and footnotes (Note; FENote in PDF 2.0).
 */
export const OWN_PART_ROLES: ReadonlySet<string> = new Set(['TD', 'TH', 'Note', 'FENote']);

/**
 * A gap between two texts on one line wider than this, em of the text's size, sets the text after
 * it apart: no space between words is so wide (pdf.js reads a wider gap as no space in the flow:
 * its `SPACE_IN_FLOW_MAX_FACTOR`); a table's columns stand further apart.
 */
export const APART_GAP = 0.6;

/** Baselines nearer than this are one line, pt. */
const SAME_LINE = 2;

/** Full-width characters: scripts that do not space their words, and the CJK marks. */
const FULL_WIDTH = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
const isFullWidth = (c: string) => FULL_WIDTH.test(c);
const isWhiteSpace = (c: string) => /\s/u.test(c);

/**
 * The characters of `texts` (in drawing order, white space left out), each text's width shared
 * out over its characters (a full-width character as 1, others as 0.55).
 */
export function pageChars(texts: readonly PlacedText[]): PageChar[] {
  const weight = (c: string) => (isFullWidth(c) ? 1 : 0.55);
  const chars: PageChar[] = [];
  let before: PlacedText | undefined;
  for (const t of texts) {
    const all = [...t.text];
    const total = all.reduce((s, c) => s + weight(c), 0) || 1;
    const previous = chars[chars.length - 1];
    const newLine = !!before && Math.abs(before.baseline - t.baseline) >= SAME_LINE;
    const spaced = !!previous && !isFullWidth(previous.char) && !isFullWidth(all.find((c) => !isWhiteSpace(c)) ?? '');
    const gapApart = !!before && !newLine && t.box.x - (before.box.x + before.box.w) > APART_GAP * t.size;
    let apart = before ? gapApart || t.part !== before.part : !!t.part;
    let space = newLine && spaced ? '\n' : gapApart ? ' ' : '';
    before = t;
    let x = t.box.x;
    for (const c of all) {
      const w = (t.box.w * weight(c)) / total;
      if (isWhiteSpace(c)) space = space === '\n' ? space : space + c;
      else {
        chars.push({ char: c, spaceBefore: chars.length ? space : '', apart, note: t.note, box: { x, y: t.box.y, w, h: t.box.h } });
        space = '';
        apart = false;
      }
      x += w;
    }
  }
  return chars;
}
