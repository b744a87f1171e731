/**
 * Images named by the content: inside the project (no `../../etc/passwd`), a regular file of a
 * bounded size, and a PNG or JPEG by their first bytes, whatever their name says, checked whole
 * (see png-check.ts, jpeg-check.ts) so that the PDF writer never meets one it cannot embed.
 * The bytes checked are the bytes embedded: the file is read once.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { ImageSize } from './image-size.js';
import { checkJpeg } from './jpeg-check.js';
import { checkPng } from './png-check.js';

/** Largest image file accepted, bytes (checked before it is read). */
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

/** An image checked to be one the PDF can embed; its size is as shown (a JPEG turned by its Exif orientation). */
export interface CheckedImage extends ImageSize {
  type: 'png' | 'jpeg';
  /** The file's bytes, as checked: what the PDF embeds. */
  data: Buffer;
}

/**
 * The image, checked, or why it cannot be used. `file`: its absolute path; `shownAs`: the path
 * as the user wrote it, for messages; `baseDir`: the YAML file's folder.
 */
export function checkImage(file: string, shownAs: string, baseDir: string): CheckedImage | string {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return `image not found: ${shownAs}`;
  }
  const roots = [realpathSync(baseDir), realpathSync(process.cwd())];
  if (!roots.some((r) => real === r || real.startsWith(r + path.sep)))
    return `image outside the project: ${shownAs} (images must be inside the folder of the YAML file or the project)`;
  return readImage(real, shownAs);
}

/** The image at `file`, checked, or why it cannot be used (`shownAs` names it in messages). */
export function readImage(file: string, shownAs = file): CheckedImage | string {
  const data = readBounded(file);
  if (typeof data === 'string') return `${data}: ${shownAs}`;
  // the first bytes, as the PDF writer tells them apart
  const type = data.length >= 4 && data.readUInt32BE(0) === 0x89504e47 ? 'png' : data[0] === 0xff && data[1] === 0xd8 ? 'jpeg' : undefined;
  if (!type) return `not a PNG or JPEG image (by its content): ${shownAs}`;
  const size = (type === 'png' ? checkPng : checkJpeg)(data);
  return typeof size === 'string' ? `${size}: ${shownAs}` : { type, ...size, data };
}

/**
 * The bytes of a regular file no larger than the limit, or why not. Checked before it is opened
 * (a pipe would block, a device might never end) and again on what was opened.
 */
function readBounded(file: string): Buffer | string {
  let fd: number;
  try {
    const refused = fileProblem(statSync(file));
    if (refused) return refused;
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return (e as { code?: string }).code === 'ENOENT' ? 'image not found' : 'image cannot be read';
  }
  try {
    const stats = fstatSync(fd);
    const refused = fileProblem(stats);
    if (refused) return refused;
    const data = Buffer.alloc(stats.size);
    let length = 0;
    for (let n; length < data.length && (n = readSync(fd, data, length, data.length - length, null)) > 0; ) length += n;
    return data.subarray(0, length);
  } catch {
    return 'image cannot be read';
  } finally {
    closeSync(fd);
  }
}

/** Why the file cannot be an image: not a regular file, or larger than the limit. */
function fileProblem(stats: Stats): string | undefined {
  if (stats.isDirectory()) return 'image is a folder, not a file';
  if (!stats.isFile()) return 'image is not a regular file (a pipe or a device)';
  if (stats.size > MAX_IMAGE_BYTES) return `image too large: ${Math.ceil((stats.size / 1024 / 1024) * 10) / 10} MiB (at most ${MAX_IMAGE_BYTES / 1024 / 1024} MiB)`;
  return undefined;
}
