/**
 * `imprint import FILE.docx [-o FILE.yaml]` (spec §6.8): a Word draft as a report in the
 * content format, its pictures beside the YAML (`NAME-images/fig-1.png` …), and the list of
 * what could not be carried over, on standard error and as comments at the top of the YAML.
 * Exit 0 when written (whatever was not carried), 1 for a draft that cannot be read or an
 * output the disk refuses to write, 2 for wrong usage, an output refused as `build -o` refuses
 * one (an output that would replace the draft or a file that is not YAML, anything but a folder
 * where the pictures' folder goes, anything but a picture where a picture goes, or any file
 * there without `--force`: the YAML the user edits after an import, the pictures beside it).
 */
import { shownName } from '../../problems.js';
import path from 'node:path';
import { refuseOutputs, type OutputKind } from '../../output-paths.js';
import { brokenLink, emptyOrStartsWith, headOf, JPEG_SIGNATURE, kindOf, PNG_SIGNATURE } from '../../file-kind.js';
import { enableStopSignalHolds, OutputError, removeTempFilesAtExit, writeFailure } from '../../output.js';
import { UsageError } from '../usage-error.js';
import { optionName, unknownOption } from '../../option-value.js';
import { MAX_CONTENT_BYTES } from '../../content/load.js';
import { bytesInWords } from '../../input-file.js';
import { DraftError, openDraft } from './open-draft.js';
import { readDraftXml, type DraftXml } from './draft-xml.js';
import { readListStyles, type ListStyles } from './list-styles.js';
import { matchPlaces } from './draft-items.js';
import { BlockReader } from './draft-blocks.js';
import { ImportLog } from './import-log.js';
import { reportTree, type ImportedReport } from './report-tree.js';
import { notCarriedLines } from './not-carried.js';
import { reportYaml } from './write-yaml.js';
import { readPictures } from './draft-pictures.js';
import { missingNotes } from './missing-notes.js';
import { noteFindings } from './note-findings.js';
import type { Finding } from './draft-xml.js';
import { writeNewFiles } from '../../new-files.js';

/** The YAML an import writes: it replaces only a YAML file (by its name, holding text) or an empty file. */
const YAML_OUTPUT: OutputKind = {
  name: 'YAML file',
  extension: '.yaml',
  named: (file) => /\.ya?ml$/i.test(file),
  replaces: (file) => isEmpty(file) || (YAML_OUTPUT.named(file) && isText(file)),
};

/** What an import made, for the caller (and tests): the report, its YAML and the lines not carried. */
export interface ImportResult {
  report: ImportedReport;
  yaml: string;
  notCarried: string[];
  /** Texts of the draft left to the engine (typed numbers, labels, contents, page numbers). */
  engineMade: string[];
  /** Pictures written, relative to the YAML. */
  images: string[];
}

/** `imprint import` with its arguments; returns the exit status. */
export async function importCommand(args: readonly string[]): Promise<number> {
  const { input, output, replace } = parseImportArgs(args);
  removeTempFilesAtExit([output, imagesFolder(output)]);
  enableStopSignalHolds();
  try {
    const result = await importDraft(input, output, replace);
    result.notCarried.forEach((line) => console.error(`${shownName(input)}: not carried: ${line}`));
    const appendices = result.report.appendices?.length ?? 0;
    const pictures = result.images.length;
    const counts = [
      counted(result.report.chapters.length, 'chapter', 'chapters'),
      ...(appendices ? [counted(appendices, 'appendix', 'appendices')] : []),
      ...(pictures ? [counted(pictures, 'picture', 'pictures')] : []),
    ].join(', ');
    console.log(`${shownName(input)} -> ${shownName(output)}: ${counts}; ${result.notCarried.length ? `${counted(result.notCarried.length, 'note', 'notes')} on what was not carried (above, and at the top of ${shownName(path.basename(output))})` : 'everything carried'}`);
    return 0;
  } catch (e) {
    if (e instanceof DraftError) {
      console.error(e.message);
      return 1;
    }
    // (its own message speaks of a PDF: an import writes none)
    if (e instanceof OutputError) {
      console.error(`${shownName(e.file)}: cannot write (${e.reason})`);
      return 1;
    }
    const reason = writeFailure(e);
    if (reason) {
      console.error(`${shownName((e as NodeJS.ErrnoException).path ?? output)}: cannot write (${reason})`);
      return 1;
    }
    throw e;
  }
}

/** `3 chapters`, `1 chapter`. */
function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What `imprint import` was asked: the draft, the YAML to write, and whether files there may be replaced. */
export interface ImportArgs {
  input: string;
  output: string;
  /** `--force`: replace the YAML and pictures already there (atomically); without it, a file there is refused. */
  replace: boolean;
}

/** FILE.docx, the YAML to write (default: beside it, FILE.yaml) and `--force`. Throws `UsageError`. */
function parseImportArgs(args: readonly string[]): ImportArgs {
  let output: string | undefined;
  let replace = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-o' || args[i] === '--output') {
      output = optionName('-o', args[++i], 'a file name, FILE.yaml');
    } else if (args[i] === '--force') replace = true;
    else if (args[i].startsWith('-')) throw unknownOption(args[i]);
    else files.push(args[i]);
  }
  if (files.length !== 1) throw new UsageError('import takes one FILE.docx');
  const input = files[0];
  output ??= input.replace(/\.docx$/i, '') + '.yaml';
  if (!YAML_OUTPUT.named(output)) throw new UsageError(`-o ${output}: the report is written as YAML: name a .yaml file`);
  const refused = refuseOutputs([{ input, output }], YAML_OUTPUT);
  if (refused) throw new UsageError(refused);
  return { input, output, replace };
}

