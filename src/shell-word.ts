/** A path or other text as one word of a POSIX shell command line, for the commands Imprint prints for the user to run. */
import { shownName } from './problems.js';

/** Characters a shell takes as they are: letters and digits of any script, and `_ @ % + = : , . / -`. */
const PLAIN = /^[\p{L}\p{N}_@%+=:,./-]+$/u;

/**
 * `text` as one word: as it is when every character is plain; in single quotes (a `'` in it as
 * `'\''`) when none is one a message shows by its code (see `shownName`: a line break, a tab, an
 * escape); else in ANSI-C quotes (`$'no/a\x0Ab'`: bash, zsh, ksh, POSIX 2024), each such
 * character as its UTF-8 bytes `\xHH`, so that the command stays one line, does not act on the
 * terminal, and names the file itself (a message's `aU+000Ab` names another).
 */
export function shellWord(text: string): string {
  if (PLAIN.test(text)) return text;
  if (shownName(text) === text) return `'${text.replaceAll("'", `'\\''`)}'`;
  const escaped = [...text].map((c) => (c === '\\' || c === "'" ? `\\${c}` : shownName(c) === c ? c : bytesEscaped(c)));
  return `$'${escaped.join('')}'`;
}

/** A character as its UTF-8 bytes in ANSI-C quotes: `\x0A`. */
function bytesEscaped(c: string): string {
  return [...Buffer.from(c, 'utf8')].map((b) => `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}
