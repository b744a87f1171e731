/**
 * The text of a block scalar (`code: |`, `verse: |`, `text: >`) written no deeper than its key,
 * found in a YAML text line by line. YAML takes such a text as none, and its first line as more
 * of the document: "Implicit keys need to be on a single line" (a hint to quote a paragraph,
 * which is not at fault) or "All mapping items must start at the same column" at the line's
 * first column. The slip is the text's indentation, said at its first line; a line of the text
 * that tabs indent (YAML indents with spaces only) is said to be so, at that line.
 */

import type { YamlSlip } from './item-slips.js';

/** A line that opens a block scalar: its items' marks, its key, and `|` or `>` with what may follow them. */
const OPENS_BLOCK_TEXT = /^(?<indent> *)(?<items>(?:- +)*)(?<key>[A-Za-z_][A-Za-z0-9_-]*)[ \t]*:[ \t]+(?<indicator>[|>][-+0-9]*)[ \t]*(?:#.*)?\r?$/;

/** A line of structure: an item, or a key and its colon. */
const STRUCTURE = /^(?:-(?:[ \t]|\r?$)|[A-Za-z_][A-Za-z0-9_-]*[ \t]*:(?:[ \t]|\r?$))/;

/**
 * The block scalars of `text` whose first line of text stands no deeper than their key, where
 * YAML reads it as more of the document and finds an error on that line (`errorsAt`: the
 * offsets of YAML's errors; a block scalar left empty, the next line a key or an item, is no slip).
 */
export function blockTextSlips(text: string, errorsAt: readonly number[]): YamlSlip[] {
  const slips: YamlSlip[] = [];
  const lines = text.split('\n');
  let start = 0;
  const starts = lines.map((line) => {
    const at = start;
    start += line.length + 1;
    return at;
  });
  for (let i = 0; i < lines.length; i++) {
    const opens = OPENS_BLOCK_TEXT.exec(lines[i]);
    if (!opens) continue;
    const { indent, items, key, indicator } = opens.groups!;
    const keyColumn = indent.length + items.length;
    let next = i + 1;
    while (next < lines.length && /^[ \t]*\r?$/.test(lines[next])) next++;
    if (next >= lines.length) continue;
    const nextIndent = /^ */.exec(lines[next])![0].length;
    const erred = (k: number) => errorsAt.some((at) => at >= starts[k] && at <= starts[k] + lines[k].length);
    /** A line of the text that a tab indents, where `spaces` were needed. */
    const tabbed = (k: number, spaces: number): YamlSlip => ({ offset: starts[k], message: `YAML: a tab indents this line of \`${key}: ${indicator}\`: YAML indents with spaces only (write ${spaces} spaces or more)` });
    if (nextIndent > keyColumn) {
      // deeper than the key: the text as YAML reads it, up to a line less deep; one a tab
      // indents there is a slip (YAML: "Block scalar lines must not be less indented than their first line")
      for (let k = next + 1; k < lines.length; k++) {
        const spaces = /^ */.exec(lines[k])![0].length;
        if (/^[ \t]*\r?$/.test(lines[k]) || spaces >= nextIndent) continue;
        if (lines[k][spaces] === '\t' && erred(k)) slips.push(tabbed(k, nextIndent));
        break;
      }
      continue;
    }
    // an error on another line: another slip; an item, or a key, where the document goes on: a
    // block left empty, meant or not
    if (!erred(next) || STRUCTURE.test(lines[next].slice(nextIndent))) continue;
    if (lines[next][nextIndent] === '\t') slips.push(tabbed(next, keyColumn + 1));
    else {
      slips.push({
        offset: starts[next] + nextIndent,
        message: `YAML: the text of \`${key}: ${indicator}\` must be indented further than its key \`${key}\` (at least ${keyColumn + 1} spaces; this line has ${nextIndent})`,
      });
    }
  }
  return slips;
}
