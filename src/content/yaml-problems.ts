/**
 * What went wrong reading a YAML file, said so a report's editor can act on it: the yaml
 * package's errors and warnings with hints for the slips a report's text makes (a paragraph
 * that starts with a character YAML reads as syntax, or contains ': ' or ' #'), one message
 * for a tab that indents (not the errors it causes after it), and aliases with no anchor
 * found where they are written.
 */
import { isAlias, isScalar, isSeq, visit, type Document, type Node } from 'yaml';

/** A problem at a character offset of the YAML text. */
export interface YamlProblem {
  offset: number;
  message: string;
  severity: 'error' | 'warning';
}

/** What YAML makes of a leading character in unquoted text (the indicators of YAML 1.2, 5.3). */
const LEADING: Record<string, string> = {
  '*': 'reads a leading * as an alias',
  '&': 'reads a leading & as an anchor',
  '!': 'reads a leading ! as a tag',
  '[': 'reads a leading [ as a list',
  '{': 'reads a leading { as a mapping',
  '%': 'does not allow a leading % in unquoted text',
  '@': 'does not allow a leading @ in unquoted text',
  '`': 'does not allow a leading ` in unquoted text',
};

/**
 * A line up to the value it holds (`lead`: the marks of list items, maybe nested, then maybe a
 * key such as `title: `), and the value's first character.
 */
