/**
 * Reading a built PDF back with an independent reader (pdf.js, from npm): visual lines per
 * page, metadata, outline, raw font dictionaries.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfLine {
  /** Baseline, pt from the page top. */
  y: number;
  /** Left and right ends of the line's text, pt. */
  x0: number;
  x1: number;
  text: string;
}

/** A piece of text as pdf.js gives it: where its baseline starts (pt from the page's top left), its size, pt. */
export interface PdfItem {
  x: number;
  y: number;
  size: number;
  str: string;
  /** The font pdf.js drew it in (its name for the PDF's font: the same name, the same font). */
  font: string;
}

/** A link annotation: its rectangle (pt from the page's top left) and where it goes. */
export interface PdfLink {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  uri?: string;
  /** A named destination. */
  dest?: string;
}

export interface PdfPage {
  lines: PdfLine[];
  items: PdfItem[];
  links: PdfLink[];
  height: number;
  width: number;
}

export interface ReadPdf {
  pages: PdfPage[];
  info: Record<string, unknown>;
  outline: { title: string; items: { title: string }[] }[];
}

export async function readPdf(data: Uint8Array): Promise<ReadPdf> {
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [, , width, height] = page.view;
    const content = await page.getTextContent();
    const items = content.items
      .filter((it): it is typeof it & { str: string; transform: number[]; width: number; fontName: string } => 'str' in it && it.str.length > 0)
      .map((it) => ({ x: it.transform[4], y: height - it.transform[5], w: it.width, str: it.str, size: Math.hypot(it.transform[2], it.transform[3]), font: it.fontName }))
      .sort((a, b) => a.y - b.y || a.x - b.x);
    const lines: PdfLine[] = [];
    for (const it of items) {
      const line = lines.find((l) => Math.abs(l.y - it.y) < 2);
      if (line) {
        line.text += it.str;
        line.x0 = Math.min(line.x0, it.x);
        line.x1 = Math.max(line.x1, it.x + it.w);
      } else lines.push({ y: it.y, x0: it.x, x1: it.x + it.w, text: it.str });
    }
    // items of one baseline arrive in drawing order; re-sort each line's pieces by x was done above
    const links = ((await page.getAnnotations()) as { subtype: string; rect: number[]; url?: string; dest?: unknown }[])
      .filter((a) => a.subtype === 'Link')
      .map((a) => ({ x0: a.rect[0], x1: a.rect[2], y0: height - a.rect[3], y1: height - a.rect[1], uri: a.url, dest: typeof a.dest === 'string' ? a.dest : undefined }));
    pages.push({ lines: lines.sort((a, b) => a.y - b.y), items: items.map(({ x, y, size, str, font }) => ({ x, y, size, str, font })), links, width, height });
  }
  const meta = await doc.getMetadata();
  const outline = ((await doc.getOutline()) ?? []).map((o) => ({ title: o.title, items: o.items.map((c) => ({ title: c.title })) }));
  await doc.destroy();
  return { pages, info: meta.info as Record<string, unknown>, outline };
}

/** Han characters and ASCII letters and digits only (as the shared checker compares text). */
export function norm(s: string): string {
  return [...s.normalize('NFKC')].filter((c) => /[\p{Script=Han}A-Za-z0-9]/u.test(c)).join('');
}

/** Lines inside the type area (not running heads or page numbers); margins in pt (official theme: 30 mm). */
export function bodyLines(page: PdfPage, top = (30 * 72) / 25.4, bottom = (30 * 72) / 25.4): PdfLine[] {
  return page.lines.filter((l) => l.y > top && l.y < page.height - bottom + 2);
}

/**
 * Pages that start with a paragraph's last line alone (a widow) or end with its first line alone
 * (an orphan), judged from body-text lines: a paragraph's first line is indented by `indent` pt
 * from the type area's `left` edge; a line that ends short of `right` ends its paragraph.
 */
export function lonelyLines(pages: PdfPage[], left: number, right: number, indent: number): string[] {
  const isBody = (l: PdfLine) => Math.abs(l.x0 - left) < 1 || Math.abs(l.x0 - left - indent) < 1;
  const starts = (l: PdfLine) => Math.abs(l.x0 - left - indent) < 1;
  const ends = (l: PdfLine) => right - l.x1 > 8;
  const found: string[] = [];
  pages.forEach((p, i) => {
    const lines = bodyLines(p);
    const [first, second] = lines;
    if (first && isBody(first) && !starts(first) && ends(first) && (!second || !isBody(second) || starts(second)))
      found.push(`page ${i + 1} starts with a lone last line: ${first.text}`);
    const last = lines[lines.length - 1];
    const before = lines[lines.length - 2];
    if (last && isBody(last) && starts(last) && !ends(last) && (!before || !isBody(before) || ends(before)))
      found.push(`page ${i + 1} ends with a lone first line: ${last.text}`);
  });
  return found;
}

