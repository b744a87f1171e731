/** The PDF renderer's output as one buffer, for tests that read it (builds write its parts). */
import { pdfRenderer, type PdfOptions } from '../../src/render/pdf.js';
import type { RenderInput } from '../../src/render/renderer.js';

/** The PDF of `input` rendered with `options`, its parts joined. */
export async function renderedPdf(input: RenderInput, options?: PdfOptions): Promise<Buffer> {
  return Buffer.concat(await pdfRenderer(options).render(input));
}
