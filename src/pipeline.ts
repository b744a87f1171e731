/**
 * The pipeline, top to bottom, one line per stage (see the architecture notes):
 * ① load → ② template → ③ theme and fonts → ④–⑦ lay out and compose, again until the
 * contents page numbers settle → ⑧ render.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadReport } from './content/load.js';
import { FaceSet } from './font/face.js';
import { loadFontRegistry, type RegistryFile } from './font/registry.js';
import { composePages } from './page/compose.js';
import type { DrawPage } from './page/draw.js';
import { InputError, ProblemList, type Problem } from './problems.js';
import { renderPdf, type PdfaLevel, type RenderCache } from './render/pdf.js';
import { sourceAttachments } from './source-archive.js';
import { keepOnly } from './kept-caches.js';
import { checkFontRoles, loadTheme } from './style/theme.js';
import { TemplateFolders } from './template/folders.js';
import { loadTemplates, type PageContext } from './template/templates.js';
import { reportView } from './template/view.js';
import { stylesOf } from './template/doc-tree.js';
import type { Report, Text } from './content/types.js';
import { inlinePlainText, parseInline } from './content/inline-markup.js';
import type { TextFont } from './text/text-font.js';
import type { SetParagraph } from './text/paragraph.js';
import { circled } from './block/footnotes.js';
import { restoreParagraphs, withDiskCache, type DiskCache } from './build-cache/disk-cache.js';
import { tocEntries, type DocTree } from './template/doc-tree.js';

/** Rounds of layout allowed for the contents numbers to settle. */
export const MAX_ROUNDS = 5;

export interface BuildOptions {
  /** The report's YAML file. */
  input: string;
  /** The project folder: its `templates/` and `fonts/` come first. */
  projectDir: string;
  /** Imprint's own folder: default templates and fonts. */
  packageDir: string;
  /** Imprint's version, for the PDF's Creator. */
  version: string;
  /** PDF/A conformance (overrides the theme's `pdfa:`). */
  pdfa?: PdfaLevel;
  /** Read the report's build cache on disk, and link the build to it (see build-cache/disk-cache.ts). */
  diskCache?: boolean;
  /** Told as each stage of the layout loop and the render begins (a progress line); called in the build's thread. */
  onProgress?: (p: BuildProgress) => void;
}

/** Where a build is: a round of layout (1-based) begins, or the PDF of `pages` pages is being written. */
export type BuildProgress = { stage: 'layout'; round: number } | { stage: 'render'; pages: number };

/** Milliseconds spent in each stage of one build. */
export type StageTimes = Record<'load' | 'template' | 'theme' | 'layout' | 'render', number>;

export interface BuildResult {
  report: Report;
  /** The theme files used (the template's own first). */
  themeFiles: string[];
  /**
   * Every file the build read, absolute, each once, in a stable order: the content, the
   * template folders and their files, the theme files, the font registries, the font files, the
   * images (watch follows them).
   */
  filesRead: string[];
  /** PDF/A conformance asked for by the options or the theme. */
  pdfa?: PdfaLevel;
  /** Time per stage, ms (layout: all rounds together). */
  times: StageTimes;
  pages: DrawPage[];
  /** Layout rounds until the contents numbers settled. */
  rounds: number;
  warnings: Problem[];
}

/**
 * What one build may hand to the next in the same process: open fonts, shaped text, set
 * paragraphs (keyed by text and style, so an edit sets only what changed), encoded font
 * subsets (an edit rarely brings a new character) and deflated page contents.
 */
export interface BuildCache {
  faces: FaceSet;
  textFonts: Map<string, TextFont>;
  setCache: Map<string, SetParagraph>;
  render: RenderCache;
  /**
   * The page labels of the anchors the last build found: the next build lays out with them
   * first, so after an edit that moves no heading to another page one round is enough.
   */
  pageLabels: Map<string, string>;
  /** The per-page footnote markers the last build found (see block/footnotes.ts). */
  noteMarkers: Map<number, string>;
  /** The report's cache file, when the build reads and writes one (see build-cache/disk-cache.ts). */
  disk?: DiskCache;
}

/** A fresh cache (fonts found through Imprint's registry and the project's). */
export function newBuildCache(o: BuildOptions): BuildCache {
  const cache: BuildCache = { faces: new FaceSet(loadFontRegistry(fontRegistryFiles(o))), textFonts: new Map(), setCache: new Map(), render: { programs: new Map(), contents: new Map() }, pageLabels: new Map(), noteMarkers: new Map() };
  return o.diskCache ? withDiskCache(cache, o) : cache;
}

