/**
 * A template's syntax error, said in the template's own terms at the place to mend: a `{{`
 * never closed (at it), a `}` or `}}}` that cannot close it, a `{{/each}}` that closes nothing,
 * a block closed by another's close (at its opening, with where), a second `{{else}}`, a quote,
 * `(` or comment never closed. Handlebars' parser says what tokens it expected
 * (`Expecting 'CLOSE_RAW_BLOCK', 'CLOSE', … got 'INVALID'`) where it stopped, which is often past
 * the slip (at the file's end for a block never closed).
 */
import { blockOpenAt, closerOf, unclosedBlock } from './unclosed-block.js';
import { offsetOf, offsetOfUnit, placeOf } from './text-place.js';

/** A template's syntax error: where to look (lines and columns from 1), and what is wrong, on one line. */
export interface TemplateSyntaxError {
  line: number;
  col: number;
  reason: string;
}

/** What of Handlebars' lexer tells where the parser stopped: its last token, and where it stands (line from 1, column from 0). */
export interface LexerState {
  yylloc: { first_line: number; first_column: number };
  yytext: string;
}

/** Tokens the parser expects only inside `{{…}}`: one of them expected means it stopped inside an expression. */
const IN_EXPRESSION = new Set(['CLOSE', 'CLOSE_UNESCAPED', 'CLOSE_SEXPR', 'CLOSE_RAW_BLOCK', 'ID', 'EQUALS', 'SEP', 'OPEN_SEXPR', 'OPEN_BLOCK_PARAMS', 'CLOSE_BLOCK_PARAMS', 'STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', 'NULL', 'DATA']);

/** Tokens that open an expression or a comment (`{{`, `{{#`, `{{/`, `{{>`, `{{else`, `{{!` …). */
const OPENING = new Set(['OPEN', 'OPEN_BLOCK', 'OPEN_ENDBLOCK', 'OPEN_UNESCAPED', 'OPEN_PARTIAL', 'OPEN_PARTIAL_BLOCK', 'OPEN_INVERSE', 'OPEN_INVERSE_CHAIN', 'INVERSE', 'COMMENT', 'OPEN_RAW_BLOCK']);

