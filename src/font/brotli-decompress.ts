/**
 * What fontkit asks of the `brotli` package (`brotli/decompress.js`: unpacking a WOFF2 font),
 * done by Node's own zlib. The bundle (rolldown.config.mjs) uses this in place of the package,
 * whose decoder carries its 122 KB dictionary as a number literal evaluated at every start.
 */
import { brotliDecompressSync } from 'node:zlib';

/** The bytes of brotli-compressed `buffer`; `size`, the size fontkit expects, is not needed. */
export default function decompress(buffer: Uint8Array, size?: number): Uint8Array {
  void size;
  return new Uint8Array(brotliDecompressSync(buffer));
}
