/**
 * Where a template writes text outside its own elements (`stray <p>…</p>`, `</p>{{text}}`): text
 * or an expression that prints a value (`{{text}}`, `{{inline text}}`) that stands in no element
 * the template opens. Such text lands in the element around the include (a `<matter>`, a `<box>`),
 * which takes elements only.
 */
import { placeOf } from './text-place.js';

/** A place of a template's text: line and column from 1. */
export interface Place {
  line: number;
  col: number;
}

/** An expression that prints nothing itself: a comment, a block's open, else or close, an include. */
const SILENT = /^\{\{~?\s*(?:[!#/^>]|else\b|\*)/;

/** The places `src` writes text outside its elements, in its order. */
export function looseText(src: string): Place[] {
  const found: Place[] = [];
  let depth = 0;
  for (let i = 0; i < src.length; ) {
    if (src.startsWith('{{!--', i)) {
      const end = src.indexOf('--}}', i);
      i = end < 0 ? src.length : end + 4;
    } else if (src.startsWith('{{', i)) {
      const end = src.indexOf('}}', i);
      if (depth <= 0 && !SILENT.test(src.slice(i, i + 8))) found.push(placeOf(src, i));
      i = end < 0 ? src.length : end + (src[end + 2] === '}' ? 3 : 2);
    } else if (src[i] === '<' && /^<\/?[A-Za-z]/.test(src.slice(i, i + 3))) {
      const end = tagEnd(src, i);
      if (src[i + 1] === '/') depth--;
      else if (src[end - 2] !== '/') depth++;
      i = end;
    } else {
      // a run of text, up to the next tag or expression: its first character that is not a space
      const start = i++;
      while (i < src.length && src[i] !== '<' && !src.startsWith('{{', i)) i++;
      const first = src.slice(start, i).search(/\S/);
      if (depth <= 0 && first >= 0) found.push(placeOf(src, start + first));
    }
  }
  return found;
}

/** The offset just after the `>` of the tag at `start` (expressions in it skipped). */
function tagEnd(src: string, start: number): number {
  for (let i = start; i < src.length; i++) {
    if (src.startsWith('{{', i)) {
      const end = src.indexOf('}}', i);
      if (end < 0) return src.length;
      i = end + 1;
    } else if (src[i] === '>') return i + 1;
  }
  return src.length;
}

/** The place `src` writes text outside its elements nearest its output's line `line`, if any. */
export function looseTextNear(src: string, line: number): Place | undefined {
  return looseText(src).reduce<Place | undefined>((best, p) => (best === undefined || Math.abs(p.line - line) < Math.abs(best.line - line) ? p : best), undefined);
}
