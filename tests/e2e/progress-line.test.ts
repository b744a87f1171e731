/**
 * The progress line of `imprint build` as a user sees it: on a terminal (a pseudo-terminal made
 * by `script`), every line the build prints is there as without a terminal, and the progress
 * line, if the build ran long enough to show it, is cleared at the end; through pipes (CI, a
 * log), not one character of it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { good, root } from '../helpers/project.js';

const cli = path.join(root, 'dist/bin.cjs');
/** Back to the start of the line and clear it: how the progress line is written and cleared. */
const CLEAR = '\r\x1b[K';
const hasScript = spawnSync('script', ['--version']).status === 0;

/** A batch of three reports in a folder of its own, built one after the other. */
function batch() {
  const dir = mkdtempSync(path.join(tmpdir(), 'imprint-progress-'));
  const inputs = ['a', 'b', 'c'].map((n) => path.join(dir, `${n}.yaml`));
  inputs.forEach((f) => writeFileSync(f, good));
  return { dir, args: ['build', ...inputs, '-o', path.join(dir, 'out'), '--jobs', '1'] };
}

describe('the progress line', () => {
  it('is never written through pipes: the output is the report lines only', () => {
    const { dir, args } = batch();
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^(?:\S+\.yaml -> \S+\.pdf: \d+ pages?, \d+ ms\n){3}$/);
  });

  it.runIf(hasScript)('on a terminal, leaves the same lines, with the progress line (when shown) cleared at the end', () => {
    const { dir, args } = batch();
    const command = [process.execPath, cli, ...args].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    const out = r.stdout.replace(/\r\n/g, '\n');
    // a progress line runs from a clear to the next clear, without a line break; a report's line is cleared before
    const parts = out.split(CLEAR);
    expect(parts.filter((part) => part.includes('\n')).join('')).toMatch(/^(?:\S+\.yaml -> \S+\.pdf: \d+ pages?, \d+ ms\n){3}$/);
    expect(parts.at(-1)).toMatch(/^$|\n$/); // no progress left standing at the end
  });
});
