/**
 * Handlebars for document markup: an isolated environment whose output is XML. Handlebars'
 * default escaping (& < > " ' ` =) is valid XML; the `inline` helper turns the content's
 * `**bold**` into `<b>` and escapes the rest.
 */
import Handlebars from 'handlebars';

export type Env = typeof Handlebars;

/** A fresh environment with Imprint's helpers; templates cannot reach prototypes or files. */
export function createEnv(): Env {
  const env = Handlebars.create();
  env.registerHelper('inline', (text: unknown) => new env.SafeString(inlineMarkup(String(text ?? ''))));
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  return env;
}

/** Content text with `**bold**` → escaped XML with `<b>` elements. */
export function inlineMarkup(text: string): string {
  const parts = text.split('**');
  const paired = parts.length % 2 === 1 ? parts : [...parts.slice(0, -2), parts.slice(-2).join('**')];
  return paired.map((p, i) => (i % 2 === 1 ? `<b>${Handlebars.escapeExpression(p)}</b>` : Handlebars.escapeExpression(p))).join('');
}
