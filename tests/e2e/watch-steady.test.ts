/**
 * A long watch session in this process: 1,000 rebuilds of two alternating contents, the font
 * registry changed every 50, keep as many files open and as much memory as before.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { expect, it } from 'vitest';
import { Watcher } from '../../src/watch.js';
import { good, newProject, root } from '../helpers/project.js';

/** V8's full collection (`--expose-gc` set only while a context is made). */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  v8.setFlagsFromString('--no-expose-gc');
  return gc;
}

it('keeps open files and memory steady over 1,000 rebuilds and 20 font registry changes', { timeout: 600_000 }, async () => {
  const p = newProject();
  const registry = readFileSync(p.registry, 'utf8');
  const contents = [good, good.replace('第一段。', '第一段，长一些。\n      - 第二段。')];
  const failures: string[] = [];
  const builds = new Watcher({ input: p.input, projectDir: p.dir, packageDir: root, version: 'test' }, p.output, (line) => {
    if (!/built in \d+ ms/.test(line)) failures.push(line);
  });
  const rebuild = async (i: number) => {
    writeFileSync(p.input, contents[i % 2]);
    builds.changed(p.input);
    if (i % 50 === 0) {
      writeFileSync(p.registry, `${registry}# save ${i}\n`);
      builds.changed(p.registry);
    }
    await builds.rebuild();
  };
  const openFiles = () => readdirSync('/proc/self/fd').length;
  const gc = collector();
  const heapUsed = () => {
    gc();
    return process.memoryUsage().heapUsed;
  };
  try {
    // the caches and V8's code come to their steady size first
    for (let i = 0; i < 100; i++) await rebuild(i);
    const files = openFiles();
    const heap = heapUsed();
    for (let i = 100; i < 1100; i++) await rebuild(i);
    expect(failures).toEqual([]);
    expect(openFiles()).toBeLessThanOrEqual(files + 2);
    // 4 MB over 1,000 rebuilds: a leak of 4 KB a rebuild shows
    expect(heapUsed() - heap).toBeLessThan(4 * 2 ** 20);
  } finally {
    await builds.close();
  }
});
