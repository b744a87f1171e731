/**
 * Opening a Word draft: the file read whole through the one boundary for user files (a regular
 * file, at most MAX_DRAFT_BYTES), checked to be a ZIP archive that holds a Word document whose
 * parts inflate to at most MAX_INFLATED_BYTES together (a ZIP bomb is refused: by the sizes its
 * central directory declares, before inflating, and by counting while inflating, for sizes that
 * lie), then read by mammoth into its document model from the parts so inflated, stored again
 * uncompressed, so that mammoth inflates nothing itself (word/document.xml with the grid columns
 * a row skips made empty cells: skipped-cells.ts; without hidden text: hidden-text.ts; with
 * emphasis marks, 着重号, as italic: emphasis-marks.ts).
 * Each way this can fail is one line at the file.
 */
import { shownName } from '../../problems.js';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import type JSZip from 'jszip';
import { readRegularFile, RefusedFile } from '../../input-file.js';
import type { DraftDocument } from './docx-model.js';
import { declaredInflatedBytes } from './zip-sizes.js';
import { TooManySkippedCells, withSkippedCells } from './skipped-cells.js';
import { withoutHiddenText } from './hidden-text.js';
import { withEmphasisAsItalic } from './emphasis-marks.js';

/** The largest draft read, bytes: a long report with its pictures is a few MiB. */
export const MAX_DRAFT_BYTES = 64 * 1024 * 1024;

/** The most a draft's parts may inflate to together, bytes: a long report with its pictures inflates to some tens of MiB. */
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024;

/** A draft that cannot be read: `message` is one line, `FILE: why`. */
export class DraftError extends Error {
  constructor(file: string, reason: string) {
    super(`${shownName(file)}: ${reason}`);
    this.name = 'DraftError';
  }
}

/** A draft read: mammoth's model and messages, and the XML parts the import reads itself. */
export interface OpenedDraft {
  document: DraftDocument;
  /** mammoth's warnings (elements it did not read). */
  messages: string[];
  /** word/document.xml. */
  documentXml: string;
  /** word/numbering.xml, when the draft has numbered paragraphs. */
  numberingXml?: string;
  /** word/footnotes.xml and word/endnotes.xml, when the draft has them. */
  notesXml: { footnote?: string; endnote?: string };
}

/**
 * The content types of a Word document's main part ([Content_Types].xml): a document, a
 * template (.dotx), and both with macros (.docm, .dotm: the macros are not read), as a writer
 * may have saved the draft and renamed it .docx.
 */
const MAIN_PART_TYPES = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml',
  'application/vnd.ms-word.document.macroEnabled.main+xml',
  'application/vnd.ms-word.template.macroEnabledTemplate.main+xml',
];

// loaded when a draft is imported, not at every start of `imprint` (see rolldown.config.mjs)
const load = createRequire(import.meta.url);

/** Reads `file`, whose parts may inflate to `maxInflatedBytes` together. Throws `DraftError`. */
export async function openDraft(file: string, maxInflatedBytes = MAX_INFLATED_BYTES): Promise<OpenedDraft> {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, MAX_DRAFT_BYTES);
  } catch (e) {
    if (e instanceof RefusedFile) throw new DraftError(file, e.message);
    throw e;
  }
  const parts = await inflateParts(file, await openZip(file, bytes, maxInflatedBytes), maxInflatedBytes);
  await checkCrc32(file, bytes);
  const typesXml = textOf(parts.get('[Content_Types].xml'));
  if (parts.has('word/document.xml') && typesXml === undefined)
    throw new DraftError(file, 'a damaged Word document: it has word/document.xml but no [Content_Types].xml, which says what its parts are');
  if (!parts.has('word/document.xml') || !MAIN_PART_TYPES.some((type) => typesXml?.includes(type)))
    throw new DraftError(file, 'a ZIP archive but not a Word document (.docx): it has no word/document.xml (a .doc, .odt or .wps draft: save it as .docx first)');
  const documentXml = textOf(parts.get('word/document.xml'))!;
  const numberingXml = textOf(parts.get('word/numbering.xml'));
  let readXml: string;
  try {
    readXml = withEmphasisAsItalic(withoutHiddenText(withSkippedCells(documentXml)));
  } catch (e) {
    if (e instanceof TooManySkippedCells) throw new DraftError(file, e.message);
    throw new DraftError(file, `a damaged Word document (word/document.xml: ${oneLine(e)})`);
  }
  const mammoth = load('mammoth') as typeof import('mammoth');
  let document: DraftDocument | undefined;
  let result;
  try {
    result = await mammoth.convertToHtml(
      { buffer: await storedZip(readParts(parts, readXml)) },
      {
        // the import reads mammoth's model itself: its HTML writer is handed an empty document, so
        // it neither copies the pictures nor fails on what the import reports (a reference to a
        // note the draft does not hold)
        transformDocument: (d: DraftDocument) => {
          document = d;
          return { ...d, children: [] };
        },
      },
    );
  } catch (e) {
    if (!parts.has(DOCUMENT_RELATIONSHIPS) && /\br:(?:id|embed|link)="/.test(documentXml))
      throw new DraftError(file, `a damaged Word document: it lacks ${DOCUMENT_RELATIONSHIPS}, which says what the parts word/document.xml refers to are (pictures, links, notes)`);
    throw new DraftError(file, `a damaged Word document (${readerFailure(e)})`);
  }
  if (!document) throw new DraftError(file, 'a damaged Word document (no body)');
  const notesXml = { footnote: textOf(parts.get('word/footnotes.xml')), endnote: textOf(parts.get('word/endnotes.xml')) };
  return { document, messages: result.messages.map((m) => m.message), documentXml, numberingXml, notesXml };
}

