/**
 * A font file that is no font through the command as a new user meets it (a project of
 * `imprint init` whose cover title has a role of its own): exit 1 with one line at the line of
 * `fonts/fonts.yaml` that names the file, no stack trace, no internal error. A `fallback:` to a
 * role no registry has says so.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, realpathSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');
const sans = readFileSync(path.join(root, 'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'));

function imprint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A starter project whose cover title's role `title` (its file named at line 5 of fonts.yaml) is the font `bytes`, as `fonts/t.ttf`. */
function projectWith(bytes: Buffer): string {
  const dir = path.join(realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-damaged-font-'))), 'proj');
  expect(imprint(root, 'init', dir).code).toBe(0);
  writeFileSync(path.join(dir, 'fonts/t.ttf'), bytes);
  writeFileSync(path.join(dir, 'fonts/fonts.yaml'), 'roles:\n  title:\n    aliases: [标题]\n    # the cover title\n    regular: t.ttf\n');
  return dir;
}

describe('a damaged font file of a role', () => {
  it('that is not a font (a PNG): exit 1 at the registry line that names it', () => {
    const dir = projectWith(readFileSync(path.join(root, 'starter/content/images/chart.png')));
    expect(imprint(dir, 'build')).toEqual({
      code: 1,
      out: '',
      err: 'fonts/fonts.yaml:5:14: font file of role "title" is not a font file (TrueType, OpenType, WOFF or a collection): fonts/t.ttf\n',
    });
  });
});

describe('a fallback to a role no registry has', () => {
  it('says there is no such role, with the likely one', () => {
    const dir = projectWith(sans);
    writeFileSync(path.join(dir, 'fonts/fonts.yaml'), 'roles:\n  title:\n    aliases: [标题]\n    fallback: snas\n');
    expect(imprint(dir, 'build')).toEqual({ code: 1, out: '', err: 'fonts/fonts.yaml:4:15: `fallback:` of role "title" names no role "snas" (did you mean "sans"?)\n' });
  });
});
