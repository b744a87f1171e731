/**
 * `imprint clean [DIR]`: removes the project's build cache files, and only them; says how many
 * it removed, what it left and why, and what a link in the cache's place is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'dist/bin.cjs');

function clean(cwd: string, ...dir: string[]) {
  const r = spawnSync(process.execPath, [bin, 'clean', ...dir], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A project with a `node_modules` folder (its cache goes in `node_modules/.cache/imprint`). */
function project(): { dir: string; cache: string } {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-clean-')));
  mkdirSync(path.join(dir, 'node_modules/.cache'), { recursive: true });
  return { dir, cache: path.join(dir, 'node_modules/.cache/imprint') };
}

/** Two cache files (one a temporary file a stopped writer left) and, with `others`, a note and a folder that are not Imprint's. */
function fill(folder: string, others: boolean): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'r-0123456789abcdef.imprint-cache'), 'cache');
  writeFileSync(path.join(folder, '.r-0123456789abcdef.imprint-cache.99999999.tmp'), 'half');
  if (!others) return;
  writeFileSync(path.join(folder, 'notes.txt'), 'mine');
  mkdirSync(path.join(folder, 'keep'));
}

describe('imprint clean', () => {
  it('removes the cache folder with its files', () => {
    const { dir, cache } = project();
    fill(cache, false);
    expect(clean(dir)).toEqual({ code: 0, out: `.: build cache removed (${cache}, 2 files)\n`, err: '' });
    expect(existsSync(cache)).toBe(false);
  });

  it('removes only the cache files of a folder that holds others, and says what it left', () => {
    const { dir, cache } = project();
    fill(cache, true);
    expect(clean(dir)).toEqual({ code: 0, out: `.: build cache removed (${cache}, 2 files; left there, not Imprint's: 2 others)\n`, err: '' });
    expect(readdirSync(cache).sort()).toEqual(['keep', 'notes.txt']);
  });

  it('through a link: removes the cache files of the folder it leads to, keeps the link, and says so', () => {
    const { dir, cache } = project();
    const elsewhere = path.join(dir, 'elsewhere');
    fill(elsewhere, true);
    symlinkSync(elsewhere, cache);
    expect(clean(dir)).toEqual({ code: 0, out: `.: build cache removed (${cache} → ${elsewhere}, 2 files; the link kept; left there, not Imprint's: 2 others)\n`, err: '' });
    expect(lstatSync(cache).isSymbolicLink()).toBe(true);
    expect(readdirSync(elsewhere).sort()).toEqual(['keep', 'notes.txt']);
  });

  it('says what stands in the cache’s place when it is no cache folder: a link to nothing, a file, a folder without cache files', () => {
    const { dir, cache } = project();
    symlinkSync(path.join(dir, 'gone'), cache);
    expect(clean(dir)).toEqual({ code: 0, out: `.: no build cache (${cache} is a link to ${path.join(dir, 'gone')}, which does not exist)\n`, err: '' });
    const other = project();
    writeFileSync(other.cache, 'mine');
    expect(clean(other.dir)).toEqual({ code: 0, out: `.: no build cache (${other.cache} is not a folder: left as it is)\n`, err: '' });
    const empty = project();
    mkdirSync(empty.cache);
    writeFileSync(path.join(empty.cache, 'notes.txt'), 'mine');
    expect(clean(empty.dir)).toEqual({ code: 0, out: `.: no build cache (${empty.cache} holds no cache file; left there, not Imprint's: 1 other)\n`, err: '' });
    expect(readdirSync(empty.cache)).toEqual(['notes.txt']);
  });

  it('says what DIR is when it is no folder: a link that loops, a link to nothing, a file, nothing', () => {
    const { dir } = project();
    symlinkSync('loop', path.join(dir, 'loop'));
    symlinkSync('gone', path.join(dir, 'dangling'));
    writeFileSync(path.join(dir, 'file'), 'mine');
    const usage = (what: string) => ({ code: 2, out: '', err: `imprint: clean: ${what} (\`imprint help\` shows the usage)\n` });
    expect(clean(dir, 'loop')).toEqual(usage('loop is a link that loops'));
    expect(clean(dir, 'dangling')).toEqual(usage('dangling is a link to gone, which does not exist'));
    expect(clean(dir, 'file')).toEqual(usage('file is a file, not a folder'));
    expect(clean(dir, 'none')).toEqual(usage('none does not exist'));
  });
});
