/** `imprint watch`: rebuilds on every save, keeps the last good PDF and goes on after an error. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('imprint watch', () => {
  it('rebuilds after an edit, survives a broken file, and keeps the last good PDF', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imprint-watch-'));
    const input = path.join(dir, 'w.yaml');
    const output = path.join(dir, 'w.pdf');
    const good = 'report:\n  title: 监视\nchapters:\n  - title: 一\n    body:\n      - 第一段。\n';
    writeFileSync(input, good);
    const child = spawn(process.execPath, [path.join(root, 'dist/cli.js'), 'watch', input, '-o', output], { cwd: root });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const waitFor = async (pattern: RegExp, count: number) => {
      for (let i = 0; i < 300 && (out.match(pattern) ?? []).length < count; i++) await new Promise((r) => setTimeout(r, 50));
      expect((out.match(pattern) ?? []).length, out).toBeGreaterThanOrEqual(count);
    };
    try {
      await waitFor(/rebuilt in \d+ ms/g, 1);
      writeFileSync(input, good + '      - 第二段。\n');
      await waitFor(/rebuilt in \d+ ms/g, 2);
      const pdf = readFileSync(output);
      writeFileSync(input, good.replace('body:', 'bodi:'));
      await waitFor(/not rebuilt/g, 1);
      expect(out).toContain(`${input}:5:5: unknown key "bodi"`);
      expect(readFileSync(output).equals(pdf)).toBe(true);
      writeFileSync(input, good);
      await waitFor(/rebuilt in \d+ ms/g, 3);
      // two saves 10 ms apart (an editor, then its formatter): the second is built too, though
      // chokidar reports no change within 50 ms of the last (same size: its stat looks alike)
      writeFileSync(input, good.replace('第一段', '第二段'));
      await new Promise((r) => setTimeout(r, 10));
      writeFileSync(input, good.replace('body:', 'bodi:'));
      await waitFor(/not rebuilt/g, 2);
    } finally {
      child.kill();
    }
  });
});

describe('the collection between rebuilds', () => {
  it('collects the young generation and leaves the flags as they were (the code cache stays valid)', async () => {
    const { collectYoungGarbage } = await import('../../src/young-garbage.js');
    const tag = v8.cachedDataVersionTag();
    const minor: string[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => minor.push((e as PerformanceEntry & { detail: { kind: number } }).detail.kind === constants.NODE_PERFORMANCE_GC_MINOR ? 'minor' : 'other')));
    observer.observe({ entryTypes: ['gc'] });
    collectYoungGarbage();
    collectYoungGarbage();
    await new Promise((r) => setTimeout(r, 50));
    observer.disconnect();
    expect(minor.filter((k) => k === 'minor').length).toBeGreaterThanOrEqual(2);
    expect(v8.cachedDataVersionTag()).toBe(tag);
    expect('gc' in globalThis).toBe(false);
  });
});
