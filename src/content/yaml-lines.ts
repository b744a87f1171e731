/**
 * The lines of a YAML text that hold its structure, read without parsing it: the lines that are
 * not blank, not a comment and not the text of a block scalar (`|`, `>`), with their
 * indentation. For the checks that find a slip on its own line (item-slips.ts,
 * full-width-syntax.ts) and for the list a key's value left of it (yaml-source.ts), where YAML
 * would say so lines later in its own terms.
 */

/** One line that holds structure. */
export interface YamlLine {
  /** Index of the line in the text, from 0. */
  index: number;
  /** Offset of the line's first character in the text, UTF-16 code units. */
  start: number;
  /** Spaces before its first character. */
  indent: number;
  /** The line after its indentation (a carriage return at its end kept). */
  rest: string;
}

/** The lines of `text` that hold structure, in order. */
export function structuralLines(text: string): YamlLine[] {
  const found: YamlLine[] = [];
  let blockScalarIndent: number | undefined;
  let start = 0;
  for (const [index, line] of text.split('\n').entries()) {
    const at = start;
    start += line.length + 1;
    const indent = /^ */.exec(line)![0].length;
    const rest = line.slice(indent);
    if (rest === '' || rest === '\r' || rest.startsWith('#')) continue;
    // the lines of a block scalar (`|`, `>`) are text, whatever they start with
    if (blockScalarIndent !== undefined && indent > blockScalarIndent) continue;
    blockScalarIndent = /(?:^|[ \t])[|>][-+0-9]*[ \t]*(?:#.*)?\r?$/.test(rest) ? indent : undefined;
    found.push({ index, start: at, indent, rest });
  }
  return found;
}
