/** SHA-256 digests, as lower-case hex: content keys, file identities, an archive's manifest. */
import { createHash } from 'node:crypto';

/** The SHA-256 of `data` (a string is hashed as UTF-8, or as `encoding` says), hex. */
export function sha256(data: string | Uint8Array, encoding: BufferEncoding = 'utf8'): string {
  const hash = createHash('sha256');
  return (typeof data === 'string' ? hash.update(data, encoding) : hash.update(data)).digest('hex');
}