/**
 * Imports `input` into `output` (and its pictures beside it). The whole draft is read, its
 * pictures included, before anything is written; then all is written or nothing new
 * (new-files.ts). Unless `replace`, a file already where one of them goes is refused before
 * anything is written: re-running an import must not destroy the YAML the user has edited
 * since; with it, only pictures (and empty files) are replaced by pictures. Throws `DraftError`,
 * a `UsageError` for a refused output (nothing written), or a write failure (`OutputError`).
 */
export async function importDraft(input: string, output: string, replace = false): Promise<ImportResult> {
  const draft = await openDraft(input);
  let xml: DraftXml;
  let listStyles: ListStyles;
  let inNotes: Finding[];
  try {
    xml = readDraftXml(draft.documentXml);
    listStyles = readListStyles(draft.numberingXml);
    inNotes = (['footnote', 'endnote'] as const).flatMap((type) => (draft.notesXml[type] ? noteFindings(draft.notesXml[type], type, xml.noteReferences) : []));
  } catch (e) {
    throw new DraftError(input, `a damaged Word document (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  const places = matchPlaces(draft.document.children, xml);
  const pictures = await readPictures(draft.document.children);
  const log = new ImportLog(path.basename(imagesFolder(output)));
  if (!places) log.notCarried(0, "mammoth's paragraphs could not be matched to the draft's: list styles are guessed (bullets or 1.), and text-box text stands as paragraphs");
  const reader = new BlockReader({ places, xml, listStyles, notes: (ref) => draft.document.notes.resolve(ref), pictures }, log);
  const report = reportTree(draft.document.children, reader, log, path.basename(input).replace(/\.docx$/i, ''));
  xml.textBoxes.forEach((box, k) => {
    if (!log.usedTextBoxes.has(k)) log.notCarried(box.paragraph, 'a text box, left out', box.paragraphs.join(' '));
  });
  const notCarried = notCarriedLines([...xml.findings, ...inNotes, ...missingNotes(xml.noteReferences, draft.document.notes), ...log.findings], xml.paragraphTexts, draft.document.comments, draft.messages, log.engineMade);
  const yaml = Buffer.from(reportYaml(report, path.basename(input), notCarried), 'utf8');
  if (yaml.length > MAX_CONTENT_BYTES)
    throw new DraftError(input, `its report would be ${(yaml.length / 1024 / 1024).toFixed(1)} MiB of YAML, more than the ${bytesInWords(MAX_CONTENT_BYTES)} a build reads: nothing written (split the draft into several reports)`);
  const files = log.images.map(({ bytes, file }) => ({ file: path.join(path.dirname(output), file), bytes }));
  const folder = imagesFolder(output);
  if (files.length && !['absent', 'folder'].includes(kindOf(folder))) throw new UsageError(`${folder} exists and is not a folder: the pictures of the draft are written there: remove it or name another -o`);
  for (const { file } of files) {
    const broken = brokenLink(file); // (a link to a picture is kept with --force, the picture written)
    if (broken) throw new UsageError(`${file} ${broken}: remove it or name another -o`);
  }
  if (!replace) refuseFilesThere([output, ...files.map((f) => f.file)]);
  const notPicture = files.find(({ file }) => !replacedByPicture(file));
  if (notPicture) throw new UsageError(`${notPicture.file} exists and is not a picture: Imprint replaces only pictures there: remove it or name another -o`);
  await writeNewFiles([...files, { file: output, bytes: yaml }]);
  return { report, yaml: yaml.toString('utf8'), notCarried, engineMade: log.engineMade, images: log.images.map((i) => i.file) };
}

/** Throws a `UsageError` naming the first of `files` that is there (whatever it is), with the ways out. */
function refuseFilesThere(files: readonly string[]): void {
  const there = files.filter((file) => kindOf(file) !== 'absent');
  if (!there.length) return;
  const more = there.length - 1;
  const others = more ? ` (and ${more} more ${more === 1 ? 'file' : 'files'} this import writes)` : '';
  throw new UsageError(`${there[0]} exists${others}: import replaces no file unless asked: name another -o FILE.yaml, or add --force to replace ${more ? 'them' : 'it'}`);
}

/** The folder of the pictures of `output`: `report.yaml` -> `report-images`. */
export function imagesFolder(output: string): string {
  return output.replace(/\.ya?ml$/i, '') + '-images';
}

/** The first bytes of a file (at most `n`). */
function isEmpty(file: string): boolean {
  return headOf(file, 1).length === 0;
}

/** Text: no NUL byte in its first 4 KiB, and not a ZIP archive (a .docx renamed). */
function isText(file: string): boolean {
  const bytes = headOf(file, 4096);
  return !bytes.includes(0) && !bytes.subarray(0, 2).equals(Buffer.from('PK'));
}

/**
 * Whether a picture of the draft may be written at `file`: nothing there, or a PNG or JPEG (by
 * its signature) or an empty file; never a folder, a pipe, a socket or a device (not opened).
 */
function replacedByPicture(file: string): boolean {
  const kind = kindOf(file);
  if (kind !== 'file') return kind === 'absent';
  return emptyOrStartsWith(file, PNG_SIGNATURE, JPEG_SIGNATURE);
}
