/**
 * `imprint watch`: build, then rebuild whenever a file the last build read changes (the
 * content, the templates, the theme, the font registry and fonts, the images). Fonts stay open
 * and set paragraphs are kept between builds (a change of the theme, the font registry or a font
 * starts afresh). Nothing ends the watch: a problem in the input or a bug (printed as one line;
 * with its stack when IMPRINT_DEBUG=1) leaves the last good PDF, and the watcher goes on.
 * While nothing changes after the first build, a few silent rebuilds warm the code up for the
 * first edit. With `--diff`, each rebuild's line is followed by what it changed in print.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { buildReport, fontRegistryFiles, newBuildCache, rehearseEdit, type BuildCache, type BuildOptions } from './pipeline.js';
import { InputError, shownName, shownProblems } from './problems.js';
import { OutputError, tempPathFor, writeFileAtomic } from './output.js';
import { readRegularFile } from './input-file.js';
import { MAX_FONT_BYTES } from './font/sfnt-file.js';
import { describeInternalError } from './internal-error.js';
import { collectYoungGarbage } from './young-garbage.js';
import { lowerHelperThreads } from './helper-threads.js';
import { LAST_BUILD, printChanges } from './watch-diff.js';
import { EditionError } from './commands/pdf-edition.js';
import { changedSince } from './file-times.js';
import { realPath } from './output-paths.js';
import { LaterSave } from './build-cache/later-save.js';

/** Quiet time after a change before rebuilding, ms (editors save in several steps). */
const SETTLE_MS = 30;

/**
 * Silent rebuilds after the first build, until the first change: the code of a rebuild is
 * compiled by V8 before the first edit instead of during it (the first edits took 2–3 times
 * as long as later ones). Nothing is written or printed. Every other one rehearses an edit
 * (see `rehearseEdit`): a build that takes everything from its cache leaves the code an edit
 * runs (setting a paragraph, drawing a page) to be compiled during the first edits, and V8 was
 * still compiling a function or more each edit after dozens of them. 30, half of them
 * rehearsals (~1.5 s of a core, once, while the user reads the first PDF), against 15 plain
 * ones: the real `imprint watch` of the sample, 12 edits 600 ms apart a run, 10 alternating
 * runs, median rebuild 35 → 31 ms (faster in 7 of 10, one tie); 30 plain ones were halfway
 * (in process: 31.9 → 29.6 ms, rehearsals 27.1). Peak memory ~300 MiB at once, as 30 edits
 * that move pages reached before.
 */
const WARM_UPS = 30;

/**
 * A rehearsal sets one in REHEARSED_SHARE of the set paragraphs again, at most REHEARSED_MOST
 * (a long report's rehearsal costs what the sample's does: an edit waits for the one running).
 */
const REHEARSED_SHARE = 4;
const REHEARSED_MOST = 100;

/**
 * chokidar drops a file's change that comes within 50 ms of its last reported one (an editor
 * or formatter saving twice, a fix typed right after a build): each file reported is read
 * again once that window has passed, and a difference counts as a change of its own.
 */
const LOOK_AGAIN_MS = 80;

/**
 * A file's bytes, or null when it is none a build would read: removed, a folder, a named pipe
 * or a device (never waited on, nor read without end), larger than the largest file a build
 * reads (a font).
 */
function contentOf(file: string): Buffer | null {
  try {
    return readRegularFile(file, MAX_FONT_BYTES);
  } catch {
    return null;
  }
}

function sameContent(a: Buffer | null, b: Buffer | null): boolean {
  return a === b || (!!a && !!b && a.equals(b));
}

/** The folder watched for a file followed: its own; a folder's (its list of files) is itself. */
function folderOf(file: string): string {
  try {
    if (statSync(file).isDirectory()) return file;
  } catch {
    // removed: its folder
  }
  return path.dirname(file);
}

/** What the user reads when a file or folder cannot be watched, by the error's code. */
const WATCH_FAILURES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: "the system's limit of watched folders is reached (fs.inotify.max_user_watches)",
  EMFILE: 'too many files are open',
};

/**
 * Why a file or folder in a folder followed cannot be watched, in the user's words; undefined
 * for a link that loops (chokidar stats every name of the folder: such a link is no file a build
 * reads, and a report that is one says so itself), as chokidar says nothing of a file gone.
 */
function watchFailure(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  if (code === 'ELOOP') return undefined;
  return WATCH_FAILURES[code] ?? 'the system refused it';
}

