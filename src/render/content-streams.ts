/**
 * Page content streams collected and deflated by us rather than by pdfkit, so a watch session
 * can keep them: after a one-paragraph edit most pages draw exactly what they drew before, and
 * deflating every page again was a sixth of a rebuild. The operators are kept as the strings
 * they are written as (pdfkit turns each into bytes one character at a time, and we turned
 * them back into a string for the cache's key). Same bytes as pdfkit's own compression.
 */
import { deflateSync } from 'node:zlib';

/** Deflated streams by their uncompressed content (latin1). */
export type ContentCache = Map<string, Buffer>;

/** The parts of a pdfkit stream reference used here (pdfkit 0.17–0.20). */
interface StreamRef {
  compress: boolean;
  data: Record<string, unknown>;
  buffer: Uint8Array[];
  write(chunk: string | Uint8Array): void;
  finalize(): void;
}

/** A page's content stream as it is being written (see `deflateThrough`). */
export interface PageContent {
  /** What has been written into it so far (latin1), pdfkit's start of the page included. */
  written(): string;
  /** Makes `content` the whole stream (what an earlier build wrote for the same page): what is written into it from now on is left out. */
  writeAs(content: string): void;
}

/**
 * Makes `ref` deflate its content through `cache` when pdfkit finalizes it; records the key in
 * `used` so the caller can drop what this build did not draw.
 */
export function deflateThrough(ref: StreamRef, cache: ContentCache, used: Set<string>): PageContent {
  ref.compress = false;
  ref.data.Filter = 'FlateDecode';
  // what pdfkit wrote before (a new page's transform), then the rest
  let parts = ref.buffer.map((bytes) => Buffer.from(bytes).toString('latin1'));
  let kept: string | undefined;
  // as pdfkit's write: a string is an operator line (a newline follows), bytes are bytes
  ref.write = (chunk) => {
    if (kept === undefined) parts.push(typeof chunk === 'string' ? `${chunk}\n` : Buffer.from(chunk).toString('latin1'));
  };
  const written = () => kept ?? (parts = [parts.join('')])[0];
  const finalize = ref.finalize.bind(ref);
  ref.finalize = () => {
    const content = written();
    if (content) ref.buffer = [deflateCached(content, cache, used)];
    finalize();
  };
  return { written, writeAs: (content) => void (kept = content) };
}

/** `content` (latin1) deflated, from `cache` when there, else put there; its key recorded in `used`. */
export function deflateCached(content: string, cache: ContentCache, used: Set<string>): Buffer {
  let deflated = cache.get(content);
  if (!deflated) cache.set(content, (deflated = deflateSync(Buffer.from(content, 'latin1'))));
  used.add(content);
  return deflated;
}
