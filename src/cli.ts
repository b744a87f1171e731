#!/usr/bin/env node
/**
 * The `imprint` command: `build` and `check` (see the README). Exit status: 0 success, 1 a
 * problem in the input, 2 wrong usage, 3 an internal error (a bug: please report it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReport, layoutReport, type BuildOptions } from './pipeline.js';
import { formatProblem, InputError } from './problems.js';
import { writeFileAtomic } from './output.js';
import { watchReport } from './watch.js';
import type { PdfaLevel } from './render/pdf.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const version = (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;

const USAGE = `usage:
  imprint build [FILE.yaml ...] [-o OUT] [--pdfa 2b|3b]
                                           build PDFs (default: every content/*.yaml -> out/<name>.pdf);
                                           --pdfa 3b embeds the YAML and theme in the PDF
  imprint check FILE.yaml ...              validate only, print every problem found
  imprint watch FILE.yaml [-o OUT]         build, then rebuild on every change of the content or templates`;

class UsageError extends Error {}

interface Args {
  command: 'build' | 'check' | 'watch';
  files: string[];
  output?: string;
  pdfa?: PdfaLevel;
}

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command !== 'build' && command !== 'check' && command !== 'watch') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  const files: string[] = [];
  let output: string | undefined;
  let pdfa: PdfaLevel | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '-o' || a === '--output') {
      output = rest[++i];
      if (!output) throw new UsageError('-o needs a file or folder name');
    } else if (a === '--pdfa') {
      const level = rest[++i];
      if (level !== '2b' && level !== '3b') throw new UsageError('--pdfa needs 2b or 3b');
      pdfa = level;
    } else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else files.push(a);
  }
  if (command === 'check' && output) throw new UsageError('check writes nothing: -o is not allowed');
  if (command === 'watch' && files.length !== 1) throw new UsageError('watch takes one FILE.yaml');
  return { command, files, output, pdfa };
}

/** Default inputs: every content/*.yaml of the working directory. */
function defaultInputs(): string[] {
  const dir = path.resolve('content');
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort().map((f) => path.join('content', f));
  } catch {
    return [];
  }
}

function outputFor(input: string, args: Args, many: boolean): string {
  const name = path.basename(input).replace(/\.ya?ml$/, '') + '.pdf';
  if (!args.output) return path.join('out', name);
  return many ? path.join(args.output, name) : args.output;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const files = args.files.length ? args.files : args.command === 'build' ? defaultInputs() : [];
  if (!files.length) throw new UsageError(args.command === 'build' ? 'no content/*.yaml found and no FILE given' : 'check needs FILE.yaml');
  if (args.command === 'watch') {
    const options: BuildOptions = { input: files[0], projectDir: process.cwd(), packageDir, version, pdfa: args.pdfa };
    watchReport(options, outputFor(files[0], args, false), (line) => console.log(line));
    return new Promise(() => {}); // until the process is stopped
  }
  let failed = false;
  for (const input of files) {
    const options: BuildOptions = { input, projectDir: process.cwd(), packageDir, version, pdfa: args.pdfa };
    try {
      const started = performance.now();
      if (args.command === 'check') {
        const r = layoutReport(options);
        r.warnings.forEach((w) => console.error(formatProblem(w)));
        console.log(`${input}: ok (${r.pages.length} pages)`);
      } else {
        const r = await buildReport(options);
        r.warnings.forEach((w) => console.error(formatProblem(w)));
        const out = outputFor(input, args, files.length > 1);
        writeFileAtomic(out, r.pdf);
        console.log(`${input} -> ${out}: ${r.pages.length} pages, ${Math.round(performance.now() - started)} ms`);
      }
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      e.problems.forEach((p) => console.error(formatProblem(p)));
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      console.error(`imprint: ${e.message}\n${USAGE}`);
      process.exit(2);
    }
    console.error(`imprint: internal error (please report this with the input that caused it):\n${(e as Error)?.stack ?? String(e)}`);
    process.exit(3);
  },
);
