#!/usr/bin/env node
// Benchmark (not a test): two checkouts of Imprint, each with dist/ built, in alternating
// whole-process builds of the sample: cold (`--no-cache`), and a one-paragraph edit then a build
// with the build cache. `node tests/bench/ab.mjs ROOT_A ROOT_B [PAIRS]` (default 10 pairs) prints
// each one's median and in how many pairs B was faster: an optimisation is kept when B wins
// nearly all of them on a quiet machine. The order alternates within pairs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const [A, B] = process.argv.slice(2, 4).map((r) => path.resolve(r));
if (!A || !B) {
  console.error('usage: node tests/bench/ab.mjs ROOT_A ROOT_B [PAIRS]');
  process.exit(2);
}
const pairs = Number(process.argv[4]) || 10;
const tmp = mkdtempSync(path.join(tmpdir(), 'imprint-ab-'));
const sample = readFileSync(path.join(A, 'content/jingan-2025.yaml'), 'utf8');
const roots = { A, B };

/** A whole-process build by the checkout `root`, ms. */
function build(root, input, output, ...flags) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, 'dist/bin.cjs'), 'build', input, '-o', output, ...flags], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return performance.now() - started;
}

const input = (k) => path.join(tmp, `${k}.yaml`);
const times = { cold: { A: [], B: [] }, edit: { A: [], B: [] } };
for (const k of ['A', 'B']) {
  writeFileSync(input(k), sample);
  build(roots[k], input(k), path.join(tmp, `${k}.pdf`)); // the cache the first edit finds
}
for (let i = 0; i < pairs; i++) {
  const order = i % 2 ? ['B', 'A'] : ['A', 'B'];
  for (const k of order) times.cold[k].push(build(roots[k], input(k), path.join(tmp, `${k}-cold.pdf`), '--no-cache'));
  for (const k of order) {
    writeFileSync(input(k), sample.replace('统筹', `统筹（第 ${i + 1} 次修改）`));
    times.edit[k].push(build(roots[k], input(k), path.join(tmp, `${k}.pdf`)));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const [what, t] of Object.entries(times)) {
  const wins = t.A.filter((a, i) => t.B[i] < a).length;
  console.log(`${what === 'cold' ? 'cold, no cache' : 'edit, then a build with the cache'}: A median ${median(t.A).toFixed(0)} ms, B median ${median(t.B).toFixed(0)} ms; B faster in ${wins} of ${pairs} pairs`);
}
