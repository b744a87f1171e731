/**
 * A build stopped by a signal (Ctrl-C, `kill`, a closed terminal): it stops at once, even in
 * the middle of a long layout, with the shell's status for the signal (128 + its number), and
 * leaves the last good PDF and no temporary file, whichever thread was writing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { good, root } from '../helpers/project.js';

const cli = path.join(root, 'dist/bin.cjs');
const output = path.join(root, 'dist/output.js');

/** The status a shell reports for a process that exited with `code` or was ended by `signal`. */
function shellStatus(code: number | null, signal: NodeJS.Signals | null): number {
  return code ?? 128 + constants.signals[signal!];
}

/** The sample's chapters 60 times over: ~1,600 pages, a layout of several seconds. */
function longReport(file: string): void {
  const report = parse(readFileSync(path.join(root, 'content/jingan-2025.yaml'), 'utf8')) as { chapters: unknown[] };
  report.chapters = Array.from({ length: 60 }, () => report.chapters).flat();
  writeFileSync(file, stringify(report, { aliasDuplicateObjects: false }));
}

describe('a build stopped by a signal during its layout', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'imprint-stopped-'));
  longReport(path.join(dir, 'b.yaml'));
  writeFileSync(path.join(dir, 'a.yaml'), good);

  /**
   * Builds a short report, then the long one, in turn, into `out/`, which holds a last good
   * `b.pdf`; sends `signal` as soon as the short one is written (its line printed): the long
   * one is then being laid out.
   */
  async function stopped(signal: NodeJS.Signals) {
    const out = mkdtempSync(path.join(dir, 'out-'));
    const last = Buffer.from('%PDF-1.7\n% the last good PDF\n');
    writeFileSync(path.join(out, 'b.pdf'), last);
    const child = spawn(process.execPath, [cli, 'build', 'a.yaml', 'b.yaml', '-o', out, '--jobs', '1', '--no-cache'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    let sent = 0;
    child.stdout.on('data', (line: Buffer) => {
      if (sent || !line.toString().startsWith('a.yaml -> ')) return;
      sent = performance.now();
      child.kill(signal);
    });
    const status = await exited;
    return { status: shellStatus(status.code, status.signal), after: performance.now() - sent, sent: sent > 0, files: readdirSync(out).sort(), kept: readFileSync(path.join(out, 'b.pdf')).equals(last) };
  }

  for (const [signal, status] of [['SIGTERM', 143], ['SIGINT', 130], ['SIGHUP', 129]] as const) {
    it(`${signal}: ends within 2 s with ${status}, the last good PDF kept, no temporary file`, async () => {
      const r = await stopped(signal);
      expect(r.sent).toBe(true);
      expect(r.status).toBe(status);
      expect(r.after).toBeLessThan(2000);
      expect(r.files).toEqual(['a.pdf', 'b.pdf']);
      expect(r.kept).toBe(true);
    }, 120_000);
  }
});

describe('a batch built by threads (--jobs 2) stopped by a signal', () => {
  it('stops its threads, then ends with 143: the last good PDFs kept, no temporary file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imprint-stopped-jobs-'));
    longReport(path.join(dir, 'a.yaml'));
    longReport(path.join(dir, 'b.yaml'));
    const out = path.join(dir, 'out');
    const last = Buffer.from('%PDF-1.7\n% the last good PDF\n');
    mkdirSync(out);
    ['a.pdf', 'b.pdf'].forEach((f) => writeFileSync(path.join(out, f), last));
    const child = spawn(process.execPath, [cli, 'build', 'a.yaml', 'b.yaml', '-o', out, '--jobs', '2', '--no-cache'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    await new Promise((resolve) => setTimeout(resolve, 2000)); // (the threads laying out; a signal before they start ends the process at once, as in a layout)
    child.kill('SIGTERM');
    const status = await exited;
    expect(shellStatus(status.code, status.signal)).toBe(143);
    expect(readdirSync(out).sort()).toEqual(['a.pdf', 'b.pdf']);
    ['a.pdf', 'b.pdf'].forEach((f) => expect(readFileSync(path.join(out, f)).equals(last)).toBe(true));
  }, 60_000);
});

describe('a signal while a file is written', () => {
  /** Runs `body` (a module's code, after `removeTempFilesAtExit([pdf])` and `enableStopSignalHolds()`, `pdf` a file in a new folder; with `busy(ms)`, `spawn`, `writeFileSync`, `holdStopSignals`, `tempPathFor`) in a process of its own; its status, and the files left in the folder. */
  function run(body: string, signal: NodeJS.Signals) {
    const folder = mkdtempSync(path.join(tmpdir(), 'imprint-signal-'));
    const script = `
      import { spawn } from 'node:child_process';
      import { writeFileSync } from 'node:fs';
      import { enableStopSignalHolds, holdStopSignals, removeTempFilesAtExit, tempPathFor } from ${JSON.stringify(output)};
      const pdf = ${JSON.stringify(path.join(folder, 'r.pdf'))};
      const busy = (ms) => { const end = Date.now() + ms; while (Date.now() < end); };
      removeTempFilesAtExit([pdf]);
      enableStopSignalHolds();
      ${body}`;
    const started = performance.now();
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, signal], { encoding: 'utf8' });
    return { status: shellStatus(r.status, r.signal), code: r.status, ms: performance.now() - started, files: readdirSync(folder), out: r.stdout };
  }

  it('is handled once the write is done: the temporary file removed, the thread that writes stopped first, 128 + the signal', () => {
    // a process that stands where a build is while a thread writes: its temporary file there, then a signal
    for (const [signal, status] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
      const r = run(
        `holdStopSignals(async () => console.log('writers stopped'));
        writeFileSync(tempPathFor(pdf), 'half a PDF');
        process.kill(process.pid, process.argv[1]);
        setTimeout(() => {}, 5000);`,
        signal,
      );
      expect(r.code).toBe(status);
      expect(r.out).toBe('writers stopped\n');
      expect(r.files).toEqual([]);
    }
  });

  it('that came during the write is not lost when the hold ends: the process stops then', () => {
    const r = run(
      `const release = holdStopSignals();
      process.kill(process.pid, process.argv[1]); // (while the write, synchronous, goes on)
      busy(200);
      await release();
      console.log('went on');
      busy(5000);`,
      'SIGTERM',
    );
    expect(r.code).toBe(143);
    expect(r.out).toBe('');
  });

  it('outside a hold ends the process at once, busy as it is', () => {
    const r = run(
      `await holdStopSignals()();
      spawn('sh', ['-c', \`sleep 0.3; kill -\${process.argv[1].slice(3)} \${process.pid}\`], { stdio: 'ignore' }); // (from outside: this thread is busy)
      busy(8000);
      console.log('went on');`,
      'SIGTERM',
    );
    expect(r.status).toBe(143);
    expect(r.out).toBe('');
    expect(r.ms).toBeLessThan(4000);
  });
});
