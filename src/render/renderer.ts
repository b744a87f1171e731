/**
 * Stage ⑧'s boundary: an output is made from the finished pages alone (page/draw.ts), what the
 * document says about itself, and the fonts the pages' glyph runs name. The PDF (render/pdf.ts)
 * is one renderer, the page images of `--png` (page-images.ts) another; a new output is a new
 * renderer, handed to the pipeline's `renderReport`.
 */
import type { FaceSet } from '../font/face.js';
import type { DrawPage } from '../page/draw.js';

/** What a document says about itself (a PDF's Info dictionary and XMP metadata). */
export interface DocumentInfo {
  title: string;
  author?: string;
  subject?: string;
  keywords: string[];
  /** Creation and modification date written into the output (never the clock). */
  date: Date;
  /** The program that made it, with its version (`Imprint 0.1.0`). */
  creator: string;
  /** The language of its text, a BCP 47 tag (`zh-CN`). */
  lang: string;
}

/** What every output is made from. */
export interface RenderInput {
  /** The finished pages, in order (lengths in pt, see page/draw.ts). */
  pages: readonly DrawPage[];
  document: DocumentInfo;
  /** The open fonts whose keys the pages' glyph runs name. */
  faces: FaceSet;
}

/** One kind of output (a PDF's bytes, page images written …) made from the finished pages. */
export interface Renderer<Out> {
  render(input: RenderInput): Promise<Out>;
}
