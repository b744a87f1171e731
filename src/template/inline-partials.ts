/**
 * Where an inline partial (`{{#*inline "mark"}}…{{/inline}}`) is known, as Handlebars 4 knows it:
 * in the whole block that defines it (its `{{#if}}…{{/if}}`, its `{{else}}` part, or the file;
 * also before the definition), the blocks inside that one, and the partials included from there
 * (and theirs, as they render); a partial block's own inline partials (`{{#> p}}{{#*inline "x"}}…
 * {{/inline}}{{/p}}`) in the partial it includes. Anywhere else Handlebars says "The partial mark
 * could not be found" as it renders there, and only if it does.
 */

/** The name of an inline partial a template defines, and where (`{{#*inline`: line and column from 1). */
export interface InlineDefinition {
  name: string;
  line: number;
  col: number;
}

/** An include of a partial by its name: the name, and the inline partials known there by the file's own blocks. */
export interface Include {
  name: string;
  known: ReadonlySet<string>;
}

type Node = { type?: string; path?: hbs.AST.PathExpression; params?: { type: string; value?: unknown }[]; program?: hbs.AST.Program; name?: { type: string; original?: unknown; value?: unknown; data?: boolean }; loc?: hbs.AST.SourceLocation };

/** The name a `{{#*inline …}}` defines (a literal), else none. */
function definedName(n: Node): string | undefined {
  if (n.type !== 'DecoratorBlock' || n.path?.original !== 'inline') return undefined;
  const first = n.params?.[0];
  return first && /Literal$/.test(first.type) ? String(first.value) : undefined;
}

/** The inline partials a block (a `Program`) defines itself, not those of the blocks inside it. */
function ownDefinitions(program: hbs.AST.Program): string[] {
  return (program.body as Node[]).map(definedName).filter((name): name is string => name !== undefined);
}

/** The partial an include names, when it names one (not `{{> (expression)}}` nor `{{> @partial-block}}`). */
export function includedName(n: { type?: string; name?: object }): string | undefined {
  const name = n.name as Node['name'];
  if ((n.type !== 'PartialStatement' && n.type !== 'PartialBlockStatement') || !name || name.type === 'SubExpression' || name.data) return undefined;
  return name.type === 'PathExpression' ? String(name.original) : String(name.value);
}

/** Every inline partial `program` defines, in the file's order. */
export function inlineDefinitions(program: hbs.AST.Program): InlineDefinition[] {
  const found: InlineDefinition[] = [];
  walk(program, new Set(), (n) => {
    const name = definedName(n);
    if (name !== undefined && n.loc) found.push({ name, line: n.loc.start.line, col: n.loc.start.column + 1 });
  });
  return found;
}

/**
 * The inline partials known at each node of `program` by the file's own blocks (not by the
 * templates that include it), for the nodes that include a partial by its name.
 */
export function knownAtIncludes(program: hbs.AST.Program): Map<object, ReadonlySet<string>> {
  const known = new Map<object, ReadonlySet<string>>();
  walk(program, new Set(), (n, scope) => {
    if (includedName(n) === undefined) return;
    // a partial block's own inline partials are known in the partial it includes
    known.set(n, n.type === 'PartialBlockStatement' && n.program ? new Set([...scope, ...ownDefinitions(n.program)]) : scope);
  });
  return known;
}

/** Every include by name of `program`, with the inline partials the file's own blocks make known there. */
export function includesOf(program: hbs.AST.Program): Include[] {
  const names = new Map<object, string>();
  walk(program, new Set(), (n) => {
    const name = includedName(n);
    if (name !== undefined) names.set(n, name);
  });
  return [...knownAtIncludes(program)].map(([n, known]) => ({ name: names.get(n)!, known }));
}

/** Visits every node of `node` with the inline partials its enclosing blocks define. */
function walk(node: unknown, scope: ReadonlySet<string>, visit: (n: Node, scope: ReadonlySet<string>) => void): void {
  if (Array.isArray(node)) return node.forEach((x) => walk(x, scope, visit));
  if (node === null || typeof node !== 'object') return;
  const n = node as Node;
  const inner = n.type === 'Program' ? new Set([...scope, ...ownDefinitions(n as hbs.AST.Program)]) : scope;
  visit(n, inner);
  for (const [key, value] of Object.entries(n)) if (key !== 'loc') walk(value, inner, visit);
}

/**
 * The inline partials known wherever each partial file renders, from the templates that include
 * it (`programs`: each template's parsed text, by its partial name; `pages`: the names of those
 * rendered on their own, where none is known): those known at every include of it, by the
 * including file's blocks or, in turn, by its own includes. A partial no template includes knows
 * none.
 */
export function inheritedInline(programs: ReadonlyMap<string, hbs.AST.Program>, pages: ReadonlySet<string>): Map<string, ReadonlySet<string>> {
  const includes = new Map([...programs].map(([name, program]) => [name, includesOf(program)]));
  const all = new Set([...programs.values()].flatMap((p) => inlineDefinitions(p).map((d) => d.name)));
  // from everything known, narrowed until no include changes it (includes may go round)
  const inherited = new Map<string, Set<string>>([...programs.keys()].map((name) => [name, pages.has(name) ? new Set<string>() : new Set(all)]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, known] of inherited) {
      if (pages.has(name)) continue;
      const sites = [...includes].flatMap(([from, list]) => list.filter((i) => i.name === name).map((i) => new Set([...i.known, ...inherited.get(from)!])));
      for (const partial of [...known]) {
        if (sites.length && sites.every((site) => site.has(partial))) continue;
        known.delete(partial);
        changed = true;
      }
    }
  }
  return inherited;
}
