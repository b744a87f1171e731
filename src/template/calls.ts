/**
 * The helpers and partials a template calls, checked before it renders: a call names a helper
 * of the environment, and gives it as many values as it takes; an include names a partial of
 * the template; a decorator `{{#*name}}` is one of the environment (`inline`). Handlebars finds
 * a missing helper, partial or decorator only when the call runs (a branch no report takes:
 * never), and a subexpression with no arguments, `{{#each (nohelper)}}`, silently gives nothing
 * (the blocks it was to go through were left out of the document); `{{#each}}` with no list
 * said 'Must pass iterator to #each' at the file's start, `{{inline}}` printed `[object Object]`.
 */
import type { Env } from './handlebars-env.js';
import { closest } from '../content/did-you-mean.js';
import { includedName, knownAtIncludes } from './inline-partials.js';

/** A call the template may not make: where the helper's or partial's name stands (lines and columns from 1), and the message. */
export interface CallProblem {
  line: number;
  col: number;
  reason: string;
}

/** Helpers Handlebars calls itself, never named by a template. */
const HOOKS = new Set(['helperMissing', 'blockHelperMissing']);

/** The values a helper takes, when it takes a number of them: how many, what they are, and the values of an example. */
const TAKES: Record<string, { count: number; what: string; example: string }> = {
  each: { count: 1, what: 'the list to go through', example: 'rows' },
  if: { count: 1, what: 'the condition', example: 'note' },
  unless: { count: 1, what: 'the condition', example: 'note' },
  with: { count: 1, what: 'what to go into', example: 'report' },
  lookup: { count: 2, what: 'where to look and what', example: 'report "title"' },
  inline: { count: 1, what: 'the text', example: 'title' },
  eq: { count: 2, what: 'the two to compare', example: 'kind "table"' },
  or: { count: 2, what: 'the two to test', example: 'printer printed' },
};

const COUNTS = ['none', 'one', 'two'];

/** The inline partials (`{{#*inline "name"}}`) of a template's files, for a file's includes of them. */
export interface InlineKnown {
  /** Those known wherever the file renders, from the templates that include it. */
  inherited(): ReadonlySet<string>;
  /** Where one is defined (the file as messages show it, line and column from 1), if any file defines it. */
  definedAt(name: string): { file: string; line: number; col: number } | undefined;
}

type Name = hbs.AST.PathExpression | hbs.AST.Literal;
type Call = { type?: string; path?: Name; name?: Name | hbs.AST.SubExpression; params?: unknown[]; hash?: unknown; body?: unknown[]; chained?: boolean; openStrip?: object };

/**
 * The first call in `program` (in the file's order) that `env` and the template's `partials`
 * cannot make: of a helper `env` does not have, or with more or fewer values than the helper
 * takes; an include `{{> name}}` of a partial not among `partials` nor an inline partial known
 * there (`inline`; see inline-partials.ts) (a partial block's own text,
 * `{{#> name}}…{{/name}}`, stands in for a missing one), or of a partial an expression names
 * (`{{> (lookup . "kind")}}`: which one is known only as it renders, and a name it does not give
 * failed there, unlocated). A call of a helper is a subexpression `(name …)`, or `{{name …}}`,
 * `{{#name …}}`, `{{else name …}}` with values or `key=value` pairs, or naming a helper; a name
 * alone (`{{title}}`, `{{#blocks}}`) is a value of the data; a raw block `{{{{name}}}}…{{{{/name}}}}`
 * always calls one.
 */