/** How a watch session reports its builds. */
export interface WatchOptions {
  /** After each rebuild's line, what changed in print since the edition last compared (`--diff`). */
  diff?: boolean;
}

/**
 * The builds of a watch session, one at a time: keeps the fonts and set paragraphs from one
 * build to the next, writes the PDF of a good build, prints a line per build, and knows which
 * files to follow (those the last build read). Its builds never throw: a problem in the input
 * or a bug is printed and the last good PDF stays.
 */
export class Watcher {
  /** Fonts and set paragraphs kept between builds; undefined: the next build makes them. */
  private cache: BuildCache | undefined;
  /** The cache is to be closed and made afresh by the next build. */
  private stale = false;
  /** The files followed, absolute: what the last build read, as far as known. */
  private read: Set<string>;
  /** Followed files whose change means a fresh cache: the font registry, theme and font files. */
  private cacheFiles: Set<string>;
  /** The builds asked for, in turn (a build starts when the one before has ended). */
  private queue: Promise<unknown> = Promise.resolve();
  /** Ends the running build with an error thrown outside it (see `abandonBuild`). */
  private abandon: ((e: unknown) => void) | undefined;
  /** Builds started (a comparison gives way when this moves on). */
  private started = 0;
  /** `--diff`: the PDF the next rebuild is compared with (the last compared, or the first build's). */
  private base: Buffer | undefined;
  /** `--diff`: the comparison running after the last rebuild, if any. */
  private comparing: Promise<void> = Promise.resolve();
  /** The build cache on disk, saved when the builds pause. */
  private readonly saving: LaterSave;
  /** The PDF the builds write, absolute. */
  private readonly writes: string;
  /** A build of this session has written the PDF: the next ones are rebuilds ("built in", then "rebuilt in"). */
  private wrote = false;

  constructor(
    private readonly o: BuildOptions,
    private readonly output: string,
    private readonly log: WatchLog,
    private readonly options: WatchOptions = {},
  ) {
    this.writes = path.resolve(output);
    this.read = new Set(this.alwaysRead());
    this.cacheFiles = new Set(fontRegistryFiles(o).map((r) => path.resolve(r.file)));
    this.saving = new LaterSave(o, output, (line) => log(line, true));
  }

  /** The files followed, absolute: a folder among them stands for its list of files. */
  get files(): string[] {
    return [...this.read];
  }

  /**
   * Whether a change of `file` (absolute) is a reason to build again: never the PDF the watch
   * writes (an output in a followed folder), nor its temporary file, nor, when the output is a
   * link, the file it leads to and its temporary file.
   */
  follows(file: string): boolean {
    if (this.written().some((w) => file === w || file === tempPathFor(w))) return false;
    return this.read.has(file) || this.read.has(path.dirname(file));
  }

  /** Whether the builds write their PDF into `folder` (absolute). */
  writesInto(folder: string): boolean {
    return this.written().some((w) => path.dirname(w) === folder);
  }

  /** The PDF the builds write, absolute: as named, and the file it leads to when it is a link. */
  private written(): string[] {
    const real = realPath(this.writes);
    return real === this.writes ? [this.writes] : [this.writes, real];
  }

  /** `file` (absolute) changed: the font registry, a theme or a font file means a fresh cache. */
  changed(file: string): void {
    if (this.cacheFiles.has(file)) this.stale = true;
  }

  /** Builds, writes the PDF and prints its line, or prints why not. Resolves to whether it was built. */
  rebuild(): Promise<boolean> {
    return this.inTurn(() => this.build(false));
  }

  /**
   * Builds without writing or printing anything (to warm the code up), the `turn`-th time (from
   * 0): an odd one rehearses an edit. Resolves to whether it was built.
   */
  warmUp(turn: number): Promise<boolean> {
    return this.inTurn(() => {
      if (turn % 2 === 1 && this.cache && !this.stale) rehearseEdit(this.cache, (turn - 1) / 2, REHEARSED_SHARE, REHEARSED_MOST);
      return this.build(true);
    });
  }

  /**
   * An error thrown outside any build's promise (in a library's callback) or a promise nobody
   * awaited: it ends the running build as a bug, or is printed when no build runs.
   */
  abandonBuild(e: unknown): void {
    if (this.abandon) return this.abandon(e);
    this.stale = true;
    this.log(describeInternalError(e, this.o.input), true);
  }

