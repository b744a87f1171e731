/**
 * What a PDF/A-3 built with `--pdfa 3b` carries to be built again (`imprint extract`): every
 * file the build read but the fonts (the content, the template and theme files, the font
 * registries, the images), each embedded under its path in the project, and a manifest that
 * lists them with their role and SHA-256, the font files the PDF's subsets come from (by name
 * and SHA-256: a font is large and licensed, so it is not embedded whole), Imprint's version
 * and the command that builds the same bytes. Imprint's own files (its `official` template,
 * its font registry) are embedded too, marked as Imprint's: the archive holds every byte of
 * source that shaped the document, whatever Imprint is installed later.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FaceSet } from './font/face.js';
import { imageType } from './content/image-file.js';
import type { BuildOptions, BuildResult } from './pipeline.js';
import { InputError } from './problems.js';
import { sha256 } from './sha256.js';
import { shellWord } from './shell-word.js';
import type { Attachment } from './render/pdf.js';
import type { DrawOp } from './page/draw.js';

/** The manifest's attachment name; Imprint's own files are embedded under `IMPRINT_PREFIX` too. */
export const MANIFEST_NAME = '(imprint)/manifest.json';
/** The start of the attachment name of each of Imprint's own files (then its path in Imprint's package). */
export const IMPRINT_PREFIX = '(imprint)/';
/** The manifest's format: a later Imprint that writes another says so here. */
export const MANIFEST_FORMAT = 1;

/** Whose a file is: the project's (the working folder's), or Imprint's own package's. */
export type Origin = 'project' | 'imprint';

/** What a file is to the build. */
export type SourceRole = 'content' | 'template' | 'theme' | 'font-registry' | 'image';

/** One embedded file. */
export interface ManifestFile {
  /** Relative to its origin's folder, `/` between folders. */
  path: string;
  origin: Origin;
  role: SourceRole;
  /** The name of its attachment in the PDF. */
  attachment: string;
  /** Hex. */
  sha256: string;
  bytes: number;
}

/** A font file the PDF's subsets come from (not embedded). */
export interface ManifestFont {
  /** The file's name. */
  name: string;
  /** Relative to its origin's folder; absent for a font outside the project and Imprint. */
  path?: string;
  origin?: Origin;
  sha256: string;
  bytes: number;
}

/** The manifest, embedded as JSON under `MANIFEST_NAME`. */
export interface SourceManifest {
  format: typeof MANIFEST_FORMAT;
  /** Imprint's version. */
  imprint: string;
  /** What was built: the content file (relative to the project), the PDF/A level, the template named by the content. */
  build: { input: string; pdfa: '3b'; template: string };
  /** The command, run in the extracted project, that builds the same PDF. */
  command: string;
  files: ManifestFile[];
  fonts: ManifestFont[];
}

/**
 * The attachments of a PDF/A-3 build: each file `r` read (fonts and folders aside), then the
 * manifest. Throws `InputError` for a file outside both the project and Imprint's package (an
 * archive that could not be extracted as a project).
 */
