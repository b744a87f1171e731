/**
 * List items that slipped, found in a YAML text line by line: an item whose `-` stands one or
 * two spaces left or right of the items around it, and an item written `-text` with no space
 * after the `-`. YAML reads either as something else (a key, more of the item before, a
 * different list) and says so lines later, in its own terms; the slip itself is on this line.
 */

import type { YamlLine } from './yaml-lines.js';

/** A line that slipped (a list item here, a key in key-slips.ts, a block's text in block-text-slips.ts), and what to say of it. */
export interface YamlSlip {
  /** Offset of what slipped (an item's `-`, a key, the text's first character) in the text, UTF-16 code units. */
  offset: number;
  message: string;
  /** Where the errors YAML says of it may start, when that is before its line (see key-slips.ts). */
  causesFrom?: number;
}

/** A line starting with `-` (an item, or an item without its space). */
interface DashLine {
  /** Offset of the `-` in the text. */
  offset: number;
  /** Spaces before the `-`. */
  indent: number;
  /** Whether a space (or the line's end) follows the `-`, as a list item's must. */
  spaced: boolean;
  /** Whether the item's value follows on the lines after it (`-` alone, or `- key:`). */
  opensBlock: boolean;
  /** Whether a full-width space (U+3000) follows the `-` where its space should be. */
  fullWidthSpace: boolean;
}

/** How far (spaces) an item may stand from the items around it and still be read as a slip. */
const MAX_SLIP = 2;

/** The slipped items of `text`, in the order of the file. */
export function itemSlips(lines: readonly YamlLine[]): YamlSlip[] {
  const slips: YamlSlip[] = [];
  for (const run of itemRuns(lines)) {
    const column = usualIndent(run);
    for (const item of run) {
      if (item.indent !== column) {
        slips.push({ offset: item.offset, message: `YAML: this item is indented ${item.indent} spaces, the items around it ${column}: line them up` });
      } else if (!item.spaced) {
        slips.push({ offset: item.offset, message: item.fullWidthSpace ? 'YAML: a list item needs an ASCII space after -, not the full-width 　' : 'YAML: a list item needs a space after -' });
      }
    }
  }
  return slips.sort((a, b) => a.offset - b.offset);
}

/**
 * The runs of items that are meant as one list: lines starting with `-` within `MAX_SLIP`
 * spaces of the one before and of the run's usual column, with only lines indented deeper than both between them (the rest
 * of an item), the one before not opening a block of its own. Runs of one item are left out.
 */
function itemRuns(lines: readonly YamlLine[]): DashLine[][] {
  const runs: DashLine[][] = [];
  let run: DashLine[] = [];
  let usual = new UsualIndent();
  // the least indentation of the lines since the last item (Infinity: none)
  let between = Infinity;
  for (const [n, { start, indent, rest }] of lines.entries()) {
    // (`---` and `...` mark a document's start and end)
    const dash = rest.startsWith('---') ? null : /^-(?<after>[ \r]|$)?(?<value>.*)$/.exec(rest);
    if (!dash) {
      between = Math.min(between, indent);
      continue;
    }
    const spaced = dash.groups!.after !== undefined;
    // `-3.2 个百分点` deeper than the items is more of a paragraph's text (YAML reads it so);
    // only at an item's own column is `-text` an item missing its space: the column of the item
    // before it, or, for a list's first item, of the item after it
    if (!spaced && run.at(-1)?.indent !== indent && !startsList(lines, n, indent)) {
      between = Math.min(between, indent);
      continue;
    }
    // (its comment cut at the first blank-then-#: found in one pass, where /[ \t]+#.*$/ retried every blank of a long run)
    const comment = dash.groups!.value.search(/[ \t]#/);
    const value = (comment < 0 ? dash.groups!.value : dash.groups!.value.slice(0, comment)).trim();
    const item: DashLine = { offset: start + indent, indent, spaced, opensBlock: spaced && (value === '' || /:$/.test(value)), fullWidthSpace: !spaced && dash.groups!.value.startsWith('　') };
    const last = run.at(-1);
    // (within MAX_SLIP of the run's column, not only of its last item: a slipped last item two
    // left does not draw the list two further left, the chapters' or sections', into its run)
    const sameList = last && !last.opensBlock && Math.abs(usual.indent - indent) <= MAX_SLIP && Math.abs(last.indent - indent) <= MAX_SLIP && between > Math.max(last.indent, indent);
    if (!sameList) {
      if (run.length > 1) runs.push(run);
      run = [];
      usual = new UsualIndent();
    }
    run.push(item);
    usual.add(indent);
    between = Infinity;
  }
  if (run.length > 1) runs.push(run);
  return runs;
}

/**
 * Whether the first line after line `n` that is not deeper than `indent` (not the rest of line
 * n's item) is a list item at `indent` with its space: line n, `-text`, is then that list's
 * first item.
 */
function startsList(lines: readonly YamlLine[], n: number, indent: number): boolean {
  for (let k = n + 1; k < lines.length; k++) {
    if (lines[k].indent > indent) continue;
    return lines[k].indent === indent && /^-(?:[ \r]|$)/.test(lines[k].rest);
  }
  return false;
}

/** The indentation most items of a run have (on a tie, the first item's). */
function usualIndent(run: readonly DashLine[]): number {
  const usual = new UsualIndent();
  for (const item of run) usual.add(item.indent);
  return usual.indent;
}

/** The indentation most items added so far have (on a tie, the first's), kept as they are added. */
class UsualIndent {
  /** Each indentation's count, in the order first added. */
  private readonly counts = new Map<number, { count: number; order: number }>();
  /** Spaces; NaN before the first item. */
  indent = NaN;

  add(indent: number): void {
    const seen = this.counts.get(indent) ?? { count: 0, order: this.counts.size };
    seen.count++;
    this.counts.set(indent, seen);
    const best = this.counts.get(this.indent);
    if (!best || seen.count > best.count || (seen.count === best.count && seen.order < best.order)) this.indent = indent;
  }
}
