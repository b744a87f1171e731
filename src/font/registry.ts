/**
 * The font registry (`fonts/fonts.yaml`): roles such as 宋体/serif or 黑体/sans mapped to font
 * files. A user drops licensed fonts into `fonts/` and names them here; themes refer to roles.
 * A font file is used only when it really lies (its real path, links followed) inside the
 * registry's folder, or for `npm:PACKAGE/PATH` inside that package under `node_modules`, and
 * only a regular file of at most `MAX_FONT_BYTES`.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { readYamlFile } from '../yaml-file.js';
import { InputError, type Problem, type SourcePos } from '../problems.js';
import { isInside, refusalOf } from '../input-file.js';
import { MAX_FONT_BYTES } from './sfnt-file.js';

/** The files of one role. Paths are absolute and real (links resolved). */
export interface FontRole {
  name: string;
  regular: string;
  /** Falls back to `regular` when the role has no bold face. */
  bold: string;
}

/** Roles by name and by alias (e.g. `宋体` → `serif`). */
export interface FontRegistry {
  roles: Map<string, FontRole>;
  /**
   * Roles (by name and alias) that cannot be used: their problems, located in the registry. A
   * problem of a report only when its theme uses the role (see `checkFontRoles`).
   */
  broken: Map<string, Problem[]>;
  /** The registry file, for messages. */
  file: string;
}

/**
 * Reads a registry file. File names are relative to the registry's folder and must stay inside
 * it; `npm:PKG/PATH` names a file inside an installed npm package. A role's problems are located
 * at the line of the registry that causes them and kept with the role (`broken`); a registry
 * that cannot be read at all throws `InputError`.
 */
export function loadFontRegistry(file: string): FontRegistry {
  const { doc, at } = readYamlFile(file, 'the font registry');
  const rolesNode = isMap(doc.contents) ? (doc.contents.get('roles', true) as Node | undefined) : undefined;
  if (!isMap(rolesNode)) throw new InputError([{ pos: at(doc.contents as Node), message: 'the registry needs `roles:` (a mapping of role names to font files)', severity: 'error' }]);
  const entries = new Map<string, Node>();
  for (const pair of rolesNode.items) if (isScalar(pair.key)) entries.set(String(pair.key.value), (pair.value ?? pair.key) as Node);
  const dir = path.dirname(path.resolve(file));
  const error = (pos: SourcePos, message: string): Problem => ({ pos, message, severity: 'error' });

  /** Each role resolved once (a role others fall back to is reported once, not once each). */
  const resolved = new Map<string, FontRole | Problem[]>();
  const resolving = new Set<string>();
  const resolveRole = (name: string): FontRole | Problem[] => {
    const done = resolved.get(name);
    if (done) return done;
    resolving.add(name);
    const node = entries.get(name)!;
    const field = (key: string) => (isMap(node) ? (node.get(key, true) as Node | undefined) : undefined);
    const problems: Problem[] = [];
    const fileAt = (key: 'regular' | 'bold'): string | undefined => {
      const n = field(key);
      if (n === undefined) return undefined;
      const value = isScalar(n) ? n.value : undefined;
      const found = typeof value === 'string' && value !== '' ? fontFile(value, dir) : { problem: 'must be a file name' };
      if ('problem' in found) problems.push(error(at(n), `font file of role "${name}" ${found.problem}`));
      return 'real' in found ? found.real : undefined;
    };
    let role: FontRole | undefined;
    if (field('regular') !== undefined) {
      const regular = fileAt('regular');
      const bold = fileAt('bold');
      if (regular) role = { name, regular, bold: bold ?? regular };
    } else {
      const fallbackNode = field('fallback');
      const fallback = isScalar(fallbackNode) ? String(fallbackNode.value) : undefined;
      if (fallback === undefined || !entries.has(fallback)) problems.push(error(at(fallbackNode ?? node), `role "${name}" has neither \`regular:\` nor a \`fallback:\` to a role that has`));
      else if (resolving.has(fallback)) problems.push(error(at(fallbackNode), `\`fallback:\` of role "${name}" goes round in a circle back to "${fallback}"`));
      else {
        const other = resolveRole(fallback);
        if (Array.isArray(other)) problems.push(...other);
        else role = { ...other, name };
      }
    }
    const aliases = field('aliases');
    if (aliases !== undefined && !(isSeq(aliases) && aliases.items.every(isScalar))) problems.push(error(at(aliases), '`aliases:` must be a list of names, e.g. [宋体, song]'));
    const result = problems.length || !role ? problems : role;
    resolving.delete(name);
    resolved.set(name, result);
    return result;
  };

  const roles = new Map<string, FontRole>();
  const broken = new Map<string, Problem[]>();
  for (const [name, node] of entries) {
    const role = resolveRole(name);
    const aliases = isMap(node) ? node.get('aliases', true) : undefined;
    for (const n of [name, ...(isSeq(aliases) ? aliases.items.filter(isScalar).map((a) => String(a.value)) : [])]) {
      if (Array.isArray(role)) broken.set(n, role);
      else roles.set(n, role);
    }
  }
  return { roles, broken, file };
}

/**
 * The real path of a registry entry's font file, or what is wrong with it (words that follow
 * `font file of role "x"`). `dir`: the registry's folder; `npm:PKG/PATH` is looked up in the
 * `node_modules` folders at and above it.
 */
function fontFile(entry: string, dir: string): { real: string } | { problem: string } {
  const npm = entry.startsWith('npm:');
  const rel = path.normalize(npm ? entry.slice(4) : entry);
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel) || rel === '.') return { problem: `must be inside ${dir} (or npm:PACKAGE/PATH): ${entry}` };
  const modules = npm ? nodeModulesHolding(rel, dir) : undefined;
  const full = path.join(modules ?? dir, rel);
  /** The folder the file must really lie in: the registry's, or the package's. */
  const home = modules ? path.join(modules, rel.split(path.sep).slice(0, rel.startsWith('@') ? 2 : 1).join(path.sep)) : dir;
  if (!existsSync(full)) return { problem: `not found: ${full}` };
  const real = realpathSync(full);
  const realHome = realpathSync(home);
  if (!isInside(real, realHome)) return { problem: `is outside ${home}: its real path is ${real}` };
  if (npm && !realHome.split(path.sep).includes('node_modules')) return { problem: `is outside node_modules: its real path is ${real}` };
  const refused = refusalOf(statSync(real), MAX_FONT_BYTES);
  return refused ? { problem: `is ${refused.message}: ${full}` } : { real };
}

/** The nearest `node_modules` at or above `dir` that holds `rel` (else the one in `dir`, for the message). */
function nodeModulesHolding(rel: string, dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'node_modules', rel))) return path.join(d, 'node_modules');
    if (path.dirname(d) === d) return path.join(dir, 'node_modules');
  }
}
