/**
 * The font registry (`fonts/fonts.yaml`): roles such as 宋体/serif or 黑体/sans mapped to font
 * files. A user drops licensed fonts into `fonts/` and names them here; themes refer to roles.
 * A font file is used only when it really lies (its real path, links followed) inside the
 * registry's folder, or for `npm:PACKAGE/PATH` inside that package under `node_modules`, and
 * only a regular file of at most `MAX_FONT_BYTES`; or, as an opt-in, a font installed on the
 * system named `system:NAME` (see system-fonts.ts). A project's registry adds to Imprint's own
 * and may replace its roles. `fallbacks:` names roles whose fonts set the characters no font of
 * a style has (a rare Han character of a name), tried after the style's own, in order.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml';
import { readYamlFile, type YamlFile } from '../yaml-file.js';
import { InputError, shownFile, type Problem, type SourcePos } from '../problems.js';
import { closest, unknownKeyMessage } from '../content/did-you-mean.js';
import { isInside, refusalOf } from '../input-file.js';
import { facesInFile, MAX_FONT_BYTES } from './sfnt-file.js';
import { findSystemFace, systemFaces } from './system-fonts.js';

/** One face of a font file: the file, and which font of a collection (`.ttc`). */
export interface FaceRef {
  /** The file, absolute and real (links resolved). */
  file: string;
  /** The font's place in a collection, from 0; 0 for a file of one font. */
  index: number;
  /** The name the face goes by in a build (`faceKey`): the file, with `#index` for a collection's later fonts. */
  key: string;
  /**
   * The role whose registry line names the file, and that line: a file that turns out not to be
   * a font, or damaged, is reported there. Absent for a face no line names (a collection's
   * other faces, listed by `imprint fonts`).
   */
  namedAt?: { role: string; pos: SourcePos };
}

/** The key of face `index` of `file`: the file alone for the first. */
export function faceKey(file: string, index: number): string {
  return index === 0 ? file : `${file}#${index}`;
}

/** The faces of one role. */
export interface FontRole {
  name: string;
  regular: FaceRef;
  /** Falls back to `regular` when the role has no bold face. */
  bold: FaceRef;
  /** The other names that lead to this role (e.g. `宋体` for `serif`), sorted. */
  aliases: string[];
  /** The registry file that defines the role. */
  registry: string;
  /** The role whose files it uses (`fallback:`), if it has none of its own. */
  fallback?: string;
}

/** Roles by name and by alias (e.g. `宋体` → `serif`). */
export interface FontRegistry {
  roles: Map<string, FontRole>;
  /**
   * Roles (by name and alias) that cannot be used: their problems, located in the registry. A
   * problem of a report only when its theme uses the role (see `checkFontRoles`).
   */
  broken: Map<string, Problem[]>;
  /**
   * The roles (names, aliases resolved) tried, in order, for a character no font of a style has:
   * those of `fallbacks:`, Imprint's first, each once. Not `fallback:`, which gives a role without
   * files those of another.
   */
  fallbacks: string[];
  /** The registry files read, Imprint's own first: each adds to and may replace the roles of those before. */
  files: string[];
  /** The last of `files` (the project's when it has one), for messages. */
  file: string;
}

/** The words after `the font role "x", which` when no registry defines it: the files, as messages name them. */
export function notDefinedIn(registry: FontRegistry): string {
  return registry.files.length > 1 ? `none of the font registries (${registry.files.map((f) => shownFile(f)).join(', ')}) defines` : `${shownFile(registry.file)} does not define`;
}

/** One registry file and where its `npm:PACKAGE/PATH` fonts are looked up. */
export interface RegistryFile {
  file: string;
  /**
   * Folders in the order tried: the `node_modules` at or above each is searched for the
   * package (default: the registry's own folder).
   */
  npmFrom?: string[];
}

/** A role as one registry file writes it. */
interface RoleEntry {
  node: Node;
  at: YamlFile['at'];
  dir: string;
  npmFrom: string[];
  registry: string;
}

/**
 * Reads registry files, each adding to and replacing roles of those before (a role is replaced
 * whole; the names that led to it, aliases included, lead to the new one; `fallback:` goes
 * through names as they stand after the last file). File names are relative to the registry's
 * folder and must stay inside it; `npm:PKG/PATH` names a file inside an installed npm package.
 * A role's problems are located at the line of the registry that causes them and kept with the
 * role (`broken`); a registry that cannot be read at all throws `InputError`.
 */
