/**
 * The font registry (`fonts/fonts.yaml`): roles such as 宋体/serif or 黑体/sans mapped to font
 * files. A user drops licensed fonts into `fonts/` and names them here; themes refer to roles.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { InputError, type SourcePos } from '../problems.js';

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
 * Reads a registry file. File names are relative to the registry's folder; `npm:PKG/PATH`
 * names a file inside an installed npm package (found in `node_modules` above the folder).
 */
export function loadFontRegistry(file: string): FontRegistry {
  const pos: SourcePos = { file, line: 1, col: 1 };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError([{ pos, message: 'cannot read the font registry', severity: 'error' }]);
  }
  const doc = parseDocument(text);
  if (doc.errors.length) throw new InputError([{ pos, message: `YAML: ${doc.errors[0].message.split('\n')[0]}`, severity: 'error' }]);
  const data = doc.toJS() as { roles?: Record<string, RoleEntry> } | null;
  const entries = data?.roles ?? {};
  const dir = path.dirname(file);
  const roles = new Map<string, FontRole>();
  const problems: string[] = [];
  const resolveRole = (name: string, seen: string[]): FontRole | undefined => {
    const e = entries[name];
    if (!e) return undefined;
    if (e.regular) {
      const regular = resolveFontFile(e.regular, dir);
      const bold = e.bold ? resolveFontFile(e.bold, dir) : regular;
      for (const f of [regular, bold]) if (!existsSync(f)) problems.push(`font file of role "${name}" not found: ${f}`);
      return { name, regular, bold };
    }
    if (e.fallback && !seen.includes(e.fallback)) {
      const r = resolveRole(e.fallback, [...seen, name]);
      return r && { ...r, name };
    }
    problems.push(`role "${name}" has neither \`regular:\` nor a \`fallback:\``);
    return undefined;
  };
  for (const [name, e] of Object.entries(entries)) {
    const role = resolveRole(name, []);
    if (!role) continue;
    roles.set(name, role);
    for (const a of e.aliases ?? []) roles.set(a, role);
  }
  if (problems.length) throw new InputError(problems.map((message) => ({ pos, message, severity: 'error' })));
  return { roles, file };
}

/** Absolute path of a registry file entry. */
export function resolveFontFile(entry: string, dir: string): string {
  if (!entry.startsWith('npm:')) return path.resolve(dir, entry);
  const rel = entry.slice(4);
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, 'node_modules', rel);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(d) === d) return path.join(dir, 'node_modules', rel);
  }
}
