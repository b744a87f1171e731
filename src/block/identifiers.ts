/**
 * A table cell that is one identifier: a code name (`data.records[].tenantId`,
 * `enrollment.total`, `Config::load`, `items[0]`), with or without backticks. It is one word
 * that breaks only at its marks, and a break there (`data.|records[].tenantId`) reads as two
 * names, so a column of them is given its widest where the other columns can wrap (see
 * ColumnAsks in table.ts). A URL or a path (`/`, `:`) is not one: it breaks after its marks.
 */

/** Names joined by `.`, `::` or `->`, each with its subscripts (`[]`, `[0]`, `[*]`). */
const IDENTIFIER = /^[\p{L}_$][\p{L}\p{N}_$]*(?:\[[\p{N}*]*\])*(?:(?:\.|::|->)[\p{L}_$][\p{L}\p{N}_$]*(?:\[[\p{N}*]*\])*)*$/u;

/** Whether a cell's text (trimmed) is one identifier. */
export function isIdentifier(text: string): boolean {
  return IDENTIFIER.test(text);
}
