/**
 * `imprint build --png`: page images beside the PDF, `NAME-001.png`, `NAME-002.png` … (the
 * physical page number, 1-based, the cover being 1, padded to three digits or as many as the
 * last page has), drawn from the same pages as the PDF (render/page-image.ts): a renderer
 * (render/renderer.ts) whose output is the files it wrote. Each is written atomically, and only
 * over a PNG (or an empty file) that the build did not read: checked for them all before the
 * report's PDF is written (`refusePageImages`).
 */
import path from 'node:path';
import type { DrawPage } from './page/draw.js';
import type { FaceSet } from './font/face.js';
import type { Renderer } from './render/renderer.js';
import { pageImage, type GlyphPaths } from './render/page-image.js';
import { nextTurn, OutputError, writeFileAtomic } from './output.js';
import { realPath } from './output-paths.js';
import { brokenLink, emptyOrStartsWith, kindOf, PNG_SIGNATURE } from './file-kind.js';
import { shownFile, shownName } from './problems.js';

/** The page images asked for. */
export interface ImageRequest {
  /** Dots per inch. */
  dpi: number;
  /** Physical page numbers, 1-based, inclusive, and the range as the user wrote it (`40`, `3-5`, for messages); all pages when absent. */
  pages?: { first: number; last: number; written?: string };
}

/** The image file of page `n` (1-based) of `count`, beside `pdf`. */
export function pageImageFile(pdf: string, n: number, count: number): string {
  const digits = Math.max(3, String(count).length);
  return path.join(path.dirname(pdf), `${path.basename(pdf).replace(/\.pdf$/i, '')}-${String(n).padStart(digits, '0')}.png`);
}

/** The physical page numbers (1-based) whose images are asked for, of a report of `count` pages. */
function pagesAsked(request: ImageRequest, count: number): number[] {
  const { first, last } = request.pages ?? { first: 1, last: count };
  return Array.from({ length: Math.max(0, Math.min(last, count) - first + 1) }, (_, i) => first + i);
}

/**
 * Why the page images of a report of `count` pages cannot be written beside `pdf`, or
 * undefined when they can: checked before anything of the report is written, so a refused
 * `--png` leaves every file as it was. An image may not go over a file the build read
 * (`filesRead`: compared as real paths, so a link to one, or one reached through a link,
 * counts), nor over a folder, a device or a file that is not a PNG (or empty). The files read
 * are this report's alone: each report of a batch is written as soon as it is laid out, without
 * waiting for what the others read (the README says so).
 */
export function refusePageImages(request: ImageRequest, pdf: string, count: number, filesRead: readonly string[]): string | undefined {
  const read = new Map(filesRead.map((f) => [realPath(f), f]));
  const refused = (file: string, why: string) => `${shownName(file)}: ${why}: nothing was written (name another output with -o)`;
  for (const n of pagesAsked(request, count)) {
    const file = pageImageFile(pdf, n, count);
    const page = `the image of page ${n}`;
    const input = read.get(realPath(file));
    if (input !== undefined) {
      const through = path.resolve(input) === path.resolve(file) ? '' : ` (${shownFile(input)})`;
      return refused(file, `--png would write ${page} over a file the build reads${through}`);
    }
    const there = notReplacedByPng(file);
    if (there) return refused(file, `--png cannot write ${page} here (${there})`);
  }
  return undefined;
}

/** The page images written: their files, and for a range past the last page, a warning line. */
export interface PageImagesWritten {
  files: string[];
  warning?: string;
}

/**
 * The renderer that writes the images of the pages asked for beside `pdf` (each as it is
 * drawn), once the PDF is written and `refusePageImages` found nothing against them. A write
 * the file system refuses throws `OutputError` naming the PDF and the images written before it.
 */
export function pageImageFiles(request: ImageRequest, pdf: string): Renderer<PageImagesWritten> {
  return { render: ({ pages, faces }) => writePageImages(pages, faces, request, pdf) };
}

async function writePageImages(pages: readonly DrawPage[], faces: FaceSet, request: ImageRequest, pdf: string): Promise<PageImagesWritten> {
  const files: string[] = [];
  const paths: GlyphPaths = new Map();
  for (const n of pagesAsked(request, pages.length)) {
    // a page takes a second or more at a high dpi: a stop signal (Ctrl-C, kill) is handled between pages, not after the last
    await nextTurn();
    const file = pageImageFile(pdf, n, pages.length);
    try {
      writeFileAtomic(file, await pageImage(pages[n - 1], faces, request.dpi, paths));
    } catch (e) {
      throw e instanceof OutputError ? new OutputError(e.file, e.reason, [pdf, ...files]) : e;
    }
    files.push(file);
  }
  const asked = request.pages;
  const warning = asked && asked.last > pages.length ? `${shownName(pdf)}: warning: --pages ${asked.written ?? `${asked.first}-${asked.last}`}: the report has ${pages.length} pages` : undefined;
  return { files, warning };
}

/**
 * What is at `file` that an image Imprint writes must not replace, in the user's words (`a
 * folder is there`, `it is a link that loops` …), or undefined when it may: nothing, an empty
 * file or a PNG (through a link too: the link is kept, the file it leads to written).
 */
export function notReplacedByPng(file: string): string | undefined {
  const broken = brokenLink(file); // (a link to a PNG is kept, the PNG written)
  if (broken) return `it ${broken}`;
  switch (kindOf(file)) {
    case 'absent':
      return undefined; // (a write that cannot be made fails at the write)
    case 'folder':
      return 'a folder is there';
    case 'other':
      return 'a device, a pipe or a socket is there'; // never opened: a FIFO would wait
    case 'file':
      return emptyOrStartsWith(file, PNG_SIGNATURE) ? undefined : 'a file that is not a PNG is there, and Imprint replaces only PNGs';
  }
}
