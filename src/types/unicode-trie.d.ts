/** Types of the `unicode-trie` package, which ships none. */
declare module 'unicode-trie/index.js' {
  /** A table of values by code point (fontkit's, linebreak's and unicode-properties' dependency). */
  class UnicodeTrie {
    constructor(data: Uint8Array);
    get(codePoint: number): number;
  }
  export = UnicodeTrie;
}
