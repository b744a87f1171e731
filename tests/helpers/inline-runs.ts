/** Content text → inline runs, the way a build reads it: the `inline` helper's markup, read back by markup.ts. */
import { inlineMarkup } from '../../src/template/handlebars-env.js';
import { parseInlineXml } from '../../src/template/markup.js';
import type { Inline } from '../../src/text/inline.js';

export function parseInlineMarkup(text: string): Inline[] {
  return parseInlineXml(inlineMarkup(text));
}
