#!/usr/bin/env node
// Benchmark (not a test): the watch rebuild after a one-paragraph edit, in process, with warm
// code, as `imprint watch` builds (a kept BuildCache, a minor GC between builds).
// `node --expose-gc tests/bench/rebuild.mjs [ROOT] [--edits N] [--pause MS] [--check] [--prof FILE]`
// ROOT: an Imprint checkout with dist/ built (default: this one), for comparing two builds of
// Imprint in alternating runs. Prints the median and p90 of the rebuild's wall time (build and
// write of the PDF), of the main thread's CPU time and of its time waiting for a core (from
// /proc, Linux: CPU is steadier than wall time on a shared machine; the wait is time V8's helper
// threads took its core), and the stages' medians. --pause MS: a pause before each edit, as a
// person makes them (the bench's watch line: 600); a process that sleeps rebuilds slower.
// --check: every rebuilt PDF must equal a fresh build's bytes (slow). --prof FILE: a CPU profile
// of the edits (not the warm-up) in FILE. In process, on the main thread, with Node's default
// young generation: `imprint watch` builds in a thread with a larger one (see watch-thread.ts).
import { readFileSync, writeFileSync, mkdtempSync, renameSync, openSync, writevSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const given = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : undefined;
const root = path.resolve(given ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../..'));
const edits = Number(arg('--edits')) || 30;
const pause = Number(arg('--pause')) || 0;
const check = process.argv.includes('--check');
const { parse, stringify } = createRequire(path.join(root, 'package.json'))('yaml');
const { buildReport, newBuildCache } = await import(path.join(root, 'dist/pipeline.js'));

const tmp = mkdtempSync(path.join(tmpdir(), 'imprint-rebuild-'));
const input = path.join(tmp, 'edited.yaml');
const output = path.join(tmp, 'out.pdf');
const doc = parse(readFileSync(path.join(root, 'content/jingan-2025.yaml'), 'utf8'));
writeFileSync(input, stringify(doc));
const o = { input, projectDir: root, packageDir: root, version: 'bench' };
const cache = newBuildCache(o);
for (let i = 0; i < 10; i++) await buildReport(o, cache); // warm-up

/** Writes `parts` one after another to a new `file`, in one call as watch does (libuv writes them all). */
function writeParts(file, parts) {
  const fd = openSync(file, 'w');
  try {
    writevSync(fd, parts);
  } finally {
    closeSync(fd);
  }
}

/** The main thread's schedstat (Linux): time on a core and time waiting for one, ms. */
const schedstat = () => readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'latin1').split(' ').slice(0, 2).map((ns) => Number(ns) / 1e6);
let session;
if (arg('--prof')) {
  const { Session } = await import('node:inspector/promises');
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
}
const wall = [];
const cpu = [];
const waited = [];
const stages = [];
const body = doc.chapters[2].sections[0].body;
const original = body[0];
for (let i = 0; i < edits; i++) {
  body[0] = `${original}（第 ${i + 1} 次修改）`;
  writeFileSync(input, stringify(doc));
  globalThis.gc?.({ type: 'minor' }); // as watch does while it waits (young-garbage.ts)
  if (pause) await new Promise((resolve) => setTimeout(resolve, pause));
  const started = performance.now();
  const [startedCpu, startedWait] = schedstat();
  const built = await buildReport(o, cache);
  writeParts(`${output}.tmp`, built.pdfParts ?? [built.pdf]); // as watch writes it (a root before pdfParts: the one buffer)
  renameSync(`${output}.tmp`, output);
  wall.push(performance.now() - started);
  const [endedCpu, endedWait] = schedstat();
  cpu.push(endedCpu - startedCpu);
  waited.push(endedWait - startedWait);
  stages.push(built.times);
  if (check && !built.pdf.equals((await buildReport(o)).pdf)) throw new Error(`edit ${i + 1}: the rebuilt PDF is not a fresh build's`);
}
if (session) writeFileSync(arg('--prof'), JSON.stringify((await session.post('Profiler.stop')).profile));
cache.faces.close();

const at = (xs, q) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)];
const ms = (x) => x.toFixed(1);
const stageLine = Object.keys(stages[0]).map((k) => `${k} ${ms(at(stages.map((s) => s[k]), 0.5))}`).join(', ');
console.log(`rebuild, ${edits} edits${pause ? ` ${pause} ms apart` : ''}: wall median ${ms(at(wall, 0.5))} p90 ${ms(at(wall, 0.9))} ms; main-thread CPU median ${ms(at(cpu, 0.5))} p90 ${ms(at(cpu, 0.9))} ms, waiting for a core median ${ms(at(waited, 0.5))} ms; stages (median ms) ${stageLine}`);
