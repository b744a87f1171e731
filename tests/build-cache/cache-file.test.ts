/**
 * The cache folder's pruning: a temporary file whose writer has gone (a watch stopped while it
 * saved its cache) is removed at the next save; one a running build is writing is left alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneCacheFolder } from '../../src/build-cache/cache-file.js';
import { CACHE_FILE_ENDING } from '../../src/build-cache/cache-location.js';

describe('the cache folder', () => {
  it('loses the temporary files of writers that have gone, and keeps a running one’s and the caches', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'imprint-cache-folder-'));
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!; // a process that has ended
    const cache = `r-1234${CACHE_FILE_ENDING}`;
    const names = [cache, `.${cache}.${gone}.tmp`, `.${cache}.${process.pid}.tmp`, `.other.pdf.${gone}.tmp`];
    for (const name of names) writeFileSync(path.join(folder, name), 'x');
    pruneCacheFolder(folder);
    expect(readdirSync(folder).sort()).toEqual([`.${cache}.${process.pid}.tmp`, `.other.pdf.${gone}.tmp`, cache].sort());
  });
});
