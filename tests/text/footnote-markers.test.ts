/**
 * A footnote's marker stands in the text as if it were not there for the spacing around it: the
 * joint after it is the one the text before and after it would have (通知①的要求 tight, as
 * 通知的; CAS④ 协议 and 2025⑤ 年度 with the ¼ em of Latin beside Chinese, at the text's size).
 * The marker, set at 0.7 of the size and counted as a Latin word, took a Han–Latin gap of its own
 * (¼ of its own size) before the Chinese after it: 通知① 的要求.
 */
import { describe, expect, it } from 'vitest';
import { setParagraph } from '../../src/text/paragraph.js';
import type { Inline } from '../../src/text/inline.js';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { fakeStyle } from '../helpers/fake-font.js';

/** Each footnote `^[…]` replaced by its marker, as the layout sets it (block/footnotes.ts): ①, ② … a superscript. */
function withNoteMarkers(runs: Inline[]): Inline[] {
  let n = 0;
  return runs.map(({ note, ...marks }) => (note ? { ...marks, text: String.fromCodePoint(0x2460 + n), script: 'sup', footnote: ++n } : marks));
}

/** The space between the end of each marker and the atom after it, in ems of the text (10 pt), on one line. */
function gapsAfterMarkers(text: string): string[] {
  const { lines } = setParagraph(withNoteMarkers(parseInlineMarkup(text)), { ...fakeStyle(80), align: 'left' });
  expect(lines.length).toBe(1);
  const [line] = lines;
  const out: string[] = [];
  for (let k = 0; k + 1 < line.atoms.length; k++) {
    const [a, b] = [line.atoms[k], line.atoms[k + 1]];
    if (!a.marks.footnote) continue;
    out.push(`${a.text}|${b.text} ${((line.xs[k + 1] - b.shift - (line.xs[k] - a.shift + a.width)) / 10).toFixed(2)}`);
  }
  return out;
}

describe('a footnote marker', () => {
  it('takes no gap before the Chinese after it, and the ¼ em of Latin beside Chinese where the text before it is Latin', () => {
    expect(gapsAfterMarkers('根据通知^[注一。]的要求，以及 CAS^[注二。]协议和 2025^[注三。]年度的数据^[注四。]。')).toEqual(['①|的 0.00', '②|协 0.25', '③|年 0.25', '④|。 0.00']);
  });
});
