/** A project folder of its own in the temporary folder, for tests of `imprint watch`. */
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Imprint's own folder. */
export const root = path.resolve(import.meta.dirname, '../..');

/** A one-chapter report. */
export const good = 'report:\n  title: 监视\nchapters:\n  - title: 一\n    body:\n      - 第一段。\n';

/** Paths of a test project, absolute. */
export interface Project {
  dir: string;
  /** `w.yaml`, the report. */
  input: string;
  /** `w.pdf`, not written yet. */
  output: string;
  /** `fonts/fonts.yaml`, a copy of Imprint's (it finds the fonts through a link to Imprint's node_modules). */
  registry: string;
}

/** A new project folder whose `w.yaml` holds `content`. */
export function newProject(content = good): Project {
  const dir = mkdtempSync(path.join(tmpdir(), 'imprint-watch-'));
  mkdirSync(path.join(dir, 'fonts'));
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  const registry = path.join(dir, 'fonts', 'fonts.yaml');
  copyFileSync(path.join(root, 'fonts', 'fonts.yaml'), registry);
  const input = path.join(dir, 'w.yaml');
  writeFileSync(input, content);
  return { dir, input, output: path.join(dir, 'w.pdf'), registry };
}
