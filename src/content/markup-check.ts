/**
 * Stage ① for inline markup and ids (spec §6.1–6.2): every text that holds markup is parsed
 * here, where its place is known, and its problems are reported at the YAML line and column of
 * the character; every id is checked unique and every cross-reference must name one. Later
 * stages parse the same texts again for output (see template/handlebars-env.ts) and find no
 * problem left.
 */
import type { ProblemList, SourcePos } from '../problems.js';
import { closest } from './did-you-mean.js';
import { parseInline, type InlineNode } from './inline-markup.js';
import type { Text } from './types.js';

/** A text as written, and where each of its characters stands in the file. */
export interface WrittenText {
  value: string;
  /** The place of the character at a UTF-16 index of `value`. */
  charPos(index: number): SourcePos;
}

/** An id as written; `repeatedAt`: where an alias repeats the item that holds it (`body: *body`), if one does. */
export interface WrittenId extends Text {
  repeatedAt?: SourcePos;
  /** What the item is when it has no number (`an untitled table`): a reference may print its page, not its label. */
  unnumbered?: string;
}

/**
 * Reports the markup problems of `texts`, duplicate ids (at the second, naming the first's
 * line; at the alias that repeats the first, when one does) and references to ids that `ids`
 * does not hold (at the reference, with a "did you mean"), or that name an item without a number
 * for its label or number (an untitled table). `ids` in the order they are written.
 */
export function checkMarkup(texts: Iterable<WrittenText>, ids: readonly WrittenId[], problems: ProblemList): void {
  const first = new Map<string, WrittenId>();
  for (const id of ids) {
    const earlier = first.get(id.text);
    if (!earlier) first.set(id.text, id);
    else {
      // the copy an alias makes is the second, whichever the report reads first (appendices written before chapters)
      const repeated = id.repeatedAt ?? earlier.repeatedAt;
      if (repeated) problems.error(repeated, `this alias repeats the id "${id.text}" of line ${(id.repeatedAt ? earlier : id).pos.line}: ids must be unique in the report (copy the item without its id, or give the copy another)`);
      else problems.error(id.pos, `the id "${id.text}" is already used at line ${earlier.pos.line} (ids must be unique in the report)`);
    }
  }
  const known = [...first.keys()];
  for (const t of texts) {
    const { nodes, problems: found } = parseInline(t.value);
    for (const p of found) (p.warning ? problems.warn : problems.error).call(problems, t.charPos(p.at), p.message);
    for (const ref of references(nodes)) {
      const named = first.get(ref.id);
      if (named?.unnumbered && ref.part !== 'page') problems.error(t.charPos(ref.at), `[[${ref.id}${ref.part === 'label' ? '' : `#${ref.part}`}]] names ${named.unnumbered} (line ${named.pos.line}), which has no number to print: give it a \`title:\` to number it, or write [[${ref.id}#page]] for the page it starts on`);
      if (named) continue;
      const hint = closest(ref.id, known);
      const why = hint ? `did you mean "${hint}"?` : known.length ? `ids in this report: ${known.slice(0, 8).join(', ')}${known.length > 8 ? ' …' : ''}` : 'no chapter, section, article, table, case or figure has an `id:`';
      problems.error(t.charPos(ref.at), `[[${ref.id}]] names no id (${why})`);
    }
  }
}

/** The cross-references among nodes, footnotes and links included. */
function references(nodes: readonly InlineNode[]): Extract<InlineNode, { kind: 'ref' }>[] {
  return nodes.flatMap((n) => (n.kind === 'ref' ? [n] : 'children' in n ? references(n.children) : []));
}
