/**
 * Reading YAML while keeping source positions: the `yaml` package's document, the plain data
 * (YAML 1.2 core schema, aliases limited), and the place of any value by its path.
 */
import { Document, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Scalar } from 'yaml';
import type { ProblemList, SourcePos } from '../problems.js';
import { valueOffsets } from './scalar-chars.js';
import { aliasPastLimit } from './alias-bomb.js';
import { yamlProblems } from './yaml-problems.js';
import { structuralLines, type YamlLine } from './yaml-lines.js';
import { placeInText } from '../text-column.js';

/** Most aliases a file may use (an "alias bomb" is refused at once). */
export const MAX_ALIASES = 100;
/** Deepest nesting of mappings and lists accepted. */
export const MAX_DEPTH = 64;

/** A path to a value: keys of mappings and indexes of lists. */
export type DataPath = (string | number)[];

/** A parsed YAML file whose values can be located. */
export class YamlSource {
  /** The plain data, or undefined when the YAML could not be read. */
  readonly data: unknown;
  private readonly doc: Document.Parsed;
  private readonly lines = new LineCounter();
  /** The lines that hold the file's structure (see yaml-lines.ts), read once when first asked. */
  private structure?: YamlLine[];
  /** Per scalar asked about: the offset of each character of its value (see `charPos`). */
  private readonly valueOffsets = new Map<Scalar, (index: number) => number>();

  constructor(
    readonly file: string,
    private readonly text: string,
    problems: ProblemList,
  ) {
    // resolveKnownTags off: YAML 1.1's !!binary, !!set, !!omap, !!pairs, !!timestamp are unknown
    // tags, refused as any other (see yamlProblems), not a Buffer, a Set or a Date in the data
    this.doc = parseDocument(text, { lineCounter: this.lines, schema: 'core', resolveKnownTags: false, uniqueKeys: true, prettyErrors: false });
    const found = yamlProblems(this.doc, text);
    for (const p of found) {
      if (p.severity === 'error') problems.error(this.at(p.offset), p.message);
      else problems.warn(this.at(p.offset), p.message);
    }
    if (found.some((p) => p.severity === 'error')) return;
    const bad = this.badNesting(this.doc.contents as Node | null, []);
    if (bad) {
      problems.error(this.pos(bad.node), bad.circular ? `YAML: the alias *${bad.circular} stands inside the value its anchor &${bad.circular} names: a value cannot contain itself` : `nesting deeper than ${MAX_DEPTH} levels`);
      return;
    }
    try {
      this.data = this.doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      const past = aliasPastLimit(this.doc, MAX_ALIASES);
      problems.error(
        past ? this.pos(past) : this.at(0),
        past
          ? `YAML: with this alias *${past.source}, the aliases of the file repeat their anchors' values more than ${MAX_ALIASES} times in all (an alias within an anchored value repeats what it names each time): write the values out, or use fewer aliases`
          : `YAML: ${firstLine((e as Error).message)} (at most ${MAX_ALIASES} aliases)`,
      );
    }
  }

  /** The position of a character offset in the file. */
  at(offset: number): SourcePos {
    return { file: this.file, ...placeInText(this.text, this.lines, offset) };
  }

  /** Where a node starts (the file's start for none). */
  pos(node: Node | null | undefined): SourcePos {
    return this.at(node?.range?.[0] ?? 0);
  }

  /** Where the value at `path` stands; with `key`, where that key of the mapping stands. */
  locate(path: DataPath, key?: string): SourcePos {
    let node = this.resolve(this.doc.contents as Node | null);
    for (const step of path) {
      const next = this.child(node, step);
      if (!next) break;
      node = next;
    }
    if (key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (pair) return this.pos(pair.key as Node);
    }
    return this.pos(node);
  }

