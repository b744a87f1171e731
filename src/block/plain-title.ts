/**
 * Titles as the contents, bookmarks and running heads show them: the words alone. Bold,
 * emphasis, superscripts, subscripts, code and links fall away (`**重点**与 m^2^` shows
 * `重点与 m2`), a cross-reference shows its label or page label as the heading does, and a
 * footnote is left out: its marker stands in the heading only, its note once at the foot.
 */
import { parseInlineXml } from '../template/markup.js';
import { inlineMarkup } from '../template/handlebars-env.js';
import type { SourcePos } from '../problems.js';
import { mergeRuns, plainText, type Inline } from '../text/inline.js';
import type { LayoutContext } from './context.js';
import { resolveReferences } from './references.js';

/** The runs as plain text: references worded, footnotes dropped, no marks. */
export function plainRuns(ctx: LayoutContext, runs: Inline[], at: SourcePos | undefined): Inline[] {
  const worded = resolveReferences(ctx, runs.filter((r) => !r.note), at);
  return mergeRuns(worded.map((r) => ({ text: r.text, bold: false })));
}

/** The plain text of a title written in inline markup (a heading's `bookmark="…"`). */
export function plainTitle(ctx: LayoutContext, markup: string, at: SourcePos | undefined): string {
  return plainText(plainRuns(ctx, parseInlineXml(inlineMarkup(markup)), at));
}
