/**
 * Characters content text may not carry: control characters (C0 other than tab and line feed,
 * DEL, C1), noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF …) and lone surrogates. They cannot
 * be printed (XML, hence the markup, refuses most of them): the loader drops them, each run
 * with a warning where it was written, so no later stage ever sees one.
 */

/** A run of characters content text may not carry (a global regular expression: use with matchAll or replace). */
export const UNPRINTABLE = /(?:(?![\t\n])[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}])+/gu;

/** The warning for a run of unprintable characters dropped: `dropped U+001B (a control character, which cannot be printed)`. */
export function droppedMessage(run: string): string {
  const chars = [...run];
  const points = chars.map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  const kinds = [...new Set(chars.map(kindOf))];
  const what = chars.length === 1 ? `a ${kinds[0]}` : kinds.map((k) => `${k}s`).join(' and ');
  const hint = run.includes('\x1b') ? '; a terminal colour code copied with the text? Delete the rest of it too, such as "[0;33m"' : '';
  return `dropped ${points.join(' ')} (${what}, which cannot be printed${hint})`;
}

function kindOf(c: string): string {
  if (/\p{Cc}/u.test(c)) return 'control character';
  if (/\p{Cs}/u.test(c)) return 'lone surrogate';
  return 'noncharacter';
}
