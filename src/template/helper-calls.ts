/**
 * The helpers a template calls, checked before it renders: a call names a helper of the
 * environment. Handlebars finds a missing one only when the call runs (a branch no report
 * takes: never), and a subexpression with no arguments, `{{#each (nohelper)}}`, silently gives
 * nothing (the blocks it was to go through were left out of the document).
 */
import type { Env } from './handlebars-env.js';
import { closest } from '../content/did-you-mean.js';

/** A call of a helper the environment does not have: where its name stands (lines and columns from 1), and the message. */
export interface UnknownHelper {
  line: number;
  col: number;
  reason: string;
}

/** Helpers Handlebars calls itself, never named by a template. */
const HOOKS = new Set(['helperMissing', 'blockHelperMissing']);

/**
 * The first call in `program` (in the file's order) of a helper `env` does not have. A call is
 * a subexpression `(name …)`, or `{{name …}}`, `{{#name …}}`, `{{else name …}}` with arguments
 * or `key=value` pairs; a name alone (`{{title}}`, `{{#blocks}}`) is a value of the data.
 */
export function unknownHelper(program: hbs.AST.Program, env: Env): UnknownHelper | undefined {
  const helpers = Object.keys(env.helpers).filter((name) => !HOOKS.has(name));
  let first: UnknownHelper | undefined;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const n = node as { type?: string; path?: hbs.AST.PathExpression | hbs.AST.Literal; params?: unknown[]; hash?: unknown };
    const call = n.type === 'SubExpression' || ((n.type === 'MustacheStatement' || n.type === 'BlockStatement') && (n.params!.length > 0 || n.hash !== undefined));
    if (call && n.path && !isHelper(n.path, helpers)) {
      const name = n.path.type === 'PathExpression' ? (n.path as hbs.AST.PathExpression).original : String((n.path as hbs.AST.StringLiteral).value);
      const { line, column } = n.path.loc.start;
      if (!first || line < first.line || (line === first.line && column + 1 < first.col)) {
        const near = closest(name, helpers);
        // (name) with nothing after it reads like a value in brackets: say what the brackets do
        const bare = n.type === 'SubExpression' && !n.params!.length && n.hash === undefined ? `: (${name}) calls a helper, and there is none of that name` : '';
        first = { line, col: column + 1, reason: `unknown helper "${name}"${bare} (${near ? `did you mean "${near}"? ` : ''}known: ${helpers.join(', ')})` };
      }
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'loc' && key !== 'path') visit(value);
    // a path never holds a call; a literal in its place neither
  };
  visit(program);
  return first;
}

/** Whether `path` names a helper of `helpers`: a plain name (not `this.x`, `../x`, `@x`, `a.b`). */
function isHelper(path: hbs.AST.PathExpression | hbs.AST.Literal, helpers: readonly string[]): boolean {
  if (path.type !== 'PathExpression') return false;
  const p = path as hbs.AST.PathExpression;
  return !p.data && p.depth === 0 && p.parts.length === 1 && p.original === p.parts[0] && helpers.includes(p.original);
}
