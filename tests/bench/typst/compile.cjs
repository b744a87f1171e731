#!/usr/bin/env node
// Typst compiling a document to PDF, for the benchmark's comparison (not part of Imprint).
//   node compile.mjs DOC.typ OUT.pdf FONTDIR...            one compile (a cold process)
//   node compile.mjs DOC.typ OUT.pdf FONTDIR... --edits N --at TEXT  then N recompiles in the
//        same process, each after an edit of the paragraph holding TEXT (a few words are put
//        after it); prints `recompiled in X ms` for each
// Typst is the typst.ts Node binding of the Typst compiler (a native module from the npm
// registry): `npm install --prefix tests/bench/typst`.
// CommonJS, as Imprint's launcher is: neither pays for Node's ES module loader.
const { readFileSync, writeFileSync } = require('node:fs');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

const args = process.argv.slice(2);
const editsAt = args.indexOf('--edits');
const edits = editsAt >= 0 ? Number(args.splice(editsAt, 2)[1]) : 0;
const atAt = args.indexOf('--at');
const at = atAt >= 0 ? args.splice(atAt, 2)[1] : '';
const [input, output, ...fontPaths] = args;
const compiler = NodeCompiler.create({ workspace: '/', fontArgs: [{ fontPaths }] });
const source = readFileSync(input, 'utf8');
writeFileSync(output, compiler.pdf({ mainFileContent: source }));
for (let i = 1; i <= edits; i++) {
  const edited = source.replace(at, `${at}（第 ${i} 次修改）`);
  if (edited === source) throw new Error(`no "${at}" in ${input}`);
  const started = performance.now();
  writeFileSync(output, compiler.pdf({ mainFileContent: edited }));
  console.log(`recompiled in ${(performance.now() - started).toFixed(0)} ms`);
}