  /**
   * Where the value at `path` is reached through an alias (`body: *body`): the place of the last
   * alias on the way, where the file repeats the anchored value; undefined when no alias is on it.
   */
  aliasOn(path: DataPath): SourcePos | undefined {
    let node = this.doc.contents as Node | null;
    let alias: Node | undefined;
    for (const step of [undefined, ...path]) {
      if (step !== undefined) node = this.rawChild(node, step);
      if (isAlias(node)) alias = node;
      node = this.resolve(node);
      if (!node) break;
    }
    return alias && this.pos(alias);
  }

  /**
   * For a key written with nothing after it (`rows:` at the end of its line), where the list
   * on the lines below starts when it starts left of the key: YAML then reads that list as part
   * of what holds the key (the items of a body around a table's `rows:`), and the key has no
   * value. Undefined otherwise.
   */
  outdentedListBelow(path: DataPath): SourcePos | undefined {
    const key = path[path.length - 1];
    if (typeof key !== 'string') return undefined;
    const at = this.locate(path.slice(0, -1), key);
    const lines = (this.structure ??= structuralLines(this.text));
    // the key's line (0-based at.line − 1), then the first line that holds structure after it
    let lo = 0;
    let hi = lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lines[mid].index < at.line - 1) lo = mid + 1;
      else hi = mid;
    }
    const [own, below] = [lines[lo], lines[lo + 1]];
    if (own?.index !== at.line - 1 || !/:[ \t]*(#.*)?\r?$/.test(own.rest) || !below) return undefined;
    return /^-(\s|$)/.test(below.rest) && below.indent + 1 < at.col ? { file: this.file, line: below.index + 1, col: below.indent + 1 } : undefined;
  }

  /** The characters of the scalar at `path` as written (`2.50` stays `2.50`). */
  sourceText(path: DataPath): string | undefined {
    const node = this.scalar(path);
    return node && typeof node.source === 'string' ? node.source : undefined;
  }

  /**
   * Where the character at UTF-16 index `index` of the text at `path` was written (an escape
   * in double quotes: its backslash); the text's start when that cannot be told.
   */
  charPos(path: DataPath, index: number): SourcePos {
    const node = this.scalar(path);
    if (!node || typeof node.value !== 'string') return this.locate(path);
    let offsets = this.valueOffsets.get(node);
    if (!offsets) this.valueOffsets.set(node, (offsets = valueOffsets(this.text, node)));
    return this.at(offsets(index));
  }

  private scalar(path: DataPath): Scalar | undefined {
    let node = this.resolve(this.doc.contents as Node | null);
    for (const step of path) node = node && this.child(node, step);
    return isScalar(node) ? node : undefined;
  }

  private child(node: Node | null, step: string | number): Node | null {
    return this.resolve(this.rawChild(node, step));
  }

  /** The node at `step` of a mapping or list, an alias left as it is. */
  private rawChild(node: Node | null, step: string | number): Node | null {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      return pair ? ((pair.value as Node | null) ?? (pair.key as Node)) : null;
    }
    if (isSeq(node) && typeof step === 'number') return (node.items[step] as Node | undefined) ?? null;
    return null;
  }

  private resolve(node: Node | null): Node | null {
    return isAlias(node) ? ((node.resolve(this.doc) as Node | undefined) ?? node) : node;
  }

  /**
   * The first node nested deeper than `MAX_DEPTH`, or the first alias that stands inside the
   * value its anchor names (`&b [a, *b]`: a value that would contain itself, without end, for
   * every reader of the data), with the alias's name; null when there is none. `ancestors`:
   * the mappings and lists around `node`, outermost first.
   */
  private badNesting(node: Node | null, ancestors: Node[]): { node: Node; circular?: string } | null {
    if (ancestors.length > MAX_DEPTH && node) return { node };
    if (isAlias(node)) return ancestors.includes(node.resolve(this.doc) as Node) ? { node, circular: node.source } : null;
    const kids: unknown[] = isMap(node) ? node.items.map((p) => p.value) : isSeq(node) ? node.items : [];
    ancestors.push(node!);
    for (const k of kids) {
      const bad = this.badNesting(k as Node | null, ancestors);
      if (bad) return bad;
    }
    ancestors.pop();
    return null;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
