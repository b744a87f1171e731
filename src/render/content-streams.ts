/**
 * Page content streams deflated by us rather than by pdfkit, so a watch session can keep them:
 * after a one-paragraph edit most pages draw exactly what they drew before, and deflating
 * every page again was a sixth of a rebuild. Same bytes as pdfkit's own compression.
 */
import { deflateSync } from 'node:zlib';

/** Deflated streams by their uncompressed content (latin1). */
export type ContentCache = Map<string, Buffer>;

/** The parts of a pdfkit stream reference used here (pdfkit 0.17–0.20). */
interface StreamRef {
  compress: boolean;
  data: Record<string, unknown>;
  buffer: Uint8Array[];
  finalize(): void;
}

/**
 * Makes `ref` deflate its content through `cache` when pdfkit finalizes it; records the key in
 * `used` so the caller can drop what this build did not draw.
 */
export function deflateThrough(ref: StreamRef, cache: ContentCache, used: Set<string>): void {
  ref.compress = false;
  ref.data.Filter = 'FlateDecode';
  const finalize = ref.finalize.bind(ref);
  ref.finalize = () => {
    if (ref.buffer.length) {
      const raw = Buffer.concat(ref.buffer);
      const key = raw.toString('latin1');
      let deflated = cache.get(key);
      if (!deflated) cache.set(key, (deflated = deflateSync(raw)));
      used.add(key);
      ref.buffer = [deflated];
    }
    finalize();
  };
}
