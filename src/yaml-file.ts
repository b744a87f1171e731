/**
 * A settings file in YAML (theme, font registry) read with positions: YAML 1.2 core schema,
 * unreadable files and syntax errors reported as `FILE:LINE:COL`. Its text, and a template's,
 * is read only from a regular file of at most `MAX_SETTINGS_BYTES` (see input-file.ts), in
 * UTF-8 (see text-file.ts).
 */
import { LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { InputError, type SourcePos } from './problems.js';
import { readRegularFile, realPathInside, RefusedFile } from './input-file.js';
import { yamlProblems } from './content/yaml-problems.js';
import { decodeText } from './text-file.js';
import { placeInText } from './text-column.js';

/** Largest template, theme or font registry file read, bytes. */
export const MAX_SETTINGS_BYTES = 1024 * 1024;

export interface YamlFile {
  /** The file's text as parsed. */
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** Where a node starts in the file. */
  at(node: Node | null | undefined): SourcePos;
}

/** Reads and parses `file`; `what` names it in the message when it cannot be read. */
export function readYamlFile(file: string, what: string): YamlFile {
  return parseYamlText(file, readText(file, what));
}

/**
 * The text of `file`: a regular file of at most `MAX_SETTINGS_BYTES`, and with `inside`, one
 * whose real path lies inside one of those folders. `what` names it in the message when it
 * cannot be read.
 */
export function readText(file: string, what: string, inside?: readonly string[]): string {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(inside ? realPathInside(file, inside) : file, MAX_SETTINGS_BYTES);
  } catch (e) {
    if (!(e instanceof RefusedFile)) throw e;
    throw new InputError([{ pos: { file, line: 1, col: 1 }, message: `cannot read ${what}: ${e.message}`, severity: 'error' }]);
  }
  const text = decodeText(file, bytes);
  if (typeof text !== 'string') throw new InputError([{ ...text, severity: 'error' }]);
  return text;
}

/** Parses the text of `file`. */
export function parseYamlText(file: string, text: string): YamlFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, schema: 'core', prettyErrors: false });
  // worded as a report's problems are (the hints for slips, the key given twice named; a list item that slipped, even where YAML reads it silently)
  const errors = yamlProblems(doc, text).filter((p) => p.severity === 'error');
  if (errors.length) throw new InputError(errors.map((p) => ({ pos: { file, ...placeInText(text, lines, p.offset) }, message: p.message, severity: 'error' })));
  return { text, doc, lines, at: (node) => ({ file, ...placeInText(text, lines, node?.range?.[0] ?? 0) }) };
}
