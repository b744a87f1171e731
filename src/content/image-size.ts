/** An image's size in pixels, and the most pixels an image may have. */

/**
 * Most pixels (width × height) an image may have: 50 megapixels, more than a full A4 page at
 * 600 dpi (35 megapixels). Checked from the header, before anything is decoded: the PDF writer
 * decodes some PNGs whole (those with transparency or interlacing), at up to 8 bytes a pixel.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** An image's size, pixels. */
export interface ImageSize {
  width: number;
  height: number;
}

/** Why an image of this size cannot be used, or undefined when it can. */
export function sizeProblem({ width, height }: ImageSize): string | undefined {
  if (width === 0 || height === 0) return `image damaged: its width or height is 0 (${width} × ${height} pixels)`;
  if (width * height > MAX_IMAGE_PIXELS)
    return `image too large: ${width} × ${height} pixels (at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels; scale it down)`;
  return undefined;
}
