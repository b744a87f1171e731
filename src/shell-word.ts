/** A path or other text as one word of a POSIX shell command line, for the commands Imprint prints for the user to run. */

/** Characters a shell takes as they are: letters and digits of any script, and `_ @ % + = : , . / -`. */
const PLAIN = /^[\p{L}\p{N}_@%+=:,./-]+$/u;

/** `text` as one word: as it is when every character is plain, else in single quotes (a `'` in it as `'\''`). */
export function shellWord(text: string): string {
  return PLAIN.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
