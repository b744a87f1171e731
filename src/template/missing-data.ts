/**
 * A name the data does not have, given to `inline`: `{{inline titel}}` printed nothing (Handlebars
 * gives undefined for a name it does not find), so every heading of a template with that slip
 * was left empty, and the build said nothing. A value the data has but leaves out (`report.subtitle`
 * of a report without one, `note` of a table without one: their keys are there, undefined) still
 * prints nothing, as before. Handlebars tells a helper where its call stands (`options.loc`), not
 * in which file nor what was written; so the calls of `inline` of every template file are read
 * once (only when one is given nothing) and found by their place: a call whose name the data here
 * has, in any file, is such a value left out; else it is a name the data lacks, said at its name
 * in the file that renders it.
 */
import { closest } from '../content/did-you-mean.js';
import { parseTemplate, type Env } from './handlebars-env.js';

/** Where a call stands (Handlebars' `options.loc`: line from 1, column from 0). */
type Loc = { start: { line: number; column: number } };

/** A call `{{inline a.b}}` (or `(inline a.b)`) of a name of the data: the name's parts, and where the name stands (line and column from 1). */
interface InlineCall {
  file: string;
  parts: string[];
  written: string;
  line: number;
  col: number;
}

/** Thrown while a template renders: `inline` was given a name the data there does not have (see `MissingData.in`). */
export class MissingData extends Error {
  constructor(
    private readonly calls: readonly InlineCall[],
    private readonly context: unknown,
  ) {
    super('inline was given a name the data does not have');
  }

  /** The problem at the call in `file` (the template rendering when it was thrown), else at the first call there. */
  in(file: string): { line: number; col: number; message: string } {
    const call = this.calls.find((c) => c.file === file) ?? this.calls[0];
    const missing = missingName(call.parts, this.context)!;
    const owner = missing.index === 0 ? 'the data here' : call.parts.slice(0, missing.index).join('.');
    const near = closest(call.parts[missing.index], missing.has);
    const has = missing.has.length ? `it has: ${missing.has.join(', ')}` : 'it has no names';
    return { line: call.line, col: call.col, message: `{{inline ${call.written}}}: ${owner} has no "${call.parts[missing.index]}" (${near ? `did you mean "${near}"? ` : ''}${has})` };
  }
}

/**
 * Checks a call of `inline` given nothing (undefined), at `loc` in one of `sources` (file → text),
 * rendering `context`: throws `MissingData` when the name it was given is not in the data.
 */
export function checkInlineValue(env: Env, sources: () => ReadonlyMap<string, string>, context: unknown, loc: Loc | undefined): void {
  if (!loc) return;
  const calls = callsAt(env, sources()).get(`${loc.start.line}:${loc.start.column}`) ?? [];
  if (calls.length && calls.every((c) => missingName(c.parts, context))) throw new MissingData(calls, context);
}

/** The calls of `inline` of each source, by where the call starts (`line:column`), parsed once per sources. */
const parsedCalls = new WeakMap<ReadonlyMap<string, string>, Map<string, InlineCall[]>>();

function callsAt(env: Env, sources: ReadonlyMap<string, string>): Map<string, InlineCall[]> {
  let calls = parsedCalls.get(sources);
  if (calls) return calls;
  calls = new Map();
  for (const [file, text] of sources) {
    const parsed = parseTemplate(env, text);
    if ('error' in parsed) continue;
    for (const { call, loc } of inlineCalls(parsed.program, file)) {
      const key = `${loc.start.line}:${loc.start.column}`;
      calls.set(key, [...(calls.get(key) ?? []), call]);
    }
  }
  parsedCalls.set(sources, calls);
  return calls;
}

type Node = { type?: string; path?: hbs.AST.PathExpression; params?: hbs.AST.Expression[]; program?: { blockParams?: string[] }; loc: Loc };

/**
 * The calls of `inline` in a template whose value is a name of the data looked up where the call
 * stands (`title`, `report.title`): not `this`, `../x`, `@index`, a block parameter
 * (`{{#each rows as |row|}}`), a literal or a subexpression, which are not checked.
 */
function inlineCalls(program: hbs.AST.Program, file: string): { call: InlineCall; loc: Loc }[] {
  const found: { call: InlineCall; loc: Loc }[] = [];
  const blockParams = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const n = node as Node;
    for (const p of n.program?.blockParams ?? []) blockParams.add(p);
    const value = n.params?.[0] as hbs.AST.PathExpression | undefined;
    if ((n.type === 'MustacheStatement' || n.type === 'SubExpression') && n.path?.original === 'inline' && n.params!.length === 1 && value?.type === 'PathExpression') {
      if (!value.data && value.depth === 0 && value.parts.length && !/^(this\b|\.)/.test(value.original)) {
        found.push({ call: { file, parts: value.parts, written: value.original, line: value.loc.start.line, col: value.loc.start.column + 1 }, loc: n.loc });
      }
    }
    for (const [key, child] of Object.entries(n)) if (key !== 'loc') visit(child);
  };
  visit(program);
  return found.filter(({ call }) => !blockParams.has(call.parts[0]));
}

/** The first part of `parts` that `context` does not have (its index, and the names the object there has), or none when it has them all. */
function missingName(parts: readonly string[], context: unknown): { index: number; has: string[] } | undefined {
  let value = context;
  for (const [index, part] of parts.entries()) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) {
      const has = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
      return { index, has };
    }
    value = (value as Record<string, unknown>)[part];
  }
  return undefined;
}
