/**
 * Images named by the content: inside the project (no `../../etc/passwd`), present, and a PNG or
 * JPEG by their first bytes, whatever their name says; their size in pixels from the header.
 */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** A reason the image cannot be used, or undefined when it can. `baseDir`: the YAML file's folder. */
export function checkImage(file: string, baseDir: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return `image not found: ${file}`;
  }
  const roots = [realpathSync(baseDir), realpathSync(process.cwd())];
  if (!roots.some((r) => real === r || real.startsWith(r + path.sep)))
    return `image outside the project: ${file} (images must be inside the folder of the YAML file or the project)`;
  const info = readImageInfo(real);
  return typeof info === 'string' ? info.replace(real, file) : undefined;
}

export interface ImageInfo {
  type: 'png' | 'jpeg';
  /** Pixels. */
  width: number;
  height: number;
}

/** The image's type and size, or a reason it cannot be used. */
export function readImageInfo(file: string): ImageInfo | string {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return `image not found: ${file}`;
  }
  if (data.length > 24 && data.readUInt32BE(0) === 0x89504e47) {
    return { type: 'png', width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  }
  if (data.length > 4 && data[0] === 0xff && data[1] === 0xd8) {
    let pos = 2;
    while (pos + 9 < data.length) {
      if (data[pos] !== 0xff) return `damaged JPEG: ${file}`;
      const marker = data[pos + 1];
      const length = data.readUInt16BE(pos + 2);
      // SOF0–SOF15 except DHT (C4), JPG (C8), DAC (CC) carry the frame size
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { type: 'jpeg', height: data.readUInt16BE(pos + 5), width: data.readUInt16BE(pos + 7) };
      }
      pos += 2 + length;
    }
    return `damaged JPEG: ${file}`;
  }
  return `not a PNG or JPEG image (by its content): ${file}`;
}
