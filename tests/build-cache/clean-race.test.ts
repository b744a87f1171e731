/**
 * `imprint clean` while a `watch` writes and prunes the same cache: files that come or go
 * between its reading the folder and its removing what it read are no internal error. The race
 * is made by the file system itself changing right after `clean` reads the folder's names.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** What happens in the folder right after `clean` has read its names. */
const race = vi.hoisted(() => ({ afterRead: undefined as (() => void) | undefined }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readdirSync = ((...args: Parameters<typeof fs.readdirSync>) => {
    const names = fs.readdirSync(...args);
    race.afterRead?.();
    return names;
  }) as typeof fs.readdirSync;
  return { ...fs, default: { ...fs, readdirSync }, readdirSync };
});

const { cleanCommand } = await import('../../src/build-cache/clean-command.js');

/** A project whose cache folder (`node_modules/.cache/imprint`) holds two cache files. */
function project(): { dir: string; cache: string } {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-clean-race-')));
  const cache = path.join(dir, 'node_modules/.cache/imprint');
  mkdirSync(cache, { recursive: true });
  writeFileSync(path.join(cache, 'a-0123456789abcdef.imprint-cache'), 'cache');
  writeFileSync(path.join(cache, 'b-0123456789abcdef.imprint-cache'), 'cache');
  return { dir, cache };
}

function clean(dir: string): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = cleanCommand([dir], (line) => lines.push(line));
  return { code, lines };
}

describe('imprint clean racing a watch', () => {
  afterEach(() => void (race.afterRead = undefined));

  it('keeps the folder when a cache file is written there after it was read', () => {
    const { dir, cache } = project();
    race.afterRead = () => writeFileSync(path.join(cache, 'c-0123456789abcdef.imprint-cache'), 'new');
    expect(clean(dir)).toEqual({ code: 0, lines: [`${dir}: build cache removed (${cache}, 2 files; the folder kept: a file was written there meanwhile)`] });
    expect(readdirSync(cache)).toEqual(['c-0123456789abcdef.imprint-cache']);
  });

  it('passes over a cache file removed after it was read', () => {
    const { dir, cache } = project();
    race.afterRead = () => rmSync(path.join(cache, 'a-0123456789abcdef.imprint-cache'));
    expect(clean(dir)).toEqual({ code: 0, lines: [`${dir}: build cache removed (${cache}, 1 file)`] });
    expect(existsSync(cache)).toBe(false);
  });
});
