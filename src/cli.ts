#!/usr/bin/env node
/**
 * The `imprint` command (see the README): `build`, `check` and `watch` here, the other
 * commands each in its file under commands/. Exit status: 0 success, 1 a problem in the input,
 * 2 wrong usage, 3 an internal error (a bug: please report it).
 */
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { layoutReport, type BuildOptions, type PdfaLevel } from './pipeline.js';
import buildJob, { type BuildJob, type BuildOutcome } from './build-worker.js';
import { InputError, shownName, shownProblems } from './problems.js';
import { outputFor, refuseOutputOption, refuseOutputs, type OutputPlan } from './output-paths.js';
import { enableStopSignalHolds, holdStopSignals, removeTempFilesAtExit } from './output.js';
import { describeInternalError } from './internal-error.js';
import { packageRoot } from './package-root.js';
import { UsageError } from './commands/usage-error.js';
import { InitError, initProject } from './commands/init.js';
import { describeFonts, describeSystemFonts } from './commands/fonts.js';
import { diffCommand } from './commands/diff.js';
import { importCommand } from './commands/import/import-command.js';
import { ExtractError, extractProject } from './commands/extract.js';
import type { ImageRequest } from './page-images.js';
import { DEFAULT_DPI } from './render/page-image.js';
import { buildProgressText, ProgressLine } from './progress.js';
import { cleanCommand } from './build-cache/clean-command.js';
import { tuneV8ForOneBuild } from './v8-tuning.js';
import { shellWord } from './shell-word.js';
import { kindOf } from './file-kind.js';
import { commandUsage, HELP_OPTIONS, helpAsked, unknownCommandMessage, usageText, VERSION_NAMES } from './usage-text.js';
import { optionNumber } from './option-number.js';
import { optionName, splitOptionValues, unknownOption } from './option-value.js';

const packageDir = packageRoot();
const version = (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;

interface Args {
  command: 'build' | 'check' | 'watch';
  files: string[];
  output?: string;
  pdfa?: PdfaLevel;
  /** Reports built at once (default: one per core but one). */
  jobs?: number;
  /** Page images beside each PDF (`--png`). */
  images?: ImageRequest;
  /** `watch --diff`: what each rebuild changed in print. */
  diff?: boolean;
  /** Read and write the build cache on disk (not with `--no-cache`). */
  diskCache: boolean;
}

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command !== 'build' && command !== 'check' && command !== 'watch') throw new UsageError(command ? unknownCommandMessage(command) : 'no command given');
  const files: string[] = [];
  let output: string | undefined;
  let pdfa: PdfaLevel | undefined;
  let jobs: number | undefined;
  let png = false;
  let dpi: number | undefined;
  let pages: ImageRequest['pages'];
  let diff = false;
  let diskCache = true;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '-o' || a === '--output') {
      if (output !== undefined) throw new UsageError('-o is given twice: name one output');
      output = optionName('-o', rest[++i], 'a file or folder name');
    } else if (a === '--jobs' || a === '-j') {
      jobs = optionNumber(rest[++i]);
      if (jobs === undefined || jobs < 1) throw new UsageError('--jobs needs a whole number above 0');
    } else if (a === '--pdfa') {
      const level = rest[++i];
      if (level !== '2b' && level !== '3b') throw new UsageError('--pdfa needs 2b or 3b');
      pdfa = level;
    } else if (a === '--png') png = true;
    else if (a === '--diff') diff = true;
    else if (a === '--no-cache') diskCache = false;
    else if (a === '--dpi') {
      dpi = optionNumber(rest[++i]);
      if (dpi === undefined || dpi < MIN_DPI || dpi > MAX_DPI) throw new UsageError(`--dpi needs a whole number from ${MIN_DPI} to ${MAX_DPI}`);
    } else if (a === '--pages') pages = pageRange(rest[++i]);
    else if (a.startsWith('-')) throw unknownOption(a);
    else files.push(a);
  }
  if (!png && (dpi !== undefined || pages)) throw new UsageError('--dpi and --pages go with --png');
  if (png && command !== 'build') throw new UsageError('--png goes with build');
  if (jobs !== undefined && command !== 'build') throw new UsageError('--jobs goes with build (several reports built at once)');
  if (diff && command !== 'watch') throw new UsageError('--diff goes with watch (to compare two PDFs: imprint diff OLD.pdf NEW.pdf)');
  if (command === 'check' && !diskCache) throw new UsageError('--no-cache goes with build and watch (check reads no cache)');
  if (command === 'check' && output) throw new UsageError('check writes nothing: -o is not allowed');
  if (command === 'watch' && files.length !== 1) throw new UsageError('watch takes one FILE.yaml');
  return { command, files, output, pdfa, jobs, images: png ? { dpi: dpi ?? DEFAULT_DPI, pages } : undefined, diff, diskCache };
}

