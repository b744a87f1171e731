/**
 * An edition read back from its PDF with pdf.js (any PDF, not only Imprint's): per page the
 * characters printed and where (those of footnotes known as such when the PDF is tagged), the
 * page number printed in its margin (the folio) and the text a tagged PDF marks as an artifact
 * (running heads, leader dots, a table's repeated header) apart, and the page's label
 * (/PageLabels: "ii", "3" as printed); pages drawn to images on demand.
 * The file is read through the same boundary as every input (a regular file, a size limit).
 */
import { shownName } from '../problems.js';
import { sha256 } from '../sha256.js';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readRegularFile, RefusedFile, bytesInWords } from '../input-file.js';
import { OWN_PART_ROLES, pageChars, type PageChar, type PlacedText } from './page-chars.js';

export type { PageChar } from './page-chars.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
/** An element of a page's structure tree (tagged PDF): its role ("P", "Note" …) and children, elements or content. */
type StructNode = Awaited<ReturnType<Awaited<ReturnType<PdfDocument['getPage']>>['getStructTree']>>;
type Canvas = import('@napi-rs/canvas').Canvas;

/** The largest PDF read, bytes. */
export const MAX_PDF_BYTES = 512 * 1024 * 1024;

/** A rectangle on a page: pt, from the page's top left corner. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One page of an edition. */
export interface EditionPage {
  /** Counted from the first page, 1-based. */
  physical: number;
  /** The printed page label ("ii", "3"), or "" when the PDF has no labels or none for this page. */
  label: string;
  /** pt */
  width: number;
  height: number;
  /** The text printed, in drawing order, the folio, running heads and artifacts excepted. */
  chars: PageChar[];
  /** The page number printed in the top or bottom margin ("— 3 —"), "" when none. */
  folio: string;
  /** Where the folio is printed. */
  folioBoxes: Box[];
}

/** An edition as read from its PDF. */
export interface Edition {
  file: string;
  /** SHA-256 of the file's bytes, hex. */
  digest: string;
  pages: EditionPage[];
  /** Whether the PDF labels its pages (/PageLabels). */
  labelled: boolean;
  /** Page `index` (0-based) drawn at `dpi` dots per inch, on white. */
  draw(index: number, dpi: number): Promise<Canvas>;
  close(): Promise<void>;
}

