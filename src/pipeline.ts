/**
 * The pipeline, top to bottom, one call per stage (see the architecture notes in README.md):
 * ① load → ② templates → ③ theme and fonts → ④–⑤ lay out the matters (text, blocks) → ⑥
 * paginate them → ⑦ compose the pages, ④–⑦ again with the page numbers found until they settle
 * → ⑧ render. Each stage takes values and returns values; what a round of ④–⑦ printed that
 * depends on the pages (contents page numbers, cross-references, footnote markers) comes back
 * from it, to be compared with the pages it made.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadReport } from './content/load.js';
import { FaceSet } from './font/face.js';
import { loadFontRegistry, type RegistryFile } from './font/registry.js';
import { composePages, type FurnitureRenderer } from './page/compose.js';
import { contentsKept, documentLeftOut } from './template/left-out.js';
import { anchorLabelsOf, layOutMatter, paginateMatter } from './page/matters.js';
import { coverProblem, fittedCover, overfullRuns, type OverfullRun } from './page/cover-fit.js';
import type { DrawPage } from './page/draw.js';
import { InputError, keepingWarnings, ProblemList, type Problem, type SourcePos } from './problems.js';
import { pdfRenderer, type PdfaLevel, type RenderCache } from './render/pdf.js';
import type { PdfParts } from './render/pdf-bytes.js';
import { pdfaImageProblems } from './render/pdfa-images.js';
import type { DocumentInfo, Renderer } from './render/renderer.js';
import { sourceAttachments } from './source-archive.js';
import { keepOnly } from './kept-caches.js';
import { checkFontRoles, readTheme, type Theme } from './style/theme.js';
import { TemplateFolders } from './template/folders.js';
import { loadTemplates, type PageContext, type TemplateSet } from './template/templates.js';
import { reportView } from './template/view.js';
import { stylesOf } from './template/doc-tree.js';
import type { Report, ReportMeta, Text } from './content/types.js';
import { inlinePlainText, parseInline } from './content/inline-markup.js';
import { reportDate } from './content/report-date.js';
import type { TextFont } from './text/text-font.js';
import type { Reference } from './text/inline.js';
import type { SetParagraph } from './text/paragraph.js';
import type { LayoutContext } from './block/context.js';
import { perPageMarkers } from './block/footnotes.js';
import { missingTotal } from './block/missing-chars.js';
import { referenceWords } from './block/references.js';
import type { CheckedImage } from './content/image-file.js';
import { restoreParagraphs, withDiskCache, type DiskCache } from './build-cache/disk-cache.js';
import { tocEntries, type DocTree, type Matter } from './template/doc-tree.js';

export type { PdfaLevel };

/** Rounds of layout allowed for the contents numbers to settle. */
export const MAX_ROUNDS = 5;

