/**
 * Theme files with inheritance: `extends: official` in a template's `theme.yaml` takes the
 * parent template's theme and overrides it key by key (styles merge per key). `extends:` names
 * a template (found and read through `ThemeFiles`); a circle is an error at the `extends:` that
 * closes it. Every value keeps the file and line it came from, for messages.
 */
import path from 'node:path';
import { isMap, isScalar, visit, type LineCounter, type Node, type YAMLMap } from 'yaml';
import { parseYamlText } from '../yaml-file.js';
import { valueOffsets } from '../content/scalar-chars.js';
import { placeInText } from '../text-column.js';
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
  /** Where a node stands (in the file it came from); with `index`, where that character of its text stands. */
  at(node: Node | null | undefined, index?: number): SourcePos;
}

/** Where theme files are found and how they are read (see template/folders.ts). */
export interface ThemeFiles {
  /** The theme file of the template `name`, as named at `pos`: throws `InputError` located there. */
  themeFileOf(name: string, pos: SourcePos): string;
  /** The text of a theme file; `what` names it in messages. */
  read(file: string, what: string): string;
}

/** Most themes in a chain of `extends:`, the template's own included. */
const MAX_DEPTH = 8;

/** Reads `file` and the themes it extends (see `themeChain`). */
export function readThemeSource(file: string, files: ThemeFiles): ThemeSource {
  const owner = new WeakMap<object, { file: string; lines: LineCounter; text: string }>();
  const layers: YAMLMap[] = [];
  const parsedFrom = chainOfLayers(file, files);
  // parsed layers are kept (see parseLayer): merging works on copies; a lone layer is used as is
  for (const layer of parsedFrom) {
    const map = parsedFrom.length > 1 ? (layer.map.clone() as YAMLMap) : layer.map;
    const o = { file: layer.file, lines: layer.lines, text: layer.text };
    visit(map, { Node: (_, n) => void owner.set(n, o) });
    owner.set(map, o);
    layers.push(map);
  }
  // merge from the furthest ancestor down to the template's own theme
  const root = layers.reverse().reduce((base, layer) => mergeMaps(base, layer));
  return {
    root,
    file,
    files: parsedFrom.map((l) => l.file),
    layers: parsedFrom,
    at: (node, index) => {
      const o = (node && owner.get(node)) ?? owner.get(root)!;
      const offset = index !== undefined && isScalar(node) && typeof node.value === 'string' ? valueOffsets(o.text, node)(index) : (node?.range?.[0] ?? 0);
      return { file: o.file, ...placeInText(o.text, o.lines, offset) };
    },
  };
}

/**
 * The theme file `file` and those it extends, its own first (at most 8; a circle is an error at
 * the `extends:` that closes it).
 */
export function themeChain(file: string, files: ThemeFiles): string[] {
  return chainOfLayers(file, files).map((l) => l.file);
}

function chainOfLayers(file: string, files: ThemeFiles): Layer[] {
  const chain = [parseLayer(file, files)];
  for (let parent = chain[0].parent; parent; parent = chain[chain.length - 1].parent) {
    const next = files.themeFileOf(parent.name, parent.pos);
    const names = [...chain.map((l) => l.file), next].map(templateName);
    if (chain.some((l) => l.file === next)) throw located(parent.pos, `\`extends:\` goes round in a circle: ${names.join(' → ')}`);
    if (chain.length === MAX_DEPTH) throw located(parent.pos, `\`extends:\` goes more than ${MAX_DEPTH} templates deep: ${names.join(' → ')}`);
    chain.push(parseLayer(next, files));
  }
  return chain;
}

/**
 * Whether `file` and the themes it extends are still the files, with the same texts, that
 * `source` was merged from (a watch rebuild then reuses what was made of it).
 */
export function unchangedSince(source: ThemeSource, file: string, files: ThemeFiles): boolean {
  let current: string | undefined = file;
  try {
    for (const layer of source.layers as Layer[]) {
      if (current === undefined || parseLayer(current, files) !== layer) return false;
      current = layer.parent && files.themeFileOf(layer.parent.name, layer.parent.pos);
    }
  } catch {
    return false; // a file or parent that cannot be read now: load again, for the message
  }
  return current === undefined;
}

/** One theme file, parsed; never changed after (merging works on copies). */
interface Layer {
  file: string;
  map: YAMLMap;
  lines: LineCounter;
  /** The template named by `extends:`, and where. */
  parent?: { name: string; pos: SourcePos };
  /** The text parsed. */
  text: string;
}

/** The last parse of each theme file: templates and theme both read it, and watch again. */
const parsedLayers = new Map<string, Layer>();

function parseLayer(file: string, files: ThemeFiles): Layer {
  const text = files.read(file, 'the theme');
  const known = parsedLayers.get(file);
  if (known?.text === text) return known;
  const { doc, lines, at } = parseYamlText(file, text);
  if (!isMap(doc.contents)) throw located({ file, line: 1, col: 1 }, 'a theme is a mapping of keys (page, styles, …)');
  const ext = doc.contents.get('extends', true) as Node | undefined;
  const named = isScalar(ext) && (typeof ext.value === 'string' || typeof ext.value === 'number');
  if (ext !== undefined && !named) throw located(at(ext), '`extends:` must name a template (a folder under templates/)');
  const layer = { file, map: doc.contents, lines, parent: named ? { name: String(ext.value), pos: at(ext) } : undefined, text };
  parsedLayers.set(file, layer);
  return layer;
}

/** The name of the template a theme file belongs to (its folder). */
function templateName(themeFile: string): string {
  return path.basename(path.dirname(themeFile));
}

function located(pos: SourcePos, message: string): InputError {
  return new InputError([{ pos, message, severity: 'error' }]);
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