/**
 * Stages ①–⑦: everything but writing the PDF. Throws `InputError` for bad input. `kept`: the
 * cache of an earlier build (or of the build this is part of); without one, the font files
 * opened are closed when it ends.
 */
export function layoutReport(o: BuildOptions, kept?: BuildCache): BuildResult {
  const cache = kept ?? newBuildCache(o);
  try {
    return layoutWith(o, cache);
  } finally {
    if (!kept) cache.faces.close();
  }
}

function layoutWith(o: BuildOptions, cache: BuildCache): BuildResult {
  const { faces, textFonts, setCache } = cache;
  const times: StageTimes = { load: 0, template: 0, theme: 0, layout: 0, render: 0 };
  let t = performance.now();
  const lap = (stage: keyof StageTimes) => {
    const now = performance.now();
    times[stage] += now - t;
    t = now;
  };
  const report = loadReport(o.input); // ①
  lap('load');
  const folders = new TemplateFolders([o.projectDir, o.packageDir]);
  const templates = loadTemplates(folders.dirOf(report.meta.template.text, report.meta.template.pos), folders); // ②
  lap('template');
  const theme = loadTheme(templates.themeFile, folders); // ③ (before the view: the theme says how headings are numbered)
  lap('theme');
  const view = reportView(report, theme.numbering);
  const doc = templates.renderDocument(view);
  const fontProblems = new ProblemList();
  checkFontRoles(theme, faces.registry, fontProblems, new Set(doc.matters.flatMap((m) => [...stylesOf(m.children)])));
  fontProblems.throwIfErrors();
  const furniture = {
    renderHeader: (pc: PageContext) => templates.renderHeader({ ...pc, report: view.report }),
    renderFooter: (pc: PageContext) => templates.renderFooter({ ...pc, report: view.report }),
  };
  lap('template');
  restoreParagraphs(cache); // those of the cache on disk, in this build's fonts
  let pageLabels = cache.pageLabels;
  let noteMarkers = cache.noteMarkers;
  const setUsed = new Set<string>();
  for (let round = 1; ; round++) {
    // ④–⑦, then again with the page numbers found, until they stop changing
    o.onProgress?.({ stage: 'layout', round });
    const problems = new ProblemList();
    const ctx = { theme, faces, problems, pageLabels, pageLabelsRead: new Map<string, string>(), notes: [], noteMarkers, noteMarkersRead: new Map<number, string>(), targets: view.targets, textFonts, setCache, setUsed, images: report.images, tagCount: { n: 0 }, charPos: report.charPos, templatePos: { file: path.join(templates.dir, 'document.hbs'), line: 1, col: 1 } };
    const pages = composePages(ctx, doc, furniture);
    problems.throwIfErrors();
    const found = anchorLabels(pages);
    const markers = noteMarkersOf(pages);
    // (composePages gave the contents the labels of this round's other matters: compare with those)
    if (sameLabels(found, ctx.pageLabels) && agreeWith(found, ctx.pageLabelsRead) && agreeWith(markers, ctx.noteMarkersRead)) {
      checkTargets(doc, found, ctx.templatePos.file);
      cache.pageLabels = found;
      cache.noteMarkers = markers;
      keepOnly(setCache, setUsed); // paragraphs edited away go
      lap('layout');
      const filesRead = filesReadBy(report, templates.files, theme.files, faces);
      return { report, themeFiles: theme.files, filesRead, pdfa: o.pdfa ?? theme.pdfa, times, pages, rounds: round, warnings: [...report.warnings, ...problems.warnings()] };
    }
    if (round === MAX_ROUNDS) throw unsettled([...changes(ctx.pageLabels, found), ...changes(ctx.pageLabelsRead, found), ...changes(ctx.noteMarkersRead, markers, 'footnote ')], ctx.templatePos.file);
    pageLabels = found;
    noteMarkers = markers;
  }
}

/**
 * The whole build: layout, then ⑧ render to PDF bytes. `kept`: the cache of an earlier build
 * (watch); without one, the font files this build opened are closed when it ends.
 */
export async function buildReport(o: BuildOptions, kept?: BuildCache): Promise<BuildResult & { pdf: Buffer }> {
  const cache = kept ?? newBuildCache(o);
  try {
    return await buildWith(o, cache);
  } finally {
    if (!kept) cache.faces.close(); // font files stay open only for a cache that is kept
  }
}

