/**
 * What a build cache on disk was made by and from: it is used only by the same Imprint (its
 * version and its built code), on the same Node, with the same fonts in the same roles, and
 * only while the files it was set from are unchanged (the theme files by their content, the
 * font files by size, modification time and inode: a font is 10–20 MB, too long to hash at
 * every build). Within that, each entry is keyed by its own inputs (a paragraph by its text and
 * style, a stream by its content: see block/text-lines.ts and stored-contents.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FontRegistry } from '../font/registry.js';
import { sha256 } from '../sha256.js';

/** The maker of a cache: it is read only by the same. */
export interface CacheMaker {
  /** Imprint's version. */
  imprint: string;
  /** Size and modification time of Imprint's built code (the bundle, or this module: `npm run prepare` writes dist afresh). */
  code: string;
  /** Node's version and the machine's architecture (V8's serialization, zlib's deflate). */
  node: string;
  /** The report and the project folder, absolute. */
  report: string;
  project: string;
  /** A hash of the font roles and their files, and of the fallback roles, as the registries give them. */
  roles: string;
}

/** A file the cached entries were made from, and what it was then. */
export interface FileIdentity {
  file: string;
  /** `content`: a hash of its bytes (small files); `stat`: its size, modification time (ns) and inode. */
  by: 'content' | 'stat';
  id: string;
}

/** The maker of a cache for `report` of the project in `projectDir`, by Imprint `version` with the font `registry`. */
export function cacheMaker(version: string, projectDir: string, report: string, registry: FontRegistry): CacheMaker {
  const roles = [...registry.roles].map(([name, r]) => [name, r.regular, r.bold]);
  return {
    imprint: version,
    code: codeIdentity(),
    node: `${process.version} ${process.arch}`,
    report: path.resolve(report),
    project: path.resolve(projectDir),
    roles: sha256(JSON.stringify([roles, [...registry.broken.keys()], registry.fallbacks])),
  };
}

export function sameMaker(a: CacheMaker, b: CacheMaker): boolean {
  const keys: (keyof CacheMaker)[] = ['imprint', 'code', 'node', 'report', 'project', 'roles'];
  return keys.every((k) => a[k] === b[k]);
}

let code: string | undefined;

function codeIdentity(): string {
  if (code === undefined) {
    const s = statSync(fileURLToPath(import.meta.url), { bigint: true });
    code = `${s.size}:${s.mtimeNs}`;
  }
  return code;
}

/** What `file` is now; undefined when it cannot be read. */
export function identityOf(file: string, by: FileIdentity['by']): FileIdentity | undefined {
  try {
    if (by === 'content') return { file, by, id: sha256(readFileSync(file)) };
    const s = statSync(file, { bigint: true });
    return { file, by, id: `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}` };
  } catch {
    return undefined;
  }
}

/** Whether every file is what it was. */
export function unchanged(files: FileIdentity[]): boolean {
  return files.every((f) => identityOf(f.file, f.by)?.id === f.id);
}


