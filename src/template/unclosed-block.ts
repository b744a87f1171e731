/**
 * The blocks a template opens and closes, found by a scan of its block openers and closers:
 * the block it never closes (`{{#if odd}}` with no `{{/if}}`), the close of a block, and the
 * blocks open at a place. Handlebars says only that the file ended where it expected `{{/…}}`,
 * at the file's end, or that two names do not match, at the opener's name; the slip is where
 * the block was opened, and what closed it.
 */
import { placeOf } from './text-place.js';

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

/** A block opener or closer of a template's text: where its `{{` stands (an offset), and its name. */
type BlockTag = { index: number; name: string } & ({ opener: string } | { closer: string });

/** The block openers and closers of `src`, in its order. */
function* blockTags(src: string): Generator<BlockTag> {
  for (const m of src.matchAll(TAGS)) {
    const { inline, open: how, name, close } = m.groups!;
    // an inline partial, `{{#*inline "x"}}`, is closed by `{{/inline}}`
    if (inline !== undefined) yield { index: m.index, name: 'inline', opener: '{{#*inline}}' };
    else if (name !== undefined) {
      const mark = how!.replace(/\s+/g, '');
      yield { index: m.index, name, opener: mark === '#>' ? `{{#> ${name}}}` : `{{${mark}${name}}}` };
    } else if (close !== undefined) yield { index: m.index, name: close, closer: `{{/${close}}}` };
  }
}

/** The blocks of `src` open before offset `end` (the innermost last): a closer ends the innermost block of its name and any left open inside it. */
function openBlocks(src: string, end: number): (BlockTag & { opener: string })[] {
  const open: (BlockTag & { opener: string })[] = [];
  for (const tag of blockTags(src)) {
    if (tag.index >= end) break;
    if ('opener' in tag) open.push(tag);
    else {
      const at = open.map((b) => b.name).lastIndexOf(tag.name);
      if (at >= 0) open.length = at;
    }
  }
  return open;
}

/** The innermost block of `src` left open at its end, if any. */
export function unclosedBlock(src: string): UnclosedBlock | undefined {
  return located(src, openBlocks(src, Infinity).at(-1));
}

/** The innermost block of `src` open at offset `at`, if any. */
export function blockOpenAt(src: string, at: number): UnclosedBlock | undefined {
  return located(src, openBlocks(src, at).at(-1));
}

/** The closer (`{{/name}}` as written, and where its `{{` stands) of the block whose opener's `{{` is at offset `opener`, if any. */
export function closerOf(src: string, opener: number): { closer: string; index: number } | undefined {
  let depth = 0;
  for (const tag of blockTags(src)) {
    if (tag.index <= opener) continue;
    if ('opener' in tag) depth++;
    else if (depth-- === 0) return { closer: tag.closer, index: tag.index };
  }
  return undefined;
}

function located(src: string, block: (BlockTag & { opener: string }) | undefined): UnclosedBlock | undefined {
  if (!block) return undefined;
  return { ...placeOf(src, block.index), name: block.name, opener: block.opener };
}
