/**
 * PNG row filters (None, Sub, Up, Average, Paeth) undone: what decoding a PNG's rows begins
 * with, for the content's check of a palette PNG's indexes and for the renderers' pixels.
 */

/**
 * Undoes the filters of `rows` rows of `rowBytes` bytes (each after its filter byte) from
 * `start` of `data`, in place. Filters work on bytes, a pixel (at least one byte) to the left;
 * the first row has none above (Up adds nothing, Average half the left, Paeth the left).
 */
export function unfilter(data: Buffer, start: number, rows: number, rowBytes: number, bitsPerPixel: number): void {
  const left = Math.max(1, bitsPerPixel >> 3);
  const up = rowBytes + 1; // from a byte to the one above it
  for (let r = 0; r < rows; r++) {
    const line = start + r * up + 1;
    const end = line + rowBytes;
    const first = Math.min(line + left, end); // the first byte with one a pixel to its left
    const filter = data[line - 1];
    if (filter === 0 || (filter === 2 && r === 0)) continue;
    if (filter === 1 || (filter === 4 && r === 0)) {
      for (let i = first; i < end; i++) data[i] += data[i - left];
    } else if (filter === 3 && r === 0) {
      for (let i = first; i < end; i++) data[i] += data[i - left] >> 1;
    } else if (filter === 2) {
      for (let i = line; i < end; i++) data[i] += data[i - up];
    } else if (filter === 3) {
      for (let i = line; i < first; i++) data[i] += data[i - up] >> 1;
      for (let i = first; i < end; i++) data[i] += (data[i - left] + data[i - up]) >> 1;
    } else if (filter === 4) {
      for (let i = line; i < first; i++) data[i] += data[i - up]; // Paeth of (0, b, 0) is b
      for (let i = first; i < end; i++) {
        const a = data[i - left];
        const b = data[i - up];
        const c = data[i - up - left];
        // |p - a|, |p - b|, |p - c| for p = a + b - c
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - c - c);
        data[i] += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
    }
  }
}