/** The printed page label in a footer `— 3 —` (empty on unnumbered pages). */
export function pageLabel(page: PdfPage): string {
  const last = page.lines[page.lines.length - 1];
  return /^—\s*(\S+)\s*—$/.exec(last?.text.trim() ?? '')?.[1] ?? '';
}

/** A contents page of Imprint's own template: labelled in roman numerals. */
const romanLabelled = (p: PdfPage) => /^[ivx]+$/.test(pageLabel(p));

/**
 * The entries of the contents pages (`isContents`; by default those labelled in roman numerals):
 * title (normalised) and the page number printed; an entry too long for one line continues on
 * the next.
 */
export function contentsEntries(pages: PdfPage[], isContents: (p: PdfPage) => boolean = romanLabelled): { title: string; number: string }[] {
  const entries: { title: string; number: string }[] = [];
  for (const p of pages.filter(isContents)) {
    let carry = '';
    for (const l of p.lines.filter((x) => !['目录', '图表与案例目录', '图表目录', '表格目录', '插图目录'].includes(norm(x.text)) && !/^—.*—$/.test(x.text.trim()))) {
      const m = /^(.*?)[·\s]*(\d+)$/.exec(l.text.trim());
      if (!m) carry += l.text;
      else {
        entries.push({ title: norm(carry + m[1]), number: m[2] });
        carry = '';
      }
    }
  }
  return entries;
}

/**
 * For each contents entry, the label of the body page (`isBody`; by default those labelled in
 * arabic numerals) where a line reads its title (or undefined).
 */
export function pagesOfEntries(pages: PdfPage[], entries: { title: string }[], isBody: (p: PdfPage) => boolean = (p) => /^\d+$/.test(pageLabel(p))): (string | undefined)[] {
  const body = pages.filter(isBody);
  return entries.map((e) => {
    const page = body.find((p) => p.lines.some((l) => norm(l.text) === e.title));
    return page && pageLabel(page);
  });
}

/** A drawn glyph: its box's left edge and advance, pt, and its character. */
export interface PlacedGlyph {
  x: number;
  width: number;
  char: string;
}

/**
 * The glyphs of each line of text at `size` pt, left to right, read from the PDF's text operators
 * with pdf.js (its text content merges a line's glyphs into runs: gaps under a point are lost).
 */
export async function glyphLines(data: Uint8Array, size: number): Promise<PlacedGlyph[][]> {
  const doc = await getDocument({ data: new Uint8Array(data), disableFontFace: true, verbosity: 0 }).promise;
  const lines: PlacedGlyph[][] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const ops = await (await doc.getPage(p)).getOperatorList();
    const byBaseline = new Map<number, PlacedGlyph[]>();
    let [x, y, fontSize, charSpacing] = [0, 0, 0, 0];
    const saved: number[] = []; // the character spacing, as graphics states are saved (q) and restored (Q)
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i];
      if (fn === OPS.setTextMatrix) [x, y] = [args[0][4], args[0][5]];
      else if (fn === OPS.setFont) fontSize = args[1];
      else if (fn === OPS.setCharSpacing) charSpacing = args[0];
      else if (fn === OPS.save) saved.push(charSpacing);
      else if (fn === OPS.restore) charSpacing = saved.pop() ?? 0;
      else if (fn === OPS.showText && fontSize === size) {
        const key = Math.round(y * 10);
        if (!byBaseline.has(key)) byBaseline.set(key, []);
        for (const g of args[0] as (number | { width: number; unicode: string })[]) {
          if (typeof g === 'number') x -= (g / 1000) * fontSize; // a TJ adjustment
          else {
            byBaseline.get(key)!.push({ x, width: (g.width / 1000) * fontSize, char: g.unicode });
            x += (g.width / 1000) * fontSize + charSpacing;
          }
        }
      }
    });
    for (const line of byBaseline.values()) lines.push(line.sort((a, b) => a.x - b.x));
  }
  await doc.destroy();
  return lines;
}
