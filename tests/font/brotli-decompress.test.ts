/**
 * The bundle unpacks WOFF2 fonts with Node's zlib in place of the `brotli` package fontkit
 * imports (rolldown.config.mjs): both must give the same bytes.
 */
import { randomBytes } from 'node:crypto';
import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the package has no types; it is fontkit's own dependency
import packageDecompress from 'brotli/decompress.js';
import decompress from '../../src/font/brotli-decompress.js';

describe('brotli in the bundle', () => {
  it('unpacks what the brotli package unpacks', () => {
    const text = Buffer.from('字形'.repeat(5000) + 'glyf loca head hhea'.repeat(300));
    for (const data of [text, randomBytes(70_000), Buffer.alloc(0)]) {
      const packed = brotliCompressSync(data);
      const ours = decompress(packed, data.length);
      expect(Buffer.from(ours).equals(data)).toBe(true);
      expect(Buffer.from(ours).equals(Buffer.from(packageDecompress(packed, data.length) as Uint8Array))).toBe(true);
    }
  });
});
