/**
 * YAML's syntax typed in full-width characters, as Chinese input methods type them: a key's
 * colon (`title：教育`), a list item's dash (`－ 段落`) and spaces that indent (`　　- 段落`),
 * and, said in the messages of what they cause, a list's brackets `［ ］` and commas `，`.
 * YAML sees no key, item or indentation there: it reads the line as more text of the value
 * before it and says so lines later ("Implicit keys need to be on a single line") or not at all
 * (`report:` then holds text, not keys). The slip is on this line, at its character.
 */
import { BLOCK_KEY_NAMES } from './block-kinds.js';
import type { YamlLine } from './yaml-lines.js';
import type { TableCell } from './types.js';

/** A full-width character where YAML wants its ASCII one: its offset in the text, and the message. */
export interface FullWidthSlip {
  offset: number;
  message: string;
  /** Where what it mistypes starts (the key, the item, the line's text): text there that YAML read as more of a value begun before it is text, no slip. */
  starts: number;
}

/** A line that starts (after its list items' dashes) with a Latin name and a full-width colon. */
const KEY_WITH_FULL_COLON = /^((?:-[ \t]+)*)([A-Za-z][A-Za-z0-9_-]*)[ \t]*：/;

/**
 * The keys that open a list item of a report (a chapter's, a section's, a block's): only these
 * are taken for keys after a `- `, where a paragraph may well start with a Latin word and a
 * full-width colon (`- PISA：国际学生评估项目`). Without a dash, any Latin name is a key: text
 * over several lines is indented deeper than its key.
 */
const ITEM_KEYS: ReadonlySet<string> = new Set(['title', 'id', 'body', 'sections', ...BLOCK_KEY_NAMES]);

/** Full-width spaces (U+3000) before a list item or a key: YAML indents with ASCII spaces only. */
const FULL_WIDTH_INDENT = /^[ 　]*　[ 　]*(?=-(?: |\r?$)|[A-Za-z][A-Za-z0-9_-]*:(?: |\r?$))/;

/** A list item's dash typed full-width (U+FF0D), before a space. */
const FULL_WIDTH_DASH = /^((?:-[ \t]+)*)－[ 　]/;

/** The message for a key written with a full-width colon. */
export function fullWidthColonMessage(key: string): string {
  return `the key \`${key}\` is followed by a full-width colon ：; a key takes an ASCII colon and a space: \`${key}: \``;
}

/** The places where YAML's syntax is typed full-width, in the order of the file, from its structural `lines` (see yaml-lines.ts). */
export function fullWidthSyntax(lines: readonly YamlLine[]): FullWidthSlip[] {
  const slips: FullWidthSlip[] = [];
  for (const { start, indent, rest } of lines) {
    const at = start + indent;
    const spaces = FULL_WIDTH_INDENT.exec(rest);
    if (spaces) {
      slips.push({ offset: at + spaces[0].indexOf('　'), message: 'YAML: a full-width space (　) indents this line: YAML indents with ASCII spaces only', starts: at + spaces[0].length });
      continue;
    }
    const dash = FULL_WIDTH_DASH.exec(rest);
    if (dash) {
      slips.push({ offset: at + dash[1].length, message: 'YAML: a list item starts with an ASCII hyphen and a space ("- "), not the full-width －', starts: at + dash[1].length });
      continue;
    }
    const key = KEY_WITH_FULL_COLON.exec(rest);
    if (key && (!key[1] || ITEM_KEYS.has(key[2]))) slips.push({ offset: at + key[0].length - 1, message: `YAML: ${fullWidthColonMessage(key[2])}`, starts: at + key[1].length });
  }
  return slips;
}

/**
 * Why a row fills `fills` columns where the table has `columns`, when full-width commas say it:
 * a cell of the row, or a header, that holds ，where ASCII commas would part it into the count
 * that fits (`[指标，单位，2024 年]` is one item to YAML). Undefined otherwise.
 */
export function fullWidthCommas(row: readonly TableCell[], fills: number, columns: number, firstHeader: readonly TableCell[]): string | undefined {
  const parts = (cells: readonly TableCell[]) => cells.reduce((n, c) => n + c.text.text.split('，').length - 1, 0);
  const named = (cells: readonly TableCell[]) => cells.find((c) => c.text.text.includes('，'))!.text.text;
  const how = 'the items of a list in [ ] are parted by ASCII commas (,), not full-width ones (，)';
  if (fills < columns && parts(row) === columns - fills) return `if "${named(row)}" is two or more cells: ${how}`;
  if (fills > columns && parts(firstHeader) === fills - columns) return `the header "${named(firstHeader)}" holds full-width commas: ${how}`;
  return undefined;
}

/** The hint for a list written in full-width brackets (`［指标, 单位］`, text to YAML), or undefined for any other value. */
export function fullWidthBrackets(value: unknown): string | undefined {
  return typeof value === 'string' && /^[［【].*[］】]$/su.test(value.trim()) ? '［ ］ are full-width brackets: a list in brackets is written with ASCII ones, [a, b]' : undefined;
}

/**
 * The words that say how to quote a text that starts with a Chinese quote (`“标题: 副标题”`:
 * it looks quoted, and to YAML the quotes are text), or '' for any other text.
 */
export function asciiQuotesHint(text: string): string {
  return /^[“‘「『]/.test(text) ? 'with ASCII quotes ("…"; Chinese quotes “ ” are part of the text to YAML)' : '';
}
