/**
 * A key written without its colon (`columns [a, b]`, or `body` over the list that is its value):
 * YAML reads the line as text going on into the key on the line below and says so in its own
 * terms, "Implicit keys need to be on a single line" (which the hint to quote a paragraph with
 * ': ' in it then blamed on the key below, not at fault) or, a word alone, "Implicit map keys
 * need to be followed by map values". The slip is the word that starts the line.
 *
 * The keys of the content format, a theme and a font registry are lowercase ASCII words, so a
 * line of Chinese text, or an English sentence, is never taken for one.
 */

/** A key's name at the start of a line's rest, with no colon after it: then nothing, or its value after a space. */
const COLONLESS = /^(?<name>[a-z][a-z0-9_-]*)(?:[ \t][^\n:]*)?$/;

/** YAML's errors that such a line makes, at its first character. */
function madeBySlip(code: string, message: string): boolean {
  return code === 'MULTILINE_IMPLICIT_KEY' || (code === 'MISSING_CHAR' && message.startsWith('Implicit map keys need to be followed by map values'));
}

/**
 * The message for a key without its colon that YAML's error (`code`, `message`, at `offset` of
 * `text`) is about, or undefined when the error is about something else.
 */
export function colonlessKey(text: string, offset: number, code: string, message: string): string | undefined {
  if (!madeBySlip(code, message)) return undefined;
  const end = text.indexOf('\n', offset);
  const name = COLONLESS.exec(text.slice(offset, end < 0 ? text.length : end).replace(/\r$/, ''))?.groups?.name;
  return name && `YAML: \`${name}\` has no colon after it: write a key as \`${name}:\``;
}
