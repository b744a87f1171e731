/**
 * The `unicode-trie` package's table, unpacked when it is first read. fontkit makes the tables of
 * its Arabic, Indic and Universal shapers as it loads, and unicode-properties and linebreak
 * theirs: five unpacked at every start, of which the sample report reads one. The bundle
 * (rolldown.config.mjs) uses this in place of the package; what the tables' users ask of one is
 * `get(codePoint)`. CommonJS, as the package is.
 */
// (the package's file, not its name: the bundle gives the name to this file)
import UnicodeTrie = require('unicode-trie/index.js');

/**
 * A table of values by code point, packed (the package's binary form) until its first `get`,
 * which unpacks it into the fields the package's table has (`data`, `highStart`, `errorValue`)
 * and takes the package's own `get` for every later one: a table read for each character costs
 * no more than the package's.
 */
class LazyUnicodeTrie {
  constructor(private packed: Uint8Array | undefined) {}

  get(codePoint: number): number {
    Object.assign(this, new UnicodeTrie(this.packed!), { packed: undefined, get: UnicodeTrie.prototype.get });
    return this.get(codePoint);
  }
}

export = LazyUnicodeTrie;
