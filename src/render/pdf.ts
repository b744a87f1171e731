/**
 * Stage ⑧, the PDF: finished pages → PDF bytes, through pdfkit (this file and its helpers in
 * render/ are the only code that uses it). Fonts are embedded as subsets (with ToUnicode, so
 * text can be searched and copied), anchors become named destinations, headings bookmarks,
 * contents entries links; metadata comes from the report. No clock, no randomness: the same
 * pages give the same bytes.
 */
import PDFDocument from 'pdfkit';
import type { FaceSet } from '../font/face.js';
import { turnedRect, type DrawOp, type DrawPage, type ImageOp, type OutlineEntry, type TurnedOp } from '../page/draw.js';
import { inItsProfile } from './jpeg-in-profile.js';
import { iccBasedSpaces } from './icc-spaces.js';
import { iccComponents } from '../content/icc-profile.js';
import type { DocumentInfo, Renderer } from './renderer.js';
import { addRunFont, writeGlyphRun } from './glyph-run.js';
import { EmbeddedFace, type PdfWriter, type ProgramCache } from './embedded-face.js';
import { deflateCached, deflateThrough, type ContentCache } from './content-streams.js';
import { xmpDescriptions } from './xmp.js';
import { addedSince, drawsAsBefore, sameAdditions, subsetSizes, type WrittenPage } from './kept-pages.js';
import { pdfBytesOf, type PdfkitOutput, type PdfParts } from './pdf-bytes.js';
import { addOutputIntent } from './output-intent.js';
import { StructureTree, type AnnotationOptions } from './structure.js';
import { keepOnly } from '../kept-caches.js';
import { pageLabelRanges } from './page-labels.js';
import { PngImage } from './png-image.js';
import { drawSvg } from './svg-draw.js';
import { imageType } from '../content/image-file.js';
import { readPng } from '../png/read.js';
import { colorOperators, type ColorParser } from './device-color.js';

/** How a PDF is written, beyond what its document says about itself. */
export interface PdfOptions {
  /** PDF/A conformance: `2b`, or `3b` with `attachments` (the sources) embedded. */
  pdfa?: PdfaLevel;
  /** Files to embed as the document's sources (PDF/A-3 associated files). */
  attachments?: Attachment[];
  /** What the last PDF written in this process kept for this one (a watch session); none: a fresh one. */
  cache?: RenderCache;
}

export type PdfaLevel = '2b' | '3b';

/** A file embedded in the PDF. */
export interface Attachment {
  name: string;
  data: Buffer;
  /** MIME type, e.g. application/yaml. */
  type: string;
  description: string;
}

/** What one rendering keeps for the next in the same process (a watch session). */
export interface RenderCache {
  /** Encoded font subsets. */
  programs: ProgramCache;
  /** Deflated page contents and ToUnicode CMaps, by their text. */
  contents: ContentCache;
  /** The pages the last rendering wrote, for this one to write again where they draw the same. */
  pages: WrittenPage[];
}

/**
 * The PDF renderer. Its `cache` keeps encoded font subsets and deflated streams (page contents,
 * CMaps) between builds; only what this build used stays.
 */
export function pdfRenderer(options: PdfOptions = {}): Renderer<PdfParts> {
  return { render: ({ pages, document, faces }) => writePdf(pages, faces, document, options) };
}

