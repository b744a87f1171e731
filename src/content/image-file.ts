/**
 * Images named by the content: inside the project (no `../../etc/passwd`), present, and a PNG or
 * JPEG by their first bytes, whatever their name says.
 */
import { openSync, readSync, closeSync, realpathSync } from 'node:fs';
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
  const head = Buffer.alloc(8);
  const fd = openSync(real, 'r');
  try {
    readSync(fd, head, 0, 8, 0);
  } finally {
    closeSync(fd);
  }
  const png = head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
  return png || jpeg ? undefined : `not a PNG or JPEG image (by its content): ${file}`;
}
