/**
 * What went wrong reading a YAML file, said so a report's editor can act on it: the yaml
 * package's errors and warnings with hints for the slips a report's text makes (a paragraph
 * that starts with a character YAML reads as syntax, or contains ': ' or ' #'), one message
 * for a tab that indents, YAML's syntax typed full-width (：－　) and a list item, key or block's
 * text that slipped (not the errors they cause after them), a key without its colon at it, a stray closing bracket at it, a quote never closed at the quote, only the first error
 * of syntax (YAML's recovery after it makes up more), and aliases with no anchor found where
 * they are written.
 */
import { isAlias, isMap, isScalar, isSeq, visit, type Document, type Node, type YAMLError } from 'yaml';
import { asciiQuotesHint, fullWidthSyntax, type FullWidthSlip } from './full-width-syntax.js';
import { itemSlips, type YamlSlip } from './item-slips.js';
import { keySlips } from './key-slips.js';
import { blockTextSlips } from './block-text-slips.js';
import { colonlessKey } from './colonless-keys.js';
import { structuralLines, type YamlLine } from './yaml-lines.js';

/** A problem at a character offset of the YAML text. */
export interface YamlProblem {
  offset: number;
  message: string;
  severity: 'error' | 'warning';
}

/** YAML's errors that no earlier error causes: a key given twice, a second document. The others are errors of syntax. */
const INDEPENDENT_ERRORS: ReadonlySet<string> = new Set(['DUPLICATE_KEY', 'MULTIPLE_DOCS']);

/** YAML's message for a closing bracket with nothing open: which bracket. */
const STRAY_CLOSER = /^Unexpected flow-(?:map|seq)-end token in YAML (?:stream|document): "([}\]])"/;

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

/** The hint for an item of a list in brackets (a table row, a body) that YAML cut short. */
const FLOW_CELL_HINT = 'in a list written in [ ], a row\'s cell or an item holding a footnote ^[…], brackets or \': \' must be quoted: "…"';