export function loadFontRegistry(files: RegistryFile[]): FontRegistry {
  const entries = new Map<string, RoleEntry>();
  /** Every name (role or alias) → the role it leads to; a later file's names win, and in one file a role's name over an alias. */
  const names = new Map<string, string>();
  /** Each file's `fallbacks:` entries, in order, with where they stand (resolved through `names` once all are read). */
  const fallbackNames: { name: string; pos: SourcePos }[] = [];
  for (const { file, npmFrom } of files) {
    const { doc, at } = readYamlFile(file, 'the font registry');
    const rolesNode = isMap(doc.contents) ? (doc.contents.get('roles', true) as Node | undefined) : undefined;
    if (!isMap(rolesNode)) throw new InputError([{ pos: at(doc.contents as Node), message: 'the registry needs `roles:` (a mapping of role names to font files)', severity: 'error' }]);
    const misspelt = unknownKeys(doc.contents as YAMLMap, REGISTRY_KEYS, 'the registry').concat(
      rolesNode.items.flatMap((pair) => {
        const role = pair.value;
        // (an empty value is at the end of its line: the problem is at the role's name)
        const where = !role || (isScalar(role) && role.value === null) ? pair.key : role;
        if (!isMap(role)) return [{ node: where as Node, message: `role "${String((pair.key as Scalar).value)}" ${NOT_A_ROLE}, not ${shownValue(role)}` }];
        const faces = ['regular', 'bold'].map((k) => role.get(k, true) as unknown).filter((n): n is YAMLMap => isMap(n));
        return [...unknownKeys(role, ROLE_KEYS, `role "${String((pair.key as Scalar).value)}"`), ...faces.flatMap((f) => unknownKeys(f, FACE_KEYS, 'a face'))];
      }),
    );
    const fallbacksNode = (doc.contents as YAMLMap).get('fallbacks', true) as Node | undefined;
    if (fallbacksNode !== undefined) {
      const isName = (n: unknown): n is Scalar => isScalar(n) && n.value !== null && n.value !== '';
      if (isSeq(fallbacksNode) && fallbacksNode.items.every(isName)) for (const n of fallbacksNode.items) fallbackNames.push({ name: String(n.value), pos: at(n) });
      else {
        const bad = isSeq(fallbacksNode) ? (fallbacksNode.items.find((n) => !isName(n)) as Node) : fallbacksNode;
        misspelt.push({ node: bad, message: '`fallbacks:` must be a list of role names, e.g. [rare]' });
      }
    }
    if (misspelt.length) throw new InputError(misspelt.map(({ node, message }) => ({ pos: at(node), message, severity: 'error' })));
    const dir = path.dirname(path.resolve(file));
    const own = new Map<string, string[]>(); // role → its aliases
    for (const pair of rolesNode.items) {
      if (!isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      const node = (pair.value ?? pair.key) as Node;
      entries.set(name, { node, at, dir, npmFrom: npmFrom ?? [dir], registry: file });
      const aliases = isMap(node) ? node.get('aliases', true) : undefined;
      own.set(name, isSeq(aliases) ? aliases.items.filter(isScalar).map((a) => String(a.value)) : []);
    }
    for (const [name, aliases] of own) {
      names.set(name, name);
      for (const a of aliases) if (!own.has(a)) names.set(a, name);
    }
  }
  const error = (pos: SourcePos, message: string): Problem => ({ pos, message, severity: 'error' });

  /** Each role resolved once (a role others fall back to is reported once, not once each). */
  const resolved = new Map<string, FontRole | Problem[]>();
  const resolving = new Set<string>();
  const resolveRole = (name: string): FontRole | Problem[] => {
    const done = resolved.get(name);
    if (done) return done;
    resolving.add(name);
    const { node, at, dir, npmFrom, registry } = entries.get(name)!;
    const field = (key: string) => (isMap(node) ? (node.get(key, true) as Node | undefined) : undefined);
    const problems: Problem[] = [];
    /** The face a `regular:` or `bold:` names: `FILE`, or `{file: FILE, face: N}` for a collection's font N. */
    const faceAt = (key: 'regular' | 'bold'): FaceRef | undefined => {
      const n = field(key);
      if (n === undefined) return undefined;
      const fileNode = isMap(n) ? (n.get('file', true) as Node | undefined) : n;
      const faceNode = isMap(n) ? (n.get('face', true) as Node | undefined) : undefined;
      const value = isScalar(fileNode) ? fileNode.value : undefined;
      const namedAt = fileNode && { role: name, pos: at(fileNode) };
      if (typeof value === 'string' && value.startsWith(SYSTEM)) {
        const found = systemFace(value.slice(SYSTEM.length).trim(), key);
        if ('problem' in found) problems.push(error(at(fileNode!), `system font "${value.slice(SYSTEM.length).trim()}" of role "${name}" ${found.problem}`));
        else if (faceNode !== undefined) problems.push(error(at(faceNode), `\`face:\` goes with a file; a system font is named by its face's own name (\`imprint fonts --system\` lists them)`));
        else return { ...found, namedAt };
        return undefined;
      }
      const found = typeof value === 'string' && value !== '' ? fontFile(value, dir, npmFrom) : { problem: 'must be a file name, or {file: NAME, face: N} for a face of a collection' };
      if ('problem' in found) {
        problems.push({ ...error(at(fileNode ?? n), `font file of role "${name}" ${found.problem}`), ...('about' in found ? { about: found.about } : {}) });
        return undefined;
      }
      if (faceNode === undefined) return { file: found.real, index: 0, key: found.real, namedAt };
      const index = isScalar(faceNode) ? faceNode.value : undefined;
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
        problems.push(error(at(faceNode), `\`face:\` of role "${name}" must be a face's number in the collection, from 0 (\`imprint fonts\` lists them)`));
        return undefined;
      }
      let count: number;
      try {
        count = facesInFile(found.real);
      } catch (e) {
        problems.push(error(at(fileNode!), `font file of role "${name}" cannot be read: ${(e as Error).message}`));
        return undefined;
      }
      if (index >= count) {
        const has = count === 1 ? 'holds one font, not a collection: only face 0' : `is a collection of ${count} faces, 0 to ${count - 1}`;
        problems.push(error(at(faceNode), `font file of role "${name}" ${has} (\`imprint fonts\` lists them)`));
        return undefined;
      }
      return { file: found.real, index, key: faceKey(found.real, index), namedAt };
    };
    const aliases = [...names].filter(([n, to]) => to === name && n !== name).map(([n]) => n).sort();
    let role: FontRole | undefined;
    if (field('regular') !== undefined) {
      const regular = faceAt('regular');
      const bold = faceAt('bold');
      if (regular) role = { name, regular, bold: bold ?? regular, aliases, registry };
    } else {
      const fallbackNode = field('fallback');
      const fallbackName = isScalar(fallbackNode) ? String(fallbackNode.value) : undefined;
      const fallback = fallbackName === undefined ? undefined : names.get(fallbackName);
      if (fallbackName !== undefined && fallback === undefined) {
        const near = closest(fallbackName, [...names.keys()]);
        problems.push(error(at(fallbackNode!), `\`fallback:\` of role "${name}" names no role "${fallbackName}"${near ? ` (did you mean "${near}"?)` : ''}`));
      } else if (fallback === undefined) problems.push(error(at(fallbackNode ?? node), `role "${name}" has neither \`regular:\` nor a \`fallback:\` to a role that has`));
      else if (resolving.has(fallback)) problems.push(error(at(fallbackNode), `\`fallback:\` of role "${name}" goes round in a circle back to "${fallback}"`));
      else {
        const other = resolveRole(fallback);
        if (Array.isArray(other)) problems.push(...other);
        else role = { name, regular: other.regular, bold: other.bold, aliases, registry, fallback };
      }
    }
    const aliasesNode = field('aliases');
    if (aliasesNode !== undefined && !(isSeq(aliasesNode) && aliasesNode.items.every(isScalar))) problems.push(error(at(aliasesNode), '`aliases:` must be a list of names, e.g. [宋体, song]'));
    const result = problems.length || !role ? problems : role;
    resolving.delete(name);
    resolved.set(name, result);
    return result;
  };

  const roles = new Map<string, FontRole>();
  const broken = new Map<string, Problem[]>();
  for (const [name, to] of names) {
    const role = resolveRole(to);
    if (Array.isArray(role)) broken.set(name, role);
    else roles.set(name, role);
  }
  const unknown = fallbackNames.filter(({ name }) => !names.has(name));
  if (unknown.length)
    throw new InputError(
      unknown.map(({ name, pos }) => {
        const near = closest(name, [...names.keys()]);
        return error(pos, `\`fallbacks:\` names no role "${name}"${near ? ` (did you mean "${near}"?)` : ''}`);
      }),
    );
  const fallbacks = [...new Set(fallbackNames.map(({ name }) => names.get(name)!))];
  const read = files.map((f) => f.file);
  return { roles, broken, fallbacks, files: read, file: read[read.length - 1] };
}

