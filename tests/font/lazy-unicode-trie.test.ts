/**
 * The bundle's stand-in for the `unicode-trie` package (rolldown.config.mjs): a table unpacked on
 * its first read, not when made (fontkit makes three at every start that a Chinese report never
 * reads), giving the package's value for every code point.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the package has no types; it is fontkit's own dependency
import UnicodeTrieBuilder from 'unicode-trie/builder.js';
import UnicodeTrie from 'unicode-trie/index.js';
// as the bundle takes it: compiled (`npm test` runs `npm run prepare` first)
import LazyUnicodeTrie from '../../dist/font/lazy-unicode-trie.cjs';

/** A packed table with values in ranges and at single code points across the planes. */
function packedTable(): Uint8Array {
  const builder = new UnicodeTrieBuilder(7, 99);
  builder.setRange(0x4e00, 0x9fff, 3, true);
  builder.setRange(0x20000, 0x2a6df, 5, true);
  for (let cp = 0, k = 1; cp < 0x110000; cp += 977, k++) builder.set(cp, k % 64);
  return builder.toBuffer();
}

describe('the Unicode table unpacked when first read', () => {
  it('gives the package\'s value for every code point, and for those out of range', () => {
    const packed = packedTable();
    const ours = new LazyUnicodeTrie(packed);
    const theirs = new UnicodeTrie(packed);
    const differ: number[] = [];
    for (let cp = -1; cp <= 0x110000; cp++) if (ours.get(cp) !== theirs.get(cp)) differ.push(cp);
    expect(differ).toEqual([]);
    expect(ours.get(0x4e2d)).toBe(3);
  });

  it('unpacks nothing until read', () => {
    const damaged = new Uint8Array(16).fill(0xff); // no table: unpacking it throws
    const table = new LazyUnicodeTrie(damaged);
    expect(() => table.get(0x41)).toThrow();
  });
});
