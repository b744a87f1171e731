/**
 * What stands at a path, as the commands that write or remove files ask it before they touch
 * anything: nothing, a regular file, a folder or something else (a device, a pipe, a socket),
 * following links; whether the path itself is a symbolic link, and one that leads nowhere; and what a regular file starts
 * with (is it a PDF, a PNG?), read without reading the rest.
 */
import { closeSync, lstatSync, openSync, readlinkSync, readSync, statSync } from 'node:fs';
import path from 'node:path';

/** What stands at a path (following links). */
export function kindOf(file: string): 'absent' | 'file' | 'folder' | 'other' {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    // a link to nothing, or a path through a file: nothing there (a write there makes a new file, or fails)
    return 'absent';
  }
  return stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
}

/** Whether `file` is itself a symbolic link (to anything, or to nothing). */
export function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * What a path that leads nowhere is, in words (`is a link that loops`, `is a link to
 * ../x.pdf, which does not exist`), or undefined: nothing there, or a path that leads to
 * something (a link followed to it, or no link).
 */
export function brokenLink(file: string): string | undefined {
  try {
    statSync(file);
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // (not a path through a folder that loops: that one's own link is the one that loops)
    if (!isLink(file)) return undefined;
    return code === 'ELOOP' ? 'is a link that loops' : code === 'ENOENT' ? `is a link to ${missingEnd(file)}, which does not exist` : undefined;
  }
}

/**
 * What stands at `file` when it is no folder, in words for a message after its name (`is a link
 * that loops`, `is a link to ../x, which does not exist`, `is a file, not a folder`, `does not
 * exist`); undefined for a folder (or a link to one).
 */
export function notAFolder(file: string): string | undefined {
  const kind = kindOf(file);
  if (kind === 'folder') return undefined;
  return brokenLink(file) ?? (kind === 'absent' ? 'does not exist' : kind === 'file' ? 'is a file, not a folder' : 'is not a folder (a device, pipe or socket)');
}

/** Where a chain of links that ends nowhere ends: the first path along it that is no link (as its link writes it). */
function missingEnd(link: string): string {
  let written = readlinkSync(link);
  let at = path.resolve(path.dirname(link), written);
  for (let hops = 0; hops < 40 && isLink(at); hops++) {
    written = readlinkSync(at);
    at = path.resolve(path.dirname(at), written);
  }
  return written;
}

/** The first `count` bytes of a regular file (all of it when shorter). */
export function headOf(file: string, count: number): Buffer {
  const bytes = Buffer.alloc(count);
  const fd = openSync(file, 'r');
  try {
    return bytes.subarray(0, readSync(fd, bytes, 0, count, 0));
  } finally {
    closeSync(fd);
  }
}

/** Whether a regular file is empty or starts with one of `signatures` (a file's kind by its first bytes). */
export function emptyOrStartsWith(file: string, signature: Buffer, ...others: Buffer[]): boolean {
  const signatures = [signature, ...others];
  const head = headOf(file, Math.max(...signatures.map((s) => s.length)));
  return head.length === 0 || signatures.some((s) => head.subarray(0, s.length).equals(s));
}

/** The first bytes of every PDF (`%PDF-`). */
export const PDF_SIGNATURE = Buffer.from('%PDF-', 'latin1');
/** The first bytes of every PNG. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The first bytes of every JPEG (a start-of-image marker). */
export const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8]);

/** Kinds of file a text file (a report, theme, registry, template) is not, by their first bytes, and what to say of one given as one. */
const NOT_TEXT: { signature: Buffer; said: string }[] = [
  { signature: Buffer.from('PK\x03\x04', 'latin1'), said: 'a Word file (.docx) or another ZIP archive, not text (`imprint import` turns a Word draft into a report)' },
  { signature: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), said: 'an old Word (.doc) or Excel file, not text (a draft saved as .docx in Word or WPS, `imprint import` turns into a report)' },
  { signature: PDF_SIGNATURE, said: 'a PDF, not text' },
  { signature: PNG_SIGNATURE, said: 'a PNG image, not text' },
  { signature: JPEG_SIGNATURE, said: 'a JPEG image, not text' },
  { signature: Buffer.from([0xff, 0xfe, 0, 0]), said: 'saved as UTF-32: save it as UTF-8' },
  { signature: Buffer.from([0, 0, 0xfe, 0xff]), said: 'saved as UTF-32: save it as UTF-8' },
  { signature: Buffer.from([0xff, 0xfe]), said: 'saved as UTF-16: save it as UTF-8' },
  { signature: Buffer.from([0xfe, 0xff]), said: 'saved as UTF-16: save it as UTF-8' },
];

/**
 * What to say of `bytes` given as a text file when they are another kind of file (a .docx, a PDF,
 * an image, UTF-16 or UTF-32), by their first bytes; UTF-16 without its byte order mark by its
 * first two characters, each a byte and a zero (no UTF-8 text begins so).
 */
export function notTextKind(bytes: Uint8Array): string | undefined {
  const kind = NOT_TEXT.find(({ signature }) => bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b))?.said;
  if (kind || bytes.length < 4) return kind;
  const [a, b, c, d] = bytes;
  const utf16 = (a !== 0 && b === 0 && c !== 0 && d === 0) || (a === 0 && b !== 0 && c === 0 && d !== 0);
  return utf16 ? 'saved as UTF-16 (without its byte order mark): save it as UTF-8' : undefined;
}
