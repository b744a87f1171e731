/**
 * pdfkit's output collected as it writes it and joined once, when the document ends. pdfkit
 * turns every line it writes (an object's number, its dictionary, `endobj`, each line of the
 * cross-reference table) into bytes one character at a time and pushes each through a Node
 * stream: thousands of small writes for a report. Here its lines stay strings, one after
 * another, made bytes together. The same bytes and the same offsets (pdfkit's binary strings
 * hold one byte a character; latin1 keeps the low byte of any other, as pdfkit does). The parts
 * are not joined: a file takes them as they are (joining them into one new buffer of the PDF's
 * size touched that much fresh memory, 1–2 ms of a watch rebuild on this machine).
 */

/** The parts of pdfkit's document this uses (pdfkit 0.17–0.20). */
export interface PdfkitOutput {
  /** Writes bytes, or anything else as the text of a line (a newline follows), and counts them in `_offset`. */
  _write(data: unknown): void;
  /** Bytes written so far: where the next object starts (the cross-reference table's offsets). */
  _offset: number;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (e: Error) => void): unknown;
}

/** A PDF's bytes, in the parts they were made in (one after another, they are the file). */
export type PdfParts = readonly Uint8Array[];

/**
 * The PDF `doc` writes, once it ends: what it wrote before this was called (its header, when
 * called right after it was made), then all it writes from now on.
 */
export function pdfBytesOf(doc: PdfkitOutput): Promise<PdfParts> {
  const before: Uint8Array[] = []; // through pdfkit's stream
  const parts: Uint8Array[] = [];
  let lines = ''; // since the last bytes
  const flush = () => {
    if (lines) parts.push(Buffer.from(lines, 'latin1'));
    lines = '';
  };
  doc._write = (data) => {
    if (data instanceof Uint8Array) {
      flush();
      parts.push(data);
      doc._offset += data.length;
    } else {
      const line = `${String(data)}\n`; // (a number too: pdfkit writes a ref whose data is one)
      lines += line;
      doc._offset += line.length;
    }
  };
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk) => before.push(chunk));
    doc.on('end', () => {
      flush();
      resolve([...before, ...parts]);
    });
    doc.on('error', reject);
  });
}