  /** Closes the fonts kept (once the builds asked for, and the comparison after the last, have ended). */
  async close(): Promise<void> {
    await this.queue;
    await this.comparing;
    this.saving.cancel();
    this.cache?.faces.close();
    this.cache = undefined;
  }

  private inTurn(build: () => Promise<boolean>): Promise<boolean> {
    const done = this.queue.then(build);
    this.queue = done;
    return done;
  }

  /** The content and the font registries: followed even when a build fails before reading them. */
  private alwaysRead(): string[] {
    return [this.o.input, ...fontRegistryFiles(this.o).map((r) => r.file)].map((f) => path.resolve(f));
  }

  /** The cache for the next build: a stale one's fonts are closed, a new one made. */
  private cacheForBuild(): BuildCache {
    if (this.stale) {
      this.cache?.faces.close();
      this.cache = undefined;
      this.stale = false;
    }
    return (this.cache ??= newBuildCache(this.o)); // throws InputError for a bad font registry
  }

  private async build(quiet: boolean): Promise<boolean> {
    const { o, output } = this;
    const started = performance.now();
    this.started++;
    this.saving.cancel();
    let built: Awaited<ReturnType<typeof buildReport>>;
    try {
      const cache = this.cacheForBuild();
      built = await this.abandonable(buildReport(o, cache));
      this.read = new Set([...this.alwaysRead(), ...built.filesRead]);
      this.cacheFiles = new Set([...fontRegistryFiles(o).map((r) => r.file), ...built.themeFiles, ...cache.faces.files].map((f) => path.resolve(f)));
    } catch (e) {
      // what this build read is not known: the files of the last one, those named in the
      // problems, and those the problems are about (an image or a font not there yet)
      const about = e instanceof InputError ? e.problems.flatMap((p) => (p.about ? [p.about] : [])) : [];
      const named = e instanceof InputError ? e.problems.map((p) => path.resolve(p.pos.file)).filter((f) => existsSync(f)) : [];
      this.read = new Set([...this.read, ...this.alwaysRead(), ...named, ...about]);
      // a font file made (or a template) may mend the registry or the theme the cache holds
      about.forEach((f) => this.cacheFiles.add(f));
      if (!(e instanceof InputError)) this.stale = true; // a bug may have left the cache half-made
      if (quiet) return false;
      if (e instanceof InputError) shownProblems(e.problems).forEach((line) => this.log(line, true));
      else this.log(describeInternalError(e, this.o.input), true);
      const errors = e instanceof InputError ? e.problems.filter((p) => p.severity === 'error').length : 0; // (its warnings are not why)
      return this.notBuilt(e instanceof InputError ? `${errors} problem${errors > 1 ? 's' : ''}` : 'an internal error');
    }
    this.saving.after(this.cache!, built.themeFiles); // (a warm-up's cache is that of the build before it)
    if (quiet) return true;
    shownProblems(built.warnings).forEach((line) => this.log(line, true));
    try {
      writeFileAtomic(output, built.pdfParts);
    } catch (e) {
      this.log(e instanceof OutputError ? e.message : describeInternalError(e, this.o.input), true);
      return this.notBuilt('not written');
    }
    this.log(`${shownName(o.input)} -> ${shownName(output)}: ${built.pages.length} pages, ${this.verb()} in ${Math.round(performance.now() - started)} ms`);
    this.wrote = true;
    if (this.options.diff) this.compareAfter(built.pdf);
    return true;
  }

  /**
   * Prints what `pdf` changed in print since the base, without holding up the builds: a build
   * that starts meanwhile drops the comparison, and the base stays for the next (whose lines
   * then say what both changed).
   */
  private compareAfter(pdf: Buffer): void {
    const before = this.base;
    if (!before) return void (this.base = pdf);
    const build = this.started;
    const superseded = () => this.started !== build;
    this.comparing = printChanges(before, pdf, this.output, superseded).then(
      (lines) => {
        if (!lines) return;
        this.base = pdf;
        lines.forEach((line) => this.log(line));
      },
      (e: unknown) => {
        this.base = pdf;
        if (!superseded()) this.log(e instanceof EditionError ? `${shownName(this.output)}: not compared with ${LAST_BUILD} (${e.message})` : describeInternalError(e, this.o.input), true);
      },
    );
  }

  /** What a build does: builds the PDF until one of the session has written it, then rebuilds it. */
  private verb(): 'built' | 'rebuilt' {
    return this.wrote ? 'rebuilt' : 'built';
  }

