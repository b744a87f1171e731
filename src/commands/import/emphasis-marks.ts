/**
 * Word's emphasis marks (着重号: `w:em`, dots or circles under or over each character) are how a
 * Chinese draft emphasises, where a Latin one sets italic; the content format's emphasis, `*…*`,
 * is printed with those dots. mammoth reads italic and no `w:em`: the document it reads has each
 * emphasis mark (but `w:val="none"`) written as italic, so both become `*…*`.
 */

/** An emphasis mark in a run's properties, but none: `<w:em w:val="dot"/>`. */
const EMPHASIS_MARK = /<w:em\s+w:val\s*=\s*(["'])(?!none\1)[^"']*\1\s*\/>/g;

/** `xml` (word/document.xml) with its emphasis marks as italic. */
export function withEmphasisAsItalic(xml: string): string {
  return xml.replace(EMPHASIS_MARK, '<w:i/>');
}
