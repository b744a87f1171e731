/**
 * `imprint build --png`: page images beside the PDF, `NAME-001.png`, `NAME-002.png` … (the
 * physical page number, 1-based, the cover being 1, padded to three digits or as many as the
 * last page has), drawn from the same pages as the PDF (render/page-image.ts): a renderer
 * (render/renderer.ts) whose output is the files it wrote. Each is written atomically, and only
 * over a PNG (or an empty file).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DrawPage } from './page/draw.js';
import type { FaceSet } from './font/face.js';
import type { Renderer } from './render/renderer.js';
import { pageImage, type GlyphPaths } from './render/page-image.js';
import { OutputError, writeFileAtomic } from './output.js';

/** The page images asked for. */
export interface ImageRequest {
  /** Dots per inch. */
  dpi: number;
  /** Physical page numbers, 1-based, inclusive; all pages when absent. */
  pages?: { first: number; last: number };
}

/** The image file of page `n` (1-based) of `count`, beside `pdf`. */
export function pageImageFile(pdf: string, n: number, count: number): string {
  const digits = Math.max(3, String(count).length);
  return path.join(path.dirname(pdf), `${path.basename(pdf).replace(/\.pdf$/i, '')}-${String(n).padStart(digits, '0')}.png`);
}

/** The page images written: their files, and for a range past the last page, a warning line. */
export interface PageImagesWritten {
  files: string[];
  warning?: string;
}

/** The renderer that writes the images of the pages asked for beside `pdf` (each as it is drawn). */
export function pageImageFiles(request: ImageRequest, pdf: string): Renderer<PageImagesWritten> {
  return { render: ({ pages, faces }) => writePageImages(pages, faces, request, pdf) };
}

async function writePageImages(pages: readonly DrawPage[], faces: FaceSet, request: ImageRequest, pdf: string): Promise<PageImagesWritten> {
  const { first, last } = request.pages ?? { first: 1, last: pages.length };
  const files: string[] = [];
  const paths: GlyphPaths = new Map();
  for (let n = first; n <= Math.min(last, pages.length); n++) {
    const file = pageImageFile(pdf, n, pages.length);
    if (!isPngOrEmpty(file)) throw new OutputError(file, 'a file that is not a PNG is there, and Imprint replaces only PNGs');
    writeFileAtomic(file, await pageImage(pages[n - 1], faces, request.dpi, paths));
    files.push(file);
  }
  const warning = last > pages.length ? `${pdf}: warning: --pages ${first}-${last}: the report has ${pages.length} pages` : undefined;
  return { files, warning };
}

/** Whether `file` is absent, or a regular file that is empty or starts as a PNG does. */
export function isPngOrEmpty(file: string): boolean {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return true; // absent (a write that cannot be made fails at the write)
  }
  if (!stat.isFile()) return false; // never opened: a FIFO would wait
  const head = Buffer.alloc(8);
  const fd = openSync(file, 'r');
  try {
    const n = readSync(fd, head, 0, 8, 0);
    return n === 0 || head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  } finally {
    closeSync(fd);
  }
}