/** The keys of a registry, of a role and of a face written `{file: NAME, face: N}`. */
const REGISTRY_KEYS = ['roles', 'fallbacks'];
const ROLE_KEYS = ['regular', 'bold', 'aliases', 'fallback'];
const FACE_KEYS = ['file', 'face'];

/**
 * The keys of `map` not in `known`, each with its message (and the likely key): a misspelt key
 * (`alias:`) would leave what it says unsaid, and the build fail elsewhere (a role not found).
 */
/** What a role must be, in words that follow `role "title" `. */
const NOT_A_ROLE = 'must be a mapping of its font files and names, e.g. { regular: FILE.ttf, bold: FILE.ttf, aliases: [标题] } or { fallback: serif }';

/** A role's value as a message shows it (one that is not a mapping). */
function shownValue(node: unknown): string {
  if (isSeq(node)) return 'a list';
  if (isScalar(node) && node.value !== null && node.value !== '') return typeof node.value === 'string' ? `"${node.value}"` : String(node.value);
  return 'empty';
}

function unknownKeys(map: YAMLMap, known: readonly string[], what: string): { node: Node; message: string }[] {
  return map.items.flatMap((pair) => {
    const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
    if (known.includes(key)) return [];
    return [{ node: pair.key as Node, message: unknownKeyMessage(key, known, what) }];
  });
}