/** The ZIP archive of a .docx, its central directory read and its declared sizes checked; nothing inflated yet. */
async function openZip(file: string, bytes: Buffer, maxInflatedBytes: number): Promise<JSZip> {
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw new DraftError(file, 'not a Word document (.docx): it is not a ZIP archive');
  const JSZipClass = load('jszip') as typeof JSZip;
  let zip: JSZip;
  try {
    zip = await JSZipClass.loadAsync(bytes); // checkCRC32 would inflate every part, before the sizes are checked
  } catch (e) {
    throw new DraftError(file, `a damaged ZIP archive (${oneLine(e)})`);
  }
  const declared = declaredInflatedBytes(bytes);
  if (declared === undefined) throw new DraftError(file, 'a damaged ZIP archive (its central directory cannot be read)');
  if (declared > maxInflatedBytes) throw tooLarge(file, maxInflatedBytes);
  return zip;
}

/** Every part of the archive inflated, by name, counting the bytes as they come: past `maxInflatedBytes` together, refused. */
async function inflateParts(file: string, zip: JSZip, maxInflatedBytes: number): Promise<Map<string, Buffer>> {
  const parts = new Map<string, Buffer>();
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const chunks: Buffer[] = [];
    const stream = entry.nodeStream('nodebuffer') as Readable;
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxInflatedBytes) {
          stream.destroy();
          reject(tooLarge(file, maxInflatedBytes));
        } else chunks.push(chunk);
      });
      stream.on('error', (e) => reject(new DraftError(file, `a damaged ZIP archive: ${entry.name} cannot be read (${oneLine(e)})`)));
      stream.on('end', resolve);
    });
    parts.set(entry.name, Buffer.concat(chunks));
  }
  return parts;
}

/** Checks each part's CRC-32, once the parts are known to inflate within the limit (JSZip inflates them again for it). */
async function checkCrc32(file: string, bytes: Buffer): Promise<void> {
  try {
    await (load('jszip') as typeof JSZip).loadAsync(bytes, { checkCRC32: true });
  } catch (e) {
    throw new DraftError(file, `a damaged ZIP archive (${oneLine(e)})`);
  }
}

/** The parts mammoth reads: the document as given, and the notes without their hidden text and with their emphasis marks as italic. */
function readParts(parts: ReadonlyMap<string, Buffer>, documentXml: string): Map<string, Buffer> {
  const read = new Map(parts).set('word/document.xml', Buffer.from(documentXml, 'utf8'));
  // a draft without its styles part (Word opens it, its styles unknown): mammoth, given none,
  // fails on the first table whose style the draft names; given an empty one, it reads on
  if (!read.has('word/styles.xml')) read.set('word/styles.xml', Buffer.from(NO_STYLES, 'utf8'));
  for (const name of ['word/footnotes.xml', 'word/endnotes.xml']) {
    const xml = textOf(parts.get(name));
    if (xml !== undefined) read.set(name, Buffer.from(withEmphasisAsItalic(withoutHiddenText(xml)), 'utf8'));
  }
  return read;
}

/** The part naming the parts word/document.xml refers to (by `r:id`, `r:embed`). */
const DOCUMENT_RELATIONSHIPS = 'word/_rels/document.xml.rels';

/** A styles part that defines no style. */
const NO_STYLES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>';

/** The parts as a ZIP archive again, stored without compression: mammoth reads it, inflating nothing. */
async function storedZip(parts: ReadonlyMap<string, Buffer>): Promise<Buffer> {
  const zip = new (load('jszip') as typeof JSZip)();
  for (const [name, data] of parts) zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}

/** A part's text (UTF-8). */
function textOf(part: Buffer | undefined): string | undefined {
  return part?.toString('utf8');
}

function tooLarge(file: string, maxInflatedBytes: number): DraftError {
  return new DraftError(file, `its parts inflate to more than ${maxInflatedBytes / 1024 / 1024} MiB: refused (a Word draft is far smaller; this may be a ZIP bomb)`);
}

/**
 * Why mammoth could not read a draft: its own words, or, for a JavaScript error inside it (a
 * picture whose relationship the draft lacks: `Cannot read properties of undefined`), what that
 * means for the user.
 */
function readerFailure(e: unknown): string {
  if (e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError)
    return 'the Word reader failed on it: a part refers to something the draft lacks, or is not as Word writes it';
  return oneLine(e);
}

/** An error's message on one line. */
function oneLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0].trim();
}