/** A character of a name in `{{…}}` (Handlebars' ID: anything but spaces and its marks). */
const NAME_CHAR = /[^\s!"#%-,./;->@[-^`{-~]/;

/** The error `e` Handlebars' parser threw for the template `src`, its lexer then in `lexer`. */
export function syntaxError(src: string, e: unknown, lexer: LexerState): TemplateSyntaxError {
  const lines = String((e as Error)?.message ?? e).split('\n');
  const at = offsetOfUnit(src, lexer.yylloc.first_line, lexer.yylloc.first_column + 1);
  // "Parse error on line 3:", an excerpt, a pointer, "Expecting 'CLOSE', 'CLOSE_UNESCAPED', got 'EOF'"
  const expecting = /^Expecting (.*), got '(.*)'$/.exec(lines[lines.length - 1]);
  if (lines[0].startsWith('Parse error') && expecting) {
    const said = parseError(src, at, expecting[1].split(', ').map((t) => t.replace(/^'|'$/g, '')), expecting[2], lexer.yytext);
    return { ...placeOf(src, said.at), reason: said.reason };
  }
  if (lines[0].startsWith('Lexical error')) {
    const reason = /^\{\{~?!--/.test(src.slice(at)) ? 'this comment is never closed: end it with --}}' : 'this cannot be read as template syntax';
    return { ...placeOf(src, at), reason };
  }
  // a Handlebars exception with its place: "if doesn't match each - 2:3" (the opener's name; column from 0)
  const { lineNumber, column } = e as { lineNumber?: number; column?: number };
  const message = lines[0].replace(/ - \d+:\d+$/, '');
  if (lineNumber === undefined || column === undefined) return { line: 1, col: 1, reason: message };
  const place = offsetOfUnit(src, lineNumber, column + 1);
  const mismatch = /^(.+) doesn't match (.+)$/.exec(message);
  if (mismatch) {
    const opener = expressionStart(src, place + 1);
    const block = blockOpenAt(src, place + 1);
    const shown = block && block.name === mismatch[1] ? block.opener : `{{#${mismatch[1]}}}`;
    const close = closerOf(src, opener);
    const where = close ? ` at ${placeWords(src, close.index)}` : '';
    return { ...placeOf(src, opener), reason: `${shown} opened here is closed by {{/${mismatch[2]}}}${where}: close it with {{/${mismatch[1]}}}` };
  }
  const path = /^Invalid path: (.+)$/.exec(message)?.[1];
  if (path) return { ...placeOf(src, place), reason: `"${path}" is not a path: "this" and ".." go only at its start (this/title, ../title)` };
  return { ...placeOf(src, place), reason: message };
}

/** What is wrong where the parser stopped, at `at` (an offset) on the token `got` (its text `text`), `expected` another. */
function parseError(src: string, at: number, expected: string[], got: string, text: string): { at: number; reason: string } {
  // the file ended inside a block: say so where the block was opened
  const unclosed = got === 'EOF' && expected.includes('OPEN_ENDBLOCK') ? unclosedBlock(src) : undefined;
  if (unclosed) return { at: offsetOf(src, unclosed.line, unclosed.col), reason: `${unclosed.opener} opened at line ${unclosed.line} is never closed (close it with {{/${unclosed.name}}})` };
  const rest = src.slice(at);
  if (!expected.some((t) => IN_EXPRESSION.has(t))) return betweenExpressions(src, at, expected, got) ?? unexpected(at, text, rest);

  // inside an expression, opened at `opener`
  const opener = expressionStart(src, at);
  const written = src.slice(opener, at);
  if (OPENING.has(got)) {
    return { at: opener, reason: `this {{ is not closed before the {{ at ${placeWords(src, at)}: close it with }} (inside {{…}}, a value is written by its name alone: {{inline text}})` };
  }
  if (got === 'EOF') return { at: opener, reason: NEVER_CLOSED };
  if (got === 'INVALID') {
    if (text === '}') return { at, reason: 'a single } cannot close {{: close it with }}' };
    if (text === '"' || text === "'") return { at, reason: `this ${text} is never closed: close the text in quotes with ${text}` };
    if (text === '!' && /^\{\{~?$/.test(written)) return { at: opener, reason: 'this comment is never closed: end it with }}' };
    // a name's characters, then the one that cannot follow them (Handlebars stops at the name's start)
    let culprit = at;
    while (culprit < src.length && NAME_CHAR.test(src[culprit])) culprit++;
    const close = src.indexOf('}}', at);
    const next = src.indexOf('{{', at);
    if (close < 0 || (next >= 0 && next < close)) return { at: opener, reason: NEVER_CLOSED };
    const c = src[culprit];
    if (c === '[') return { at: culprit, reason: 'this [ is never closed: close it with ]' };
    return { at: culprit, reason: `"${c}" cannot stand inside {{…}}${c === ',' ? ' (values are separated by spaces)' : ''}` };
  }
  if (got === 'CLOSE') {
    const empty = /^\{\{\{?~?\s*(#>|#\*|[#/>&^@])?\s*$/.exec(written);
    if (empty) return { at: opener, reason: EMPTY[empty[1] ?? ''] ?? EMPTY[''] };
    if (expected.includes('CLOSE_SEXPR') && !expected.includes('CLOSE')) return { at: unclosedParen(src, opener, at) ?? at, reason: 'this ( is never closed: close it with ) before }}' };
    if (expected.includes('CLOSE_UNESCAPED') && !expected.includes('CLOSE')) return { at, reason: '}} cannot close {{{: close it with }}}' };
    const key = /([^\s=(]+)=\s*$/.exec(written);
    if (key) return { at: opener + key.index, reason: `${key[1]}= has no value: write it after the =, e.g. ${key[1]}="…"` };
    if (expected.length === 1 && expected[0] === 'EQUALS') {
      const word = /(\S+)\s*$/.exec(written);
      if (word) return { at: opener + word.index, reason: afterPairs(word[1]) };
    }
    return { at, reason: '}} closes {{ before its expression is complete' };
  }
  if (got === 'CLOSE_UNESCAPED' || got === 'CLOSE_RAW_BLOCK') return { at, reason: `${/^\}+/.exec(rest)?.[0] ?? text} cannot close {{: close it with }} (}}} closes {{{)` };
  if (got === 'CLOSE_SEXPR') return { at, reason: 'this ) closes no (: remove it' };
  if (got === 'OPEN_SEXPR') return { at, reason: firstParen(src, opener, at) };
  // a value where only name=value pairs may stand
  if (/[^\s=]=/.test(written) && expected.includes('ID') && !expected.includes('STRING')) return { at, reason: afterPairs(/^("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[^\s})]+)/.exec(rest)?.[0] ?? text) };
  return unexpected(at, text, rest);
}

/**
 * A `(` first in `{{…}}` (at offset `at`, the expression opened at `opener`), `{{(page}}`: what
 * brackets do, and the expression without them (`{{page}}`) when it is short.
 */
function firstParen(src: string, opener: number, at: number): string {
  const reason = 'this ( cannot come first in {{…}}: (…) calls a helper for a value given to another, after its name (e.g. {{#if (eq kind "table")}})';
  const end = src.indexOf('}}', at);
  if (end < 0 || end - opener > 60 || src.slice(at, end).includes('{{')) return reason;
  // the brackets' own close, if any, goes with them
  let inside = src.slice(at + 1, end);
  for (let i = 0, depth = 0; i < inside.length; i++) {
    if (inside[i] === '(') depth++;
    else if (inside[i] === ')' && depth-- === 0) {
      inside = inside.slice(0, i) + inside.slice(i + 1);
      break;
    }
  }
  const closer = /^\}+/.exec(src.slice(end))![0];
  return `${reason}: write ${src.slice(opener, at)}${inside.trim()}${closer}`;
}

const NEVER_CLOSED = 'this {{ is never closed: write }} where its expression ends';

/** An expression with nothing in it, by the mark after its `{{`. */
const EMPTY: Record<string, string> = {
  '': '{{}} is empty: write what it shows between the braces, e.g. {{title}}',
  '#': '{{#}} names no block: write {{#if …}}, {{#each …}}, {{#unless …}} or {{#with …}}',
  '/': '{{/}} names no block: write the name of the block it closes, e.g. {{/if}}',
  '>': '{{>}} names no partial: write its name, e.g. {{> paragraph}}',
  '#>': '{{#>}} names no partial: write its name, e.g. {{#> paragraph}}',
  '@': '{{@}} names nothing: write the name after @, e.g. {{@index}}',
};

function afterPairs(value: string): string {
  return `${value.startsWith('"') || value.startsWith("'") ? value : `"${value}"`} comes after name=value pairs: write the values first, then the name=value pairs`;
}

/**
 * A `{{/name}}`, `{{else}}` or `{{^}}` where no block, or no block still taking an `{{else}}`, is
 * open: what it is, at it.
 */
function betweenExpressions(src: string, at: number, expected: string[], got: string): { at: number; reason: string } | undefined {
  const rest = src.slice(at);
  if (got === 'OPEN_ENDBLOCK') {
    const name = /^\{\{~?\s*\/\s*([^\s}~]+)/.exec(rest)?.[1];
    return { at, reason: name === undefined ? EMPTY['/'] : `{{/${name}}} closes no block: no {{#${name}}} is open here` };
  }
  if (got !== 'INVERSE' && got !== 'OPEN_INVERSE_CHAIN') return undefined;
  const shown = got === 'OPEN_INVERSE_CHAIN' ? '{{else …}}' : /^\{\{~?\s*\^/.test(rest) ? '{{^}}' : '{{else}}';
  if (expected.includes('EOF')) return { at, reason: `${shown} stands outside any block: it goes between a block’s {{#…}} and its {{/…}}` };
  const block = blockOpenAt(src, at);
  const of = block ? ` the ${block.opener} opened at ${placeWords(src, offsetOf(src, block.line, block.col))}` : ' its block';
  if (got === 'OPEN_INVERSE_CHAIN') return { at, reason: `{{else …}} after the {{else}} of${of}: a block’s {{else}} is its last part (write {{else if …}} before it)` };
  return { at, reason: `a second {{else}} in${of}: a block has one {{else}}, its last part (for another condition, write {{else if …}} before it)` };
}

/** The parser stopped on text it did not expect there (`text`, the token Handlebars read; `rest`, the template from it): what the text is, at it. */
function unexpected(at: number, text: string, rest: string): { at: number; reason: string } {
  const shown = text.trim() || /^[^\s{}]{1,20}/.exec(rest)?.[0];
  return { at, reason: shown ? `"${shown}" cannot stand here` : 'the template ends too soon here' };
}

/** Where the `{{` (or `{{{`) of the expression that holds offset `at` stands (before `at`). */
function expressionStart(src: string, at: number): number {
  let i = src.lastIndexOf('{{', at - 1);
  if (i < 0) return at;
  while (i > 0 && src[i - 1] === '{') i--;
  return i;
}

/** The innermost `(` between `from` and `to` left open (quoted text skipped), if any. */
function unclosedParen(src: string, from: number, to: number): number | undefined {
  const open: number[] = [];
  for (let i = from; i < to; i++) {
    const c = src[i];
    if (c === '"' || c === "'") {
      const end = src.indexOf(c, i + 1);
      if (end < 0 || end >= to) break;
      i = end;
    } else if (c === '(') open.push(i);
    else if (c === ')') open.pop();
  }
  return open.at(-1);
}

/** `line 4, column 28`: offset `at` of `src` in words. */
function placeWords(src: string, at: number): string {
  const { line, col } = placeOf(src, at);
  return `line ${line}, column ${col}`;
}
