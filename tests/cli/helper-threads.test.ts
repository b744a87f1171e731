/**
 * `imprint watch` puts the process's other threads (V8's compiler and collector, libuv's pool,
 * the main thread) below the thread it builds in (helper-threads.ts): run in a process of its
 * own, as lowering the threads of the test runner would slow the tests.
 */
import { execFileSync } from 'node:child_process';
import { getPriority } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const helperThreads = JSON.stringify(path.join(root, 'dist/helper-threads.js'));

/** Script lines defining `nice(threadId)`: the thread's nice value, from /proc. */
const NICE_OF = `import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
  const nice = (t) => Number(readFileSync('/proc/self/task/' + t + '/stat', 'latin1').split(') ')[1].split(' ')[16]);`;

/** Runs an ES module script in a new Node process (`nicer`: started that much nicer than this one) and returns what it printed, as JSON. */
function run<T>(script: string, nicer = 0): T {
  const node = [process.execPath, '--input-type=module', '-e', script];
  const [command, ...args] = nicer ? ['nice', '-n', String(nicer), ...node] : node;
  return JSON.parse(execFileSync(command, args, { encoding: 'utf8' })) as T;
}

/**
 * The nice value of the main thread and of the others of a new Node process whose main thread
 * called lowerHelperThreads (when `lower`), after one of the others was made as nice as can be
 * (when `oneAt19`).
 */
function niceness({ lower = true, nicer = 0, oneAt19 = false } = {}): { main: number; others: number[]; at19?: number } {
  return run(
    `${NICE_OF}
    import { setPriority } from 'node:os';
    import { lowerHelperThreads } from ${helperThreads};
    await import('node:zlib').then((z) => new Promise((r) => z.deflate(Buffer.alloc(10), r))); // libuv's pool started
    const others = readdirSync('/proc/self/task').filter((t) => Number(t) !== process.pid);
    if (${oneAt19}) setPriority(Number(others[0]), 19);
    if (${lower}) lowerHelperThreads();
    console.log(JSON.stringify({ main: nice(process.pid), others: others.map(nice), at19: ${oneAt19} ? nice(others[0]) : undefined }));`,
    nicer,
  );
}

describe.runIf(process.platform === 'linux')('lowerHelperThreads', () => {
  const base = getPriority();

  it('makes every thread but the calling one 10 nicer', () => {
    const { main, others } = niceness();
    expect(main).toBe(base);
    expect(others.length).toBeGreaterThan(4); // V8's workers and libuv's pool
    others.forEach((n) => expect(n).toBe(Math.min(19, base + 10)));
    expect(niceness({ lower: false }).others.every((n) => n === base)).toBe(true); // (they were not before)
  });

  it('called from a worker, leaves that thread and lowers the main one', () => {
    const inWorker = `import { parentPort, workerData } from 'node:worker_threads';
      import { readlinkSync } from 'node:fs';
      (await import(workerData)).lowerHelperThreads();
      parentPort.postMessage(readlinkSync('/proc/thread-self').split('/').pop());
      setTimeout(() => {}, 60_000); // alive while the main thread reads its nice value (it ends the process)`;
    const { main, worker, others } = run<{ main: number; worker: number; others: number[] }>(`${NICE_OF}
      import { Worker } from 'node:worker_threads';
      const worker = new Worker(${JSON.stringify(inWorker)}, { eval: true, workerData: ${helperThreads} });
      worker.once('message', (self) => {
        const others = readdirSync('/proc/self/task').filter((t) => t !== self && Number(t) !== process.pid);
        console.log(JSON.stringify({ main: nice(process.pid), worker: nice(self), others: others.map(nice) }));
        process.exit(0);
      });`);
    expect(worker).toBe(base);
    expect(main).toBe(Math.min(19, base + 10));
    others.forEach((n) => expect(n).toBe(Math.min(19, base + 10)));
  });

  it('counts from the nice value the process was started with, and never makes a thread less nice', () => {
    const started = Math.min(19, base + 5);
    const { main, others } = niceness({ nicer: 5 });
    expect(main).toBe(started);
    others.forEach((n) => expect(n).toBe(Math.min(19, started + 10)));
    expect(niceness({ oneAt19: true }).at19).toBe(19);
  });
});
