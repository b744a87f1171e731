/**
 * The one list of block kinds. A body's item is a paragraph (plain text) or a mapping of one
 * of these keys; the content types (types.ts), the loader, the template view and the
 * validator's messages all follow from it, and a test holds the published JSON Schema to it.
 * A kind added here is a compile error until every stage handles it (see `assertNever`).
 */
import type { Block } from './types.js';

/** The keys of the blocks written as a mapping, each with what it is in words (for messages). */
export const BLOCK_KEYS = {
  heading: 'an unnumbered run-in heading',
  article: 'an article (条) of a 规章, numbered 第一条 …',
  table: 'a numbered table',
  case: 'a numbered case box',
  figure: 'a numbered figure',
  list: 'a list',
  code: 'program text, lines and spaces kept',
  verse: 'a poem, lines kept',
  quote: 'an indented quotation',
  signature: 'the issuer and date lines (落款), flush right',
  pagebreak: 'a page break',
} as const satisfies Record<BlockKey, string>;

/** Every block kind: a paragraph, or a block written as a mapping of one key. */
export type BlockKind = Block['kind'];

/** The kinds written as a mapping of one key (all but the paragraph). */
export type BlockKey = Exclude<BlockKind, 'paragraph'>;

/** The block keys in order, for messages: `heading, table, …`. */
export const BLOCK_KEY_NAMES: readonly BlockKey[] = Object.keys(BLOCK_KEYS) as BlockKey[];

/** For the end of an exhaustive switch: a value no case handled is a compile error there. */
export function assertNever(value: never, what: string): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
