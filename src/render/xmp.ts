/**
 * The document's XMP metadata, written in place of pdfkit's (which does not escape its values,
 * so a title with `&` or `<` gave broken XML, and which leaves out the modification date that
 * PDF/A wants to match the document information). Every value is XML-escaped.
 */

export interface XmpFields {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creator: string;
  producer: string;
  /** Creation and modification date (the same: a build is a new version of the document). */
  date: Date;
  /** BCP 47 language tag of the document, e.g. zh-CN. */
  lang: string;
}

/** `&`, `<`, `>`, `"`, `'` as XML entities. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** The rdf:Description elements of the document's metadata (pdfkit wraps them in x:xmpmeta). */
export function xmpDescriptions(f: XmpFields): string {
  const e = escapeXml;
  const date = f.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const alt = (tag: string, v: string) => `<${tag}><rdf:Alt><rdf:li xml:lang="x-default">${e(v)}</rdf:li></rdf:Alt></${tag}>`;
  return [
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">`,
    `<xmp:CreateDate>${date}</xmp:CreateDate><xmp:ModifyDate>${date}</xmp:ModifyDate><xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${e(f.creator)}</xmp:CreatorTool>`,
    `</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
    `<dc:format>application/pdf</dc:format>`,
    alt('dc:title', f.title),
    f.author ? `<dc:creator><rdf:Seq><rdf:li>${e(f.author)}</rdf:li></rdf:Seq></dc:creator>` : '',
    f.subject ? alt('dc:description', f.subject) : '',
    `<dc:language><rdf:Bag><rdf:li>${e(f.lang)}</rdf:li></rdf:Bag></dc:language>`,
    `</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">`,
    `<pdf:Producer>${e(f.producer)}</pdf:Producer>`,
    f.keywords ? `<pdf:Keywords>${e(f.keywords)}</pdf:Keywords>` : '',
    `</rdf:Description>`,
  ]
    .filter(Boolean)
    .join('\n');
}
