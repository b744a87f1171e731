/**
 * Which template wrote a character of a page template's markup: the page template rendered again
 * with each partial's output between markers (XML comments, which the markup's text cannot hold:
 * Handlebars escapes `<`), then the markers open at that character. Done only to locate a problem
 * the markup has (text outside the elements), never while a report builds well.
 */
import type { Env } from './handlebars-env.js';

const OPEN = '<!--imprint-partial ';
const OPEN_END = '-->';
const CLOSE = '<!--/imprint-partial-->';

/** The template that wrote a character of the markup: a partial's name, or none for the page template itself, and the line of its output the character is on (from 1). */
export interface Writer {
  partial?: string;
  line: number;
}

/**
 * Who wrote the character at `offset` of the markup `render` gives, rendering it again with the
 * partials `names` of `env` marked (restored after); none past its end.
 */
export function writerAt(env: Env, names: readonly string[], render: () => string, offset: number): Writer | undefined {
  const partials = env.partials as Record<string, unknown>;
  const saved = new Map(names.map((name) => [name, partials[name]]));
  let marked: string;
  try {
    for (const [name, partial] of saved) {
      if (typeof partial !== 'function') continue;
      partials[name] = (context: unknown, options: unknown) => `${OPEN}${name}${OPEN_END}${(partial as (c: unknown, o: unknown) => string)(context, options)}${CLOSE}`;
    }
    marked = render();
  } finally {
    for (const [name, partial] of saved) partials[name] = partial;
  }
  // the partials open at each character, innermost last, with the lines of their output so far
  const open: { name?: string; lines: number }[] = [{ lines: 0 }];
  for (let i = 0, j = 0; j < marked.length; i++, j++) {
    for (;;) {
      if (marked.startsWith(CLOSE, j)) {
        if (open.length > 1) open.pop();
        j += CLOSE.length;
      } else if (marked.startsWith(OPEN, j)) {
        const end = marked.indexOf(OPEN_END, j + OPEN.length);
        open.push({ name: marked.slice(j + OPEN.length, end), lines: 0 });
        j = end + OPEN_END.length;
      } else break;
    }
    const top = open[open.length - 1];
    if (i === offset) return { partial: top.name, line: top.lines + 1 };
    if (marked[j] === '\n') top.lines++;
  }
  return undefined;
}