const LINE_VALUE = /^(?<lead>[ \t]*(?<items>(?:-[ \t]+)*)(?<key>[^\s#'"[{*&!%@`-][^#]*?:[ \t]+)?)(?<first>.)/;

/** The hint for text that YAML read as a key because ': ' follows it. */
export const COLON_HINT = "a paragraph containing ': ' must be quoted";

/** The problems of a parsed document, in the order of the file. */
export function yamlProblems(doc: Document.Parsed, text: string): YamlProblem[] {
  const tabs = doc.errors.filter((e) => e.code === 'TAB_AS_INDENT');
  // a tab that indents makes the lines after it mean something else: the errors that follow say nothing more
  if (tabs.length) return tabs.map((e) => ({ offset: e.pos[0], message: 'YAML: tabs cannot indent YAML; use spaces', severity: 'error' }));

  const found: { offset: number; message: string; code: string }[] = [
    ...doc.errors.map((e) => ({ offset: e.pos[0], message: firstLine(e.message), code: e.code as string })),
    // an unknown tag (!!js/function, !include …) is refused: the content is plain data
    ...doc.warnings.map((w) => ({ offset: w.pos[0], message: `${firstLine(w.message)} (tags are not allowed in content)`, code: w.code as string })),
    ...unresolvedAliases(doc),
  ].sort((a, b) => a.offset - b.offset);

  const problems: YamlProblem[] = [];
  const hintedLines = new Set<number>();
  for (const f of found) {
    const leading = leadingIndicator(text, f.offset, f.code);
    if (leading) {
      // one message for the line: the errors after the first are what the same character caused
      const line = lineStart(text, f.offset);
      if (hintedLines.has(line)) continue;
      hintedLines.add(line);
      problems.push({ offset: leading.offset, message: `${leading.hint} (${f.message})`, severity: 'error' });
    } else if (f.code === 'MULTILINE_IMPLICIT_KEY') {
      // text over several lines with ': ' on a later one: point at the ': ', not the text's first line
      const colon = text.slice(f.offset).search(/:(?=[ \t\r\n]|$)/);
      problems.push({ offset: colon < 0 ? f.offset : f.offset + colon, message: `YAML: ${f.message} (${COLON_HINT})`, severity: 'error' });
    } else if (f.code === 'DUPLICATE_KEY') {
      problems.push({ offset: f.offset, message: `YAML: ${duplicateKey(text, f.offset)}`, severity: 'error' });
    } else {
      problems.push({ offset: f.offset, message: `YAML: ${f.message}`, severity: 'error' });
    }
  }
  return [...problems, ...droppedByComments(doc, text), ...droppedAsAnchors(doc, text)];
}

/** The hint for a paragraph-like value starting with a YAML indicator, on the line of `offset`. */
function leadingIndicator(text: string, offset: number, code: string): { offset: number; hint: string } | undefined {
  const start = lineStart(text, offset);
  const end = text.indexOf('\n', start);
  const line = LINE_VALUE.exec(text.slice(start, end < 0 ? undefined : end))?.groups;
  if (!line || !(line.first in LEADING)) return undefined;
  // a list or mapping written in brackets is fine YAML: only text after its closing bracket is a slip
  if ((line.first === '[' || line.first === '{') && code !== 'UNEXPECTED_TOKEN') return undefined;
  const what = line.items && !line.key ? 'paragraph' : 'text';
  return { offset: start + line.lead.length, hint: `YAML: quote this ${what}: YAML ${LEADING[line.first]}` };
}

/** What to say of a key given a second time in one mapping (at `offset`): which key, and where it first stands. */
function duplicateKey(text: string, offset: number): string {
  const key = /^(?:"[^"\n]*"|'[^'\n]*'|[^:\n]*?)(?=[ \t]*:(?:[ \t]|$))/m.exec(text.slice(offset))?.[0].trim();
  if (!key) return 'a key is given twice in one mapping: keep one';
  const start = lineStart(text, offset);
  const indent = offset - start;
  // the same key at the same indentation, before it: the first (the mapping's own lines are indented alike)
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const first = new RegExp(`^[ \\t-]{${indent}}${escaped}[ \\t]*:`, 'gm');
  let firstLine: number | undefined;
  for (const m of text.slice(0, start).matchAll(first)) firstLine = text.slice(0, m.index).split('\n').length;
  return `\`${key}\` is given twice in one mapping${firstLine ? ` (first on line ${firstLine})` : ''}: keep one`;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Aliases used before (or without) an anchor of their name, in the file's order. */
function unresolvedAliases(doc: Document.Parsed): { offset: number; message: string; code: string }[] {
  const anchors = new Set<string>();
  const unresolved: { offset: number; message: string; code: string }[] = [];
  visit(doc, {
    Node(_, node) {
      if (isAlias(node) && !anchors.has(node.source)) {
        unresolved.push({ offset: node.range?.[0] ?? 0, message: `unresolved alias "*${node.source}"`, code: 'UNRESOLVED_ALIAS' });
      }
      if (!isAlias(node) && node.anchor) anchors.add(node.anchor);
    },
  });
  return unresolved;
}

/**
 * Warnings for ' #' after unquoted text in a `body:` or `list:` list: YAML reads the rest of
 * the line as a comment and the text silently ends before it.
 */
function droppedByComments(doc: Document.Parsed, text: string): YamlProblem[] {
  const problems: YamlProblem[] = [];
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if ((key !== 'body' && key !== 'list') || !isSeq(pair.value)) return;
      for (const item of pair.value.items as Node[]) {
        if (!isScalar(item) || item.type !== 'PLAIN' || !item.range) continue;
        let i = item.range[1];
        while (text[i] === ' ' || text[i] === '\t') i++;
        if (text[i] === '#') {
          problems.push({ offset: i, message: "YAML reads ' #' as the start of a comment: the rest of this line is left out of the text (quote the paragraph to keep it)", severity: 'warning' });
        }
      }
    },
  });
  return problems;
}

/**
 * Warnings for text that starts with `&`: YAML reads `&word` as an anchor and leaves it out of
 * the text. An anchor on a text that no alias uses is such a slip (a used one is meant).
 */
function droppedAsAnchors(doc: Document.Parsed, text: string): YamlProblem[] {
  const used = new Set<string>();
  const anchored: { name: string; start: number }[] = [];
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) used.add(node.source);
      else if (isScalar(node) && node.anchor && node.range) anchored.push({ name: node.anchor, start: node.range[0] });
    },
  });
  return anchored
    .filter((a) => !used.has(a.name))
    .map((a) => {
      const at = text.lastIndexOf(`&${a.name}`, a.start);
      return {
        offset: at < 0 ? a.start : at,
        message: `YAML reads a leading & as an anchor: "&${a.name}" is left out of the text (quote the paragraph to keep it)`,
        severity: 'warning' as const,
      };
    });
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
