/**
 * The font registry (`fonts/fonts.yaml`): roles such as 宋体/serif or 黑体/sans mapped to font
 * files. A user drops licensed fonts into `fonts/` and names them here; themes refer to roles.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, type Node } from 'yaml';
import { readYamlFile } from '../yaml-file.js';
import { InputError, ProblemList } from '../problems.js';

/** The files of one role. Paths are absolute. */
export interface FontRole {
  name: string;
  regular: string;
  /** Falls back to `regular` when the role has no bold face. */
  bold: string;
}

/** Roles by name and by alias (e.g. `宋体` → `serif`). */
export interface FontRegistry {
  roles: Map<string, FontRole>;
  /** The registry file, for messages. */
  file: string;
}

interface RoleEntry {
  aliases?: string[];
  regular?: string;
  bold?: string;
  /** Another role to use when this one has no files (e.g. 楷体 → serif until a user adds one). */
  fallback?: string;
}

/**
 * Reads a registry file. File names are relative to the registry's folder and must stay inside
 * it; `npm:PKG/PATH` names a file inside an installed npm package. Problems are located at the
 * line of the registry that names the file.
 */
export function loadFontRegistry(file: string): FontRegistry {
  const problems = new ProblemList();
  const { doc, at } = readYamlFile(file, 'the font registry');
  const rolesNode = isMap(doc.contents) ? (doc.contents.get('roles', true) as Node | undefined) : undefined;
  if (!isMap(rolesNode)) throw new InputError([{ pos: at(doc.contents as Node), message: 'the registry needs `roles:` (a mapping of role names to font files)', severity: 'error' }]);
  const entries = new Map<string, { entry: RoleEntry; node: Node }>();
  for (const pair of rolesNode.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    entries.set(name, { entry: (doc.getIn(['roles', name]) as { toJSON(): RoleEntry } | undefined)?.toJSON?.() ?? {}, node: pair.value as Node });
  }
  const dir = path.dirname(path.resolve(file));
  const fileAt = (role: string, key: 'regular' | 'bold'): string | undefined => {
    const { entry, node } = entries.get(role)!;
    const value = entry[key];
    if (value === undefined) return undefined;
    const where = at(isMap(node) ? (node.get(key, true) as Node) : node);
    const resolved = resolveFontFile(value, dir);
    if (!resolved) problems.error(where, `font file of role "${role}" must be inside ${dir} (or npm:PACKAGE/PATH): ${value}`);
    else if (!existsSync(resolved)) problems.error(where, `font file of role "${role}" not found: ${resolved}`);
    return resolved;
  };
  const resolveRole = (name: string, seen: string[]): FontRole | undefined => {
    const found = entries.get(name);
    if (!found) return undefined;
    const regular = fileAt(name, 'regular');
    if (regular) return { name, regular, bold: fileAt(name, 'bold') ?? regular };
    const fallback = found.entry.fallback;
    if (fallback && !seen.includes(fallback)) {
      const r = resolveRole(fallback, [...seen, name]);
      if (r) return { ...r, name };
    }
    problems.error(at(found.node), `role "${name}" has neither \`regular:\` nor a \`fallback:\` to a role that has`);
    return undefined;
  };
  const roles = new Map<string, FontRole>();
  for (const [name, { entry }] of entries) {
    const role = resolveRole(name, []);
    if (!role) continue;
    roles.set(name, role);
    for (const a of entry.aliases ?? []) roles.set(a, role);
  }
  problems.throwIfErrors();
  return { roles, file };
}

/**
 * Absolute path of a registry file entry, or undefined when it would leave the registry's
 * folder (`../../etc/…`). `npm:PKG/PATH` is looked up in `node_modules` above the folder.
 */
export function resolveFontFile(entry: string, dir: string): string | undefined {
  if (!entry.startsWith('npm:')) {
    const full = path.resolve(dir, entry);
    return full.startsWith(dir + path.sep) ? full : undefined;
  }
  const rel = path.normalize(entry.slice(4));
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, 'node_modules', rel);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(d) === d) return path.join(dir, 'node_modules', rel);
  }
}