/** The PDF of the pages, with the faces their glyph runs name. */
async function writePdf(pages: readonly DrawPage[], faces: FaceSet, meta: DocumentInfo, { pdfa, attachments, cache = { programs: new Map(), contents: new Map(), pages: [] } }: PdfOptions): Promise<PdfParts> {
  const { programs } = cache;
  const doc = new PDFDocument({
    autoFirstPage: false,
    font: null as unknown as string, // no default Helvetica: every run names its own face
    compress: true,
    pdfVersion: '1.7',
    tagged: true,
    subset: pdfa ? (`PDF/A-${pdfa}` as 'PDF/A-2b') : undefined,
    lang: meta.lang,
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: meta.author ?? '',
      Subject: meta.subject ?? '',
      Keywords: meta.keywords.join(', '),
      Creator: meta.creator,
      Producer: meta.creator,
      CreationDate: meta.date,
      ModDate: meta.date,
    },
  });
  const done = pdfBytesOf(doc as unknown as PdfkitOutput);
  // pdfkit reads its ICC profile from beside its module file: ours finds it wherever pdfkit is
  (doc as unknown as { _addColorOutputIntent(): void })._addColorOutputIntent = () => addOutputIntent(doc as unknown as Parameters<typeof addOutputIntent>[0]);
  // pdfkit's own XMP writer does not escape values: ours replaces it (see xmp.ts)
  const xmp = { title: meta.title, author: meta.author, subject: meta.subject, keywords: meta.keywords.join(', '), creator: meta.creator, producer: meta.creator, date: meta.date, lang: meta.lang };
  (doc as unknown as { _addInfo(): void; appendXML(x: string): void })._addInfo = function (this: { appendXML(x: string): void }) {
    this.appendXML(xmpDescriptions(xmp));
  };
  // named destinations in PDF's lexical order, that of the strings' bytes (pdfkit sorts with
  // localeCompare: the same order for the ids of Imprint's templates, sec-1.2, table-3 …, but
  // not for every id a template may give, and it loads ICU's collator, 7 ms of a build)
  type NameTree = { _compareKeys(a: string, b: string): number };
  const names = (doc as unknown as { _root: { data: { Names: { data: { Dests: NameTree; EmbeddedFiles?: NameTree } } } } })._root.data.Names.data;
  names.Dests._compareKeys = (a, b) => Buffer.compare(pdfStringBytes(a), pdfStringBytes(b));
  // pdfkit writes an embedded file's /CheckSum as the 32 characters of its MD5 in hex, where PDF
  // (ISO 32000 7.11.4) has the 16 bytes of the MD5: its dictionary is written as it is made, so
  // the bytes go in as pdfkit makes it
  const writer = doc as unknown as { ref(body: Record<string, unknown>): unknown };
  const ref = writer.ref;
  writer.ref = function (body) {
    const params = body?.Type === 'EmbeddedFile' ? (body.Params as { CheckSum?: unknown } | undefined) : undefined;
    if (params && params.CheckSum instanceof String) params.CheckSum = Buffer.from(String(params.CheckSum), 'hex');
    return ref.call(this, body);
  };
  for (const a of attachments ?? []) {
    // bytes, not a path: pdfkit would stamp a path's file-system dates into the PDF
    doc.file(new Uint8Array(a.data) as unknown as Buffer, { name: a.name, type: a.type, description: a.description, relationship: 'Source', creationDate: meta.date, modifiedDate: meta.date } as PDFKit.Mixins.PDFAttachmentOptions);
  }
  writer.ref = ref;
  if (names.EmbeddedFiles) names.EmbeddedFiles._compareKeys = names.Dests._compareKeys; // the files' names too (中文 names sort by locale)
  const embedded = new Map<string, EmbeddedFace>();
  const fontFor = (key: string): EmbeddedFace => {
    let f = embedded.get(key);
    if (!f) embedded.set(key, (f = new EmbeddedFace(doc as unknown as PdfWriter, faces.byKey(key), `F${embedded.size + 1}`)));
    return f;
  };
  // the image for each image's bytes: one drawn twice is embedded once. A PNG is ours (see
  // png-image.ts), named as pdfkit names its images; a JPEG is pdfkit's (it embeds the file as
  // is). One that carries its ICC profile is drawn in it, each profile embedded once; but a CMYK
  // JPEG only in a PDF/A: outside one its CMYK values go to the press as they are (DeviceCMYK)
  const images = doc as unknown as { openImage(data: Buffer): PDFKit.Mixins.ImageSrc; _imageCount: number };
  const opened = new Map<Buffer, PDFKit.Mixins.ImageSrc>();
  const iccSpace = iccBasedSpaces(doc as unknown as PdfWriter);
  const imageFor = ({ data, profile }: ImageOp): PDFKit.Mixins.ImageSrc => {
    let image = opened.get(data);
    if (!image) {
      const space = profile && (pdfa || iccComponents(profile) !== 4) ? iccSpace(profile) : undefined;
      if (imageType(data) === 'png') image = new PngImage(readPng(data), `I${++images._imageCount}`, space) as unknown as PDFKit.Mixins.ImageSrc;
      else {
        image = images.openImage(data);
        if (space) inItsProfile(image, space);
      }
      opened.set(data, image);
    }
    return image;
  };
  const outlineParents: { level: number; item: PDFKit.PDFOutline }[] = [];
  const structure = new StructureTree(doc, meta.lang);
  const contentsUsed = new Set<string>();
  const written: WrittenPage[] = [];
  let inStep = true; // the faces hold what they held at this page in the last build (see kept-pages.ts)
  for (const [index, page] of pages.entries()) {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    // (pdfkit's page, which its typings leave out)
    const pdfPage = (doc as unknown as { page: { dictionary: { data: Record<string, unknown> }; content: Parameters<typeof deflateThrough>[0] } }).page;
    if (page.rotate) pdfPage.dictionary.data.Rotate = page.rotate;
    const content = deflateThrough(pdfPage.content, cache.contents, contentsUsed);
    const before = subsetSizes(embedded);
    const last = inStep ? cache.pages[index] : undefined;
    const again = last !== undefined && drawsAsBefore(page, last);
    if (again) content.writeAs(last.content);
    const mark = (op: DrawOp, turn?: TurnedOp): void => {
      if (op.kind === 'turned') return op.ops.forEach((inner) => mark(inner, op));
      // (a turned table's op drawn in its turned frame, each in its own marked content: see TurnedOp)
      const draw = (annotation: AnnotationOptions) => {
        if (!turn) return drawOp(doc, op, fontFor, imageFor, annotation);
        // a glyph run's text matrix is turned (its text state is the page's, kept across runs: no q … Q around it)
        if (op.kind === 'glyphs') return writeGlyphRun(doc as Parameters<typeof writeGlyphRun>[0], fontFor(op.font), op, turn);
        // a link's rectangle on the page (pdfkit's annotations miss a turn in the CTM: a transformed x is used for y)
        if (op.kind === 'link') return drawOp(doc, turnedRect(turn, op), fontFor, imageFor, annotation);
        doc.save().transform(0, -1, 1, 0, turn.x, turn.y);
        drawOp(doc, op, fontFor, imageFor, annotation);
        doc.restore();
      };
      // a page taken as it was: of what drawing does, only what is not in its stream (a run's font in the page's resources, a link)
      const redo = op.kind === 'glyphs' ? () => void addRunFont(doc as Parameters<typeof addRunFont>[0], fontFor(op.font), op) : op.kind === 'link' ? draw : () => {};
      structure.mark(op.kind === 'glyphs' || op.kind === 'image' || op.kind === 'svg' || op.kind === 'link' ? op.tag : undefined, op.kind !== 'link', again ? redo : draw);
    };
    for (const op of page.ops) mark(op);
    if (again) for (const a of last.added) embedded.get(a.key)!.addAgain(a.glyphs); // (each made as drawing its first run would make it: its objects are numbered in that order)
    for (const a of page.anchors) doc.addNamedDestination(a.id, 'XYZ', 0, a.y, null);
    for (const o of page.outline) addOutline(doc, outlineParents, o, page);
    const added = again ? last.added : addedSince(embedded, before);
    if (!again && !(last && sameAdditions(added, last.added))) inStep = false;
    written.push({ width: page.width, height: page.height, ops: page.ops, content: content.written(), added });
  }
  cache.pages = written;
  structure.end();
  addPageLabels(doc, pages);
  const faceList = [...embedded.values()];
  const encoded = await Promise.all(faceList.map((f) => f.encodedProgram(programs))); // see encodedProgram
  faceList.forEach((f, i) => f.embed(encoded[i].program, (content) => deflateCached(content, cache.contents, contentsUsed)));
  const programsUsed = new Set(encoded.map((e) => e.key));
  doc.end();
  keepOnly(programs, programsUsed);
  keepOnly(cache.contents, contentsUsed);
  return done;
}

