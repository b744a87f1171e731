/**
 * Images named by the content: inside the project (no `../../etc/passwd`), a regular file of a
 * bounded size, and a PNG or JPEG by their first bytes, or else an SVG (XML from its first
 * character), whatever their name says, checked whole (see png-check.ts, jpeg-check.ts,
 * svg-check.ts) so that the layout and PDF writer never meet one they cannot draw.
 * The bytes checked are the bytes embedded: the file is read once.
 */
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { bytesInWords, readRegularFile, RefusedFile, type Refusal } from '../input-file.js';
import { closest } from './did-you-mean.js';
import type { CarriedProfile } from './icc-profile.js';
import type { ImageSize } from './image-size.js';
import { checkJpeg } from './jpeg-check.js';
import { checkPng } from './png-check.js';
import { checkSvg, type CheckedSvg } from './svg-check.js';
import { svgShapes, type SvgPath } from '../render/svg-shapes.js';
import { dashCount, MAX_SVG_DASHES } from '../render/svg-dashes.js';
import { looksUtf16, svgEncodingProblem } from './svg-encoding.js';

/** Largest image file accepted, bytes (checked before it is read). */
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

/** An image checked to be one the PDF can draw. */
export type CheckedImage = CheckedRaster | CheckedVector;

/** A PNG or JPEG the PDF can embed; its size is as shown (a JPEG turned by its Exif orientation), pixels; the ICC profile it carries, or why that is ignored. */
export interface CheckedRaster extends ImageSize, CarriedProfile {
  type: 'png' | 'jpeg';
  /** The file's bytes, as checked: what the PDF embeds. */
  data: Buffer;
  /** A JPEG of four colour components (CMYK), drawn in DeviceCMYK: not in a PDF/A whose output intent is sRGB (see render/pdfa-images.ts) unless it carries its profile. */
  cmyk?: boolean;
}

/** An SVG the PDF draws as vectors; its natural size (width, height) in pt. */
export interface CheckedVector extends CheckedSvg {
  type: 'svg';
}

/**
 * The image, checked, or why it cannot be used. `file`: its absolute path; `shownAs`: the path
 * as the user wrote it, for messages; `baseDir`: the YAML file's folder, where it may be as well
 * as in the project (none for an image a template names: in the project only).
 */
export function checkImage(file: string, shownAs: string, baseDir?: string): CheckedImage | string {
  const folders = [...(baseDir === undefined ? [] : [baseDir]), process.cwd()];
  const outside = `image outside the project: ${shownAs} (images must be inside ${baseDir === undefined ? '' : 'the folder of the YAML file or '}the project)`;
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    // Outside by its name is said before whether it exists: the answer does not depend on, or tell, what is there.
    if (!insideAny(path.resolve(file), [...folders.map((f) => path.resolve(f)), ...folders.map((f) => realpathSync(f))])) return outside;
    const fromYaml = baseDir === undefined ? undefined : pathFromProject(shownAs, baseDir);
    if (fromYaml) return `image not found: ${shownAs} (an image's path is from the folder of the YAML file, ${path.relative(process.cwd(), baseDir ?? '') || '.'}: did you mean ${fromYaml}?)`;
    const near = nearestName(file);
    return `image not found: ${shownAs}${near ? ` (did you mean ${path.join(path.dirname(shownAs), near)}?)` : ''}`;
  }
  if (!insideAny(real, folders.map((f) => realpathSync(f)))) return outside;
  return readImage(real, shownAs);
}

/**
 * The path from `baseDir` (the YAML file's folder) of an image written from the project folder
 * instead (`content/images/a.svg` in `content/report.yaml`), when it is there, inside the
 * project; else undefined.
 */
function pathFromProject(written: string, baseDir: string): string | undefined {
  if (path.isAbsolute(written)) return undefined;
  const project = process.cwd();
  const there = path.resolve(project, written);
  if (there === path.resolve(baseDir, written) || !insideAny(there, [project]) || !existsSync(there)) return undefined;
  return path.relative(baseDir, there);
}

/** Whether the absolute path `file` is one of `folders` or inside one. */
function insideAny(file: string, folders: string[]): boolean {
  return folders.some((r) => file === r || file.startsWith(r + path.sep));
}

/**
 * The name in `file`'s folder that `file` likely meant: the same but for case (a file made on
 * Windows or macOS, which do not tell `Grad.png` from `grad.png`), else the closest name.
 */
function nearestName(file: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(path.dirname(file));
  } catch {
    return undefined;
  }
  const base = path.basename(file);
  return names.find((n) => n.toLowerCase() === base.toLowerCase()) ?? closest(base, names);
}

/** The image at `file`, checked, or why it cannot be used (`shownAs` names it in messages). */
export function readImage(file: string, shownAs = file): CheckedImage | string {
  const data = readBounded(file);
  if (typeof data === 'string') return `${data}: ${shownAs}`;
  const type = imageType(data);
  if (!type && (looksUtf16(data) || /^(\ufeff)?\s*</.test(data.subarray(0, 64).toString('utf8')))) {
    const encoding = svgEncodingProblem(data);
    if (encoding) return `${encoding}: ${shownAs}`;
    const svg = checkSvg(data);
    if (typeof svg === 'string') return `${svg}: ${shownAs}`;
    const image = { type: 'svg' as const, ...svg };
    const dashes = dashesProblem(svgShapes(image).paths);
    return dashes ? `${dashes}: ${shownAs}` : image;
  }
  if (!type) return `not a PNG, JPEG or SVG image (by its content): ${shownAs}`;
  const size = (type === 'png' ? checkPng : checkJpeg)(data);
  return typeof size === 'string' ? `${size}: ${shownAs}` : { type, ...size, data };
}

/** Why an SVG's dashed strokes cost too much to draw (see render/svg-dashes.ts), or undefined. */
function dashesProblem(paths: readonly SvgPath[]): string | undefined {
  const { count, most } = dashCount(paths);
  if (count <= MAX_SVG_DASHES || !most) return undefined;
  const about = (n: number) => Math.round(n).toLocaleString('en-US');
  return `SVG too complex: its dashed lines make about ${about(count)} dashes (most on line ${most.line} of the SVG, dashed ${most.stroke!.dash.join(' ')}; at most ${about(MAX_SVG_DASHES)} in all): lengthen the dashes (stroke-dasharray), or draw the lines solid`;
}

/** An image's type by its first bytes, as the PDF writer tells them apart. */
export function imageType(data: Buffer): CheckedRaster['type'] | undefined {
  return data.length >= 4 && data.readUInt32BE(0) === 0x89504e47 ? 'png' : data[0] === 0xff && data[1] === 0xd8 ? 'jpeg' : undefined;
}

/** What the user reads when an image file cannot be read (see input-file.ts). */
const REFUSALS: Record<Refusal, string> = {
  missing: 'image not found',
  folder: 'image is a folder, not a file',
  'not-regular': 'image is not a regular file (a pipe or a device)',
  'too-large': `image too large (at most ${bytesInWords(MAX_IMAGE_BYTES)})`,
  unreadable: 'image cannot be read',
  outside: 'image cannot be read',
};

/** The bytes of a regular file no larger than the limit, or why not. */
function readBounded(file: string): Buffer | string {
  try {
    return readRegularFile(file, MAX_IMAGE_BYTES);
  } catch (e) {
    if (e instanceof RefusedFile) return REFUSALS[e.refusal];
    throw e;
  }
}
