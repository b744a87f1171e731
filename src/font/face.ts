/**
 * Font faces opened once per build and shared by measuring (fontkit) and drawing (pdfkit
 * receives the same fontkit object).
 */
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { InputError } from '../problems.js';
import type { FontRegistry } from './registry.js';

/** One font file, opened. Metrics in font units; `unitsPerEm` converts them to em. */
export interface Face {
  /** Absolute path of the file; also the key under which the renderer embeds it. */
  path: string;
  font: Font;
  unitsPerEm: number;
}

export type Weight = 'regular' | 'bold';

/** Opens each font file at most once and hands out faces by role and weight. */
export class FaceSet {
  private readonly open = new Map<string, Face>();

  constructor(readonly registry: FontRegistry) {}

  /** The face of a role (`serif`, `宋体`, …) in a weight. Throws `InputError` for an unknown role. */
  face(role: string, weight: Weight = 'regular'): Face {
    return this.byKey(this.fileOf(role, weight));
  }

  /** The file (face key) of a role in a weight, without opening it. */
  fileOf(role: string, weight: Weight = 'regular'): string {
    const r = this.registry.roles.get(role);
    if (!r) {
      throw new InputError([
        {
          pos: { file: this.registry.file, line: 1, col: 1 },
          message: `no font role "${role}" in the font registry (roles: ${[...this.registry.roles.keys()].join(', ')})`,
          severity: 'error',
        },
      ]);
    }
    return weight === 'bold' ? r.bold : r.regular;
  }

  /** The face of a font file (its key), opened on first use. */
  byKey(file: string): Face {
    let face = this.open.get(file);
    if (!face) {
      let font: Font;
      try {
        const opened = fontkit.openSync(file);
        font = 'fonts' in opened ? (opened.fonts[0] as Font) : opened;
      } catch (e) {
        throw new InputError([{ pos: { file, line: 1, col: 1 }, message: `cannot open font: ${(e as Error).message}`, severity: 'error' }]);
      }
      face = { path: file, font, unitsPerEm: font.unitsPerEm };
      this.open.set(file, face);
    }
    return face;
  }
}
