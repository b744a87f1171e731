/**
 * `imprint extract FILE.pdf DIR`: the project a PDF/A-3 was built from (`--pdfa 3b`, see
 * source-archive.ts), written back into a new or empty folder, so that `cd DIR && imprint
 * build …` with the same fonts builds the same PDF. The PDF is read as any input is: its
 * manifest is checked whole before anything is written (every path relative, inside DIR, once;
 * every file present with the SHA-256 the manifest gives), so a hostile PDF writes nowhere else.
 */
import path from 'node:path';
import { readRegularFile, RefusedFile } from '../input-file.js';
import { OutputError } from '../output.js';
import { OneLineError } from '../problems.js';
import { writeNewFiles, type NewFile } from '../new-files.js';
import { IMPRINT_PREFIX, MANIFEST_FORMAT, MANIFEST_NAME, rebuildCommand, type ManifestFile, type SourceManifest } from '../source-archive.js';
import { sha256 } from '../sha256.js';
import { MAX_FONT_BYTES } from '../font/sfnt-file.js';
import { loadPdfJs, MAX_PDF_BYTES } from './pdf-edition.js';
import { refuseUnlessNewFolder } from './new-folder.js';

/** The PDF cannot give a project, or DIR cannot take it: one line for the user (exit status 1). */
export class ExtractError extends OneLineError {}

/** What `extract` wrote, and what the user should know before building again. */
export interface Extracted {
  /** The project's files written, relative to DIR, in the manifest's order. */
  written: string[];
  /**
   * Imprint's JSON Schema, written (relative to DIR) where the content's editor line names it
   * (`# yaml-language-server: $schema=…`, as `imprint init` writes it): the build never reads it,
   * so the archive does not hold it. None when the content names none or names it elsewhere.
   */
  schema?: string;
  /** The command that builds the PDF again, in DIR: Imprint's own for the content extracted (never the manifest's text, which a PDF may make anything). */
  command: string;
  /** Lines for the user: what differs from the Imprint running, the fonts to put back. */
  notes: string[];
}

/**
 * Writes the project of `pdf` into `dir` (created when missing, in a folder that is there).
 * Throws `UsageError` for a `dir` that is not a new or empty folder or whose folder is missing,
 * `ExtractError` for a PDF without Imprint's manifest or with a damaged or hostile one (nothing
 * written) or a write the file system refuses (nothing new left: see new-files.ts).
 */
export async function extractProject(pdf: string, dir: string, packageDir: string, version: string): Promise<Extracted> {
  refuseUnlessNewFolder('extract', dir);
  const attachments = await attachmentsOf(pdf);
  const manifest = manifestOf(pdf, attachments.get(MANIFEST_NAME));
  const files = manifest.files.map((f) => ({ entry: f, data: checkedData(pdf, f, attachments) }));
  const project = files.filter((f) => f.entry.origin === 'project');
  refuseUnsafePaths(pdf, project.map((f) => f.entry.path), dir);
  const content = contentOf(pdf, files);
  const schema = schemaNamedBy(content.entry.path, content.data, project.map((f) => f.entry.path), dir);
  const written: NewFile[] = project.map((f) => ({ file: path.join(dir, ...f.entry.path.split('/')), bytes: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.length) }));
  if (schema) written.push({ file: path.join(dir, ...schema.split('/')), bytes: readRegularFile(path.join(packageDir, SCHEMA_FILE), MAX_FONT_BYTES) });
  try {
    await writeNewFiles(written);
  } catch (e) {
    if (!(e instanceof OutputError)) throw e;
    throw new ExtractError(`${e.file}: cannot write (${e.reason})`);
  }
  return { written: project.map((f) => f.entry.path), schema, command: rebuildCommand(content.entry.path), notes: notesOn(manifest, files, packageDir, version) };
}

/** Imprint's JSON Schema of the content, in its package (what `imprint init` copies into a project). */
const SCHEMA_FILE = path.join('schema', 'report.schema.json');

/**
 * Where (relative to DIR, `/` between folders) the content at `contentPath` names Imprint's
 * schema on its editor line, when that is a plain relative path to a place inside DIR that no
 * project file takes (compared without case: a folder's name may differ only by case on macOS
 * and Windows); undefined otherwise (no such line, another schema, a URL, an absolute path, a
 * place outside DIR).
 */
