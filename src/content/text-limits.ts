/**
 * How long one text of a report may be. Setting text costs time and memory with its length, and
 * more where it is measured again and again: a table cell at every width the table tries for its
 * column (a cell of 100,000 characters took 10 s, one of 7 MB more than 9 minutes), a code line
 * at every break it may take (a line of 7 MB more than 7 minutes); a paragraph is set in time
 * linear in its length, but 7 MB of letters made 3,590 pages in 164 s and 4.3 GB (a million:
 * 491 pages, 22 s, 765 MB). None comes near a real report (its longest paragraph is some
 * hundreds of characters).
 */

/** The most characters (code points) of each kind of text. */
export const TEXT_LIMITS = {
  /** Any one text: a paragraph, title, list item, note, verse or code block (set in linear time: ~500 pages of letters). */
  text: 1_000_000,
  /** A title (of the report, a chapter, section, table, case, figure): set again in the contents, the bookmarks and the running heads (100,000 characters: 5.7 s, 424 MB). */
  title: 10_000,
  /** The text of one table cell. */
  cell: 10_000,
  /** One line of a code block. */
  codeLine: 10_000,
} as const;

/** Which limits a text is held to: any text's, a title's or a cell's, and a code block's lines' besides. */
export type TextKind = 'text' | 'title' | 'cell' | 'code';

/** What a text of each kind is called in a message, and how to shorten it. */
const KIND_WORDS: Record<TextKind, { what: string; one: string; remedy: string }> = {
  text: { what: 'this text', one: 'text', remedy: 'split it into paragraphs' },
  title: { what: 'this title', one: 'title', remedy: 'shorten it, and put the rest in the text' },
  cell: { what: 'this table cell', one: 'cell', remedy: 'move the text out of the table, into paragraphs' },
  code: { what: 'this code block', one: 'code block', remedy: 'split it into several blocks' },
};

/**
 * Why `text` (of `kind`) is too long, and where: the offset (UTF-16) the message is about (the
 * text's start, or the long line's); undefined when it is within its limits.
 */
export function tooLong(text: string, kind: TextKind): { offset: number; message: string } | undefined {
  const limit = kind === 'cell' || kind === 'title' ? TEXT_LIMITS[kind] : TEXT_LIMITS.text;
  // (code points counted only past the limit in UTF-16 units: a text holds at least as many units)
  if (text.length > limit && codePoints(text) > limit) {
    const { what, one, remedy } = KIND_WORDS[kind];
    return { offset: 0, message: `${what} has ${grouped(codePoints(text))} characters; at most ${grouped(limit)} are set in one ${one}: ${remedy}` };
  }
  if (kind !== 'code') return undefined;
  for (let start = 0, n = 1; start <= text.length; n++) {
    const end = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start);
    const line = text.slice(start, end);
    if (line.length > TEXT_LIMITS.codeLine && codePoints(line) > TEXT_LIMITS.codeLine) {
      return { offset: start, message: `line ${n} of this code block has ${grouped(codePoints(line))} characters; at most ${grouped(TEXT_LIMITS.codeLine)} are set in one code line: break it into shorter lines` };
    }
    start = end + 1;
  }
  return undefined;
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** 100000 as `100,000`. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}