function drawOp(doc: PDFKit.PDFDocument, op: DrawOp, fontFor: (key: string) => EmbeddedFace, imageFor: (op: ImageOp) => PDFKit.Mixins.ImageSrc, annotation: AnnotationOptions): void {
  switch (op.kind) {
    case 'glyphs':
      writeGlyphRun(doc as Parameters<typeof writeGlyphRun>[0], fontFor(op.font), op);
      return;
    case 'rect':
      doc.save().addContent(colorOperators(parser(doc), op.fill)).rect(op.x, op.y, op.w, op.h).fill().restore();
      return;
    case 'line':
      doc.save().addContent(colorOperators(parser(doc), op.color, true)).moveTo(op.x1, op.y1).lineTo(op.x2, op.y2).lineWidth(op.width).stroke().restore();
      return;
    case 'image':
      doc.image(imageFor(op), op.x, op.y, { width: op.w, height: op.h });
      return;
    case 'svg':
      return drawSvg(doc, op);
    case 'dot':
      doc.save().addContent(colorOperators(parser(doc), op.color)).circle(op.x, op.y, op.r).fill().restore();
      return;
    case 'turned':
      throw new Error('a turned op is drawn op by op in its frame (see writePdf)');
    case 'link': {
      // Contents: the words linked, for assistive technology (PDF/UA); a string object, not a name
      const options = { ...annotation, Contents: new String(op.text) } as PDFKit.Mixins.AnnotationOption;
      if ('uri' in op.target) doc.annotate(op.x, op.y, op.w, op.h, { ...options, Subtype: 'Link', A: uriAction(doc, op.target.uri) } as PDFKit.Mixins.AnnotationOption);
      else doc.goTo(op.x, op.y, op.w, op.h, op.target.dest, options);
      return;
    }
  }
}

