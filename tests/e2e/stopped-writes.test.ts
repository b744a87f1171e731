/**
 * `imprint import`, `imprint diff -o DIR` and `imprint extract` stopped by a signal (Ctrl-C,
 * `kill`, a closed terminal) while they write their files: as a build (stopped-build.test.ts),
 * the signal is handled once the file in progress is whole and in place, so no temporary file is
 * left, no file is half written, the user's other files are as they were, and the process ends
 * with the shell's status for the signal (128 + its number).
 *
 * The signal is sent from inside, at the worst moment: a module loaded first (`--require`)
 * sends it as the command begins its second file (`.NAME.PID.tmp` written, not yet renamed; or,
 * for a file written in place, before it is), then waits 300 ms, in which a process that does
 * not hold the signal has ended.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import path from 'node:path';
import { ImageRun, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { draftDocx, heading, p } from '../helpers/draft-docx.js';
import { makePng } from '../helpers/png.js';
import { root } from '../helpers/project.js';
import { sha256 } from '../../src/sha256.js';

const cli = path.join(root, 'dist/bin.cjs');
const folder = () => realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-stopped-writes-')));

/** The module that sends the signal: on the second file the command writes under `IMPRINT_TEST_STOP_IN`. */
const stopper = path.join(folder(), 'stop-at-second-file.cjs');
writeFileSync(
  stopper,
  `const fs = require('node:fs');
  const path = require('node:path');
  const under = process.env.IMPRINT_TEST_STOP_IN + '/';
  let files = 0;
  const stopAt = (file) => {
    if (!path.resolve(String(file)).startsWith(under) || ++files !== 2) return;
    process.kill(process.pid, process.env.IMPRINT_TEST_STOP_WITH);
    const end = Date.now() + 300;
    while (Date.now() < end);
  };
  const { renameSync, writeFileSync } = fs;
  fs.renameSync = (from, to) => (stopAt(to), renameSync(from, to));
  fs.writeFileSync = (file, data, options) => (String(file).endsWith('.tmp') || stopAt(file), writeFileSync(file, data, options));`,
);

/** Runs the CLI in `cwd`, stopped by `signal` at the second file it writes under `stopIn`: the shell's status, and what it printed. */
function stoppedRun(cwd: string, stopIn: string, signal: NodeJS.Signals, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--require', stopper, cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, IMPRINT_TEST_STOP_IN: stopIn, IMPRINT_TEST_STOP_WITH: signal } });
  return { status: r.status ?? 128 + constants.signals[r.signal!], out: r.stdout, err: r.stderr };
}

function imprint(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
}

/** Every file under `dir` (relative), with its bytes. */
function filesIn(dir: string): Map<string, Buffer> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(files.map((e) => [path.relative(dir, path.join(e.parentPath, e.name)), readFileSync(path.join(e.parentPath, e.name))]));
}

/** Each file's name and SHA-256, to compare folders. */
const digests = (files: Map<string, Buffer>) => [...files].map(([name, bytes]) => `${name} ${sha256(bytes)}`).sort();

const SIGNALS = [
  ['SIGTERM', 143],
  ['SIGINT', 130],
  ['SIGHUP', 129],
] as const;

describe('imprint import stopped by a signal while it writes', () => {
  for (const [signal, status] of SIGNALS) {
    it(`${signal}: ends with ${status}, the picture and the YAML whole, no temporary file, the other files as they were`, async () => {
      const dir = folder();
      const picture = new ImageRun({ type: 'png', data: makePng(40, 30), transformation: { width: 40, height: 30 } });
      writeFileSync(path.join(dir, 'r.docx'), await draftDocx([heading(1, '总则'), p('正文。'), new Paragraph({ children: [picture] }), p('图 1 示意')]));
      writeFileSync(path.join(dir, 'notes.yaml'), 'the user’s own file\n');
      const r = stoppedRun(dir, dir, signal, 'import', 'r.docx');
      expect(r.status).toBe(status);
      const files = filesIn(dir);
      expect([...files.keys()].sort()).toEqual(['notes.yaml', 'r-images/fig-1.png', 'r.docx', 'r.yaml']);
      expect(files.get('notes.yaml')!.toString()).toBe('the user’s own file\n');
      expect(files.get('r-images/fig-1.png')!.equals(makePng(40, 30))).toBe(true);
      expect(files.get('r.yaml')!.toString()).toContain('chapters:\n  - title: 总则\n');
    });
  }
});

describe('imprint diff -o DIR stopped by a signal while it writes the images', () => {
  it('SIGTERM, SIGINT, SIGHUP: ends with 128 + the signal, each image whole, no temporary file', () => {
    const dir = folder();
    expect(imprint(dir, 'init', 'p').status).toBe(0);
    const project = path.join(dir, 'p');
    expect(imprint(project, 'build', '-o', '../old.pdf').status).toBe(0);
    const content = path.join(project, 'content/report.yaml');
    const text = readFileSync(content, 'utf8');
    const edited = text.replace(/(title: )(\S+)/, '$1$2改');
    expect(edited).not.toBe(text);
    writeFileSync(content, edited);
    expect(imprint(project, 'build', '-o', '../new.pdf').status).toBe(0);
    for (const [signal, status] of SIGNALS) {
      const out = path.join(dir, `images-${signal}`);
      const r = stoppedRun(dir, out, signal, 'diff', 'old.pdf', 'new.pdf', '-o', out);
      expect(r.status).toBe(status);
      const files = filesIn(out);
      expect(files.size).toBeGreaterThanOrEqual(2); // (the page changed and that page beside its old one)
      for (const [name, png] of files) {
        expect(name).toMatch(/^page-\d{3}(-side)?\.png$/);
        expect(png.subarray(-12).toString('latin1')).toContain('IEND');
      }
    }
  }, 120_000);
});

describe('imprint extract stopped by a signal while it writes the project', () => {
  it('SIGTERM, SIGINT, SIGHUP: ends with 128 + the signal, every file of the project whole', () => {
    const dir = folder();
    expect(imprint(dir, 'init', 'p').status).toBe(0);
    const project = path.join(dir, 'p');
    expect(imprint(project, 'build', '--pdfa', '3b', '-o', '../r.pdf').status).toBe(0);
    const back = path.join(dir, 'back');
    expect(imprint(dir, 'extract', 'r.pdf', back).status).toBe(0);
    const whole = filesIn(back);
    expect(whole.size).toBeGreaterThanOrEqual(2);
    for (const [signal, status] of SIGNALS) {
      const into = path.join(dir, `back-${signal}`);
      const r = stoppedRun(dir, into, signal, 'extract', 'r.pdf', into);
      expect(r.status).toBe(status);
      expect(digests(filesIn(into))).toEqual(digests(whole));
    }
  }, 120_000);
});
