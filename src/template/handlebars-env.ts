/**
 * Handlebars for document markup: an isolated environment whose output is XML. Handlebars'
 * default escaping (& < > " ' ` =) is valid XML; the `inline` helper turns the inline markup of
 * content text (spec §6.2, parsed by content/inline-markup.ts) into elements and escapes the rest.
 */
import Handlebars from 'handlebars';
import { parseInline, type InlineNode } from '../content/inline-markup.js';
import { unclosedBlock } from './unclosed-block.js';
import { KeptResults } from '../kept-caches.js';

export type Env = typeof Handlebars;

/** A fresh environment with Imprint's helpers; templates cannot reach prototypes or files. */
export function createEnv(): Env {
  const env = Handlebars.create();
  env.registerHelper('inline', (text: unknown) => new env.SafeString(inlineMarkup(String(text ?? ''))));
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  return env;
}

/** A template's syntax error: where Handlebars stopped (lines and columns from 1), and why, on one line. */
export interface TemplateSyntaxError {
  line: number;
  col: number;
  /** Handlebars' reason, e.g. `parse error: expected 'OPEN_ENDBLOCK', got 'EOF'`. */
  reason: string;
}

/** What of Handlebars' parser tells where it stopped (its lexer's last token; Handlebars 4). */
interface ParserInternals {
  Parser: { lexer: { yylloc: { first_line: number; first_column: number }; yytext: string } };
}

/** Expected tokens listed in a parse error, at most. */
const EXPECTED_SHOWN = 4;

/** A template's text parsed, or its syntax error. */
export function parseTemplate(env: Env, src: string): { program: hbs.AST.Program } | { error: TemplateSyntaxError } {
  try {
    return { program: env.parse(src) };
  } catch (e) {
    return { error: syntaxError(env, src, e) };
  }
}

/** The syntax error `e` that Handlebars' parser threw for `src`, located and worded. */
function syntaxError(env: Env, src: string, e: unknown): TemplateSyntaxError {
  const lines = String((e as Error).message ?? e).split('\n');
  const { yylloc, yytext } = (env as unknown as ParserInternals).Parser.lexer;
  const at = { line: yylloc.first_line, col: yylloc.first_column + 1 };
  // "Parse error on line 3:", an excerpt, a pointer, "Expecting 'CLOSE', 'CLOSE_UNESCAPED', got 'EOF'"
  const expecting = /^Expecting (.*), got '(.*)'$/.exec(lines[lines.length - 1]);
  // the file ended inside a block: say so where the block was opened
  const unclosed = expecting?.[2] === 'EOF' && expecting[1].includes("'OPEN_ENDBLOCK'") ? unclosedBlock(src) : undefined;
  if (unclosed) return { line: unclosed.line, col: unclosed.col, reason: `${unclosed.opener} opened at line ${unclosed.line} is never closed (close it with {{/${unclosed.name}}})` };
  if (lines[0].startsWith('Parse error') && expecting) {
    const expected = expecting[1].split(', ');
    const shown = expected.length > EXPECTED_SHOWN ? `${expected.slice(0, EXPECTED_SHOWN - 1).join(', ')} or ${expected.length - EXPECTED_SHOWN + 1} more` : expected.join(', ');
    const text = expecting[2] !== 'EOF' && yytext ? ` (${JSON.stringify(yytext)})` : '';
    return { ...at, reason: `parse error: expected ${shown}, got '${expecting[2]}'${text}` };
  }
  if (lines[0].startsWith('Lexical error')) return { ...at, reason: 'lexical error: unrecognized text' };
  // a Handlebars exception with its place: "if doesn't match each - 2:3" (column from 0)
  const { lineNumber, column } = e as { lineNumber?: number; column?: number };
  const reason = lines[0].replace(/ - \d+:\d+$/, '');
  return lineNumber !== undefined && column !== undefined ? { line: lineNumber, col: column + 1, reason } : { line: 1, col: 1, reason };
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
        out += `<ref to="${esc(n.id)}"${n.page ? ' page="true"' : ''}/>`;
        break;
      default:
        out += `<${WRAPPERS[n.kind]}>${nodesXml(n.children)}</${WRAPPERS[n.kind]}>`;
    }
  }
  return out;
}
