/**
 * Per-page note markers where notes go on to the next page's foot: a 读本 of dense notes
 * (tests/fixtures/dense-notes.yaml), where a split note's rest and the notes after it on its page
 * are set at the next page's foot. Read back from the PDF: each marker in the text and the note it
 * links to print the same number, no page's text prints a number twice, and each page's foot reads
 * its notes' numbers in order.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/pipeline.js';
import { readPdf, type PdfItem, type PdfPage } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');
const CIRCLED = /^[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]$/u;

/** The circled numbers on a page that a link covers, with where the link goes. */
function linkedMarkers(page: PdfPage): { marker: PdfItem; dest: string }[] {
  const markers = page.items.flatMap((it) => [...it.str].map((ch, k) => ({ ...it, str: ch, x: it.x + (k * it.size) }))).filter((it) => CIRCLED.test(it.str));
  return page.links.flatMap((l) => {
    const m = markers.find((it) => it.x >= l.x0 - 1 && it.x < l.x1 && it.y >= l.y0 - 1 && it.y <= l.y1 + 1);
    return m && l.dest ? [{ marker: m, dest: l.dest }] : [];
  });
}

describe('per-page note markers where notes go on to the next page', () => {
  it('agree between text and note, no page\'s text prints a number twice, each foot reads in order', async () => {
    const r = await buildReport({ input: path.join(root, 'tests/fixtures/dense-notes.yaml'), projectDir: root, packageDir: root, version: 'test' });
    const { pages } = await readPdf(r.pdf);
    const inText = new Map<string, string>();
    const atNote = new Map<string, string>();
    const problems: string[] = [];
    pages.forEach((page, n) => {
      const links = linkedMarkers(page);
      // a marker in the text links to its note (fn-N), a note's marker back to it (fnref-N)
      const text = links.filter((l) => l.dest.startsWith('fn-'));
      const foot = links.filter((l) => l.dest.startsWith('fnref-')).sort((a, b) => a.marker.y - b.marker.y);
      for (const l of text) inText.set(l.dest.slice(3), l.marker.str);
      for (const l of foot) atNote.set(l.dest.slice(6), l.marker.str);
      const printed = text.map((l) => l.marker.str);
      if (new Set(printed).size !== printed.length) problems.push(`p. ${n + 1}: the text prints ${printed.join('')}`);
      const read = foot.map((l) => l.marker.str.codePointAt(0)!);
      if (read.some((c, i) => i > 0 && c <= read[i - 1])) problems.push(`p. ${n + 1}: the foot reads ${String.fromCodePoint(...read)}`);
    });
    expect(inText.size).toBeGreaterThan(100);
    expect(atNote.size).toBe(inText.size);
    for (const [id, marker] of inText) if (atNote.get(id) !== marker) problems.push(`note ${id}: ${marker} in the text, ${atNote.get(id)} at the foot`);
    expect(problems).toEqual([]);
  }, 60_000);
});