/** A PDF that cannot be read: one line for the user. */
export class EditionError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${shownName(file)}: ${reason}`);
  }
}

/** Share of the page height at its top and bottom where a folio is looked for. */
const MARGIN_SHARE = 0.1;
/** A line of the margin that is only a page number: digits or roman numerals, between dashes or other marks. */
const FOLIO = /^[\s\-–—_·•|/]*(?:[0-9]+|[ivxlcdm]+)[\s\-–—_·•|/]*$/i;
/** The roles of a footnote's element in a structure tree: Note (PDF 1.7), FENote (PDF 2.0). */
const NOTE_ROLES = new Set(['Note', 'FENote']);

/** Reads `file`. Throws `EditionError`. */
export async function openEdition(file: string): Promise<Edition> {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, MAX_PDF_BYTES);
  } catch (e) {
    if (!(e instanceof RefusedFile)) throw e;
    throw new EditionError(file, e.refusal === 'too-large' ? `larger than ${bytesInWords(MAX_PDF_BYTES)}` : e.message);
  }
  return editionOf(file, bytes);
}

/** Reads the PDF `bytes`, named `file` in messages (pdf.js may take the bytes over: pass a copy to keep them). Throws `EditionError`. */
export async function editionOf(file: string, bytes: Buffer): Promise<Edition> {
  if (!bytes.subarray(0, 1024).includes('%PDF-')) throw new EditionError(file, 'not a PDF (it does not start as one)');
  const digest = sha256(bytes); // before pdf.js, which may take the bytes over
  const pdfjs = loadPdfJs();
  let doc: PdfDocument | undefined;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), verbosity: pdfjs.VerbosityLevel.ERRORS, isEvalSupported: false, stopAtErrors: true, ...assetUrls() }).promise;
    const labels = await doc.getPageLabels();
    const read: ReadPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) read.push(await readPage(pdfjs, doc, n, labels?.[n - 1] ?? ''));
    const pages = editionPages(read);
    const opened = doc;
    return {
      file,
      digest,
      pages,
      labelled: !!labels,
      draw: (index, dpi) => drawPage(opened, index + 1, dpi).catch((e: unknown) => Promise.reject(new EditionError(file, `page ${index + 1} cannot be drawn (${reasonOf(e)})`))),
      close: () => opened.destroy(),
    };
  } catch (e) {
    await doc?.destroy();
    if (e instanceof EditionError) throw e;
    throw new EditionError(file, reasonOf(e));
  }
}

/** The words for what pdf.js found wrong. */
function reasonOf(e: unknown): string {
  const name = (e as { name?: string }).name;
  const message = e instanceof Error ? e.message : String(e);
  if (name === 'PasswordException') return 'encrypted: it needs a password to be read';
  if (name === 'InvalidPDFException') return `not a PDF, or damaged (${message})`;
  return `damaged: ${message}`;
}

/**
 * pdf.js, loaded on first use (require of its ES module, which Node allows from 20.19, as
 * pdf.js needs: the CLI's bundle neither holds it nor can import() from its code cache).
 */
export function loadPdfJs(): PdfJs {
  return createRequire(import.meta.url)('pdfjs-dist/legacy/build/pdf.mjs') as PdfJs;
}

/** Where pdf.js finds the data for fonts a PDF names without embedding them, character maps and image decoders. */
function assetUrls(): { standardFontDataUrl: string; cMapUrl: string; wasmUrl: string } {
  const dir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return { standardFontDataUrl: path.join(dir, 'standard_fonts') + path.sep, cMapUrl: path.join(dir, 'cmaps') + path.sep, wasmUrl: path.join(dir, 'wasm') + path.sep };
}

/** A marked content sequence as pdf.js begins it: its tag ("Artifact", "P" …) and, when it is a structure element's content, its id. */
interface MarkedContent {
  tag?: string;
  id?: string | null;
}

/** A page's texts as read, before its folio and running heads are set apart. */
interface ReadPage {
  physical: number;
  label: string;
  width: number;
  height: number;
  placed: PlacedText[];
  /** The lines of text in its top and bottom margins, each its texts from left to right. */
  marginLines: PlacedText[][];
}

async function readPage(pdfjs: PdfJs, doc: PdfDocument, n: number, label: string): Promise<ReadPage> {
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale: 1 });
  // the characters as the PDF maps them, not normalised (NFKC would turn the full-width "，" into ",")
  const content = await page.getTextContent({ disableNormalization: true, includeMarkedContent: true });
  const places = contentPlaces(await page.getStructTree());
  const placed: PlacedText[] = [];
  /** The marked content sequences the text stands in, innermost last. */
  const open: MarkedContent[] = [];
  for (const item of content.items) {
    if (!('str' in item)) {
      if (item.type === 'endMarkedContent') open.pop();
      else open.push(item as MarkedContent); // pdf.js gives the tag too, its types do not say so
      continue;
    }
    if (!item.str.trim()) continue;
    const [, , c, d, x, baseline] = pdfjs.Util.transform(viewport.transform, item.transform) as number[];
    const size = Math.hypot(c, d);
    const box = { x, y: baseline - 0.88 * size, w: item.width * viewport.scale, h: 1.1 * size };
    // the innermost sequence that is an element's content says where the text stands
    const place = [...open].reverse().find((m) => !!m.id && places.has(m.id));
    const { note, part } = (place && places.get(place.id!)) || { note: false };
    placed.push({ text: item.str, baseline, size, box, artifact: open.some((m) => m.tag === 'Artifact'), note, part });
  }
  page.cleanup();
  return { physical: n, label, width: viewport.width, height: viewport.height, placed, marginLines: marginLinesOf(placed, viewport.height) };
}

/** Where a marked content sequence of a tagged page stands: in a footnote or not, and in which element of `OWN_PART_ROLES`. */
interface ContentPlace {
  note: boolean;
  part?: object;
}

/** The place of each marked content sequence (by the id pdf.js gives it) in a page's structure tree (none: an untagged page). */
function contentPlaces(tree: StructNode | null, within: ContentPlace = { note: false }, places = new Map<string, ContentPlace>()): Map<string, ContentPlace> {
  for (const child of tree?.children ?? []) {
    if ('role' in child) contentPlaces(child, { note: within.note || NOTE_ROLES.has(child.role), part: OWN_PART_ROLES.has(child.role) ? child : within.part }, places);
    else if (child.type === 'content') places.set(child.id, within);
  }
  return places;
}

/** The texts in the top and bottom margins, by line (bottom first), each from left to right. */
function marginLinesOf(placed: PlacedText[], height: number): PlacedText[][] {
  const inMargin = placed.filter((t) => t.baseline > height * (1 - MARGIN_SHARE) || t.baseline < height * MARGIN_SHARE).sort((a, b) => b.baseline - a.baseline || a.box.x - b.box.x);
  const lines: PlacedText[][] = [];
  for (const t of inMargin) {
    const line = lines.find((l) => Math.abs(l[0].baseline - t.baseline) < 2);
    if (line) line.push(t);
    else lines.push([t]);
  }
  return lines;
}

/** A margin line's text and place, the same on every page it is printed on. */
const lineKey = (line: PlacedText[]) => `${Math.round(line[0].baseline)} ${line.map((t) => t.text).join('')}`;

/**
 * The edition's pages with their folios, running heads (a margin line printed alike on two
 * pages or more) and artifacts set apart from their text, which is then compared without them.
 * The folio is looked for among the artifacts too: a tagged PDF marks its page numbers so.
 */
function editionPages(read: ReadPage[]): EditionPage[] {
  const pagesOfLine = new Map<string, number>();
  for (const p of read) for (const key of new Set(p.marginLines.map(lineKey))) pagesOfLine.set(key, (pagesOfLine.get(key) ?? 0) + 1);
  return read.map((p) => {
    const folio = p.marginLines.find((l) => FOLIO.test(l.map((t) => t.text).join(''))) ?? [];
    const heads = p.marginLines.filter((l) => l !== folio && (pagesOfLine.get(lineKey(l)) ?? 0) > 1).flat();
    const text = p.placed.filter((t) => !t.artifact && !folio.includes(t) && !heads.includes(t));
    return { physical: p.physical, label: p.label, width: p.width, height: p.height, chars: pageChars(text), folio: folio.map((t) => t.text.trim()).join(' '), folioBoxes: folio.map((t) => t.box) };
  });
}

async function drawPage(doc: PdfDocument, n: number, dpi: number): Promise<Canvas> {
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale: dpi / 72 });
  const { createCanvas } = createRequire(import.meta.url)('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport, background: '#ffffff' }).promise;
  page.cleanup();
  return canvas;
}