function schemaNamedBy(contentPath: string, data: Uint8Array, taken: string[], dir: string): string | undefined {
  const firstLine = Buffer.from(data.subarray(0, 1024)).toString('utf8').replace(/^\uFEFF/, '').split('\n')[0];
  const named = /^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$/.exec(firstLine)?.[1];
  if (!named || named.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(named) || path.posix.basename(named) !== path.basename(SCHEMA_FILE)) return undefined;
  const rel = path.posix.normalize(path.posix.join(path.posix.dirname(contentPath), named));
  if (!insideFolder(rel, path.resolve(dir))) return undefined;
  // a project file at that place or under it, or above it: the archive's own files come first
  const lower = rel.toLowerCase();
  const clashes = (file: string) => file === lower || file.startsWith(`${lower}/`) || lower.startsWith(`${file}/`);
  if (taken.some((t) => clashes(t.toLowerCase()))) return undefined;
  return rel;
}

/** The PDF's embedded files by name (pdf.js). */
async function attachmentsOf(pdf: string): Promise<Map<string, Uint8Array>> {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(pdf, MAX_PDF_BYTES);
  } catch (e) {
    if (!(e instanceof RefusedFile)) throw e;
    throw new ExtractError(`${pdf}: ${e.message}`);
  }
  if (!bytes.subarray(0, 1024).includes('%PDF-')) throw new ExtractError(`${pdf}: not a PDF (it does not start as one)`);
  const pdfjs = loadPdfJs();
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']> | undefined;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), verbosity: pdfjs.VerbosityLevel.ERRORS, isEvalSupported: false, stopAtErrors: true }).promise;
    const found = ((await doc.getAttachments()) ?? {}) as Record<string, { content?: Uint8Array }>;
    return new Map(Object.entries(found).flatMap(([name, a]) => (a.content ? [[name, a.content] as const] : [])));
  } catch (e) {
    throw new ExtractError(`${pdf}: cannot be read (${e instanceof Error ? e.message : String(e)})`);
  } finally {
    await doc?.destroy();
  }
}

/** The manifest of `pdf` does not describe a build: `why`, for the user. */
function damagedManifest(pdf: string, why: string): ExtractError {
  return new ExtractError(`${pdf}: its Imprint manifest is damaged (${why})`);
}

/** The manifest, its shape checked. */
function manifestOf(pdf: string, json: Uint8Array | undefined): SourceManifest {
  if (!json) throw new ExtractError(`${pdf}: holds no project to extract (no Imprint manifest: it was not built by Imprint with --pdfa 3b)`);
  const damaged = (why: string) => damagedManifest(pdf, why);
  let m: unknown;
  try {
    m = JSON.parse(Buffer.from(json).toString('utf8'));
  } catch {
    throw damaged('not JSON');
  }
  const o = m as Partial<SourceManifest>;
  if (typeof o !== 'object' || o === null) throw damaged('not an object');
  if (o.format !== MANIFEST_FORMAT) throw damaged(`format ${String(o.format)}, where this Imprint reads ${MANIFEST_FORMAT}: extract it with a newer Imprint`);
  if (typeof o.imprint !== 'string' || typeof o.command !== 'string' || !Array.isArray(o.files) || !Array.isArray(o.fonts)) throw damaged('imprint, command, files or fonts missing');
  o.files.forEach((f: Partial<ManifestFile>, i) => {
    const ok = typeof f === 'object' && f !== null && typeof f.path === 'string' && (f.origin === 'project' || f.origin === 'imprint') && typeof f.attachment === 'string' && typeof f.sha256 === 'string';
    if (!ok) throw damaged(`file ${i + 1} lacks a path, origin, attachment or sha256`);
  });
  o.fonts.forEach((f: Partial<SourceManifest['fonts'][number]>, i) => {
    if (typeof f !== 'object' || f === null || typeof f.name !== 'string' || typeof f.sha256 !== 'string') throw damaged(`font ${i + 1} lacks a name or sha256`);
  });
  return o as SourceManifest;
}

