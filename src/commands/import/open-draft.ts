/**
 * Opening a Word draft: the file read whole through the one boundary for user files (a regular
 * file, at most MAX_DRAFT_BYTES), checked to be a ZIP archive that holds a Word document, then
 * read by mammoth into its document model. Each way this can fail is one line at the file.
 */
import { createRequire } from 'node:module';
import type JSZip from 'jszip';
import { readRegularFile, RefusedFile } from '../../input-file.js';
import type { DraftDocument } from './docx-model.js';

/** The largest draft read, bytes: a long report with its pictures is a few MiB. */
export const MAX_DRAFT_BYTES = 64 * 1024 * 1024;

/** A draft that cannot be read: `message` is one line, `FILE: why`. */
export class DraftError extends Error {
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
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
}

/** The content type of a Word document's main part ([Content_Types].xml). */
const MAIN_PART_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

// loaded when a draft is imported, not at every start of `imprint` (see rolldown.config.mjs)
const load = createRequire(import.meta.url);

/** Reads `file`. Throws `DraftError`. */
export async function openDraft(file: string): Promise<OpenedDraft> {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, MAX_DRAFT_BYTES);
  } catch (e) {
    if (e instanceof RefusedFile) throw new DraftError(file, e.message);
    throw e;
  }
  const zip = await openZip(file, bytes);
  const documentXml = await readPart(file, zip, 'word/document.xml');
  const numberingXml = zip.file('word/numbering.xml') ? await readPart(file, zip, 'word/numbering.xml') : undefined;
  const mammoth = load('mammoth') as typeof import('mammoth');
  let document: DraftDocument | undefined;
  let result;
  try {
    result = await mammoth.convertToHtml(
      { buffer: bytes },
      {
        transformDocument: (d: DraftDocument) => (document = d),
        // the import writes the pictures itself: none are copied into the HTML it does not use
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
  } catch (e) {
    throw new DraftError(file, `a damaged Word document (${oneLine(e)})`);
  }
  if (!document) throw new DraftError(file, 'a damaged Word document (no body)');
  return { document, messages: result.messages.map((m) => m.message), documentXml, numberingXml };
}

/** The ZIP archive of a .docx, checked to hold a Word document's main part. */
async function openZip(file: string, bytes: Buffer): Promise<JSZip> {
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw new DraftError(file, 'not a Word document (.docx): it is not a ZIP archive');
  const JSZipClass = load('jszip') as typeof JSZip;
  let zip: JSZip;
  try {
    zip = await JSZipClass.loadAsync(bytes, { checkCRC32: true });
  } catch (e) {
    throw new DraftError(file, `a damaged ZIP archive (${oneLine(e)})`);
  }
  const types = zip.file('[Content_Types].xml');
  const typesXml = types ? await readPart(file, zip, '[Content_Types].xml') : '';
  if (!zip.file('word/document.xml') || !typesXml.includes(MAIN_PART_TYPE))
    throw new DraftError(file, 'a ZIP archive but not a Word document (.docx): it has no word/document.xml (a .doc, .odt or .wps draft: save it as .docx first)');
  return zip;
}

/** The text of one part of the archive. */
async function readPart(file: string, zip: JSZip, name: string): Promise<string> {
  try {
    return await zip.file(name)!.async('string');
  } catch (e) {
    throw new DraftError(file, `a damaged ZIP archive: ${name} cannot be read (${oneLine(e)})`);
  }
}

/** An error's message on one line. */
function oneLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0].trim();
}
