/**
 * `imprint watch` puts the process's other threads (V8's compiler and collector, libuv's pool,
 * the main thread) below the thread it builds in (helper-threads.ts): run in a process of its
 * own, as lowering the threads of the test runner would slow the tests.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** The nice value of each thread of a new Node process, main first, after `lower` ran there (when given). */
function niceness(lower: boolean, nice = 0): number[] {
  const script = `
    import { readdirSync, readFileSync } from 'node:fs';
    import { lowerHelperThreads } from ${JSON.stringify(path.join(root, 'dist/helper-threads.js'))};
    await import('node:zlib').then((z) => new Promise((r) => z.deflate(Buffer.alloc(10), r))); // libuv's pool started
    if (${lower}) lowerHelperThreads();
    const nice = (t) => Number(readFileSync('/proc/self/task/' + t + '/stat', 'latin1').split(') ')[1].split(' ')[16]);
    const others = readdirSync('/proc/self/task').filter((t) => Number(t) !== process.pid);
    console.log(JSON.stringify([nice(process.pid), ...others.map(nice)]));`;
  const command = nice ? ['nice', ['-n', String(nice), process.execPath, '--input-type=module', '-e', script]] : [process.execPath, ['--input-type=module', '-e', script]];
  return JSON.parse(execFileSync(command[0] as string, command[1] as string[], { encoding: 'utf8' })) as number[];
}

describe.runIf(process.platform === 'linux')('lowerHelperThreads', () => {
  it('makes every thread but the calling one 10 nicer', () => {
    const [main, ...helpers] = niceness(true);
    const [base] = niceness(false);
    expect(main).toBe(base);
    expect(helpers.length).toBeGreaterThan(4); // V8's workers and libuv's pool
    helpers.forEach((n) => expect(n).toBe(Math.min(19, base + 10)));
  });

  it('called from a worker, leaves that thread and lowers the main one', () => {
    const inWorker = `import { parentPort, workerData } from 'node:worker_threads';
      import { readlinkSync } from 'node:fs';
      (await import(workerData)).lowerHelperThreads();
      parentPort.postMessage(readlinkSync('/proc/thread-self').split('/').pop());`;
    const script = `
      import { Worker } from 'node:worker_threads';
      import { readdirSync, readFileSync } from 'node:fs';
      const nice = (t) => Number(readFileSync('/proc/self/task/' + t + '/stat', 'latin1').split(') ')[1].split(' ')[16]);
      const worker = new Worker(${JSON.stringify(inWorker)}, { eval: true, workerData: ${JSON.stringify(path.join(root, 'dist/helper-threads.js'))} });
      worker.once('message', (self) => {
        const others = readdirSync('/proc/self/task').filter((t) => t !== self && Number(t) !== process.pid);
        console.log(JSON.stringify({ main: nice(process.pid), worker: nice(self), others: others.map(nice) }));
        process.exit(0);
      });`;
    const { main, worker, others } = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { main: number; worker: number; others: number[] };
    const [base] = niceness(false);
    expect(worker).toBe(base);
    expect(main).toBe(Math.min(19, base + 10));
    others.forEach((n) => expect(n).toBe(Math.min(19, base + 10)));
  });

  it('never makes a thread less nice than the process was started', () => {
    const [main, ...helpers] = niceness(true, 15);
    expect(main).toBe(15);
    helpers.forEach((n) => expect(n).toBe(19));
  });
});
