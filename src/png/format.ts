/**
 * The PNG format's tables (ISO/IEC 15948): the colour types with their samples and bit depths,
 * the passes of Adam7 interlacing; and a PNG's parts as read from its chunks. Used by the
 * content's check (content/png-check.ts) and by the renderers that embed or draw a PNG.
 */

/** Samples per pixel of each PNG colour type, and the bit depths the format allows for it. */
export const COLOUR_TYPES: Record<number, { name: string; samples: number; depths: number[] }> = {
  0: { name: 'grey', samples: 1, depths: [1, 2, 4, 8, 16] },
  2: { name: 'true-colour', samples: 3, depths: [8, 16] },
  3: { name: 'palette', samples: 1, depths: [1, 2, 4, 8] },
  4: { name: 'grey with alpha', samples: 2, depths: [8, 16] },
  6: { name: 'true-colour with alpha', samples: 4, depths: [8, 16] },
};

/** The seven passes of Adam7 interlacing: first column and row, then steps between them. */
export const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/** What a PNG's header (IHDR) says. */
export interface PngHeader {
  /** Pixels across and down. */
  width: number;
  height: number;
  /** Bits a sample: 1, 2, 4, 8 or 16. */
  bitDepth: number;
  /** 0 grey, 2 true-colour (RGB), 3 palette, 4 grey with alpha, 6 true-colour with alpha. */
  colourType: number;
  /** Adam7-interlaced. */
  interlaced: boolean;
}

/** A PNG's parts, read from its chunks: what the PDF writer embeds. */
export interface Png extends PngHeader {
  /** A palette PNG's palette (PLTE): RGB triples, a byte a sample (a true-colour PNG's suggested palette is left out). */
  palette?: Buffer;
  /** The transparency chunk (tRNS): an alpha for each of the first palette entries, or the transparent grey or RGB colour, 2 bytes (big-endian) a sample. */
  transparency?: Buffer;
  /** The image data chunks (IDAT), in order: together one zlib stream of the filtered rows. */
  imageData: Buffer[];
}
