/**
 * Vitest's global setup: every temporary folder a test makes (`os.tmpdir()`, in the test and in
 * the processes it starts) lies in one folder of this run, removed when the run ends, so a test
 * run leaves nothing behind in the system's temporary folder however its tests end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let root: string | undefined;

export function setup(): void {
  root = mkdtempSync(path.join(tmpdir(), 'imprint-tests-'));
  process.env.TMPDIR = root;
}

export function teardown(): void {
  if (root) rmSync(root, { recursive: true, force: true });
}
