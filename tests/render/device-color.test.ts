/**
 * Colours as the PDF sets them: a grey (black included) in DeviceGray, black ink alone at the
 * printer; any other colour in RGB (or CMYK where given so); read back from a built PDF's
 * content streams.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { colorOperators, type ColorParser } from '../../src/render/device-color.js';
import { buildReport } from '../../src/pipeline.js';
import { good, newProject, root } from '../helpers/project.js';

const doc = new PDFDocument() as unknown as ColorParser;

/** The colours set in a PDF's content streams (`Gray 0`, `RGB 0.549 0.427 0.275`), each once. */
function colorsSet(pdf: Buffer): Set<string> {
  const text = pdf.toString('latin1');
  const found = new Set<string>();
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, text.indexOf('endstream', start))).toString('latin1');
    } catch {
      continue; // a stream of another filter
    }
    for (const c of content.matchAll(/\/Device(\w+) (?:cs|CS)\n([\d. ]+) (?:scn|SCN)/g)) found.add(`${c[1]} ${c[2]}`);
  }
  return found;
}

describe('colours', () => {
  it('a grey or black in DeviceGray, a colour in RGB or CMYK, fill and stroke', () => {
    expect(colorOperators(doc, '#000000')).toBe('/DeviceGray cs\n0 scn');
    expect(colorOperators(doc, '#444444', true)).toBe('/DeviceGray CS\n0.267 SCN');
    expect(colorOperators(doc, 'black', true)).toBe('/DeviceGray CS\n0 SCN');
    expect(colorOperators(doc, '#8c6d46')).toBe('/DeviceRGB cs\n0.549 0.427 0.275 scn');
    expect(() => colorOperators(doc, 'nocolour')).toThrow(/not a colour/);
  });
  it('a built report sets its black text and rules, and the greys of an SVG, in DeviceGray, never as RGB greys', async () => {
    const p = newProject(good + '      - table: {title: 表, columns: [甲, 乙], rows: [[1, 2]]}\n      - figure: {title: 图, image: chart.svg}\n');
    copyFileSync(path.join(root, 'tests/fixtures/bar-chart.svg'), path.join(p.dir, 'chart.svg'));
    const { pdf } = await buildReport({ input: p.input, projectDir: root, packageDir: root, version: 'test' });
    const colors = colorsSet(pdf);
    expect(colors).toContain('Gray 0');
    // the chart's #333333 and #999999, its #1f5fa8 in RGB
    expect(colors).toContain('Gray 0.2');
    expect(colors).toContain('Gray 0.6');
    expect(colors).toContain('RGB 0.122 0.373 0.659');
    expect([...colors].filter((c) => /^RGB (\S+) \1 \1$/.test(c))).toEqual([]);
  });
});
