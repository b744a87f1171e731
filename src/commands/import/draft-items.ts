/**
 * mammoth's paragraphs matched to the draft's own (draft-xml.ts): each with its paragraph
 * number, its Word numbering and whether it stands in a text box. The match is checked on the
 * text of every paragraph; a draft where it fails (mammoth read a paragraph otherwise) is
 * imported without those facts, and the report says so.
 */
import { plainText, type DraftBlock, type DraftParagraph } from './docx-model.js';
import type { DraftXml, ParagraphPlace } from './draft-xml.js';

/** Each of mammoth's paragraphs with its place in the draft; undefined when they could not be matched. */
export function matchPlaces(blocks: readonly DraftBlock[], xml: DraftXml): Map<DraftParagraph, ParagraphPlace> | undefined {
  const paragraphs: DraftParagraph[] = [];
  const walk = (bs: readonly DraftBlock[]) => {
    for (const b of bs) {
      if (b.type === 'paragraph') paragraphs.push(b);
      else b.children.forEach((row) => row.children.forEach((cell) => walk(cell.children)));
    }
  };
  walk(blocks);
  if (paragraphs.length !== xml.places.length) return undefined;
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  const places = new Map<DraftParagraph, ParagraphPlace>();
  for (let i = 0; i < paragraphs.length; i++) {
    // mammoth also reads symbols (w:sym) and hyphens (w:noBreakHyphen, w:softHyphen) as text,
    // anywhere in the paragraph: the draft's text (w:t) must be in it, in order
    if (!inOrderIn(squeeze(xml.places[i].text), squeeze(plainText(paragraphs[i].children)))) return undefined;
    places.set(paragraphs[i], xml.places[i]);
  }
  return places;
}

/** Whether the characters of `part` stand in `whole` in their order (others may come between them). */
function inOrderIn(part: string, whole: string): boolean {
  let at = 0;
  for (const c of part) {
    at = whole.indexOf(c, at);
    if (at < 0) return false;
    at += c.length;
  }
  return true;
}