async function buildWith(o: BuildOptions, cache: BuildCache): Promise<BuildResult & { pdf: Buffer }> {
  const faces = cache.faces;
  const result = layoutReport(o, cache); // ①–⑦
  const { meta } = result.report;
  const started = performance.now();
  o.onProgress?.({ stage: 'render', pages: result.pages.length });
  const pdf = await renderPdf(result.pages, faces, {
    title: plain(meta.title) + (meta.subtitle ? plain(meta.subtitle) : ''),
    author: meta.issuer && plain(meta.issuer),
    subject: plain(meta.title),
    keywords: meta.keywords,
    date: documentDate(meta.date?.text),
    creator: `Imprint ${o.version}`,
    lang: 'zh-CN',
    pdfa: result.pdfa,
    attachments: result.pdfa === '3b' ? sourceAttachments(o, result, faces) : undefined,
  }, cache.render);
  result.times.render = performance.now() - started;
  return { ...result, pdf };
}

/** A text of the content as the PDF's metadata gives it: the words, without markup. */
function plain(t: Text): string {
  return inlinePlainText(parseInline(t.text).nodes);
}

/** See `BuildResult.filesRead`; the images are those the loader checked, wherever their figures stand. */
function filesReadBy(report: Report, templateFiles: string[], themeFiles: string[], faces: FaceSet): string[] {
  const files = [report.file, ...templateFiles, ...themeFiles, ...faces.registry.files, ...faces.files, ...report.images.keys()];
  return [...new Set(files.map((f) => path.resolve(f)))];
}

/**
 * The font registries of a build: Imprint's own (`npm:` fonts from Imprint's packages), then
 * the project's `fonts/fonts.yaml` when it has one (`npm:` fonts from the project's packages
 * first, then Imprint's), which adds roles and may replace them.
 */
export function fontRegistryFiles(o: BuildOptions): RegistryFile[] {
  const imprint = { file: path.join(o.packageDir, 'fonts', 'fonts.yaml'), npmFrom: [o.packageDir] };
  const own = path.join(o.projectDir, 'fonts', 'fonts.yaml');
  if (path.resolve(own) === path.resolve(imprint.file) || !existsSync(own)) return [imprint];
  return [imprint, { file: own, npmFrom: [path.dirname(own), o.packageDir] }];
}

/** The date written into the PDF: from `report.date` (e.g. `2026 年 1 月`), else 2000-01-01. */
export function documentDate(text: string | undefined): Date {
  const m = /(\d{4})\D+(\d{1,2})(?:\D+(\d{1,2}))?/.exec(text ?? '') ?? /(\d{4})/.exec(text ?? '');
  if (!m) return new Date(Date.UTC(2000, 0, 1));
  return new Date(Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1));
}

function anchorLabels(pages: DrawPage[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of pages) for (const a of p.anchors) if (!out.has(a.id)) out.set(a.id, a.label);
  return out;
}

function sameLabels(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

/** Every contents entry must point at an anchor that exists. */
function checkTargets(doc: DocTree, labels: Map<string, string>, file: string): void {
  const missing = doc.matters.flatMap((m) => tocEntries(m.children).map((e) => e.target)).filter((t) => !labels.has(t));
  if (missing.length)
    throw new InputError(missing.map((t) => ({ pos: { file, line: 1, col: 1 }, message: `contents entry points at "${t}", which no heading, table, case or figure has as id`, severity: 'error' })));
}

/** The per-page marker of each footnote: ① for the first note that starts on a page, ② … */
function noteMarkersOf(pages: DrawPage[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const p of pages) p.notes.forEach((id, i) => out.set(id, circled(i + 1)));
  return out;
}

/** Whether every page label (or marker) printed is that the pages give. */
function agreeWith<K>(found: Map<K, string>, read: Map<K, string>): boolean {
  return [...read].every(([anchor, label]) => found.get(anchor) === label);
}

/** What the last round printed (`before`) that the pages it made (`after`) contradict: `anchor: before → after`. */
function changes<K>(before: Map<K, string>, after: Map<K, string>, prefix = ''): string[] {
  return [...before].filter(([k, v]) => after.get(k) !== v).map(([k, v]) => `${prefix}${String(k)}: ${v} → ${after.get(k) ?? '?'}`);
}

function unsettled(changed: string[], file: string): InputError {
  const still = [...new Set(changed)].slice(0, 5).join(', ');
  return new InputError([
    { pos: { file, line: 1, col: 1 }, message: `page numbers of the contents and cross-references, and footnote markers, did not settle after ${MAX_ROUNDS} layouts (still changing: ${still})`, severity: 'error' },
  ]);
}
