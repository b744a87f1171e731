/**
 * What fontkit and the Unicode tables of linebreak and unicode-properties ask of the
 * `tiny-inflate` package (raw deflate into a buffer of the expected size), done by Node's own
 * zlib. The bundle (rolldown.config.mjs) uses this in place of the package: those tables are
 * unpacked at every start, and the package's JavaScript inflater took ~15 ms of it. CommonJS,
 * as the package is (unicode-trie `require`s it).
 */
import { inflateRawSync } from 'node:zlib';

/** Unpacks raw-deflated `source` into `dest`; returns `dest`, or its filled part when shorter. */
function inflate(source: Uint8Array, dest: Uint8Array): Uint8Array {
  const out = inflateRawSync(source);
  dest.set(out.subarray(0, dest.length));
  return out.length < dest.length ? dest.slice(0, out.length) : dest;
}

export = inflate;
