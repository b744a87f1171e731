/**
 * pdfkit's output collected as strings and joined once (render/pdf-bytes.ts): the same bytes as
 * pdfkit's own stream gives, and a cross-reference table whose every offset is where its object
 * begins.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { pdfBytesOf, type PdfkitOutput } from '../../src/render/pdf-bytes.js';

/** A small document with what pdfkit writes as lines and as bytes: pages, a stream of binary data, strings beyond ASCII, an outline. */
function draw(doc: PDFKit.PDFDocument): void {
  for (let page = 0; page < 3; page++) {
    doc.addPage({ size: [200, 300], margin: 0 });
    doc.rect(10, 10 + page, 50, 20).fill('#336699');
    doc.addContent(`BT ET % page ${page} \u00e9\u00ff`);
    doc.outline.addItem(`第 ${page + 1} 页 — é`);
  }
  const data = doc.ref({ Length1: 4 });
  data.end(new Uint8Array([0, 255, 10, 13]) as unknown as Buffer);
  doc.ref({ Type: '第一页', Name: 'é' }).end(); // characters beyond one byte in a dictionary: their low byte, as pdfkit writes them
  doc.ref(7 as unknown as object).end(); // an object that is a number: pdfkit writes it, not a string
}

function newDoc(): PDFKit.PDFDocument {
  const date = new Date(Date.UTC(2025, 0, 2));
  return new PDFDocument({ autoFirstPage: false, compress: true, info: { Title: '教育质量报告', CreationDate: date, ModDate: date, Edition: 3 } as PDFKit.DocumentInfo });
}

/** pdfkit's own output, through its stream. */
function streamed(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
}

describe('pdfBytesOf', () => {
  it('gives the bytes pdfkit writes through its stream', async () => {
    const plain = newDoc();
    const expected = streamed(plain);
    draw(plain);
    plain.end();
    const collected = newDoc();
    const bytes = pdfBytesOf(collected as unknown as PdfkitOutput);
    draw(collected);
    collected.end();
    expect(Buffer.concat(await bytes).equals(await expected)).toBe(true);
  });

  it('writes offsets in the cross-reference table where their objects begin', async () => {
    const doc = newDoc();
    const bytes = pdfBytesOf(doc as unknown as PdfkitOutput);
    draw(doc);
    doc.end();
    const pdf = Buffer.concat(await bytes).toString('latin1');
    const table = pdf.slice(Number(/startxref\n(\d+)/.exec(pdf)![1]));
    const offsets = [...table.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets.length).toBeGreaterThan(10);
    offsets.forEach((offset, i) => expect(pdf.slice(offset, offset + 12)).toMatch(new RegExp(`^${i + 1} 0 obj\n`)));
  });
});