/** Page images: dots per inch allowed (an A4 page at 600 dpi is 35 million pixels). */
const MIN_DPI = 10;
const MAX_DPI = 600;

/** `--pages 3` or `--pages 3-5`: physical page numbers, 1-based. */
function pageRange(arg: string | undefined): { first: number; last: number; written: string } {
  const [a, b = a] = /^([0-9]+)(?:-([0-9]+))?$/.exec(arg ?? '')?.slice(1) ?? [];
  const first = optionNumber(a);
  const last = optionNumber(b);
  if (first !== undefined && last !== undefined && first >= 1 && last < first) throw new UsageError(`--pages ${first}-${last} runs backwards: write ${last}-${first} (from the first page to the last)`);
  if (first === undefined || last === undefined || first < 1) throw new UsageError('--pages needs a page or a range of pages, counted from 1: 3 or 3-5');
  return { first, last, written: arg! };
}

/** The outputs of a build or watch, each checked (a usage error when one would damage a file of the user). */
function planOutputs(files: string[], args: Args): OutputPlan[] {
  const refused = args.output && refuseOutputOption(args.output, files.length);
  if (refused) throw new UsageError(refused);
  const plans = files.map((input) => ({ input, output: outputFor(input, args.output, files.length > 1) }));
  const reason = refuseOutputs(plans);
  if (reason) throw new UsageError(reason);
  return plans;
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

/** What the launcher knows of how the CLI started. */
export interface Startup {
  /** The CLI runs from the bundle (see bundle.cts), not from its modules. */
  bundled: boolean;
  /** The CLI runs from the bundle with the code cache V8 took (see bundle.cts). */
  codeCacheKept: boolean;
  /** Keeps the code cache from being written at exit (see bundle.cts). */
  leaveCodeCache(): void;
}

/** How the CLI starts from its modules (`node dist/cli.js`): no bundle, no code cache. */
const FROM_MODULES: Startup = { bundled: false, codeCacheKept: false, leaveCodeCache: () => {} };

async function main(given: string[], startup: Startup): Promise<number> {
  const argv = splitOptionValues(given);
  if (argv.length === 1 && (argv[0] === 'help' || HELP_OPTIONS.includes(argv[0]))) {
    console.log(`Imprint ${version}: Chinese print reports, YAML to PDF\n${usageText()}`);
    return 0;
  }
  // `help COMMAND`, also `--help COMMAND`
  if (argv[0] === 'help' || HELP_OPTIONS.includes(argv[0])) {
    if (argv.length > 2) throw new UsageError(`${argv[0]} takes at most one COMMAND, not "${argv.slice(1).join(' ')}"`);
    return printUsageOf(argv[1]);
  }
  if (helpAsked(argv.slice(1))) return printUsageOf(argv[0]);
  if (argv.includes('')) throw new UsageError('an argument is empty (""): name the file or folder meant');
  if (VERSION_NAMES.includes(argv[0])) {
    if (argv.length > 1) throw new UsageError(`${argv[0]} takes nothing after it, not "${argv.slice(1).join(' ')}"`);
    console.log(`imprint ${version}`);
    return 0;
  }
  if (argv[0] === 'init') return init(argv.slice(1));
  if (argv[0] === 'fonts') return fonts(argv.slice(1));
  if (argv[0] === 'diff') return diffCommand(argv.slice(1), (line) => console.log(line), (line) => console.error(line));
  if (argv[0] === 'import') return importCommand(argv.slice(1));
  if (argv[0] === 'extract') return extract(argv.slice(1));
  if (argv[0] === 'clean') return cleanCommand(argv.slice(1), (line) => console.log(line));
  const args = parseArgs(argv);
  const files = args.files.length ? args.files : args.command === 'build' ? defaultInputs() : [];
  if (!files.length) throw new UsageError(args.command === 'build' ? 'no content/*.yaml found and no FILE given' : 'check needs FILE.yaml');
  if (args.command === 'check') {
    if (startup.codeCacheKept) tuneV8ForOneBuild();
    return checkAll(files);
  }
  const plans = planOutputs(files, args);
  // a device or a named pipe never becomes a report: said once, as a build says it, not watched
  if (args.command === 'watch' && kindOf(files[0]) === 'other') return checkAll(files);
  if (args.command === 'watch') {
    // its reader gone (`… | head -1`), a watch has nothing left to say it to: it stops quietly
    for (const stream of [process.stdout, process.stderr]) stream.on('error', () => process.exit(0));
    const options: BuildOptions = { input: files[0], projectDir: process.cwd(), packageDir, version, pdfa: args.pdfa, diskCache: args.diskCache };
    const { watchInThread } = await import('./watch-thread.js'); // worker threads load only for watch
    startup.leaveCodeCache(); // the builds run in the watch thread: this thread's code cache would lack them
    const stop = watchInThread(options, plans[0].output, (line, problem) => (problem ? console.error(line) : console.log(line)), { diff: args.diff }, startup.bundled);
    removeTempFilesAtExit([plans[0].output]);
    enableStopSignalHolds();
    holdStopSignals(stop); // for as long as the watch runs (the thread stopped first: it may be writing the file)
    return new Promise(() => {}); // until the process is stopped
  }
  removeTempFilesAtExit(plans.map((p) => p.output));
  enableStopSignalHolds();
  const jobs = plans.map(({ input, output }) => ({ options: { input, projectDir: process.cwd(), packageDir, version, pdfa: args.pdfa, diskCache: args.diskCache }, output, images: args.images }));
  // one core is left to V8's own threads (compiler, collector): on 2 cores a pool measured slower
  const threads = Math.min(args.jobs ?? Math.max(1, availableParallelism() - 1), jobs.length);
  const progress = new ProgressLine(process.stderr); // on a terminal only
  if (threads === 1 && startup.codeCacheKept) tuneV8ForOneBuild();
  const outcomes = threads > 1 ? await buildInPool(jobs, threads, progress) : await buildInTurn(jobs, progress);
  progress.clear();
  return outcomes.some((o) => !o.ok && o.internal) ? 3 : outcomes.some((o) => !o.ok && o.refused) ? 2 : outcomes.every((o) => o.ok) ? 0 : 1;
}

/** Prints the usage of `command` (`imprint help init`, `imprint init --help`). */
function printUsageOf(command: string): number {
  const usage = commandUsage(command);
  if (!usage) throw new UsageError(unknownCommandMessage(command));
  console.log(usage);
  return 0;
}

/** `imprint init DIR`. */
async function init(rest: string[]): Promise<number> {
  if (rest.length !== 1 || rest[0].startsWith('-')) throw new UsageError('init takes one DIR, the folder to write the project into');
  const dir = rest[0];
  enableStopSignalHolds(); // (its files are written in one turn, and removed again when one fails: see new-files.ts)
  try {
    const files = await initProject(dir, packageDir);
    const cd = path.resolve(dir) === process.cwd() ? '' : `cd ${shellWord(dir)} && `;
    console.log(`${shownName(dir)}: a starter project (${files.join(', ')})\nnext: ${cd}imprint build`);
    return 0;
  } catch (e) {
    if (!(e instanceof InitError)) throw e;
    console.error(`imprint: ${e.message}`);
    return 1;
  }
}

/** `imprint extract FILE.pdf DIR`. */
async function extract(rest: string[]): Promise<number> {
  if (rest.length !== 2 || rest.some((a) => a.startsWith('-'))) throw new UsageError('extract takes FILE.pdf and DIR, the folder to write its project into');
  const [pdf, dir] = rest;
  enableStopSignalHolds(); // (its files are written in one turn, and removed again when one fails: see new-files.ts)
  try {
    const done = await extractProject(pdf, dir, packageDir, version);
    done.notes.forEach((line) => console.error(`imprint: ${shownName(line)}`));
    const schema = done.schema ? `, and Imprint's JSON Schema as ${done.schema} (the content's editor line names it)` : '';
    console.log(`${shownName(dir)}: ${done.written.length} files of the project (${done.written.map(shownName).join(', ')})${schema}\nnext: cd ${shellWord(dir)} && ${done.command}`);
    return 0;
  } catch (e) {
    if (!(e instanceof ExtractError)) throw e;
    console.error(`imprint: ${e.message}`);
    return 1;
  }
}

/** `imprint fonts [FILE.yaml]`, `imprint fonts --system`. */
function fonts(rest: string[]): number {
  if (rest.length === 1 && rest[0] === '--system') return describeSystemFonts();
  if (rest.length > 1 || rest.some((a) => a.startsWith('-'))) throw new UsageError('fonts takes at most one FILE.yaml, or --system');
  try {
    describeFonts({ input: rest[0], projectDir: process.cwd(), packageDir, version }).forEach((line) => console.log(line));
    return 0;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    shownProblems(e.problems).forEach((line) => console.error(line));
    return 1;
  }
}

/** Validates and lays out each file, writing nothing. */
function checkAll(files: string[]): number {
  let failed = false;
  for (const input of files) {
    try {
      const r = layoutReport({ input, projectDir: process.cwd(), packageDir, version });
      shownProblems(r.warnings).forEach((line) => console.error(line));
      console.log(`${shownName(input)}: ok (${r.pages.length} pages)`);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      shownProblems(e.problems).forEach((line) => console.error(line));
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

/** Prints what became of one build. */
function report(job: BuildJob, o: BuildOutcome): void {
  if (o.ok) {
    o.warnings.forEach((w) => console.error(w));
    const images = o.images ? `, ${o.images.length} page image${o.images.length === 1 ? '' : 's'}${o.images.length ? ` (${shownName(o.images[0])} …)` : ''}` : '';
    console.log(`${shownName(job.options.input)} -> ${shownName(job.output)}: ${o.pages} pages${images}, ${o.ms} ms`);
  } else o.problems.forEach((p) => console.error(p));
}

/** "3 of 8 reports built", for a batch. */
function batchText(built: number, jobs: number): string {
  return `${built} of ${jobs} report${jobs === 1 ? '' : 's'} built`;
}

/** Builds reports one after the other; the progress line says where the build is (and the batch, for several). */
async function buildInTurn(jobs: BuildJob[], progress: ProgressLine): Promise<BuildOutcome[]> {
  const outcomes: BuildOutcome[] = [];
  for (const job of jobs) {
    const batch = jobs.length > 1 ? `${batchText(outcomes.length, jobs.length)}, ` : '';
    const o = await buildJob({ ...job, options: { ...job.options, onProgress: (p) => progress.update(batch + buildProgressText(job.options.input, p)) } });
    progress.clear();
    report(job, o);
    outcomes.push(o);
  }
  return outcomes;
}

/** Builds reports on all cores (a worker pool); a line per report as it finishes, and the progress line of the batch. */
async function buildInPool(jobs: BuildJob[], threads: number, progress: ProgressLine): Promise<BuildOutcome[]> {
  // the pool loads only for several reports (require: a dynamic import() is not available to
  // the bundle that bin.cts runs from V8's code cache)
  const { Piscina } = createRequire(import.meta.url)('piscina') as typeof import('piscina');
  const pool = new Piscina<BuildJob, BuildOutcome>({ filename: new URL('./pool-worker.js', import.meta.url).href, minThreads: threads, maxThreads: threads });
  // the threads write at any time: a stop signal stops them first (their jobs then wait for the exit)
  let stopped = false;
  const release = holdStopSignals(() => ((stopped = true), pool.destroy()));
  let built = 0;
  try {
    return await Promise.all(
      jobs.map(async (job) => {
        const o = await pool.run(job).catch((e: unknown) => (stopped ? new Promise<never>(() => {}) : Promise.reject(e))); // the job as given: a callback cannot be sent to a worker
        progress.clear();
        report(job, o);
        progress.update(batchText(++built, jobs.length));
        return o;
      }),
    );
  } finally {
    await pool.destroy();
    await release();
  }
}

/** What a pool worker takes from the bundle (see pool-worker.ts). */
export { buildJob };

/** What the watch thread takes from the bundle (see watch-worker.ts): the watcher, loaded when asked for (only watch needs it). */
export const watcherModule = (): Promise<typeof import('./watch.js')> => import('./watch.js');

// run as a program (`node dist/cli.js …`); bin.cts calls runCommand itself, a pool worker never
if (isTheProgram()) runCommand();

/** Whether this module is the file node was started with. */
function isTheProgram(): boolean {
  try {
    return !!process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false; // no such file: started some other way
  }
}

/** Runs the command line of the process and exits with its status. */
export function runCommand(startup: Startup = FROM_MODULES): void {
  // what reads the output has gone (`… | head -1`): a build goes on to its end and its status
  // (its lines are not its result); a watch stops (see main)
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  main(process.argv.slice(2), startup).then(
    (code) => process.exit(code),
    (e: unknown) => {
      if (e instanceof UsageError) {
        console.error(`imprint: ${e.message} (\`imprint help\` shows the usage)`);
        process.exit(2);
      }
      console.error(describeInternalError(e));
      process.exit(3);
    },
  );
}