/** The problems of a parsed document, in the order of the file. */
export function yamlProblems(doc: Document.Parsed, text: string): YamlProblem[] {
  const tabs = doc.errors.filter((e) => e.code === 'TAB_AS_INDENT');
  // a tab that indents makes the lines after it mean something else: the errors that follow say nothing more
  if (tabs.length) return tabs.map((e) => ({ offset: e.pos[0], message: 'YAML: tabs cannot indent YAML; use spaces', severity: 'error' }));
  // a key with a full-width colon is no key to YAML, nor a full-width dash an item, nor full-width spaces indentation: what it says of the lines after is what that caused
  const lines = structuralLines(text);
  const fullWidth = causingFullWidth(doc, lines);
  if (fullWidth.length) return fullWidth.map((c) => ({ offset: c.offset, message: c.message, severity: 'error' }));
  // a list item that slipped makes YAML read it, and lines after it, as something else: its errors from there on say nothing more
  const slips = causingSlips(doc, lines, text);
  const slipLine = slips.length ? Math.min(lineStart(text, slips[0].offset), slips[0].causesFrom ?? Infinity) : Infinity;

  // after the first error of syntax YAML reads the rest of the file as it can: its errors from
  // there on are what that one caused (a stray } gave seven), and they are not reported, but for
  // a later text that starts with a character YAML reads as syntax (a slip of its own, on its line)
  // (a [ or { left open is the first, where it opens, whatever YAML reported before it: see leftOpen)
  const keys = collectionKeys(doc);
  // such a key on its own line after another key, YAML also says "Map comment with trailing content" at it: the key's message is the one
  const errors = doc.errors.filter((e) => !(e.code === 'IMPOSSIBLE' && keys.some((k) => k.offset === e.pos[0])));
  const syntax = errors.filter((e) => !INDEPENDENT_ERRORS.has(e.code));
  let opened: { error: YAMLError; at: number } | undefined;
  for (const e of syntax) {
    const open = leftOpen(doc, text, { offset: e.pos[0], message: e.message, code: e.code });
    if (open) {
      opened = { error: e, at: open.at };
      break;
    }
  }
  const firstSyntax = opened?.error ?? syntax[0];
  const firstAt = opened?.at ?? firstSyntax?.pos[0];
  const syntaxLine = firstAt !== undefined ? lineStart(text, firstAt) : Infinity;
  const reported = (e: YAMLError) => {
    if (!firstSyntax || e === firstSyntax || e.pos[0] < firstAt!) return true;
    return !INDEPENDENT_ERRORS.has(e.code) && lineStart(text, e.pos[0]) > syntaxLine && leadingIndicator(text, e.pos[0], e.code) !== undefined;
  };
  const found = [
    ...errors
      .filter(reported)
      .map((e) => ({ offset: e.pos[0], end: e.pos[1], message: firstLine(e.message), code: e.code as string })),
    // a tag (!!js/function, !include, !!binary …) is refused: the content is plain data
    ...doc.warnings.map((w) => ({ offset: w.pos[0], end: w.pos[1], message: tagMessage(text, w), code: w.code as string })),
    ...unresolvedAliases(doc),
    ...keys,
    ...keylessPairs(doc, text),
  ]
    .filter((f) => f.end < slipLine)
    .sort((a, b) => a.offset - b.offset);

  const problems: YamlProblem[] = slips.map((s) => ({ offset: s.offset, message: s.message, severity: 'error' }));
  const hintedLines = new Set<number>();
  // the brackets left open, by their line's start: what YAML says of the rest of that line is what the bracket caused
  const openedAt = new Map<number, number>();
  let exhausted = false;
  for (const f of found) {
    // one message for a line that got a hint: the errors after the first are what the same slip caused
    if (hintedLines.has(lineStart(text, f.offset))) continue;
    const stray = f.code === 'UNEXPECTED_TOKEN' ? STRAY_CLOSER.exec(f.message)?.[1] : undefined;
    const openFlow = leftOpen(doc, text, f);
    const leading = stray ? undefined : leadingIndicator(text, f.offset, f.code);
    const colonless = colonlessKey(text, f.offset, f.code, f.message);
    if (f.code === 'UNEXPECTED_TOKEN' && EMPTY_ITEM.test(text.slice(lineStart(text, f.offset), f.offset + 1)) && lineOf(text, f.offset).trimEnd().endsWith(']')) {
      // `[1, , 3]`: YAML has no empty item in brackets (a list, not a paragraph to quote)
      hintedLines.add(lineStart(text, f.offset));
      problems.push({ offset: f.offset, message: 'YAML: an empty item in a list in brackets: write "" for an empty cell (or remove the extra ,)', severity: 'error' });
    } else if (f.code === 'UNEXPECTED_TOKEN' && f.message.startsWith('Unexpected scalar at node end') && /["'][ \t]*$/.test(text.slice(lineStart(text, f.offset), f.offset))) {
      // `"文字" 补充`: the text after a quoted text's closing quote
      hintedLines.add(lineStart(text, f.offset));
      problems.push({ offset: f.offset, message: `YAML: text after the closing quote: a text in quotes ends there (put all of it inside the quotes)`, severity: 'error' });
    } else if (f.code === 'UNEXPECTED_TOKEN' && f.message.startsWith('Unexpected block-seq-ind on same line with key')) {
      // `issuer: - a`: a list cannot start on its key's line
      hintedLines.add(lineStart(text, f.offset));
      problems.push({ offset: f.offset, message: 'YAML: a list cannot start on its key\'s line: put each "- item" on a line of its own under the key, indented (or quote the text, if it starts with "- ")', severity: 'error' });
    } else if (f.code === 'BAD_DQ_ESCAPE') {
      // `"a\qb"`: in double quotes \ starts an escape (\n, \t, \u4e00 …)
      const escape = /^\\(?:x[0-9a-fA-F]{0,2}|u[0-9a-fA-F]{0,4}|U[0-9a-fA-F]{0,8}|.)?/u.exec(text.slice(f.offset))?.[0] ?? '\\';
      problems.push({ offset: f.offset, message: `YAML: ${escape} is not an escape: in double quotes a \\ starts one (\\n, \\u4e00); write \\\\ for a backslash, or put the text in single quotes ('…'), where \\ is itself`, severity: 'error' });
    } else if (stray) {
      const opener = stray === '}' ? '{' : '[';
      problems.push({ offset: f.offset, message: `YAML: this ${stray} closes no ${opener}: remove it (or quote the text, if it is part of it)`, severity: 'error' });
    } else if (openFlow !== undefined) {
      // YAML finds it where the text goes on (the next line, a list item, the end of the file): the bracket left open is where to look
      // (a footnote ^[…] in it, in brackets: its ] closed the list around it, and left this open)
      const footnote = lineOf(text, openFlow.at).slice(openFlow.at - lineStart(text, openFlow.at)).includes('^[');
      const message = footnote ? `YAML: this ${text[openFlow.at]} is never closed: the ] of the footnote ^[…] in it ends the list around it (${FLOW_CELL_HINT})` : `YAML: this ${text[openFlow.at]} is never closed (close it with ${openFlow.closer})`;
      problems.push({ offset: openFlow.at, message, severity: 'error' });
      openedAt.set(lineStart(text, openFlow.at), openFlow.at);
    } else if (f.code === 'MISSING_CHAR' && /closing ["']quote/.test(f.message)) {
      // YAML finds it at the end of the file, or at the first line indented less than the text
      // (where a quoted text cannot go on): the quote left open before there is where to look
      const opening = unclosedQuote(text.slice(0, f.offset));
      problems.push({ offset: opening ?? f.offset, message: opening === undefined ? `YAML: ${f.message}` : `YAML: this quote ${text[opening]} is never closed (close it with ${text[opening]} where the text ends)`, severity: 'error' });
    } else if (leading) {
      hintedLines.add(lineStart(text, f.offset));
      problems.push({ offset: leading.offset, message: `${leading.hint} (${f.message})`, severity: 'error' });
    } else if (colonless) {
      hintedLines.add(lineStart(text, f.offset));
      problems.push({ offset: f.offset, message: colonless, severity: 'error' });
    } else if (f.code === 'MULTILINE_IMPLICIT_KEY') {
      // text over several lines with ': ' on a later one: point at the ': ', not the text's first line
      const colon = text.slice(f.offset).search(/:(?=[ \t\r\n]|$)/);
      problems.push({ offset: colon < 0 ? f.offset : f.offset + colon, message: `YAML: ${f.message} (${COLON_HINT})`, severity: 'error' });
    } else if (f.code === 'BLOCK_AS_IMPLICIT_KEY') {
      // a key's value with ': ' in it (title: 主要措施: 修订制度。): YAML reads the value as a key
      hintedLines.add(lineStart(text, f.offset));
      // (a text in Chinese quotes “…” looks quoted, and is not, to YAML)
      const how = asciiQuotesHint(text.slice(f.offset, f.offset + 1));
      problems.push({ offset: f.offset, message: `YAML: quote this text${how && ` ${how}`}: YAML reads the ': ' in it as the end of a key (${f.message})`, severity: 'error' });
    } else if (f.code === 'MISSING_CHAR' && f.message.includes('flow sequence') && /["'][ \t]*$/.test(text.slice(lineStart(text, f.offset), f.offset))) {
      // `["其他, 8, "4,345"]`: a quote left out, the next one closing the text early
      hintedLines.add(lineStart(text, f.offset));
      problems.push({ offset: f.offset, message: `YAML: text after the closing quote: a text in quotes ends there (put all of it inside the quotes)`, severity: 'error' });
    } else if (f.code === 'MISSING_CHAR' && f.message.includes('flow sequence')) {
      // a cell of a list in brackets holding [ ] (a footnote ^[…]) or ': ': the brackets end the cell early
      hintedLines.add(lineStart(text, f.offset));
      problems.push({ offset: flowItemStart(text, f.offset), message: `YAML: ${f.message} (${FLOW_CELL_HINT})`, severity: 'error' });
    } else if (f.code === 'KEYLESS_PAIR') {
      const value = leadingIndicator(text, f.offset, 'UNEXPECTED_TOKEN');
      problems.push(
        value
          ? { offset: value.offset, message: `${value.hint} (and the ': ' after it as the start of a key with no name)`, severity: 'error' }
          : { offset: f.offset, message: "YAML: YAML reads this ': ' after a list or mapping in brackets as the start of a key with no name: quote the text", severity: 'error' },
      );
    } else if (f.code === 'DUPLICATE_KEY') {
      problems.push({ offset: f.offset, message: `YAML: ${duplicateKey(text, f.offset)}`, severity: 'error' });
    } else if (f.code === 'RESOURCE_EXHAUSTION') {
      // YAML's parser ran out of stack (`[[[[…` a thousand deep): said as the depth it is, not as
      // the stack; once (where it runs out again, a level further, depends on how much stack the
      // code it ran had compiled to: the test saw a second one at the next column, now and then)
      if (exhausted) continue;
      exhausted = true;
      problems.push({ offset: f.offset, message: 'YAML: lists or mappings nested too deeply to read (hundreds of levels, each inside the one before)', severity: 'error' });
    } else if (f.code === 'MULTIPLE_DOCS') {
      problems.push({ offset: f.offset, message: 'YAML: a second document starts here (a line `---`): the file is one document; remove the line, or what follows it', severity: 'error' });
    } else {
      problems.push({ offset: f.offset, message: `YAML: ${f.message}`, severity: 'error' });
    }
  }
  const caused = (p: YamlProblem) => p.offset > (openedAt.get(lineStart(text, p.offset)) ?? Infinity);
  return [...problems.filter((p) => !caused(p)).sort((a, b) => a.offset - b.offset), ...droppedByComments(doc, text), ...droppedAsAnchors(doc, text)];
}

/**
 * The slipped list items (see item-slips.ts), keys (key-slips.ts) and texts of block scalars
 * (block-text-slips.ts) that change what the file says: with YAML errors, every one; without,
 * the items YAML took silently as more of a plain text before them (an item one or two spaces
 * right of the others), and no key nor text (a slip of either is always an error to YAML).
 */
function causingSlips(doc: Document.Parsed, lines: readonly YamlLine[], text: string): YamlSlip[] {
  if (doc.errors.length) {
    const errorsAt = doc.errors.map((e) => e.pos[0]);
    return [...itemSlips(lines), ...keySlips(lines), ...blockTextSlips(text, errorsAt)].sort((a, b) => a.offset - b.offset);
  }
  const slips = itemSlips(lines);
  if (!slips.length) return slips;
  const plainRanges = scalarRanges(doc, (type) => type === 'PLAIN');
  // (a slip at the scalar's start: `body:` then `-第一段` read as text, the list's first item)
  return slips.filter((s) => plainRanges.some(([start, end]) => start <= s.offset && s.offset < end));
}

/**
 * YAML's syntax typed full-width (see full-width-syntax.ts) that changes what the file says:
 * with YAML errors, every one; without, those where a value starts (`title：…` read as the text
 * `report:` holds), not those inside a text begun on a line before (`…其中` then `PISA：…`, a
 * paragraph's next line, is text).
 */
function causingFullWidth(doc: Document.Parsed, lines: readonly YamlLine[]): FullWidthSlip[] {
  const slips = fullWidthSyntax(lines);
  if (!slips.length || doc.errors.length) return slips;
  const ranges = scalarRanges(doc, () => true);
  return slips.filter((s) => !ranges.some(([start, end]) => start < s.starts && s.starts < end));
}

/** The ranges (start, end offsets) of the document's scalars of the types `wanted` takes. */
function scalarRanges(doc: Document.Parsed, wanted: (type: string | undefined) => boolean): [number, number][] {
  const ranges: [number, number][] = [];
  visit(doc, {
    Scalar(_, node) {
      if (wanted(node.type) && node.range) ranges.push([node.range[0], node.range[1]]);
    },
  });
  return ranges;
}

/** Text up to a `,` that follows a `[` or another `,` with nothing but spaces between: an empty item of a list in brackets. */
const EMPTY_ITEM = /[[,][ \t]*,$/;

/** The hint for a paragraph-like value starting with a YAML indicator, on the line of `offset`. */
function leadingIndicator(text: string, offset: number, code: string): { offset: number; hint: string } | undefined {
  const start = lineStart(text, offset);
  const end = text.indexOf('\n', start);
  const line = LINE_VALUE.exec(text.slice(start, end < 0 ? undefined : end))?.groups;
  if (!line || !(line.first in LEADING)) return flowCellIndicator(text, offset);
  // a list or mapping written in brackets is fine YAML: only text after its closing bracket is a
  // slip (a line that ends with the bracket is a list, which YAML may stumble on after a slip before)
  if ((line.first === '[' || line.first === '{') && (code !== 'UNEXPECTED_TOKEN' || lineOf(text, offset).trimEnd().endsWith(line.first === '[' ? ']' : '}'))) return flowCellIndicator(text, offset);
  const what = line.items && !line.key ? 'paragraph' : 'text';
  return { offset: start + line.lead.length, hint: `YAML: quote this ${what}: YAML ${LEADING[line.first]}` };
}

/** An item of a list in brackets, from its first character to the `,` or `]` that ends it (a table row's cell: `%`, `*见注`). */
const FLOW_ITEM = /[^,\]\r\n]*/y;

/**
 * The hint for an item of a list in brackets (a table row's cell, `[达标率, %, 96.5]`) that starts,
 * at `offset`, with a character YAML reads as syntax, with the item quoted as it should be written.
 */
function flowCellIndicator(text: string, offset: number): { offset: number; hint: string } | undefined {
  const first = text[offset];
  if (!(first in LEADING) || first === '[' || first === '{' || !/[[,][ \t]*$/.test(text.slice(lineStart(text, offset), offset))) return undefined;
  FLOW_ITEM.lastIndex = offset;
  const cell = FLOW_ITEM.exec(text)![0].trimEnd();
  return { offset, hint: `YAML: quote this cell, "${cell.replace(/["\\]/g, '\\$&')}": YAML ${LEADING[first]}` };
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

/** Where the item of a list in brackets that holds `offset` starts: after the `[` or `,` before it on its line, and any spaces. */
function flowItemStart(text: string, offset: number): number {
  const line = lineStart(text, offset);
  let start = Math.max(text.lastIndexOf('[', offset - 1), text.lastIndexOf(',', offset - 1)) + 1;
  if (start <= line) return offset;
  while (text[start] === ' ') start++;
  return start;
}

/**
 * The list or mapping in brackets left open that YAML's error `f` is about, if any: where it
 * opens and what closes it (YAML says it at the next line, or at block items inside it).
 */
function leftOpen(doc: Document.Parsed, text: string, f: { offset: number; message: string; code: string }): { at: number; closer: string } | undefined {
  const closers = f.code === 'BAD_INDENT' ? [UNCLOSED_FLOW.exec(f.message)?.[1]] : f.code === 'BLOCK_IN_FLOW' ? [']', '}'] : [];
  for (const closer of closers) {
    if (!closer) continue;
    const at = unclosedFlow(doc, text, f.offset, closer);
    if (at !== undefined) return { at, closer };
  }
  return undefined;
}

/** YAML's message for a list or mapping in brackets left open: which bracket would close it. */
const UNCLOSED_FLOW = /^Flow (?:sequence|map) in block collection must be sufficiently indented and end with a ([\]}])/;

/**
 * Where the list or mapping in brackets that `closer` should have closed opens, for YAML's error at
 * `offset`: the innermost such collection (`[` for `]`, `{` for `}`) that holds or ends at the
 * error and whose text opens more brackets than it closes; undefined when none does.
 */
function unclosedFlow(doc: Document.Parsed, text: string, offset: number, closer: string): number | undefined {
  const opener = closer === ']' ? '[' : '{';
  let found: number | undefined;
  visit(doc, {
    Node(_, node) {
      if (!(isSeq(node) || isMap(node)) || !node.flow || !node.range) return;
      const [start, end] = node.range;
      if (text[start] !== opener || start >= offset || offset > end + 1) return;
      const source = text.slice(start, end);
      if (source.split(opener).length > source.split(closer).length && (found === undefined || start > found)) found = start;
    },
  });
  return found;
}

/**
 * Where the quoted text that is never closed opens: the first quote that starts a value (after a
 * line's indentation, `- `, `key: `, or `[ { ,` in brackets) with no closing quote after it (a
 * quoted text may run over lines; `\"` in double quotes and `''` in single quotes are no ends);
 * undefined when every quote closes. `text` is the file up to where YAML found the quote missing,
 * so a quote closed only further on (past a line indented less, where YAML ended the text) counts
 * as open.
 */
function unclosedQuote(text: string): number | undefined {
  const opening = /(?:^[ \t]*(?:-[ \t]+)*|:[ \t]+|[[{,][ \t]*)(["'])/gm;
  // the line the scan is in, and where its comment starts (a ` #`, quotes not counted; Infinity
  // for none): found once a line, so a long line of quoted items is read once, not once a quote
  let [start, end, comment] = [0, -1, Infinity];
  for (let m = opening.exec(text); m; m = opening.exec(text)) {
    const at = m.index + m[0].length - 1;
    if (at > end) {
      start = text.lastIndexOf('\n', at - 1) + 1;
      const next = text.indexOf('\n', at);
      end = next < 0 ? text.length : next;
      const hash = /(?:^|[ \t])#/.exec(text.slice(start, end));
      comment = hash ? start + hash.index : Infinity;
    }
    if (at > comment) continue;
    const close = m[1] === '"' ? /(?:[^"\\]|\\[\s\S])*"/y : /(?:[^']|'')*'(?!')/y;
    close.lastIndex = at + 1;
    if (!close.test(text)) return at;
    opening.lastIndex = close.lastIndex;
  }
  return undefined;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The line that holds `offset`, without its line break, nor a comment after a space. */
function lineOf(text: string, offset: number): string {
  const end = text.indexOf('\n', offset);
  return text.slice(lineStart(text, offset), end < 0 ? undefined : end).replace(/\r$/, '').replace(/\s#.*$/, '');
}

/** Aliases used before (or without) an anchor of their name, in the file's order. */
function unresolvedAliases(doc: Document.Parsed): { offset: number; end: number; message: string; code: string }[] {
  const anchors = new Set<string>();
  const unresolved: { offset: number; end: number; message: string; code: string }[] = [];
  visit(doc, {
    Node(_, node) {
      if (isAlias(node) && !anchors.has(node.source)) {
        unresolved.push({ offset: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0, message: `unresolved alias "*${node.source}"`, code: 'UNRESOLVED_ALIAS' });
      }
      if (!isAlias(node) && node.anchor) anchors.add(node.anchor);
    },
  });
  return unresolved;
}

/**
 * Keys that are a list or a mapping (`? [a, b]`, `{a: 1}: x`): plain data has none (JavaScript
 * would make text of them, with a warning of Node's), so each is an error at the key.
 */
function collectionKeys(doc: Document.Parsed): { offset: number; end: number; message: string; code: string }[] {
  const found: { offset: number; end: number; message: string; code: string }[] = [];
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      if ((isMap(key) || isSeq(key)) && key.range) found.push({ offset: key.range[0], end: key.range[1], message: 'a key must be a name, not a list or a mapping', code: 'COLLECTION_KEY' });
    },
  });
  return found;
}

/**
 * A list or mapping in brackets with ': ' after it, as a value on its key's line (`issuer: {a: 1}: x`):
 * YAML reads the brackets as the value, and `: x` as a pair of the mapping around with no key,
 * silently (the content then has a key "" and a value that is no text).
 */
function keylessPairs(doc: Document.Parsed, text: string): { offset: number; end: number; message: string; code: string }[] {
  const found: { offset: number; end: number; message: string; code: string }[] = [];
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      if (!isScalar(key) || key.value !== null || !key.range || key.range[0] !== key.range[1]) return;
      if (!/[\]}][ \t]*$/.test(text.slice(lineStart(text, key.range[0]), key.range[0]))) return;
      found.push({ offset: key.range[0], end: key.range[1], message: 'a key with no name', code: 'KEYLESS_PAIR' });
    },
  });
  return found;
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

/** What to say of YAML's warning `w`: for a tag it could not resolve, the tag as written (`!!binary`, not `tag:yaml.org,2002:binary`). */
function tagMessage(text: string, w: YAMLError): string {
  if (w.code !== 'TAG_RESOLVE_FAILED') return firstLine(w.message);
  return `the tag ${text.slice(w.pos[0], w.pos[1])} is not allowed: content is plain text`;
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
