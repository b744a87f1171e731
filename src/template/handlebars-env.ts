/**
 * Handlebars for document markup: an isolated environment whose output is XML. Handlebars'
 * default escaping (& < > " ' ` =) is valid XML; the `inline` helper turns the inline markup of
 * content text (spec §6.2, parsed by content/inline-markup.ts) into elements and escapes the rest.
 */
import Handlebars from 'handlebars';
import { parseInline, type InlineNode } from '../content/inline-markup.js';
import { syntaxError, type LexerState, type TemplateSyntaxError } from './syntax-error.js';
import { KeptResults } from '../kept-caches.js';

export type Env = typeof Handlebars;

/**
 * A fresh environment with Imprint's helpers; templates cannot reach prototypes or files. `given`
 * is told of each `inline` given nothing (undefined: a value left out, or a name the data does not
 * have, see missing-data.ts), with the data it renders and where the call stands.
 */
export function createEnv(given?: { nothing(context: unknown, loc: unknown): void }): Env {
  const env = Handlebars.create();
  // (Handlebars' `log` writes to the console on every build: a report's build prints nothing of a template's)
  env.unregisterHelper('log');
  env.registerHelper('inline', function (this: unknown, text: unknown, options: { loc?: unknown }) {
    if (text === undefined) given?.nothing(this, options.loc);
    return new env.SafeString(inlineMarkup(String(text ?? '')));
  });
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  env.registerHelper('or', (a: unknown, b: unknown) => a || b);
  return env;
}

/** What of Handlebars' parser tells where it stopped (its lexer's last token; Handlebars 4). */
interface ParserInternals {
  Parser: { lexer: LexerState };
}

/** A template's text parsed, or its syntax error. */
export function parseTemplate(env: Env, src: string): { program: hbs.AST.Program } | { error: TemplateSyntaxError } {
  try {
    return { program: env.parse(src) };
  } catch (e) {
    return { error: syntaxError(src, e, (env as unknown as ParserInternals).Parser.lexer) };
  }
}

/**
 * Content text → escaped XML with inline elements: `<b>`, `<em>`, `<code>`, `<sup>`, `<sub>`,
 * `<a href>` (`kind="url"` for a URL printed whole), `<ref to page>`, `<fn>`. The markup's
 * problems were reported when the content was loaded (see content/load.ts); here a mistake
 * stays text, as the parser leaves it.
 */
export function inlineMarkup(text: string): string {
  return inlineXml.get(text, () => nodesXml(parseInline(text).nodes));
}

/**
 * The XML of each content text, kept for the next build (watch): after an edit only the texts
 * edited are parsed again (parsing every text was a twentieth of a rebuild). The templates
 * begin each build (see `nextInlineBuild`).
 */
const inlineXml = new KeptResults<string, string>();

/** A document is about to be rendered: the XML of texts the last build did not ask for goes. */
export function nextInlineBuild(): void {
  inlineXml.nextBuild();
}

/** Element names of the marks that only wrap their children. */
const WRAPPERS = { strong: 'b', emphasis: 'em', sup: 'sup', sub: 'sub', footnote: 'fn' } as const;

function nodesXml(nodes: readonly InlineNode[]): string {
  const esc = Handlebars.escapeExpression;
  let out = '';
  for (const n of nodes) {
    switch (n.kind) {
      case 'text':
        out += esc(n.text);
        break;
      case 'code':
        out += `<code>${esc(n.text)}</code>`;
        break;
      case 'link':
        out += `<a href="${esc(n.url)}"${n.auto ? ' kind="url"' : ''}>${nodesXml(n.children)}</a>`;
        break;
      case 'ref':
        out += `<ref to="${esc(n.id)}"${n.part === 'label' ? '' : ` ${n.part}="true"`}/>`;
        break;
      default:
        out += `<${WRAPPERS[n.kind]}>${nodesXml(n.children)}</${WRAPPERS[n.kind]}>`;
    }
  }
  return out;
}
