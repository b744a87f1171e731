/**
 * Opening a file that a project names (a template, theme, font registry or font): only a
 * regular file (a FIFO is never waited on, a device never read), no larger than a limit checked
 * before reading, and, where asked, whose real path (links followed) lies inside given folders.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';
import { shownFile } from './problems.js';

/** What kept a file from being read. */
export type Refusal = 'missing' | 'folder' | 'not-regular' | 'too-large' | 'unreadable' | 'outside';

/** Why a file was not read: its kind, and words for a message (`not a regular file`, `larger than 1 MiB`). */
export class RefusedFile extends Error {
  constructor(
    readonly refusal: Refusal,
    message: string,
  ) {
    super(message);
  }
}

/** An open file: its descriptor and size, bytes. Close it with `closeSync(fd)`. */
export interface OpenFile {
  fd: number;
  size: number;
}

/**
 * Opens `file` to read. Never waits: opened non-blocking, then refused unless a regular file of
 * at most `maxBytes`. Throws `RefusedFile`.
 */
export function openRegularFile(file: string, maxBytes: number): OpenFile {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RefusedFile('missing', 'no such file');
    if (code === 'EISDIR') throw new RefusedFile('folder', 'not a regular file');
    throw new RefusedFile('unreadable', code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ELOOP' ? 'a link that loops' : 'cannot be opened');
  }
  const stats = fstatSync(fd);
  const refused = refusalOf(stats, maxBytes);
  if (refused) {
    closeSync(fd);
    throw refused;
  }
  return { fd, size: stats.size };
}

/** The bytes of a regular file of at most `maxBytes` (as many as its size says). Throws `RefusedFile`. */
export function readRegularFile(file: string, maxBytes: number): Buffer {
  const { fd, size } = openRegularFile(file, maxBytes);
  try {
    const bytes = Buffer.alloc(size);
    let at = 0;
    for (let n = 1; at < size && n > 0; at += n) n = readSync(fd, bytes, at, size - at, at);
    return bytes.subarray(0, at);
  } catch {
    throw new RefusedFile('unreadable', 'cannot be read');
  } finally {
    closeSync(fd);
  }
}

/** Why a file of these stats is not read (undefined: it may be). */
export function refusalOf(stats: Stats, maxBytes: number): RefusedFile | undefined {
  if (stats.isDirectory()) return new RefusedFile('folder', 'not a regular file');
  if (!stats.isFile()) return new RefusedFile('not-regular', 'not a regular file');
  if (stats.size > maxBytes) return new RefusedFile('too-large', `larger than ${bytesInWords(maxBytes)}`);
  return undefined;
}

/**
 * The real path of `file` (links followed), when it lies inside one of `folders` (compared by
 * their real paths; a folder that does not exist holds nothing). Throws `RefusedFile`. Real
 * paths are the C library's (`realpath(3)`): Node's own, in JavaScript, looks up each folder of
 * the path in turn, twice as long, and a build asks this for every template file it reads.
 */
export function realPathInside(file: string, folders: readonly string[]): string {
  let real: string;
  try {
    real = realpathSync.native(file);
  } catch {
    throw new RefusedFile('missing', 'no such file');
  }
  if (!folders.some((f) => isInside(real, realPathOr(f)))) throw new RefusedFile('outside', `its real path ${shownFile(real)} is outside ${folders.map((f) => `${shownFile(f)}/`).join(' and ')}`);
  return real;
}

/** Whether `file` lies inside `folder` (both absolute, normalised). */
export function isInside(file: string, folder: string | undefined): boolean {
  return folder !== undefined && file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}

/** The real path of a folder, or undefined when there is none. */
function realPathOr(folder: string): string | undefined {
  try {
    return realpathSync.native(folder);
  } catch {
    return undefined;
  }
}

/** `1 MiB`, `64 MiB`, `512 KiB`. */
export function bytesInWords(n: number): string {
  return n >= 1024 * 1024 ? `${n / 1024 / 1024} MiB` : `${n / 1024} KiB`;
}
