/**
 * Opening a file that a project names (a template, theme, font registry or font): only a
 * regular file (a FIFO is never waited on, a device never read), no larger than a limit checked
 * before reading, and, where asked, whose real path (links followed) lies inside given folders.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';

/** Why a file was not read, in words for a message (`not a regular file`, `larger than 1 MiB`). */
export class RefusedFile extends Error {}

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
    throw new RefusedFile((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be opened');
  }
  const stats = fstatSync(fd);
  const refused = refusal(stats, maxBytes);
  if (refused) {
    closeSync(fd);
    throw new RefusedFile(refused);
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
    throw new RefusedFile('cannot be read');
  } finally {
    closeSync(fd);
  }
}

/** Why a file of these stats is not read (undefined: it may be). */
export function refusal(stats: Stats, maxBytes: number): string | undefined {
  if (!stats.isFile()) return 'not a regular file';
  if (stats.size > maxBytes) return `larger than ${bytesInWords(maxBytes)}`;
  return undefined;
}

/**
 * The real path of `file` (links followed), when it lies inside one of `folders` (compared by
 * their real paths; a folder that does not exist holds nothing). Throws `RefusedFile`.
 */
export function realPathInside(file: string, folders: readonly string[]): string {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    throw new RefusedFile('no such file');
  }
  if (!folders.some((f) => isInside(real, realPathOr(f)))) throw new RefusedFile(`its real path ${real} is outside ${folders.join(' and ')}`);
  return real;
}

/** Whether `file` lies inside `folder` (both absolute, normalised). */
export function isInside(file: string, folder: string | undefined): boolean {
  return folder !== undefined && file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}

/** The real path of a folder, or undefined when there is none. */
function realPathOr(folder: string): string | undefined {
  try {
    return realpathSync(folder);
  } catch {
    return undefined;
  }
}

/** `1 MiB`, `64 MiB`, `512 KiB`. */
function bytesInWords(n: number): string {
  return n >= 1024 * 1024 ? `${n / 1024 / 1024} MiB` : `${n / 1024} KiB`;
}
