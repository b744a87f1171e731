/**
 * Theme files with inheritance: `extends: official` in a template's `theme.yaml` takes the
 * parent template's theme and overrides it key by key (styles merge per key). Every value keeps
 * the file and line it came from, for messages.
 */
import { isMap, isScalar, visit, type LineCounter, type Node, type YAMLMap } from 'yaml';
import { parseYamlText, readText } from '../yaml-file.js';
import { InputError, type SourcePos } from '../problems.js';

/** A merged theme tree whose nodes can be located in their own files. */
export interface ThemeSource {
  /** The merged top-level mapping. */
  root: Node;
  /** The template's own theme file (for messages without a node). */
  file: string;
  /** Every theme file read, the template's own first. */
  files: string[];
  /** The parsed files it was merged from (see `unchangedSince`). */
  layers: readonly object[];
  /** Where a node stands (in the file it came from). */
  at(node: Node | null | undefined): SourcePos;
}

/** Theme file of a template, by the template's name (for `extends`). */
export type ThemeFileOf = (template: string) => string;

/** Reads `file` and the themes it extends (at most 8 levels; a cycle is an error). */
export function readThemeSource(file: string, themeFileOf: ThemeFileOf): ThemeSource {
  const owner = new WeakMap<object, { file: string; lines: LineCounter }>();
  const layers: YAMLMap[] = [];
  const seen: string[] = [];
  const parsedFrom: Layer[] = [];
  for (let current: string | undefined = file; current; ) {
    if (seen.includes(current) || seen.length >= 8) {
      throw new InputError([{ pos: { file: seen[seen.length - 1], line: 1, col: 1 }, message: `\`extends:\` goes round in a circle: ${[...seen, current].join(' → ')}`, severity: 'error' }]);
    }
    seen.push(current);
    const layer = parseLayer(current);
    const { parent, parentPos } = layer;
    parsedFrom.push(layer);
    let next: string | undefined;
    if (parent !== undefined) {
      try {
        next = themeFileOf(parent);
      } catch (e) {
        if (e instanceof InputError) throw new InputError(e.problems.map((p) => ({ ...p, pos: parentPos ?? p.pos })));
        throw e;
      }
    }
    current = next;
  }
  // parsed layers are kept (see parseLayer): merging works on copies; a lone layer is used as is
  parsedFrom.forEach((layer, i) => {
    const map = parsedFrom.length > 1 ? (layer.map.clone() as YAMLMap) : layer.map;
    const o = { file: seen[i], lines: layer.lines };
    visit(map, { Node: (_, n) => void owner.set(n, o) });
    owner.set(map, o);
    layers.push(map);
  });
  // merge from the furthest ancestor down to the template's own theme
  const root = layers.reverse().reduce((base, layer) => mergeMaps(base, layer));
  return {
    root,
    file,
    files: seen,
    layers: parsedFrom,
    at: (node) => {
      const o = (node && owner.get(node)) ?? owner.get(root)!;
      const { line, col } = o.lines.linePos(node?.range?.[0] ?? 0);
      return { file: o.file, line, col };
    },
  };
}

/** The parent template a theme file names with `extends:` (without reading further). */
export function parentTemplate(file: string): string | undefined {
  return parseLayer(file).parent;
}

/**
 * Whether `file` and the themes it extends are still the files, with the same texts, that
 * `source` was merged from (a watch rebuild then reuses what was made of it).
 */
export function unchangedSince(source: ThemeSource, file: string, themeFileOf: ThemeFileOf): boolean {
  let current: string | undefined = file;
  try {
    for (const layer of source.layers) {
      if (current === undefined || parseLayer(current) !== layer) return false;
      const parent = (layer as Layer).parent;
      current = parent === undefined ? undefined : themeFileOf(parent);
    }
  } catch {
    return false; // a file or parent that cannot be read now: load again, for the message
  }
  return current === undefined;
}

/** One theme file, parsed; never changed after (merging works on copies). */
interface Layer {
  map: YAMLMap;
  lines: LineCounter;
  parent?: string;
  parentPos?: SourcePos;
  /** The text parsed. */
  text: string;
}

/** The last parse of each theme file: templates and theme both read it, and watch again. */
const parsedLayers = new Map<string, Layer>();

function parseLayer(file: string): Layer {
  const text = readText(file, 'the theme');
  const known = parsedLayers.get(file);
  if (known?.text === text) return known;
  const { doc, lines } = parseYamlText(file, text);
  if (!isMap(doc.contents)) throw new InputError([{ pos: { file, line: 1, col: 1 }, message: 'a theme is a mapping of keys (page, styles, …)', severity: 'error' }]);
  const ext = doc.contents.get('extends', true) as Node | undefined;
  const parent = isScalar(ext) ? String(ext.value) : undefined;
  const parentPos = ext ? { file, ...lines.linePos(ext.range?.[0] ?? 0) } : undefined;
  const layer = { map: doc.contents, lines, parent, parentPos, text };
  parsedLayers.set(file, layer);
  return layer;
}

/** `base` with `over`'s keys put in; mappings merge key by key, anything else is replaced. */
function mergeMaps(base: YAMLMap, over: YAMLMap): YAMLMap {
  for (const pair of over.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (key === 'extends') continue;
    const mine = base.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (mine && isMap(mine.value) && isMap(pair.value)) mergeMaps(mine.value, pair.value);
    else if (mine) mine.value = pair.value;
    else base.items.push(pair);
  }
  return base;
}
