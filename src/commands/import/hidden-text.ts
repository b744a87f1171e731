/**
 * Hidden text (a run whose properties say `w:vanish`): Word neither shows nor prints it, and a
 * writer hides in it what is not for the reader (a number still to check, last year's figure).
 * mammoth reads it as any text; the document it reads has the text elements (`w:t`) of hidden
 * runs taken out, the runs themselves kept (a field's characters in them keep their places).
 * The import reports the text left out at its paragraph (draft-xml.ts).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { cutOut, type Span } from '../../cut-out.js';

/** Whether the element last opened (of `open`, the names of the elements open) is in a run's properties (`w:r/w:rPr/…`): a `w:vanish` there hides the run. */
export function inRunProperties(open: readonly string[]): boolean {
  return open[open.length - 2] === 'w:rPr' && open[open.length - 3] === 'w:r';
}

/** Whether a `w:vanish` of value `val` (none: on) hides its run. */
export function vanishes(val: unknown): boolean {
  return !['0', 'false', 'off'].includes(String(val ?? 'true'));
}

/** `xml` (word/document.xml) without the text of its hidden runs. Throws on XML that is not well formed. */
export function withoutHiddenText(xml: string): string {
  /** The spans to take out: each `w:t` of a hidden run, from its `<` to after its end tag. */
  const cuts: Span[] = [];
  const open: string[] = [];
  let runHidden = false;
  let textFrom: number | undefined;
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    open.push(tag.name);
    if (tag.name === 'w:r') runHidden = false;
    else if (tag.name === 'w:vanish' && inRunProperties(open)) runHidden = vanishes(tag.attributes['w:val']);
    // (the open tag ends at the position; no `<` stands in an attribute's value)
    else if (tag.name === 'w:t' && runHidden) textFrom = xml.lastIndexOf('<', parser.position - 1);
  });
  parser.on('closetag', (tag) => {
    open.pop();
    if (tag.name === 'w:t' && textFrom !== undefined) {
      cuts.push({ from: textFrom, to: parser.position });
      textFrom = undefined;
    }
  });
  parser.write(xml).close();
  return cuts.length ? cutOut(xml, cuts) : xml;
}
