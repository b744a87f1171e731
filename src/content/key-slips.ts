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
  for (const line of lines) {
    const item = /^-(?<spaces> +)/.exec(line.rest);
    const key = keyOf(item ? line.rest.slice(item[0].length) : line.rest, item ? line.indent + item[0].length : line.indent);
    if (item) {
      // an item closes the mappings right of its dash; its first key opens one
      while (open.length && open[open.length - 1] > line.indent) open.pop();
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
      // the open mapping nearest, the one of the line before on a tie
      const near = open.filter((c) => Math.abs(c - key.column) <= MAX_SLIP).sort((a, b) => Math.abs(a - key.column) - Math.abs(b - key.column) || b - a)[0];
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

/** The key `rest` starts with, at `column`; undefined when it holds none. */
function keyOf(rest: string, column: number): KeyLine | undefined {
  const m = KEY.exec(rest);
  if (!m) return undefined;
  // (its comment cut at the first blank-then-#)
  const value = m.groups!.value.replace(/[ \t]#.*$/, '').trim();
  // (a block scalar's text, `code: |`, is no line of structure: see yaml-lines.ts)
  return { column, name: m.groups!.name, opensBlock: value === '' };
}