  private notBuilt(why: string): false {
    this.log(`${shownName(this.o.input)}: not ${this.verb()} (${why}); ${existsSync(this.output) ? `${shownName(this.output)} is the last good build` : `no PDF written yet at ${shownName(this.output)}`}`, true);
    return false;
  }

  /** The build, unless `abandonBuild` ends it first. */
  private abandonable<T>(build: Promise<T>): Promise<T> {
    const abandoned = new Promise<never>((_, reject) => (this.abandon = reject));
    return Promise.race([build, abandoned]).finally(() => (this.abandon = undefined));
  }
}

/**
 * Takes a watch's lines: a build's outcome and the changes it made in print, and, with `problem`
 * true, what is wrong (the input's problems and warnings, a PDF or cache not written, a bug),
 * which the command prints on standard error, as `imprint build` does.
 */
export type WatchLog = (line: string, problem?: boolean) => void;

/** Watches until the process is stopped; `log` receives one line per build. */
export function watchReport(o: BuildOptions, output: string, log: WatchLog, options: WatchOptions = {}): void {
  const builds = new Watcher(o, output, log, options);
  let running = false;
  let again = false;
  let changed = false; // a change waits out its quiet time
  let timer: NodeJS.Timeout | undefined;
  let warmUps = -1; // silent rebuilds left; none before the first good build
  // a library may throw in a callback of its own, outside any build's promise: that ends the build, not the watch
  process.on('uncaughtException', (e) => builds.abandonBuild(e));
  process.on('unhandledRejection', (e) => builds.abandonBuild(e));
  const next = () => {
    if (again) {
      again = false;
      void build();
      return;
    }
    setImmediate(() => {
      if (running) return;
      collectYoungGarbage();
      lowerHelperThreads(); // those a build started too
    });
    if (warmUps > 0 && !changed) setImmediate(() => void warmUp());
  };
  const warmUp = async () => {
    if (running || changed || warmUps <= 0) return;
    warmUps--;
    running = true;
    if (!(await builds.warmUp(WARM_UPS - warmUps - 1))) warmUps = 0;
    running = false;
    next();
  };
  const build = async () => {
    changed = false;
    if (running) return void (again = true);
    running = true;
    const started = Date.now();
    if ((await builds.rebuild()) && warmUps < 0) warmUps = WARM_UPS;
    // files in folders watched only now: a change since the build started is not reported (not
    // the folder the PDF is written in: its time is that of the write)
    watchFoldersOf(builds.files, (folders) => builds.files.filter((f) => folders.includes(folderOf(f)) && !builds.writesInto(f) && changedSince(f, started)).forEach(onChange));
    running = false;
    next();
  };
  const onChange = (file: string) => {
    if (!builds.follows(file)) return;
    builds.changed(file);
    changed = true;
    warmUps = 0; // only before the first edit
    clearTimeout(timer);
    timer = setTimeout(() => void build(), SETTLE_MS);
    const seen = contentOf(file);
    setTimeout(() => {
      if (!sameContent(contentOf(file), seen)) onChange(file);
    }, LOOK_AGAIN_MS);
  };
  // chokidar loaded here, not with the CLI (its fs/promises and readline: 4 ms of every build's start-up)
  const { watch: watchFolders } = createRequire(import.meta.url)('chokidar') as typeof import('chokidar');
  const watched = new Set<string>();
  /**
   * Watches the folders of `files` not watched yet, each without its subfolders, then calls
   * `ready` with them. A file's folder, not the file: chokidar stops watching a file that is
   * removed, and an editor may remove it before writing it again, or rename another file over
   * it. Folders are only added (a session follows a handful).
   */
  const watchFoldersOf = (files: string[], ready: (folders: string[]) => void) => {
    const folders = [...new Set(files.map(folderOf))].filter((d) => !watched.has(d));
    if (!folders.length) return;
    folders.forEach((d) => watched.add(d));
    watchFolders(folders, { ignoreInitial: true, depth: 0 })
      .on('all', (_event, file) => onChange(path.resolve(file)))
      .on('error', (e) => {
        const why = watchFailure(e);
        if (why) log(`imprint: cannot watch ${(e as NodeJS.ErrnoException).path ?? folders.join(', ')} (${why}): a change there does not rebuild`, true);
      })
      .once('ready', () => ready(folders)); // once: chokidar 4 says it twice for a folder that does not exist
  };
  lowerHelperThreads();
  // the first build once its files are watched: an edit after its line is never missed
  watchFoldersOf(builds.files, () => void build());
}
