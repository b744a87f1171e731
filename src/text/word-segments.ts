/**
 * Where ICU's segmenter (`Intl.Segmenter`) starts the words of a text, found slice by slice. Node
 * gives each segment a copy of the whole text it segments (`input`): a text of n characters
 * costs n copies of itself, and past 65,536 UTF-16 units (128 KiB, V8's largest ordinary heap
 * object) each copy is a large object of its own, about 1 ms (70,000 characters of Chinese: 65 s;
 * a table cell of 80,000 characters took 174 s to build). A slice ends after a space or mark near
 * its end, where a word ends whatever the dictionary says, else at its length (between two
 * characters, never inside a surrogate pair): only the words at such a cut, in a run of Chinese
 * of hundreds of characters without a mark, may differ from the whole text's.
 */

/** Most UTF-16 units given to the segmenter at once (100,000 characters: 0.35 s; in slices of 16,384, 0.9 s). */
export const SEGMENTED_SLICE = 4_096;

/** How far back from a slice's end a space or mark is looked for, UTF-16 units. */
const CUT_SEARCH = 512;

/** The index of each word's start in `text` (and of each space or mark's, as ICU gives them), ascending, 0 first when the text is not empty. */
export function* wordStartsIn(segmenter: Intl.Segmenter, text: string): Generator<number> {
  let start = 0;
  while (start < text.length) {
    const end = sliceEnd(text, start);
    for (const { index } of segmenter.segment(text.slice(start, end))) yield start + index;
    start = end;
  }
}

/** Where the slice from `start` ends: the text's end, else after the last space or mark in the slice's last CUT_SEARCH units, else at its length. */
function sliceEnd(text: string, start: number): number {
  const most = start + SEGMENTED_SLICE;
  if (most >= text.length) return text.length;
  for (let i = most; i > most - CUT_SEARCH; i--) if (/[\s\p{P}]/u.test(text[i - 1])) return i;
  const low = text.charCodeAt(most);
  return low >= 0xdc00 && low <= 0xdfff ? most - 1 : most;
}
