/**
 * The block a template opens and never closes (`{{#if odd}}` with no `{{/if}}`), found by a
 * scan of its block openers and closers: Handlebars says only that the file ended where it
 * expected `{{/…}}`, at the file's end; the slip is where the block was opened.
 */

/** A block opened in a template's text and not closed. */
export interface UnclosedBlock {
  /** Where the `{{` of its opener stands, lines and columns from 1. */
  line: number;
  col: number;
  /** The block's name as written after `#` or `^` (`if`, `each`, a partial's name after `#>`). */
  name: string;
  /** How it was opened: `{{#if}}`, `{{^if}}`, `{{#> name}}`. */
  opener: string;
}

/** Comments (skipped), block openers `{{#name`, `{{^name`, `{{#> name`, and closers `{{/name`. */
const TAGS = /\{\{~?!--[\s\S]*?--~?\}\}|\{\{~?![\s\S]*?\}\}|\{\{~?\s*(?<inline>#\*inline)\s|\{\{~?\s*(?<open>[#^]\s*>?)\s*(?<name>[^\s}~]+)|\{\{~?\s*\/\s*(?<close>[^\s}~]+)/g;

/** The innermost block of `src` left open at its end, if any. */
export function unclosedBlock(src: string): UnclosedBlock | undefined {
  const open: { index: number; name: string; opener: string }[] = [];
  for (const m of src.matchAll(TAGS)) {
    const { inline, open: how, name, close } = m.groups!;
    // an inline partial, `{{#*inline "x"}}`, is closed by `{{/inline}}`
    if (inline !== undefined) open.push({ index: m.index, name: 'inline', opener: '{{#*inline}}' });
    else if (name !== undefined) {
      const mark = how!.replace(/\s+/g, '');
      open.push({ index: m.index, name, opener: mark === '#>' ? `{{#> ${name}}}` : `{{${mark}${name}}}` });
    } else if (close !== undefined) {
      // a closer ends the innermost block of its name and any left open inside it
      const at = open.map((b) => b.name).lastIndexOf(close);
      if (at >= 0) open.length = at;
    }
  }
  const last = open.at(-1);
  if (!last) return undefined;
  const before = src.slice(0, last.index).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1, name: last.name, opener: last.opener };
}
