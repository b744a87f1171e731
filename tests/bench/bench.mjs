#!/usr/bin/env node
// Benchmark (not a test): `npm run bench [-- --runs N]`.
// 1. Cold build of the sample report as a whole process, without the build cache on disk:
//    median, min, max wall time and peak memory; then new builds after a one-paragraph edit
//    with the cache the last build left.
// 2. Per-stage times of one build in a warm process.
// 3. Rebuild after a one-paragraph edit in `imprint watch`, as the watching process prints it.
// 4. A generated long document: time and memory per page against the sample.
// 5. Eight reports in one command: one after another, and in a pool of two workers.
// 6. Typst on an equivalent document with the same fonts, when installed beside the benchmark
//    (`npm install --prefix tests/bench/typst`): cold builds alternating with Imprint's, of the
//    sample and of the long document (time per page), and recompiles after a one-paragraph
//    edit in a warm process.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const tmp = mkdtempSync(path.join(tmpdir(), 'imprint-bench-'));
const sample = path.join(root, 'content/jingan-2025.yaml');
const { buildReport } = await import(path.join(root, 'dist/pipeline.js'));
const { loadFontRegistry } = await import(path.join(root, 'dist/font/registry.js'));
const { typstDocument } = await import('./typst-equivalent.mjs');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${(ms / 1000).toFixed(3)} s`;

/** A build in a new process; `flags` after the command (`--no-cache`: without the build cache on disk, as on a first build). */
function coldBuild(input, ...flags) {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--require', path.join(root, 'tests/bench/rss-hook.cjs'), path.join(root, 'dist/bin.cjs'), 'build', input, '-o', path.join(tmp, 'cold.pdf'), ...flags], { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(r.stderr);
  const kb = Number(/IMPRINT_BENCH_MAXRSS_KB=(\d+)/.exec(r.stderr)?.[1]);
  const pages = Number(/: (\d+) pages/.exec(r.stdout)?.[1]);
  return { ms, mib: kb / 1024, pages };
}

function row(name, xs, extra = '') {
  console.log(`${name.padEnd(44)} median ${fmt(median(xs))}  min ${fmt(Math.min(...xs))}  max ${fmt(Math.max(...xs))}${extra}`);
}

console.log(`Imprint benchmark, ${runs} runs each, Node ${process.version}`);
// what every whole-process figure below (Imprint's and Typst's, both started by Node) includes
// before any of their code runs: e.g. NODE_EXTRA_CA_CERTS makes Node read its certificates at start
const nodeStart = Array.from({ length: runs }, () => {
  const started = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return performance.now() - started;
});
console.log(`node -e 0 (a process start, in every cold figure): median ${median(nodeStart).toFixed(0)} ms${process.env.NODE_EXTRA_CA_CERTS ? ' (NODE_EXTRA_CA_CERTS is set)' : ''}\n`);

// 1. cold, whole process, no build cache on disk
const cold = Array.from({ length: runs }, () => coldBuild(sample, '--no-cache'));
row(`cold build, sample (${cold[0].pages} pages), no cache`, cold.map((c) => c.ms), `  peak ${Math.max(...cold.map((c) => c.mib)).toFixed(0)} MiB`);

// 1b. a new process after a one-paragraph edit, with the build cache the last build left on disk
const cachedCopy = path.join(tmp, 'cached.yaml');
const cachedDoc = parse(readFileSync(sample, 'utf8'));
writeFileSync(cachedCopy, stringify(cachedDoc));
coldBuild(cachedCopy); // writes the cache
const afterEdit = [];
for (let i = 0; i < Math.max(runs, 10); i++) {
  const body = cachedDoc.chapters[2].sections[0].body;
  body[0] = `${body[0].replace(/（第 \d+ 次修改）$/, '')}（第 ${i + 1} 次修改）`;
  writeFileSync(cachedCopy, stringify(cachedDoc));
  afterEdit.push(coldBuild(cachedCopy).ms);
}
row('new build after a one-paragraph edit, cache', afterEdit);

// 2. stages, warm process
const options = (input) => ({ input, projectDir: root, packageDir: root, version: 'bench' });
await buildReport(options(sample));
const warm = [];
for (let i = 0; i < runs; i++) warm.push(await buildReport(options(sample)));
const stages = Object.keys(warm[0].times);
console.log(`stages, warm process (median ms): ${stages.map((s) => `${s} ${median(warm.map((w) => w.times[s])).toFixed(0)}`).join(', ')}; layout rounds ${warm[0].rounds}`);

// 3. one-paragraph edit in `imprint watch` (the real process: fonts and set paragraphs kept,
// its warm-up done), as it prints each rebuild: an edit every 600 ms, the first 2 s after start
const edited = path.join(tmp, 'edited.yaml');
const doc = parse(readFileSync(sample, 'utf8'));
writeFileSync(edited, stringify(doc));
const editCount = Math.max(runs, 10);
const edits = await watchEdits(edited, doc, editCount);
row('rebuild after a one-paragraph edit (watch)', edits, `  (first edit ${fmt(edits[0])})`);

async function watchEdits(file, content, count) {
  const child = spawn(process.execPath, [path.join(root, 'dist/bin.cjs'), 'watch', file, '-o', path.join(tmp, 'watch.pdf')], { cwd: root });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const rebuilt = () => [...out.matchAll(/built in (\d+) ms/g)].map((m) => Number(m[1]));
  try {
    while (rebuilt().length < 1) await sleep(50);
    await sleep(2000);
    for (let i = 0; i < count; i++) {
      const body = content.chapters[2].sections[0].body;
      body[0] = `${body[0].replace(/（第 \d+ 次修改）$/, '')}（第 ${i + 1} 次修改）`;
      writeFileSync(file, stringify(content));
      for (let t = 0; t < 100 && rebuilt().length < i + 2; t++) await sleep(20);
      if (rebuilt().length < i + 2) throw new Error(`watch did not rebuild:\n${out}`);
      await sleep(600);
    }
  } finally {
    child.kill();
  }
  return rebuilt().slice(1);
}

// 4. long document: the sample's chapters repeated
const long = path.join(tmp, 'long.yaml');
const big = parse(readFileSync(sample, 'utf8'));
const copies = 34;
big.chapters = Array.from({ length: copies }, () => big.chapters).flat();
writeFileSync(long, stringify(big, { aliasDuplicateObjects: false }));
const l = coldBuild(long, '--no-cache');
const perPageSample = median(cold.map((c) => c.ms)) / cold[0].pages;
console.log(`long document (${l.pages} pages): ${fmt(l.ms)}, ${(l.ms / l.pages).toFixed(1)} ms/page (sample ${perPageSample.toFixed(1)} ms/page, ratio ${(l.ms / l.pages / perPageSample).toFixed(2)}), peak ${l.mib.toFixed(0)} MiB`);

// 5. many reports: 8 copies of the sample, one after another in one process, then in a pool of 2
const copies8 = Array.from({ length: 8 }, (_, i) => {
  const f = path.join(tmp, `copy${i + 1}.yaml`);
  writeFileSync(f, readFileSync(sample));
  return f;
});
const timeBuild = (...flags) => {
  const started = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, 'dist/bin.cjs'), 'build', ...copies8, '-o', path.join(tmp, 'many'), ...flags], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return performance.now() - started;
};
const inTurn = timeBuild('--jobs', '1', '--no-cache');
const pooled = timeBuild('--jobs', '2', '--no-cache');
console.log(`8 reports: one after another ${fmt(inTurn)}, pool of 2 ${fmt(pooled)} (ratio ${(pooled / inTurn).toFixed(2)})`);

// 6. Typst, on the same document and fonts
const typstCompiler = path.join(root, 'tests/bench/typst/compile.cjs');
if (!existsSync(path.join(root, 'tests/bench/typst/node_modules/@myriaddreamin/typst-ts-node-compiler'))) {
  console.log('Typst: not installed (npm install --prefix tests/bench/typst), no ratio');
} else {
  const typ = path.join(tmp, 'report.typ');
  writeFileSync(typ, typstDocument(parse(readFileSync(sample, 'utf8'))));
  const fonts = loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]);
  const fontDirs = [...new Set(['serif', 'sans'].flatMap((role) => [fonts.roles.get(role).regular, fonts.roles.get(role).bold]).map((f) => path.dirname(f.file)))];
  const typst = (...extra) => {
    const started = performance.now();
    const r = spawnSync(process.execPath, [typstCompiler, typ, path.join(tmp, 'typst.pdf'), ...fontDirs, ...extra], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return { ms: performance.now() - started, out: r.stdout };
  };
  const ours = [];
  const theirs = [];
  for (let i = 0; i < runs; i++) {
    ours.push(coldBuild(sample, '--no-cache').ms);
    theirs.push(typst().ms);
  }
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { numPages: pages } = await getDocument({ data: new Uint8Array(readFileSync(path.join(tmp, 'typst.pdf'))) }).promise;
  row(`Typst cold, same document (${pages} pages)`, theirs);
  row('Imprint cold (no cache), alternating with it', ours, `  ratio ${(median(ours) / median(theirs)).toFixed(2)}`);
  console.log(`new build after a one-paragraph edit (cache on disk) against Typst cold: ratio ${(median(afterEdit) / median(theirs)).toFixed(2)}`);
  // the long document: time per page, Typst's and Imprint's, alternating
  const longTyp = path.join(tmp, 'long.typ');
  writeFileSync(longTyp, typstDocument(big));
  const longRuns = Math.max(1, Math.min(runs, 3));
  const oursLong = [];
  const theirsLong = [];
  for (let i = 0; i < longRuns; i++) {
    oursLong.push(coldBuild(long, '--no-cache').ms);
    const started = performance.now();
    const r = spawnSync(process.execPath, [typstCompiler, longTyp, path.join(tmp, 'typst-long.pdf'), ...fontDirs], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    theirsLong.push(performance.now() - started);
  }
  const { numPages: longPages } = await getDocument({ data: new Uint8Array(readFileSync(path.join(tmp, 'typst-long.pdf'))) }).promise;
  const perPage = (ms, n) => `${(ms / n).toFixed(2)} ms/page`;
  console.log(`long document, Typst ${longPages} pages ${fmt(median(theirsLong))} (${perPage(median(theirsLong), longPages)}), Imprint ${l.pages} pages ${fmt(median(oursLong))} (${perPage(median(oursLong), l.pages)}), ratio per page ${(median(oursLong) / l.pages / (median(theirsLong) / longPages)).toFixed(2)}`);
  const first = doc.chapters[2].sections[0].body[0].slice(0, 12);
  const recompiles = [...typst('--edits', String(editCount), '--at', first).out.matchAll(/recompiled in (\d+) ms/g)].map((m) => Number(m[1]));
  row('Typst recompile after a one-paragraph edit', recompiles, `  ratio of Imprint's watch ${(median(edits) / median(recompiles)).toFixed(2)}`);
}
