/**
 * The bundle unpacks with Node's zlib in place of two packages fontkit and the Unicode tables
 * import (rolldown.config.mjs): `brotli` (WOFF2 fonts) and `tiny-inflate` (WOFF fonts, the
 * line-break and Unicode property tables). Each stand-in must give the package's bytes.
 */
import { randomBytes } from 'node:crypto';
import { brotliCompressSync, deflateRawSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the package has no types; it is fontkit's own dependency
import packageBrotli from 'brotli/decompress.js';
// @ts-expect-error: the package has no types; it is fontkit's own dependency
import packageInflate from 'tiny-inflate';
// as the bundle takes them: compiled (`npm test` runs `npm run prepare` first)
import brotli from '../../dist/font/brotli-decompress.js';
import inflate from '../../dist/font/tiny-inflate.cjs';

const samples = [Buffer.from('字形'.repeat(5000) + 'glyf loca head hhea'.repeat(300)), randomBytes(70_000), Buffer.alloc(0)];
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe("zlib in the bundle's place of JavaScript unpackers", () => {
  it('brotli: unpacks what the brotli package unpacks', () => {
    for (const data of samples) {
      const packed = brotliCompressSync(data);
      expect(same(brotli(packed, data.length), data)).toBe(true);
      expect(same(brotli(packed, data.length), packageBrotli(packed, data.length) as Uint8Array)).toBe(true);
    }
  });

  it('inflate: fills the buffer given as tiny-inflate does, also when it is too long', () => {
    for (const data of samples) {
      const packed = deflateRawSync(data);
      for (const room of [data.length, data.length + 10]) {
        const ours = inflate(packed, new Uint8Array(room));
        expect(same(ours, data)).toBe(true);
        expect(same(ours, packageInflate(packed, new Uint8Array(room)) as Uint8Array)).toBe(true);
      }
      // as fontkit hands a WOFF table over: a zlib stream without its 2-byte header (its Adler-32 trailer left on)
      const woff = deflateSync(data).subarray(2);
      expect(same(inflate(woff, new Uint8Array(data.length)), data)).toBe(true);
    }
  });
});
