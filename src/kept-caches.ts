/**
 * The caches one build hands to the next (watch): each keeps only what the last build used,
 * so a session's memory stays one build's however long it edits.
 */

/** Drops from `cache` every entry whose key is not in `used`. */
export function keepOnly(cache: Map<string, unknown>, used: Set<string>): void {
  for (const key of cache.keys()) if (!used.has(key)) cache.delete(key);
}

/**
 * The results of a pure function, kept from one build to the next: those the last build asked
 * for and those this build asks for. `nextBuild` drops what the build before the last asked
 * and this one has not.
 */
export class KeptResults<K, V> {
  private last = new Map<K, V>();
  private now = new Map<K, V>();

  /** The result for `key`: this build's or the last build's, else `make()`'s. */
  get(key: K, make: () => V): V {
    let value = this.now.get(key);
    if (value === undefined) {
      value = this.last.get(key) ?? make();
      this.now.set(key, value);
    }
    return value;
  }

  /** A build begins: the results of the build that has ended become the last build's. */
  nextBuild(): void {
    if (this.now.size === 0) return; // (a build that asked for nothing leaves the last's)
    this.last = this.now;
    this.now = new Map();
  }
}