export interface BuildOptions {
  /** The report's YAML file. */
  input: string;
  /** The project folder: its `templates/` and `fonts/` come first. */
  projectDir: string;
  /** Imprint's own folder: default templates and fonts. */
  packageDir: string;
  /** Imprint's version, for the outputs' creator (the PDF's Creator). */
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
  /** The images read, checked, by absolute path: the content's, and those a template's figures name. */
  images: ReadonlyMap<string, CheckedImage>;
  /** PDF/A conformance asked for by the options or the theme. */
  pdfa?: PdfaLevel;
  /** Time per stage, ms (layout: all rounds together). */
  times: StageTimes;
  /** The finished pages (lengths in pt). */
  pages: DrawPage[];
  /** What the document says about itself, for every output (from the report's `report:`). */
  document: DocumentInfo;
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

/**
 * Makes the next build with `cache` do the work a build after an edit does, to the same PDF:
 * one in `share` of the set paragraphs (the `turn`-th, in the cache's order), at most `most`
 * of them, is set again, and so the pages that hold them are drawn again (their lines are
 * new). For watch's warm-ups (see watch.ts).
 */
export function rehearseEdit(cache: BuildCache, turn: number, share: number, most: number): void {
  const keys = [...cache.setCache.keys()].filter((_, i) => i % share === turn % share);
  keys.slice(0, most).forEach((key) => cache.setCache.delete(key));
}

/** A fresh cache (fonts found through Imprint's registry and the project's). */
export function newBuildCache(o: BuildOptions): BuildCache {
  const cache: BuildCache = { faces: new FaceSet(loadFontRegistry(fontRegistryFiles(o))), textFonts: new Map(), setCache: new Map(), render: { programs: new Map(), contents: new Map(), pages: [] }, pageLabels: new Map(), noteMarkers: new Map() };
  return o.diskCache ? withDiskCache(cache, o) : cache;
}

/**
 * Stages ①–⑦: everything but an output. Throws `InputError` for bad input. `kept`: the cache of
 * an earlier build (or of the build this is part of); without one, the font files opened are
 * closed when it ends.
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
  const started = performance.now();
  const report = loadReport(o.input); // ①
  const load = performance.now() - started;
  return keepingWarnings(report.warnings, () => layoutLoaded(o, cache, report, load)); // (a later stage's errors come with the content's warnings)
}

/** Stages ②–⑦ of `report`, loaded in `loadMs`. */
function layoutLoaded(o: BuildOptions, cache: BuildCache, report: Report, loadMs: number): BuildResult {
  const { faces, setCache } = cache;
  const times: StageTimes = { load: loadMs, template: 0, theme: 0, layout: 0, render: 0 };
  let t = performance.now();
  const lap = (stage: keyof StageTimes) => {
    const now = performance.now();
    times[stage] += now - t;
    t = now;
  };
  const folders = new TemplateFolders([o.projectDir, o.packageDir]);
  const templates = loadTemplates(folders.dirOf(report.meta.template.text, report.meta.template.pos), folders); // ②
  lap('template');
  const { theme, problems: themeProblems } = readTheme(templates.themeFile, folders); // ③ (its problems reported with its font roles')
  lap('theme');
  const inputs = roundInputs(report, templates, theme, cache, themeProblems); // the document tree (after ③: the theme says how headings are numbered)
  lap('template');
  const { doc, context } = inputs;
  const pdfa = o.pdfa ?? theme.pdfa;
  const unarchivable = pdfa ? pdfaImageProblems(doc, pdfa, context.templatePos) : [];
  if (unarchivable.length) throw new InputError(unarchivable);
  restoreParagraphs(cache); // those of the cache on disk, in this build's fonts
  let last: PageFacts = { pageLabels: cache.pageLabels, noteMarkers: cache.noteMarkers };
  for (let round = 1; ; round++) {
    o.onProgress?.({ stage: 'layout', round });
    // an error the round throws as it meets it (a style or font role that is not there) comes with the warnings it found before
    const problems = new ProblemList();
    const { pages, printed, overfull } = keepingWarnings(() => problems.warnings(), () => layoutRound(inputs, last, problems)); // ④–⑦
    for (const run of overfull) {
      const p = coverProblem(run, { theme, themeFile: templates.themeFile, whereWritten: templates.whereWritten, report: report.file, usersOwn: usersOwn(o), fallback: context.templatePos });
      problems.warn(p.pos, p.message);
    }
    problems.throwIfErrors();
    const found = pageFactsOf(pages);
    if (settled(found, printed)) {
      checkTargets(doc, found.pageLabels, context.templatePos.file, templates.whereWritten, problems);
      problems.throwIfErrors();
      cache.pageLabels = found.pageLabels;
      cache.noteMarkers = found.noteMarkers;
      keepOnly(setCache, context.setUsed); // paragraphs edited away go
      lap('layout');
      const filesRead = filesReadBy(report, doc, templates.files, theme.files, faces);
      const document = documentInfo(report.meta, o.version, theme.lang, referenceWords(context.targets, theme.references, found.pageLabels));
      const warnings = [...report.warnings, ...documentLeftOut(report, doc), ...contentsKept(report, doc), ...problems.warnings()];
      const missing = missingTotal(warnings);
      if (missing) warnings.push(missing);
      return { report, themeFiles: theme.files, filesRead, images: new Map([...report.images, ...doc.images]), pdfa, times, pages, document, rounds: round, warnings };
    }
    if (round === MAX_ROUNDS) {
      unsettled([...changes(printed.contentsLabels, found.pageLabels), ...changes(printed.referenceLabels, found.pageLabels), ...changes(printed.noteMarkers, found.noteMarkers, 'footnote ')], context.templatePos.file, problems);
      problems.throwIfErrors();
    }
    last = found;
  }
}

/**
 * Whether a file (of a template, a theme) is the user's: not of Imprint's own templates, unless
 * Imprint's checkout is the project (its developers are its users).
 */
function usersOwn(o: BuildOptions): (file: string) => boolean {
  const imprint = path.join(path.resolve(o.packageDir), 'templates');
  if (path.resolve(o.projectDir) === path.resolve(o.packageDir)) return () => true;
  return (file) => {
    const relative = path.relative(imprint, path.resolve(file));
    return relative.startsWith('..') || path.isAbsolute(relative);
  };
}

/** What every round of layout is given: the document tree, its running heads and footers, and the layout context but what a round has afresh. */
export interface RoundInputs {
  doc: DocTree;
  furniture: FurnitureRenderer;
  context: Omit<LayoutContext, RoundOwn>;
}

/**
 * The document tree the templates make of the report, numbered as the theme says, its styles'
 * font roles checked against the cache's registry; with the running heads and footers and what
 * the layout is set with in every round. Throws `InputError` with the problems of the theme's
 * values (`themeProblems`: the theme was made with those values at their defaults) and of the
 * font roles its styles name, all together; or with the template's, when the theme has none.
 */
export function roundInputs(report: Report, templates: TemplateSet, theme: Theme, cache: BuildCache, themeProblems: readonly Problem[] = []): RoundInputs {
  const { faces, textFonts, setCache } = cache;
  const view = reportView(report, theme.numbering);
  const doc = unlessTheThemeFails(themeProblems, () => templates.renderDocument(view, theme));
  const problems = new ProblemList();
  for (const p of themeProblems) problems.error(p.pos, p.message, p.about);
  checkFontRoles(theme, faces.registry, problems, new Set(doc.matters.flatMap((m) => [...stylesOf([...m.children, ...m.colophon])])));
  problems.throwIfErrors();
  const furniture: FurnitureRenderer = {
    renderHeader: (pc: PageContext) => templates.renderHeader({ ...pc, report: view.report }, theme),
    renderFooter: (pc: PageContext) => templates.renderFooter({ ...pc, report: view.report }, theme),
  };
  const templatePos = { file: templates.documentFile, line: 1, col: 1 };
  return { doc, furniture, context: { theme, faces, targets: view.targets, textFonts, setCache, setUsed: new Set(), writtenText: report.writtenText, templatePos, whereWritten: templates.whereWritten } };
}

/**
 * What `stage` (a stage after the theme's) returns. When it throws an `InputError` and the theme
 * has problems (`themeProblems`), those are thrown alone: the stage's may be their consequence
 * (a style the theme lacks because its value was not a mapping), and are found once they are
 * mended.
 */
function unlessTheThemeFails<T>(themeProblems: readonly Problem[], stage: () => T): T {
  try {
    return stage();
  } catch (e) {
    if (e instanceof InputError && themeProblems.length) throw new InputError([...themeProblems]);
    throw e;
  }
}

/** The parts of the layout context each round has afresh: the labels it is given, and what it records. */
type RoundOwn = 'problems' | 'pageLabels' | 'pageLabelsRead' | 'notes' | 'noteMarkers' | 'noteMarkersRead' | 'tagCount';

/** What pages show that the layout depends on: the page label of each anchor id, the per-page marker of each footnote by its number. */
export interface PageFacts {
  pageLabels: Map<string, string>;
  noteMarkers: Map<number, string>;
}

/** What a round printed that depends on the pages: it is final when these agree with the pages it made. */
export interface Printed {
  /** The page label of each anchor the contents were given: the last round's, with those this round's matters without contents found. */
  contentsLabels: Map<string, string>;
  /** The page labels cross-references (`[[id#page]]`) printed, by anchor id (see block/references.ts). */
  referenceLabels: Map<string, string>;
  /** The per-page footnote markers printed, by note number (see block/footnotes.ts). */
  noteMarkers: Map<number, string>;
}

/**
 * ④–⑦ One round of layout with the page labels and note markers of the last (the last build's
 * in the first round, or none): its pages, its problems, and what it printed. A matter numbers
 * its own pages, so the labels of a matter without contents entries do not depend on the
 * others: those are laid out and paginated first, and the matters with contents entries are
 * given their labels; the contents are then right in the first round unless they point into
 * their own matter. `problems`: where the round collects its problems (a new list unless given).
 */
export function layoutRound({ doc, furniture, context }: RoundInputs, last: PageFacts, problems = new ProblemList()): { pages: DrawPage[]; problems: ProblemList; printed: Printed; overfull: OverfullRun[] } {
  const referenceLabels = new Map<string, string>();
  const noteMarkers = new Map<number, string>();
  const ctx: LayoutContext = { ...context, problems, pageLabels: last.pageLabels, pageLabelsRead: referenceLabels, notes: [], noteMarkers: last.noteMarkers, noteMarkersRead: noteMarkers, tagCount: { n: 0 } };
  const hasContents = doc.matters.map((m) => tocEntries(m.children).length > 0);
  const overfull: OverfullRun[] = [];
  /** ④–⑤, ⑥ a matter, a cover's runs fitted to their pages, those still too tall found (see page/cover-fit.ts) */
  const paginated = (c: LayoutContext, m: Matter) => {
    const { items, colophon } = layOutMatter(c, m);
    const laid = { matter: m, items: fittedCover(ctx.theme, m, items), colophon };
    const done = paginateMatter(ctx.theme, laid);
    overfull.push(...overfullRuns(ctx.theme, m, laid.items, done.pages.length));
    return done;
  };
  const withoutContents = doc.matters.filter((_, i) => !hasContents[i]).map((m) => paginated(ctx, m)); // ④–⑤, ⑥
  const contentsLabels = hasContents.includes(true) ? new Map([...last.pageLabels, ...withoutContents.flatMap(anchorLabelsOf)]) : last.pageLabels;
  const given: LayoutContext = { ...ctx, pageLabels: contentsLabels };
  const withContents = doc.matters.filter((_, i) => hasContents[i]).map((m) => paginated(given, m)); // ④–⑤, ⑥
  const all = [...withoutContents, ...withContents];
  const pages = composePages(given, doc.matters.map((m) => all.find((p) => p.matter === m)!), furniture); // ⑦
  return { pages, problems: ctx.problems, printed: { contentsLabels, referenceLabels, noteMarkers }, overfull };
}

/** Whether a round is final: its pages show what it printed. */
function settled(found: PageFacts, printed: Printed): boolean {
  return sameLabels(found.pageLabels, printed.contentsLabels) && agreeWith(found.pageLabels, printed.referenceLabels) && agreeWith(found.noteMarkers, printed.noteMarkers);
}

/** The PDF a build made. */
export interface BuiltPdf {
  /** Its bytes in the parts they were made in, for writing to a file (see render/pdf-bytes.ts). */
  pdfParts: PdfParts;
  /** Its bytes in one buffer: the parts joined, a new copy at each read. */
  readonly pdf: Buffer;
}

/**
 * The whole build of `imprint build`: ①–⑦, then ⑧ the PDF. `kept`: the cache of an earlier
 * build (watch); without one, the font files this build opened are closed when it ends.
 */
export async function buildReport(o: BuildOptions, kept?: BuildCache): Promise<BuildResult & BuiltPdf> {
  const cache = kept ?? newBuildCache(o);
  try {
    const laid = layoutReport(o, cache); // ①–⑦
    const started = performance.now();
    o.onProgress?.({ stage: 'render', pages: laid.pages.length });
    const attachments = laid.pdfa === '3b' ? keepingWarnings(laid.warnings, () => sourceAttachments(o, laid, cache.faces)) : undefined;
    const pdfParts = await renderReport(laid, pdfRenderer({ pdfa: laid.pdfa, attachments, cache: cache.render }), cache.faces); // ⑧
    return {
      ...laid,
      times: { ...laid.times, render: performance.now() - started },
      pdfParts,
      get pdf() {
        return Buffer.concat(pdfParts);
      },
    };
  } finally {
    if (!kept) cache.faces.close(); // font files stay open only for a cache that is kept
  }
}

/**
 * ⑧ An output of a laid-out report: what `renderer` makes of its pages. `faces`: those of the
 * cache the layout used, still open.
 */
export function renderReport<Out>(laid: BuildResult, renderer: Renderer<Out>, faces: FaceSet): Promise<Out> {
  return renderer.render({ pages: laid.pages, document: laid.document, faces });
}

/** What the document says about itself, from the report's `report:`; `words`: a cross-reference's words, as the pages print them. */
function documentInfo(meta: ReportMeta, version: string, lang: string, words: (ref: Reference) => string): DocumentInfo {
  const plain = (t: Text) => inlinePlainText(parseInline(t.text).nodes, words);
  return {
    title: meta.subtitle ? withSubtitle(plain(meta.title), plain(meta.subtitle)) : plain(meta.title),
    author: meta.issuer && plain(meta.issuer),
    subject: plain(meta.title),
    keywords: meta.keywords,
    date: documentDate(meta.date?.text),
    creator: `Imprint ${version}`,
    lang,
  };
}

/**
 * A title and its subtitle as one line: joined as written when the subtitle opens with a
 * bracket, dash or colon (`报告（2025 年度）`, `报告——基于…`), else with a colon, as GB/T 7714
 * sets other title information (`报告：基于…`).
 */
function withSubtitle(title: string, subtitle: string): string {
  return /^[\p{Ps}\p{Pd}:：]/u.test(subtitle) ? title + subtitle : `${title}：${subtitle}`;
}

/** See `BuildResult.filesRead`; the images are those the loader checked, wherever their figures stand, and those the template's figures name. */
function filesReadBy(report: Report, doc: DocTree, templateFiles: string[], themeFiles: string[], faces: FaceSet): string[] {
  const files = [report.file, ...templateFiles, ...themeFiles, ...faces.registry.files, ...faces.files, ...report.images.keys(), ...doc.images.keys()];
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

/** The date written into the PDF: from `report.date` (e.g. `2026 年 1 月`; the loader refused one that does not exist), else 2000-01-01. */
function documentDate(text: string | undefined): Date {
  const named = text === undefined ? undefined : reportDate(text);
  return named && 'date' in named ? named.date : new Date(Date.UTC(2000, 0, 1));
}

/** What the pages show: the label of the first page each anchor stands on, and each footnote's marker (see perPageMarkers). */
export function pageFactsOf(pages: readonly DrawPage[]): PageFacts {
  const pageLabels = new Map<string, string>();
  for (const p of pages) for (const a of p.anchors) if (!pageLabels.has(a.id)) pageLabels.set(a.id, a.label);
  return { pageLabels, noteMarkers: perPageMarkers(pages) };
}

function sameLabels(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

/**
 * Every contents entry must point at an anchor that exists: one that does not is an error at the
 * title it lists, in the content (a template of the user's that sets it without its id), else
 * (an entry a template writes of its own) at its target where a template writes it
 * (`whereWritten`, the user's own templates first), else at `file`; added to `problems`.
 */
function checkTargets(doc: DocTree, labels: Map<string, string>, file: string, whereWritten: (needle: string) => SourcePos | undefined, problems: ProblemList): void {
  const missing = doc.matters.flatMap((m) => tocEntries(m.children)).filter((e) => !labels.has(e.target));
  const written = (target: string) => whereWritten(`target="${target}"`) ?? whereWritten(`target='${target}'`);
  for (const e of missing)
    problems.error(
      e.at ?? written(e.target) ?? { file, line: 1, col: 1 },
      e.at
        ? 'the contents (or the list of tables and cases) lists this title, but nothing in the document has its id: the template that sets it gives it none (write id="{{id}}" on its <h>, <table>, <case> or <figure>)'
        : `contents entry points at "${e.target}", which no heading, table, case or figure has as id`,
    );
}

/** Whether every page label (or marker) printed is that the pages give. */
function agreeWith<K>(found: Map<K, string>, read: Map<K, string>): boolean {
  return [...read].every(([anchor, label]) => found.get(anchor) === label);
}

/** What the last round printed (`before`) that the pages it made (`after`) contradict: `anchor: before → after`. */
function changes<K>(before: Map<K, string>, after: Map<K, string>, prefix = ''): string[] {
  return [...before].filter(([k, v]) => after.get(k) !== v).map(([k, v]) => `${prefix}${String(k)}: ${v} → ${after.get(k) ?? '?'}`);
}

/** The error of pages that did not settle (`changed`: what still changed), added to `problems`. */
function unsettled(changed: string[], file: string, problems: ProblemList): void {
  const still = [...new Set(changed)].slice(0, 5).join(', ');
  problems.error({ file, line: 1, col: 1 }, `page numbers of the contents and cross-references, and footnote markers, did not settle after ${MAX_ROUNDS} layouts (still changing: ${still})`);
}