/** The report's content among the manifest's files: one, the project's (a build reads one content file). */
function contentOf<F extends { entry: ManifestFile }>(pdf: string, files: F[]): F {
  const contents = files.filter((f) => f.entry.role === 'content');
  if (contents.length === 0) throw damagedManifest(pdf, 'it names no content file');
  if (contents.length > 1) throw damagedManifest(pdf, `it names ${contents.length} content files`);
  if (contents[0].entry.origin !== 'project') throw damagedManifest(pdf, "its content file is named as Imprint's own");
  return contents[0];
}

/** A file's bytes, present and as the manifest says. */
function checkedData(pdf: string, f: ManifestFile, attachments: Map<string, Uint8Array>): Uint8Array {
  const data = attachments.get(f.attachment);
  if (!data) throw new ExtractError(`${pdf}: the manifest names ${f.path}, which the PDF does not hold`);
  if (sha256(data) !== f.sha256) throw new ExtractError(`${pdf}: ${f.path} is not the file the manifest names (its SHA-256 differs): the PDF was changed after it was built`);
  return data;
}

/**
 * Refuses (nothing written yet) a path that is not a plain relative path inside `dir`:
 * absolute, with a drive or `\`, with `..`, `.` or an empty part, a NUL, a path given twice
 * or a file where another path needs a folder.
 */
function refuseUnsafePaths(pdf: string, paths: string[], dir: string): void {
  const root = path.resolve(dir);
  const files = new Set<string>();
  for (const p of paths) {
    if (!insideFolder(p, root)) throw new ExtractError(`${pdf}: refused: its manifest names a file outside the project folder (${JSON.stringify(p)})`);
    if (files.has(p)) throw new ExtractError(`${pdf}: refused: its manifest names ${p} twice`);
    files.add(p);
  }
  for (const p of files) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      if (files.has(folder)) throw new ExtractError(`${pdf}: refused: its manifest names ${folder} both as a file and as a folder`);
    }
  }
}

/**
 * Whether `p` is a plain relative path (`/` between folders; no `\\`, NUL, drive, empty, `.` or
 * `..` part) to a place inside the folder `root` (absolute).
 */
function insideFolder(p: string, root: string): boolean {
  const parts = p.split('/');
  const plain = p.length > 0 && !p.includes('\\') && !p.includes('\0') && !/^[a-zA-Z]:/.test(p) && parts.every((s) => s !== '' && s !== '.' && s !== '..');
  return plain && path.resolve(root, ...parts).startsWith(root + path.sep);
}

/**
 * What may keep a rebuild from giving the same bytes: another Imprint version, Imprint's own
 * files that differ from those of the Imprint running, and the font files (never embedded).
 */
function notesOn(m: SourceManifest, files: { entry: ManifestFile; data: Uint8Array }[], packageDir: string, version: string): string[] {
  const notes: string[] = [];
  if (m.imprint !== version) notes.push(`built with Imprint ${m.imprint}, and this is ${version}: a build here gives other bytes (the PDF names its Imprint), and may set the pages otherwise`);
  const installed = (rel: string): string | undefined => {
    try {
      return sha256(readRegularFile(path.join(packageDir, ...rel.split('/')), MAX_FONT_BYTES)); // Imprint's largest files are fonts
    } catch (e) {
      if (e instanceof RefusedFile) return undefined;
      throw e;
    }
  };
  for (const { entry } of files.filter((f) => f.entry.origin === 'imprint'))
    if (installed(entry.path) !== entry.sha256) notes.push(`Imprint's ${entry.path} differs from the one it was built with (in the PDF as ${JSON.stringify(IMPRINT_PREFIX + entry.path)}): the pages may differ`);
  for (const font of m.fonts) {
    const at = font.origin === 'project' ? 'in the project' : font.origin === 'imprint' ? "of Imprint's" : 'outside the project';
    const same = font.origin === 'imprint' && font.path !== undefined && installed(font.path) === font.sha256;
    if (!same) notes.push(`font ${font.path ?? font.name} (${at}, SHA-256 ${font.sha256}) is not in the PDF: put that file where the font registry names it`);
  }
  return notes;
}
