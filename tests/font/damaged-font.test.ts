/**
 * A font file that is not a font is the font's problem, at the line of `fonts.yaml` that names
 * it, never an internal error.
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaceSet } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import { formatProblem, InputError } from '../../src/problems.js';

const root = path.resolve(import.meta.dirname, '../..');
const imprint = { file: path.join(root, 'fonts/fonts.yaml'), npmFrom: [root] };

/** A project whose `fonts/fonts.yaml` gives role `title` (line 4 names its file) the font `bytes`; its registry with Imprint's. */
function projectWith(bytes: Buffer, name = 't.ttf'): { faces: FaceSet; registry: string } {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-damaged-font-')));
  mkdirSync(path.join(dir, 'fonts'));
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  writeFileSync(path.join(dir, 'fonts', name), bytes);
  const registry = path.join(dir, 'fonts/fonts.yaml');
  writeFileSync(registry, `roles:\n  title:\n    aliases: [标题]\n    regular: ${name}\n`);
  return { faces: new FaceSet(loadFontRegistry([imprint, { file: registry, npmFrom: [path.dirname(registry), root] }])), registry };
}

/** The problems `run` throws, formatted; fails when it throws something else or nothing. */
function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem);
    throw e;
  }
  throw new Error('no problem');
}

describe('a damaged font file', () => {
  it('that is no font (a PNG) is reported at the registry line that names it', () => {
    const png = readFileSync(path.join(root, 'starter/content/images/chart.png'));
    const { faces, registry } = projectWith(png, 'bad.ttf');
    expect(problemsOf(() => faces.face('title'))).toEqual([
      `${registry}:4:14: font file of role "title" is not a font file (TrueType, OpenType, WOFF or a collection): ${path.dirname(registry)}/bad.ttf`,
    ]);
  });
});
