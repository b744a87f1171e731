/**
 * Keys that slipped, found in a YAML text line by line: a key (`rows:`, `issuer:`) that stands one
 * or two spaces left or right of the keys of the mapping it follows. YAML reads it as something
 * else and says so in its own terms: "All mapping items must start at the same column" at the
 * line's first column, or, a key right of one with a value, that the value before it holds ': '
 * (a hint to quote the line before, which is not at fault). The slip itself is the key.
 *
 * The keys of the content format, a theme and a font registry are ASCII words, so a line of
 * text that holds ': ' (a paragraph's next line, `电话: 021-…`) is never taken for one.
 */

import type { YamlSlip } from './item-slips.js';
import type { YamlLine } from './yaml-lines.js';

/** How far (spaces) a key may stand from its mapping's column and still be read as a slip. */
const MAX_SLIP = 2;

/** How far (spaces) a key may stand from its mapping's column when the keys on the lines before and after it stand there (see `keysAround`). */
const MAX_SLIP_AROUND = 2 * MAX_SLIP;

/** A key and what follows its colon, at the start of a line's rest (after `- ` for an item's first key). */
const KEY = /^(?<name>[A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?<value>[ \t].*|\r?)$/;

/** A line read as a key: its column, its name, and whether its value follows on the lines after it (`body:`). */
interface KeyLine {
  column: number;
  name: string;
  opensBlock: boolean;
}

/** The slipped keys of `text`, in the order of the file. */
export function keySlips(lines: readonly YamlLine[]): YamlSlip[] {
  const slips: YamlSlip[] = [];
  // the columns of the mappings open at this line, outermost first
  const open: number[] = [];
  // the key of the line before, when it was a key line, and where that line starts
  let before: KeyLine | undefined;
  let beforeAt = 0;
  // the dash's column of the item of text this line follows (its next lines, deeper, are more of its text)
  let textItem: number | undefined;
  for (const [n, line] of lines.entries()) {
    const item = /^-(?<spaces> +)/.exec(line.rest);
    const key = keyOf(item ? line.rest.slice(item[0].length) : line.rest, item ? line.indent + item[0].length : line.indent);
    if (item) {
      // an item closes the mappings right of its dash; its first key opens one
      while (open.length && open[open.length - 1] > line.indent) open.pop();
      // (a first key that opens a block, `- table:`, has its own keys under it)
      const under = key && !key.opensBlock ? slippedItem(lines, n, key.column) : undefined;
      if (under !== undefined && key) {
        const by = key.column - under;
        slips.push({ offset: line.start + line.indent, message: `YAML: this item is indented ${line.indent} space${line.indent === 1 ? '' : 's'}, so its first key \`${key.name}\` stands at ${key.column}, and the keys under it at ${under}: move the "- " ${Math.abs(by)} space${Math.abs(by) === 1 ? '' : 's'} ${by > 0 ? 'left' : 'right'}` });
        key.column = under;
      }
      if (key) open.push(key.column);
      [before, textItem, beforeAt] = key ? [key, undefined, line.start] : [undefined, line.indent, beforeAt];
      continue;
    }
    if (!key) {
      before = undefined;
      continue;
    }
    if (before?.opensBlock && key.column > before.column) {
      open.push(key.column);
    } else if ((before || (textItem !== undefined && key.column <= textItem)) && !open.includes(key.column)) {
      // the innermost open mapping when its keys stand on the lines before and after it (a key
      // copied from a table less deep: `widths:` at 10 between the table's keys at 14), else the
      // nearest, the one of the line before on a tie
      const inner = open[open.length - 1];
      const around = inner !== undefined && Math.abs(inner - key.column) <= MAX_SLIP_AROUND && keysAround(lines, n, inner) ? inner : undefined;
      const near = around ?? open.filter((c) => Math.abs(c - key.column) <= MAX_SLIP).sort((a, b) => Math.abs(a - key.column) - Math.abs(b - key.column) || b - a)[0];
      if (near !== undefined) {
        // (a key right of the one before, YAML says the value before it holds ': ': that is this slip too)
        const causesFrom = before && !before.opensBlock ? beforeAt : undefined;
        slips.push({ offset: line.start + line.indent, message: `YAML: the key \`${key.name}\` is indented ${key.column} space${key.column === 1 ? '' : 's'}, the keys around it ${near}: line them up`, causesFrom });
        key.column = near;
      }
    }
    while (open.length && open[open.length - 1] > key.column) open.pop();
    if (!open.includes(key.column)) open.push(key.column);
    [before, textItem, beforeAt] = [key, undefined, line.start];
  }
  return slips;
}

/**
 * Where the keys under the item at `lines[n]` stand, when the item is the slip: its first key at
 * `column`, the keys of its mapping on the lines under it (two at least, up to the next line that
 * is not deeper than its dash) all at one other column, a space or two away. Undefined otherwise
 * (one key below that differs is the key's slip: see keySlips).
 */
function slippedItem(lines: readonly YamlLine[], n: number, column: number): number | undefined {
  const dash = lines[n].indent;
  const columns: number[] = [];
  for (const line of lines.slice(n + 1)) {
    if (line.indent <= dash || /^-( |$)/.test(line.rest)) break;
    const key = keyOf(line.rest, line.indent);
    // (deeper lines are what a key below opens: body:'s items)
    if (key && key.column <= column + MAX_SLIP && (!columns.length || key.column <= Math.min(...columns))) columns.push(key.column);
  }
  const under = columns[0];
  if (columns.length < 2 || under === column || Math.abs(under - column) > MAX_SLIP || columns.some((c) => c !== under)) return undefined;
  return under;
}

/**
 * Whether the nearest lines before and after `lines[n]` that stand no deeper than `column` (what
 * is deeper is the value of a key) are keys at `column`, an item's first key too (`- table:`).
 */
function keysAround(lines: readonly YamlLine[], n: number, column: number): boolean {
  const keyAt = (line: YamlLine | undefined) => {
    if (!line) return false;
    const item = /^-(?<spaces> +)/.exec(line.rest);
    return keyOf(item ? line.rest.slice(item[0].length) : line.rest, item ? line.indent + item[0].length : line.indent)?.column === column;
  };
  const notDeeper = (line: YamlLine) => line.indent <= column;
  return keyAt(lines.slice(0, n).reverse().find(notDeeper)) && keyAt(lines.slice(n + 1).find(notDeeper));
}

/** The key `rest` starts with, at `column`; undefined when it holds none. */
function keyOf(rest: string, column: number): KeyLine | undefined {
  const m = KEY.exec(rest);
  if (!m) return undefined;
  // (its comment cut at the first blank-then-#)
  const value = m.groups!.value.replace(/[ \t]#.*$/, '').trim();
  // (a block scalar's text, `code: |`, is no line of structure: see yaml-lines.ts)
  return { column, name: m.groups!.name, opensBlock: value === '' };
}
