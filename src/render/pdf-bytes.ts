/**
 * pdfkit's output collected as it writes it and joined once, when the document ends. pdfkit
 * turns every line it writes (an object's number, its dictionary, `endobj`, each line of the
 * cross-reference table) into bytes one character at a time and pushes each through a Node
 * stream: thousands of small writes for a report. Here its lines stay strings, one after
 * another, made bytes together. The same bytes and the same offsets (pdfkit's binary strings
 * hold one byte a character; latin1 keeps the low byte, as pdfkit does).
 */

/** The parts of pdfkit's document this uses (pdfkit 0.17–0.20). */
export interface PdfkitOutput {
  /** Writes a line (a newline follows) or bytes into the file, and counts them in `_offset`. */
  _write(data: string | Uint8Array): void;
  /** Bytes written so far: where the next object starts (the cross-reference table's offsets). */
  _offset: number;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (e: Error) => void): unknown;
}

/** The PDF `doc` writes from now on, after what it has written so far (its header), once it ends. */
export function pdfBytesOf(doc: PdfkitOutput): Promise<Buffer> {
  const before: Uint8Array[] = []; // through pdfkit's stream: what it wrote before this
  const parts: Uint8Array[] = [];
  let lines = ''; // since the last bytes
  doc._write = (data) => {
    if (data instanceof Uint8Array) {
      if (lines) parts.push(Buffer.from(lines, 'latin1'));
      lines = '';
      parts.push(data);
      doc._offset += data.length;
    } else {
      lines += `${data}\n`;
      doc._offset += data.length + 1;
    }
  };
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk) => before.push(chunk));
    doc.on('end', () => {
      if (lines) parts.push(Buffer.from(lines, 'latin1'));
      resolve(Buffer.concat([...before, ...parts]));
    });
    doc.on('error', reject);
  });
}