export function callProblem(program: hbs.AST.Program, env: Env, partials: readonly string[], inline: InlineKnown): CallProblem | undefined {
  const known = knownAtIncludes(program);
  const helpers = Object.keys(env.helpers).filter((name) => !HOOKS.has(name));
  /** The blocks written `{{else name …}}` (the first of a chained `{{else}}`'s program). */
  const chained = new Set<unknown>();
  let first: CallProblem | undefined;
  const found = (path: { loc: hbs.AST.SourceLocation }, reason: string) => {
    const { line, column } = path.loc.start;
    if (!first || line < first.line || (line === first.line && column + 1 < first.col)) first = { line, col: column + 1, reason };
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const n = node as Call;
    if (n.type === 'Program' && n.chained) chained.add(n.body![0]);
    if ((n.type === 'Decorator' || n.type === 'DecoratorBlock') && n.path && !Object.hasOwn(env.decorators, (n.path as hbs.AST.PathExpression).original)) {
      const decorators = Object.keys(env.decorators);
      const one = decorators.length === 1 && decorators[0] === 'inline' ? 'the one decorator is inline: {{#*inline "name"}}…{{/inline}} defines a partial' : `known: ${decorators.join(', ')}`;
      found(n.path, `unknown decorator "${(n.path as hbs.AST.PathExpression).original}" (${one})`);
    }
    if ((n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') && n.name?.type === 'SubExpression') found(n.name, 'a partial is included by its name ({{> block}}), not by an expression that gives one');
    const name = n.type === 'PartialStatement' ? includedName(n) : undefined;
    if (name !== undefined && !partials.includes(name) && !known.get(n)!.has(name) && !inline.inherited().has(name)) {
      const defined = inline.definedAt(name);
      if (defined) {
        const where = `${defined.file}, line ${defined.line}`;
        found(n.name!, `the inline partial "${name}" (defined in ${where}) is not known here: an inline partial is known only inside the block that defines it and the partials included from there (define it in this file, outside any block, or write it as a partial file of its own, ${name}.hbs)`);
      } else {
        const names = [...new Set([...partials, ...known.get(n)!, ...inline.inherited()])].sort();
        const near = closest(name, names);
        found(n.name!, `unknown partial "${name}" (${near ? `did you mean "${near}"? ` : ''}known: ${names.join(', ')})`);
      }
    }
    const expression = n.type === 'SubExpression' || n.type === 'MustacheStatement' || n.type === 'BlockStatement';
    if (expression && n.path) {
      const name = n.path.type === 'PathExpression' ? (n.path as hbs.AST.PathExpression).original : String((n.path as hbs.AST.StringLiteral).value);
      const values = n.params!.length;
      const call = n.type === 'SubExpression' || values > 0 || n.hash !== undefined || isRaw(n);
      if (isHelper(n.path, helpers)) {
        const takes = TAKES[name];
        if (takes && values !== takes.count) {
          const [open, close] = n.type === 'SubExpression' ? ['(', ')'] : n.type === 'MustacheStatement' ? ['{{', '}}'] : chained.has(n) ? ['{{else ', '}}'] : isRaw(n) ? ['{{{{', '}}}}'] : ['{{#', '}}'];
          found(n.path, `${open}${name}${close} takes ${COUNTS[takes.count]} value${takes.count > 1 ? 's' : ''}, ${takes.what} (e.g. ${open}${name} ${takes.example}${close}); here it has ${values ? values : 'none'}`);
        }
      } else if (call) {
        const near = closest(name, helpers);
        // (name) with nothing after it reads like a value in brackets: say what the brackets do
        const bare = n.type === 'SubExpression' && !values && n.hash === undefined ? `: (${name}) calls a helper, and there is none of that name` : isRaw(n) ? `: a raw block {{{{${name}}}}}…{{{{/${name}}}}} calls a helper, and there is none of that name` : '';
        found(n.path, `unknown helper "${name}"${bare} (${near ? `did you mean "${near}"? ` : ''}known: ${helpers.join(', ')})`);
      }
    }
    // a path holds no call (nor does a literal in its place)
    for (const [key, value] of Object.entries(n)) if (key !== 'loc' && key !== 'path') visit(value);
  };
  visit(program);
  return first;
}

/**
 * Whether a block is a raw block, `{{{{name}}}}…{{{{/name}}}}`: its text is given unread to the
 * helper `name` (with no helper of that name, Handlebars prints it when the data's `name` is true).
 * Handlebars' parser gives a raw block no whitespace control (its `openStrip` has no `open`).
 */
function isRaw(n: Call): boolean {
  return n.type === 'BlockStatement' && n.openStrip !== undefined && !('open' in n.openStrip);
}

/** Whether `path` names a helper of `helpers`: a plain name (not `this.x`, `../x`, `@x`, `a.b`). */
function isHelper(path: Name, helpers: readonly string[]): boolean {
  if (path.type !== 'PathExpression') return false;
  const p = path as hbs.AST.PathExpression;
  return !p.data && p.depth === 0 && p.parts.length === 1 && p.original === p.parts[0] && helpers.includes(p.original);
}
