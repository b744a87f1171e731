/**
 * The caches one build hands to the next (watch): each keeps only what the last build used,
 * so a session's memory stays one build's however long it edits.
 */

/** Drops from `cache` every entry whose key is not in `used`. */
export function keepOnly(cache: Map<string, unknown>, used: Set<string>): void {
  for (const key of cache.keys()) if (!used.has(key)) cache.delete(key);
}
