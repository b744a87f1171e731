/**
 * A list number typed at the start of a text (`二、`, `二十二、`, `（一）`, `3、`, `（1）`), as
 * the items of a 决算 table's 项目 column begin: the label of the words after it, which a line
 * never ends after alone (paragraph.ts: the marks a table's body cell breaks after first).
 */

/** A Chinese or Arabic list number with its mark, at the start. */
const LIST_LABEL = /^(?:(?:[一二三四五六七八九十百零〇]+|\d{1,3})[、．]|[（(](?:[一二三四五六七八九十百零〇]+|\d{1,3})[）)])/u;

/** The length of the list number `text` starts with, in UTF-16 units; 0 when it starts with none. */
export function listLabelLength(text: string): number {
  return LIST_LABEL.exec(text)?.[0].length ?? 0;
}