/** By document: the URI action of each address linked, one object however many pieces link to it. */
const uriActions = new WeakMap<object, Map<string, object>>();

/**
 * The action that opens `uri`, written once a document: a URL broken over many lines links each
 * line's piece to it (pdfkit's `link` writes the address again for every piece: a 200,000-character
 * URL took 43 s, its address written once for each of its 2,500 lines).
 */
function uriAction(doc: PDFKit.PDFDocument, uri: string): object {
  let actions = uriActions.get(doc);
  if (!actions) uriActions.set(doc, (actions = new Map()));
  let action = actions.get(uri);
  if (!action) {
    const ref = (doc as unknown as { ref(data: object): { end(): void } }).ref({ S: 'URI', URI: new String(asciiUri(uri)) });
    ref.end();
    actions.set(uri, (action = ref));
  }
  return action;
}

/**
 * An address as a PDF's URI holds it, 7-bit ASCII (ISO 32000-1 12.6.4.7): each character beyond
 * it (and a control character or space) percent-encoded in UTF-8, as RFC 3987 3.1 maps an IRI to
 * a URI (`搜索` → `%E6%90%9C%E7%B4%A2`); the rest as written. (pdfkit writes a string that is not
 * ASCII as UTF-16, which a viewer reads as a URI of garbage.)
 */
function asciiUri(uri: string): string {
  return uri.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
}

/**
 * Adds a bookmark under the nearest shallower one. pdfkit computes the destination's left as
 * `width − left`, so `left: width` points at the page's left edge.
 */
function addOutline(doc: PDFKit.PDFDocument, parents: { level: number; item: PDFKit.PDFOutline }[], o: OutlineEntry, page: DrawPage): void {
  while (parents.length && parents[parents.length - 1].level >= o.level) parents.pop();
  const parent = parents.length ? parents[parents.length - 1].item : doc.outline;
  const y = page.anchors.find((a) => a.id === o.id)?.y ?? 0;
  const options = { expanded: o.level === 1, top: y, left: page.width };
  const item = parent.addItem(o.title, options as Parameters<PDFKit.PDFOutline['addItem']>[1]);
  parents.push({ level: o.level, item });
}

/** The catalog's `/PageLabels`: viewers show the printed page numbers (see page-labels.ts). */
function addPageLabels(doc: PDFKit.PDFDocument, pages: readonly DrawPage[]): void {
  const nums = pageLabelRanges(pages.map((p) => p.label)).flatMap((r) => {
    const dict: Record<string, unknown> = {};
    if (r.style) dict.S = r.style;
    if (r.prefix) dict.P = new String(r.prefix); // a String object: pdfkit writes a PDF string, not a name
    if (r.first) dict.St = r.first;
    return [r.start, dict];
  });
  const pdf = doc as unknown as { ref(data: object): { end(): void }; _root: { data: Record<string, unknown> } };
  const labels = pdf.ref({ Nums: nums });
  pdf._root.data.PageLabels = labels;
  labels.end();
}

/** A string's bytes in a PDF as pdfkit writes it: ASCII as is, anything else UTF-16BE after a BOM. */
function pdfStringBytes(s: string): Buffer {
  return /^[\x00-\x7f]*$/.test(s) ? Buffer.from(s, 'latin1') : Buffer.from(`\ufeff${s}`, 'utf16le').swap16();
}

/** pdfkit's document as the colour parser it is (its `_normalizeColor`, not in its types). */
function parser(doc: PDFKit.PDFDocument): ColorParser {
  return doc as unknown as ColorParser;
}
