/**
 * A settings file in YAML (theme, font registry) read with positions: YAML 1.2 core schema,
 * unreadable files and syntax errors reported as `FILE:LINE:COL`.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { InputError, type SourcePos } from './problems.js';

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

/** The text of `file`; `what` names it in the message when it cannot be read. */
export function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new InputError([{ pos: { file, line: 1, col: 1 }, message: `cannot read ${what}`, severity: 'error' }]);
  }
}

/** Parses the text of `file`. */
export function parseYamlText(file: string, text: string): YamlFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, schema: 'core' });
  if (doc.errors.length) {
    throw new InputError(doc.errors.map((e) => ({ pos: { file, ...lines.linePos(e.pos[0]) }, message: `YAML: ${e.message.split('\n')[0]}`, severity: 'error' })));
  }
  return { text, doc, lines, at: (node) => ({ file, ...lines.linePos(node?.range?.[0] ?? 0) }) };
}
