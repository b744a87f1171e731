/**
 * Characters content text may not carry: control characters (C0 other than tab and line feed,
 * DEL, C1), noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF …), lone surrogates, and invisible
 * format characters (a zero-width space U+200B pasted from a web page, the bidirectional
 * controls U+202A–U+202E and U+2066–U+2069 that would reorder what a reader sees, a soft hyphen:
 * no font draws them, and Imprint neither reorders text nor hyphenates). They cannot be printed
 * (XML, hence the markup, refuses most of them): the loader drops them, each run with a warning
 * where it was written, so no later stage ever sees one.
 */
import { quietChars } from './quiet-chars.js';
import { codePointName } from '../code-point-name.js';

/**
 * A terminal's control sequence, as a colour code pasted from a terminal brings it (`ESC [ 0;33 m`,
 * ECMA-48 CSI; an OSC such as a terminal title; a two-character ESC sequence): dropped whole,
 * so `[0;33m` is not left printed in the report.
 */
const TERMINAL_SEQUENCE = String.raw`\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]`;

/** A run of characters content text may not carry (a global regular expression: use with matchAll or replace). */
export const UNPRINTABLE = new RegExp(String.raw`(?:${TERMINAL_SEQUENCE}|(?![\t\n])[\p{Cc}\p{Cs}\p{Cf}\p{Noncharacter_Code_Point}])+`, 'gu');

/** The warning for a run of unprintable characters dropped: `dropped U+001B (a control character, which cannot be printed)`. */
export function droppedMessage(run: string): string {
  const chars = [...run];
  const points = chars.map((c) => codePointName(c));
  const kinds = [...new Set(chars.map(kindOf))];
  const what = chars.length === 1 ? `${/^[aeiou]/.test(kinds[0]) ? 'an' : 'a'} ${kinds[0]}` : kinds.map((k) => `${k}s`).join(' and ');
  const sequence = new RegExp(TERMINAL_SEQUENCE, 'u').exec(run);
  if (sequence) return `dropped "${run.replace(/\x1b/g, '\\e').replace(UNPRINTABLE_ONE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`)}" (a terminal control sequence, such as a colour code copied with the text, which cannot be printed)`;
  return `dropped ${points.join(' ')} (${what}, which cannot be printed)`;
}

/** One unprintable character other than ESC (for showing a dropped sequence). */
const UNPRINTABLE_ONE = /(?![\t\n\x1b])[\p{Cc}\p{Cs}\p{Cf}\p{Noncharacter_Code_Point}]/gu;

function kindOf(c: string): string {
  if (/\p{Cc}/u.test(c)) return 'control character';
  if (/\p{Cs}/u.test(c)) return 'lone surrogate';
  if (/\p{Cf}/u.test(c)) return 'invisible format character';
  return 'noncharacter';
}

/**
 * `data` as the report will print it: every text with its unprintable runs dropped (the same
 * values elsewhere), and its quiet characters read as the report reads them (see quiet-chars.ts).
 * The schema checks this, so a title made only of such characters (U+200B U+200B, a colour
 * code, U+FE0F) is empty, as one of spaces is.
 */
export function printableData(data: unknown): unknown {
  if (typeof data === 'string') return quietChars(data.replace(UNPRINTABLE, ''));
  if (typeof data !== 'object' || data === null) return data;
  // (copied only where something changes: most reports have nothing to drop)
  let changed = false;
  const entries = Object.entries(data).map(([key, value]) => {
    const printable = printableData(value);
    changed ||= printable !== value;
    return [key, printable] as const;
  });
  if (!changed) return data;
  return Array.isArray(data) ? entries.map(([, value]) => value) : Object.fromEntries(entries);
}

/** The runs of `text` that cannot be printed, one after the other (for `droppedMessage`); empty for none. */
export function unprintableRuns(text: string): string {
  return [...text.matchAll(UNPRINTABLE)].map((m) => m[0]).join('');
}