/** How a registry names a font installed on the system (`system:宋体`), found through fontconfig. */
const SYSTEM = 'system:';

/** The face of a system font (see system-fonts.ts), or what is wrong with it (words that follow `system font "NAME" of role "x"`). */
function systemFace(name: string, weight: 'regular' | 'bold'): FaceRef | { problem: string } {
  const faces = systemFaces();
  if (faces instanceof Error) return { problem: `cannot be looked up: ${faces.message}` };
  if (!name) return { problem: 'needs a name: system:FAMILY, or a face\'s full or PostScript name' };
  const face = findSystemFace(name, weight, faces);
  if ('problem' in face) return face;
  if (!existsSync(face.file)) return { problem: `is listed by fontconfig at ${face.file}, which is not there` };
  const real = realpathSync(face.file);
  const refused = refusalOf(statSync(real), MAX_FONT_BYTES);
  if (refused) return { problem: `is ${refused.message}: ${face.file}` };
  return { file: real, index: face.index, key: faceKey(real, face.index) };
}

/**
 * The real path of a registry entry's font file, or what is wrong with it (words that follow
 * `font file of role "x"`). `dir`: the registry's folder; `npm:PKG/PATH` is looked up in the
 * `node_modules` folders at and above each of `npmFrom`, in turn.
 */
function fontFile(entry: string, dir: string, npmFrom: string[]): { real: string } | { problem: string; about?: string } {
  const npm = entry.startsWith('npm:');
  const rel = path.normalize(npm ? entry.slice(4) : entry);
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel) || rel === '.') return { problem: `must be inside ${shownFile(dir)}/ (or npm:PACKAGE/PATH): ${entry}` };
  const modules = npm ? nodeModulesHolding(rel, npmFrom) : undefined;
  const full = path.join(modules ?? dir, rel);
  /** The folder the file must really lie in: the registry's, or the package's. */
  const home = modules ? path.join(modules, rel.split(path.sep).slice(0, rel.startsWith('@') ? 2 : 1).join(path.sep)) : dir;
  if (!existsSync(full)) return { problem: `not found: ${shownFile(full)}`, about: full };
  const real = realpathSync(full);
  const realHome = realpathSync(home);
  if (!isInside(real, realHome)) return { problem: `is outside ${shownFile(home)}/: its real path is ${shownFile(real)}` };
  if (npm && !realHome.split(path.sep).includes('node_modules')) return { problem: `is outside node_modules: its real path is ${shownFile(real)}` };
  const refused = refusalOf(statSync(real), MAX_FONT_BYTES);
  return refused ? { problem: `is ${refused.message}: ${shownFile(full)}` } : { real };
}

/** The first `node_modules` at or above one of `from` (in turn) that holds `rel` (else the one in `from[0]`, for the message). */
function nodeModulesHolding(rel: string, from: string[]): string {
  for (const start of from)
    for (let d = start; ; d = path.dirname(d)) {
      if (existsSync(path.join(d, 'node_modules', rel))) return path.join(d, 'node_modules');
      if (path.dirname(d) === d) break;
    }
  return path.join(from[0], 'node_modules');
}
