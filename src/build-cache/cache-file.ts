/**
 * The build cache file: a first line naming the format, a line of JSON saying who made the
 * cache and from what (see cache-identity.ts) with the length and CRC-32 of the rest, then the
 * entries (a V8 structured clone). Read with one call; a file that is not whole, not this
 * format, or whose entries do not match their CRC is no cache, and so is anything but a regular
 * file (a link is not followed). Written atomically (a temporary file renamed over it, over a
 * link too), so a reader sees the old file or the new, never half of one.
 */
import { lstatSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import type { ProgramCache } from '../render/embedded-face.js';
import { writeFileAtomic } from '../output.js';
import { readRegularFile } from '../input-file.js';
import type { CacheMaker, FileIdentity } from './cache-identity.js';
import { isCacheFileName, isCacheTempName } from './cache-location.js';
import type { StoredContents } from './stored-contents.js';
import type { StoredParagraphs } from './stored-paragraphs.js';

/** The first line of a cache file; the number changes with the layout of what follows. */
const MAGIC = 'imprint build cache 4\n';

/** The header line: who made the cache, what its entries were made from, and the entries' length and CRC-32. */
export interface CacheHeader {
  maker: CacheMaker;
  /** The theme and font files; the entries hold while each is what it was. */
  madeFrom: FileIdentity[];
  /** Length of the entries, bytes, and their CRC-32. */
  bytes: number;
  crc: number;
}

/** The entries of a cache (see BuildCache in pipeline.ts). */
export interface CacheEntries {
  paragraphs: StoredParagraphs;
  contents: StoredContents;
  programs: ProgramCache;
}

/** A cache file read: its header, and its entries still to be decoded (only once the header is found good). */
export interface CacheFile {
  header: CacheHeader;
  entries(): CacheEntries;
}

/** A cache file larger than this is not written (a report of several thousand pages), bytes. */
const MAX_CACHE_FILE_BYTES = 256 * 1024 * 1024;

/** Room for a cache file's first lines (who made it, from which files), bytes: read with its entries. */
const MAX_HEADER_BYTES = 16 * 1024 * 1024;

/** The caches of one folder are pruned, oldest first, down to this many bytes. */
const MAX_CACHE_FOLDER_BYTES = 512 * 1024 * 1024;

/** The cache in `file`; undefined when there is none or it is damaged. */
export function readCacheFile(file: string): CacheFile | undefined {
  let bytes: Buffer;
  try {
    // its own file only: never a link (to a file of the user, or a named pipe that would wait for ever)
    if (!lstatSync(file).isFile()) return undefined;
    bytes = readRegularFile(file, MAX_CACHE_FILE_BYTES + MAX_HEADER_BYTES);
  } catch {
    return undefined;
  }
  if (bytes.length < MAGIC.length || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  const lineEnd = bytes.indexOf(10, MAGIC.length);
  if (lineEnd < 0) return undefined;
  let header: CacheHeader;
  try {
    header = JSON.parse(bytes.toString('utf8', MAGIC.length, lineEnd)) as CacheHeader;
  } catch {
    return undefined;
  }
  const body = bytes.subarray(lineEnd + 1);
  if (!header || typeof header !== 'object' || !header.maker || !Array.isArray(header.madeFrom) || body.length !== header.bytes || crc32(body) !== header.crc) return undefined;
  return { header, entries: () => deserialize(body) as CacheEntries };
}

/** Writes a cache file atomically and returns its length, bytes; 0 for a cache too large to keep (not written). Throws `OutputError` when the file system refuses. */
export function writeCacheFile(file: string, maker: CacheMaker, madeFrom: FileIdentity[], entries: CacheEntries): number {
  const body = serialize(entries);
  if (body.length > MAX_CACHE_FILE_BYTES) return 0;
  const header: CacheHeader = { maker, madeFrom, bytes: body.length, crc: crc32(body) };
  const head = Buffer.from(MAGIC + JSON.stringify(header) + '\n', 'utf8');
  writeFileAtomic(file, [head, body], { replaceLink: true }); // (its own file: a link there is replaced, never followed)
  return head.length + body.length;
}

/**
 * Removes the temporary files of `folder` whose writer has gone (a watch stopped while it saved),
 * then the oldest cache files until the rest fit `MAX_CACHE_FOLDER_BYTES`.
 */
export function pruneCacheFolder(folder: string): void {
  try {
    for (const name of readdirSync(folder).filter((n) => isCacheTempName(n) && !writerRuns(n))) rmSync(path.join(folder, name), { force: true });
    const files = readdirSync(folder).filter(isCacheFileName).map((name) => {
      const file = path.join(folder, name);
      const s = statSync(file);
      return { file, size: s.size, time: s.mtimeMs };
    });
    let total = files.reduce((sum, f) => sum + f.size, 0);
    for (const f of files.sort((a, b) => a.time - b.time)) {
      if (total <= MAX_CACHE_FOLDER_BYTES) break;
      rmSync(f.file, { force: true });
      total -= f.size;
    }
  } catch {
    // a cache folder that cannot be read or pruned is left as it is
  }
}

/** Whether the process whose id a temporary file's name holds (see `tempPathFor`) still runs. */
function writerRuns(tempName: string): boolean {
  const pid = Number(/\.(\d+)\.tmp$/.exec(tempName)?.[1]);
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // another user's process: it runs
  }
}
