/**
 * A damaged or hostile SVG is refused at load or drawn: never a crash in the PDF writer. Random
 * damage to the chart fixture (bytes, cuts, huge numbers in numbers, transforms and sizes) is
 * read (content/svg-check.ts), and what is accepted is drawn through pdfkit (render/svg-draw.ts).
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { readImage } from '../../src/content/image-file.js';
import { svgShapes } from '../../src/render/svg-shapes.js';
import { drawSvg } from '../../src/render/svg-draw.js';

const chart = readFileSync(path.join(import.meta.dirname, '../fixtures/bar-chart.svg'), 'utf8');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-svg-damage-'));

/** Numbers and values a broken generator or a hostile file may hold. */
const hostile = fc.constantFrom('1e999', '-1e308', '9'.repeat(400), 'NaN', 'Infinity', '1e20', '0', '-0.0e-999', '.', '--1', '1e9');
const edit = fc.oneof(
  fc.record({ at: fc.nat(), cut: fc.integer({ min: 0, max: 40 }), put: fc.string({ maxLength: 8 }) }),
  fc.record({ at: fc.nat(), cut: fc.constant(0), put: hostile.map((n) => ` transform="scale(${n}) translate(${n})" font-size="${n}" d="M0 0L${n} ${n}" `) }),
  fc.record({ at: fc.nat(), cut: fc.integer({ min: 1, max: 4 }), put: hostile }),
);

function damaged(edits: { at: number; cut: number; put: string }[]): string {
  let s = chart;
  for (const e of edits) {
    const at = e.at % (s.length + 1);
    s = s.slice(0, at) + e.put + s.slice(at + e.cut);
  }
  return s;
}

describe('a damaged SVG', () => {
  it('is refused with a message or drawn, never a crash', () => {
    const file = path.join(dir, 'fig.svg');
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        writeFileSync(file, damaged(edits));
        const image = readImage(file);
        if (typeof image === 'string') {
          expect(image).toMatch(/: .*fig\.svg$/);
          return;
        }
        if (image.type !== 'svg') return;
        const doc = new PDFDocument({ autoFirstPage: false });
        doc.addPage();
        const shapes = svgShapes(image);
        drawSvg(doc, { kind: 'svg', x: 10, y: 10, w: 100, h: (100 / image.width) * image.height, scale: 100 / image.width, paths: shapes.paths });
        for (const t of shapes.texts) expect([t.x, t.y, t.size, ...t.matrix].every(Number.isFinite)).toBe(true);
        doc.end();
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});
