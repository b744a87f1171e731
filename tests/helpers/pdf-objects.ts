/**
 * A PDF's objects read from its raw bytes, as pdfkit writes them (each `N 0 obj`, its dictionary
 * a key a line, its stream after it): enough to read an image's dictionary and its colour
 * space's stream. Not a PDF parser: pdfkit's own output only.
 */
import { inflateSync } from 'node:zlib';

/** An object: its dictionary's text (between `<<` and `>>`) and its stream, inflated when it is deflated. */
export interface PdfObject {
  dict: string;
  stream?: Buffer;
}

/** The objects of a PDF that pdfkit wrote, by number (those that are not dictionaries left out). */
export function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  for (const m of text.matchAll(/\n(\d+) 0 obj\n<<\n([\s\S]*?)\n>>\n(stream\n)?/g)) {
    const dict = m[2];
    if (!m[3]) {
      objects.set(Number(m[1]), { dict });
      continue;
    }
    const start = m.index + m[0].length;
    const raw = pdf.subarray(start, start + Number(/\/Length (\d+)/.exec(dict)![1]));
    objects.set(Number(m[1]), { dict, stream: /\/Filter \/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
  }
  return objects;
}

/** The image XObjects of a PDF, by number. */
export function pdfImages(objects: Map<number, PdfObject>): Map<number, PdfObject> {
  return new Map([...objects].filter(([, o]) => o.dict.includes('/Subtype /Image')));
}

/** The value of `key` in a dictionary's text, as written (`/DeviceRGB`, `[/ICCBased 7 0 R]`, `12 0 R`). */
export function dictValue(dict: string, key: string): string | undefined {
  return new RegExp(`^/${key} (.*)$`, 'm').exec(dict)?.[1];
}
