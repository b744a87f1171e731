/**
 * One report of `imprint build a.yaml b.yaml …`, built in turn or in a worker thread of the
 * pool: the places of the page images asked for are checked, then the PDF and the images are
 * written atomically by the worker (a stop signal held meanwhile, see `holdStopSignals`);
 * problems come back as formatted lines. The fonts stay open from one report to the next of the
 * same thread (a batch of reports shares its fonts, and their shaped characters); all else is
 * the report's own.
 */
import { buildReport, newBuildCache, renderReport, type BuildCache, type BuildOptions } from './pipeline.js';
import { InputError, shownProblems } from './problems.js';
import { holdStopSignals, OutputError, writeFileAtomic } from './output.js';
import { describeInternalError } from './internal-error.js';
import { saveBuildCache } from './build-cache/disk-cache.js';
import { pageImageFiles, refusePageImages, type ImageRequest } from './page-images.js';

export interface BuildJob {
  options: BuildOptions;
  output: string;
  /** Page images to write beside the PDF (`--png`). */
  images?: ImageRequest;
}

export type BuildOutcome =
  /** `images`: the page images written (`--png`). */
  | { ok: true; pages: number; ms: number; warnings: string[]; images?: string[] }
  /**
   * `internal`: a bug, not a problem of the input or the disk (exit status 3); `refused`: an
   * output that would replace a file it must not (exit status 2, as for `-o`), nothing written.
   */
  | { ok: false; problems: string[]; internal?: true; refused?: true };

/**
 * Builds one report. Every failure is an outcome, so one report never stops the others of a
 * batch: a problem of the input or of the output's disk, or an internal error (after which
 * this thread's fonts are opened afresh).
 */
export default async function buildJob({ options, output, images }: BuildJob): Promise<BuildOutcome> {
  const started = performance.now();
  let release: (() => Promise<void>) | undefined;
  try {
    const cache = cacheFor(options);
    const r = await buildReport(options, cache);
    const refused = images && refusePageImages(images, output, r.pages.length, r.filesRead);
    if (refused) return { ok: false, problems: [refused], refused: true };
    release = holdStopSignals(); // (laid out: a stop signal now waits for the file being written)
    writeFileAtomic(output, r.pdfParts);
    const warnings = [...shownProblems(r.warnings), ...saveBuildCache(cache, options, r.themeFiles, output)];
    const written = images && (await renderReport(r, pageImageFiles(images, output), cache.faces));
    if (written?.warning) warnings.push(written.warning);
    return { ok: true, pages: r.pages.length, ms: Math.round(performance.now() - started), warnings, images: written?.files };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, problems: shownProblems(e.problems) };
    if (e instanceof OutputError) return { ok: false, problems: [e.message] };
    fonts?.faces.close();
    fonts = undefined;
    return { ok: false, problems: [describeInternalError(e, options.input)], internal: true };
  } finally {
    await release?.();
  }
}

/** The fonts of this thread's last report, open. */
let fonts: Pick<BuildCache, 'faces' | 'textFonts'> | undefined;

/** A fresh cache for a report, with the fonts of the last one when they come from the same registry. */
function cacheFor(options: BuildOptions): BuildCache {
  const cache = newBuildCache(options);
  if (fonts && fonts.faces.registry.file === cache.faces.registry.file) return { ...cache, ...fonts };
  fonts?.faces.close();
  fonts = { faces: cache.faces, textFonts: cache.textFonts };
  return cache;
}
