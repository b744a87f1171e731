/**
 * Deflated streams (page contents, ToUnicode CMaps; see render/content-streams.ts) as the build
 * cache stores them: by a SHA-256 of their uncompressed text rather than the text itself (half a
 * megabyte for the 29-page sample). Deflating depends on nothing but the text and zlib (Node's
 * version keys the whole cache).
 */
import { sha256 } from '../sha256.js';
import type { ContentCache } from '../render/content-streams.js';

/** Deflated streams by the SHA-256 (hex) of their text (latin1). */
export type StoredContents = Map<string, Buffer>;

function hashOf(content: string): string {
  return sha256(content, 'latin1');
}

/**
 * A content cache that, for a text it does not hold, looks for its hash among the streams read
 * from disk: one found is taken in (so the render's "keep only what was used" keeps it).
 */
export class ContentsFromDisk extends Map<string, Buffer> implements ContentCache {
  /** The streams taken from disk. */
  private readonly taken = new Set<Buffer>();

  constructor(private readonly stored: StoredContents) {
    super();
  }

  override get(content: string): Buffer | undefined {
    const held = super.get(content);
    if (held || this.stored.size === 0) return held;
    const deflated = this.stored.get(hashOf(content));
    if (deflated) {
      this.set(content, deflated);
      this.taken.add(deflated);
    }
    return deflated;
  }

  /** Whether the streams held are those read from disk, each of them and no other. */
  allFromDisk(): boolean {
    return this.size === this.stored.size && [...this.values()].every((d) => this.taken.has(d));
  }
}

/** The streams of `contents`, by their hashes. */
export function storeContents(contents: ContentCache): StoredContents {
  return new Map([...contents].map(([content, deflated]) => [hashOf(content), deflated]));
}