export function sourceAttachments(o: BuildOptions, r: BuildResult, faces: FaceSet): Attachment[] {
  const where = placeIn(o.projectDir, o.packageDir);
  const fontFiles = new Set(faces.files.map((f) => path.resolve(f)));
  const themes = new Set(r.themeFiles.map((f) => path.resolve(f)));
  const registries = new Set(faces.registry.files.map((f) => path.resolve(f)));
  const roleOf = (file: string): SourceRole =>
    file === path.resolve(r.report.file) ? 'content' : themes.has(file) ? 'theme' : registries.has(file) ? 'font-registry' : r.images.has(file) ? 'image' : 'template';
  const embedded = r.filesRead
    .filter((f) => !fontFiles.has(f) && !statSync(f).isDirectory())
    .map((file) => {
      const place = where(file);
      if (!place) throw unplaced(file, `outside the project folder (${o.projectDir}): --pdfa 3b embeds the files a report is built from by their place in the project, so build from a folder that holds this file`);
      if (place.origin === 'project' && place.path.startsWith(IMPRINT_PREFIX)) throw unplaced(file, `--pdfa 3b embeds Imprint's own files under ${IMPRINT_PREFIX}: rename this project folder`);
      const image = r.images.get(file);
      const data = image && 'data' in image ? image.data : readFileSync(file); // a PNG or JPEG as checked; an SVG's text as read
      const attachment = place.origin === 'imprint' ? IMPRINT_PREFIX + place.path : place.path;
      const entry: ManifestFile = { ...place, role: roleOf(file), attachment, sha256: sha256(data), bytes: data.length };
      return { entry, data };
    });
  const input = embedded.find((e) => e.entry.role === 'content')!.entry.path;
  const manifest: SourceManifest = {
    format: MANIFEST_FORMAT,
    imprint: o.version,
    build: { input, pdfa: '3b', template: r.report.meta.template.text },
    command: rebuildCommand(input),
    files: embedded.map((e) => e.entry),
    fonts: fontsDrawn(r).map((file) => fontEntry(file, where(file))),
  };
  const files = embedded.map(({ entry, data }) => ({ name: entry.attachment, data, type: mediaType(entry.role, data), description: `${DESCRIPTIONS[entry.role]} (${entry.origin === 'imprint' ? "Imprint's" : "the project's"} ${entry.path})` }));
  const json = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
  return [...files, { name: MANIFEST_NAME, data: json, type: 'application/json', description: 'What these files are, the fonts and the command that builds this PDF again (imprint extract)' }];
}


/** The command, run in the project folder, that builds the PDF of the content at `input` (relative to the project) again. */
export function rebuildCommand(input: string): string {
  return `imprint build ${shellWord(input)} --pdfa 3b`;
}

const MEDIA_TYPES: Record<Exclude<SourceRole, 'image'>, string> = { content: 'application/yaml', template: 'text/x-handlebars-template', theme: 'application/yaml', 'font-registry': 'application/yaml' };
const IMAGE_TYPES = { png: 'image/png', jpeg: 'image/jpeg' } as const;

/** The MIME type an embedded file names (PDF/A-3 asks for it): an image's by its bytes, a PNG, a JPEG, else an SVG (as the build checked it). */
function mediaType(role: SourceRole, data: Buffer): string {
  if (role !== 'image') return MEDIA_TYPES[role];
  const type = imageType(data);
  return type ? IMAGE_TYPES[type] : 'image/svg+xml';
}
const DESCRIPTIONS: Record<SourceRole, string> = { content: 'The content of the report', template: 'A template file', theme: 'A theme', 'font-registry': 'A font registry', image: 'An image' };

/** A file's place: its origin and its path relative to that origin's folder (the project's first), or undefined outside both. */
function placeIn(projectDir: string, packageDir: string): (file: string) => { origin: Origin; path: string } | undefined {
  const roots = [{ origin: 'project' as const, dir: realpathSync(projectDir) }, { origin: 'imprint' as const, dir: realpathSync(packageDir) }];
  return (file) => {
    const real = realpathSync(file);
    for (const { origin, dir } of roots) {
      const rel = path.relative(dir, real);
      if (rel && !rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel)) return { origin, path: rel.split(path.sep).join('/') };
    }
    return undefined;
  };
}

/** The font files the pages draw with, sorted. */
function fontsDrawn(r: BuildResult): string[] {
  const fonts = (ops: DrawOp[]): string[] => ops.flatMap((op) => (op.kind === 'glyphs' ? [op.font] : op.kind === 'turned' ? fonts(op.ops) : []));
  return [...new Set(r.pages.flatMap((p) => fonts(p.ops)))].sort();
}

function fontEntry(file: string, place: { origin: Origin; path: string } | undefined): ManifestFont {
  const data = readFileSync(file);
  return { name: path.basename(file), ...place, sha256: sha256(data), bytes: data.length };
}

/** A file that cannot be embedded under its place in the project. */
function unplaced(file: string, message: string): InputError {
  return new InputError([{ pos: { file, line: 1, col: 1 }, message, severity: 'error' }]);
}
