/**
 * `imprint watch`: build, then rebuild whenever the content, the template folder or the font
 * registry changes. Fonts stay open and set paragraphs are kept between builds (a new theme or
 * font registry starts afresh); a failed build prints its problems and
 * keeps the last good PDF, and the watcher goes on. While nothing changes after the first
 * build, a few silent rebuilds warm the code up for the first edit.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { buildReport, fontRegistryFile, newBuildCache, type BuildOptions } from './pipeline.js';
import { formatProblem, InputError } from './problems.js';
import { writeFileAtomic } from './output.js';
import { collectYoungGarbage } from './young-garbage.js';

/** Quiet time after a change before rebuilding, ms (editors save in several steps). */
const SETTLE_MS = 30;

/**
 * Silent rebuilds after the first build, until the first change: the code of a rebuild is
 * compiled by V8 before the first edit instead of during it (the first edits took 2–3 times
 * as long as later ones). Nothing is written or printed.
 */
const WARM_UPS = 5;

/**
 * chokidar drops a file's change that comes within 50 ms of its last reported one (an editor
 * or formatter saving twice, a fix typed right after a build): each file reported is read
 * again once that window has passed, and a difference counts as a change of its own.
 */
const LOOK_AGAIN_MS = 80;

/** A file's bytes, or null when it cannot be read (removed, a folder). */
function contentOf(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}

function sameContent(a: Buffer | null, b: Buffer | null): boolean {
  return a === b || (!!a && !!b && a.equals(b));
}

/** Watches until the process is stopped; `log` receives one line per build. */
export function watchReport(o: BuildOptions, output: string, log: (line: string) => void): void {
  let cache = newBuildCache(o);
  let running = false;
  let again = false;
  let changed = false; // a change waits out its quiet time
  let timer: NodeJS.Timeout | undefined;
  let warmUps = -1; // silent rebuilds left; none before the first good build
  const next = () => {
    if (again) {
      again = false;
      void build();
      return;
    }
    setImmediate(() => {
      if (!running) collectYoungGarbage();
    });
    if (warmUps > 0 && !changed) setImmediate(() => void warmUp());
  };
  const warmUp = async () => {
    if (running || changed || warmUps <= 0) return;
    warmUps--;
    running = true;
    try {
      await buildReport(o, cache);
    } catch (e) {
      if (!(e instanceof InputError)) throw e; // an input problem: the next real build reports it
    } finally {
      running = false;
      next();
    }
  };
  const build = async () => {
    changed = false;
    if (running) return void (again = true);
    running = true;
    const started = performance.now();
    try {
      const r = await buildReport(o, cache);
      if (warmUps < 0) warmUps = WARM_UPS;
      r.warnings.forEach((w) => log(formatProblem(w)));
      writeFileAtomic(output, r.pdf);
      log(`${o.input} -> ${output}: ${r.pages.length} pages, rebuilt in ${Math.round(performance.now() - started)} ms`);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      e.problems.forEach((p) => log(formatProblem(p)));
      log(`${o.input}: not rebuilt (${e.problems.length} problem${e.problems.length > 1 ? 's' : ''}); ${output} is the last good build`);
    } finally {
      running = false;
      next();
    }
  };
  const paths = [o.input, path.join(o.projectDir, 'templates'), path.join(o.packageDir, 'templates'), fontRegistryFile(o)];
  const onChange = (file: string) => {
    if (file === fontRegistryFile(o) || file.endsWith('theme.yaml')) cache = newBuildCache(o);
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
  const { watch: watchFiles } = createRequire(import.meta.url)('chokidar') as typeof import('chokidar');
  watchFiles(paths, { ignoreInitial: true })
    .on('all', (_event, file) => onChange(file))
    // the first build once the watcher is listening: an edit after its line is never missed
    .on('ready', () => void build());
}
