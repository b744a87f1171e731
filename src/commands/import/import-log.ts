/**
 * What one import learns beside the blocks it writes: what it could not carry (each with its
 * place), what it left to the engine (typed numbers, captions' labels, the typed contents), the
 * pictures to write beside the YAML, and the text boxes already used as case boxes.
 */
import type { Finding } from './draft-xml.js';

/** A picture of the draft (its bytes) and the file it is written to, relative to the YAML (`draft-images/fig-1.png`). */
export interface FigureImage {
  bytes: Buffer;
  file: string;
}

export class ImportLog {
  readonly findings: Finding[] = [];
  /** Texts of the draft the engine writes itself: `第一章`, `表 1`, a contents line, a page number. */
  readonly engineMade: string[] = [];
  readonly images: FigureImage[] = [];
  /** Indexes of text boxes carried as case boxes. */
  readonly usedTextBoxes = new Set<number>();

  constructor(
    /** The folder of the pictures, relative to the YAML. */
    readonly imagesFolder: string,
  ) {}

  /** Notes something not carried, at a paragraph. */
  notCarried(paragraph: number, what: string, text = ''): void {
    this.findings.push({ paragraph, what, text });
  }

  /** Records a picture to write; returns its file name relative to the YAML. */
  addImage(bytes: Buffer, extension: string): string {
    const file = `${this.imagesFolder}/fig-${this.images.length + 1}.${extension}`;
    this.images.push({ bytes, file });
    return file;
  }
}
