/**
 * Stage ②: the template folder (`templates/<name>/`): Handlebars files rendered with the report
 * view into markup, parsed into the document tree; the page header and footer templates,
 * rendered per page.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { InputError, shownFile, type Problem, type SourcePos } from '../problems.js';
import { columnOf } from '../text-column.js';
import { columnOfUnit } from './text-place.js';
import { themeChain } from '../style/theme-source.js';
import type { DocTree, FurnitureTree } from './doc-tree.js';
import type { TemplateFolders } from './folders.js';
import { createEnv, nextInlineBuild, parseTemplate, type Env } from './handlebars-env.js';
import { callProblem, type InlineKnown } from './calls.js';
import { checkInlineValue, MissingData } from './missing-data.js';
import { inheritedInline, inlineDefinitions } from './inline-partials.js';
import { writerAt } from './partial-writer.js';
import { looseTextNear } from './loose-text.js';
import { KeptResults } from '../kept-caches.js';
import { PAGE_OPTIONS, PARTIAL_OPTIONS, precompiled } from './precompiled.js';
import { MarkupError, parseDocument, parseFurniture, type FigureImages, type ThemeStyles } from './markup.js';
import { checkImage, type CheckedImage } from '../content/image-file.js';
import type { ReportView } from './view.js';

/** What a page's header and footer templates see. */
export interface PageContext {
  /** The page's label as printed (`3`, `ii`), empty on unnumbered pages. */
  page: string;
  /** Count of pages in the document. */
  pages: number;
  /** Title of the chapter running on the page, if any (as bookmarked: `2 服务贡献`). */
  chapter?: string;
  /** An odd (recto) page number: for page numbers outside, GB/T 9704 style. */
  odd: boolean;
  /** A chapter opens this page: its title is the page's first block (no running head there); one run on below other text does not. */
  opening: boolean;
  /** The report's cover data (title, subtitle, issuer, date). */
  report?: ReportView['report'];
}

/** Templates rendered per page or for the whole document, not partials. */
export const PAGE_TEMPLATES = ['document.hbs', 'footer.hbs', 'header.hbs'];

/** A loaded template folder. */
export interface TemplateSet {
  dir: string;
  /** Theme file of the template. */
  themeFile: string;
  /** The `document.hbs` the document is rendered with: the folder's own, or that of the template it extends. */
  documentFile: string;
  /** What the templates were read from, absolute: each template folder (its list of `.hbs` files) and each `.hbs` file. */
  files: string[];
  /** With `theme`, every `style="…"` the markup writes must be a style of it (else an error in the template that writes it). */
  renderDocument(view: ReportView, theme?: ThemeStyles): DocTree;
  renderFooter(ctx: PageContext, theme?: ThemeStyles): FurnitureTree;
  /** Empty when the template has no `header.hbs`. */
  renderHeader(ctx: PageContext, theme?: ThemeStyles): FurnitureTree;
  /** Where a text (markup as a template writes it: `<vspace size="100mm"`) first stands in the templates, the folder's own files first. */
  whereWritten(needle: string): SourcePos | undefined;
}

/** The templates compiled last, by their folder and sources (a watch session compiles once). */
let compiled: { key: string; set: TemplateSet } | undefined;

/**
 * Compiles every `.hbs` of the folder: `document.hbs`, `footer.hbs`, `header.hbs` (optional),
 * the rest as partials. A folder whose theme says `extends: NAME` takes the files it lacks from
 * that template (found and read through `folders`). The same folder with the same sources as
 * last time gives the templates compiled then.
 */
export function loadTemplates(dir: string, folders: TemplateFolders): TemplateSet {
  const sources = templateSources(dir, folders);
  const key = [dir, ...[...sources].map(([f, s]) => `${f}\u0000${s.path}\u0000${s.text}`)].join('\u0001');
  if (compiled?.key === key) return compiled.set;
  const set = compileTemplates(dir, sources);
  compiled = { key, set };
  return set;
}

function compileTemplates(dir: string, sources: Map<string, Source>): TemplateSet {
  const texts = new Map([...sources.values()].map((s) => [s.path, s.text]));
  const env: Env = createEnv({ nothing: (context, loc) => checkInlineValue(env, () => texts, context, loc as Parameters<typeof checkInlineValue>[3]) });
  const files = [...sources.keys()].sort();
  // the partials a template may include: the folder's other files, and the inline partials known where it includes them
  const partials = files.filter((f) => !PAGE_TEMPLATES.includes(f)).map((f) => f.replace(/\.hbs$/, ''));
  const inline = inlineKnown(env, sources);
  const compile = (file: string) => {
    const source = sources.get(file);
    if (!source) throw missingPageTemplates(dir, sources);
    const template = compileOne(env, source, PAGE_OPTIONS, partials, inline(file));
    return (data: unknown) => template(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  };
  for (const f of files) {
    if (PAGE_TEMPLATES.includes(f)) continue;
    env.registerPartial(f.replace(/\.hbs$/, ''), compileOne(env, sources.get(f)!, PARTIAL_OPTIONS, partials, inline(f)));
  }
  const documentTemplate = compile('document.hbs');
  const footerTemplate = compile('footer.hbs');
  const headerTemplate = sources.has('header.hbs') ? compile('header.hbs') : undefined;
  /** Where a page template is (its own folder's or the one it extends). */
  const fileOf = (file: string) => sources.get(file)?.path ?? path.join(dir, file);
  /** Parses rendered markup (`markup` renders it again); a problem is located in the template that wrote it. */
  const parsed = <T>(file: string, render: () => T, markup: () => string): T => {
    try {
      return render();
    } catch (e) {
      if (!(e instanceof MarkupError)) throw e;
      const problem = locateMarkupProblem(file, e, markup);
      throw new InputError([inOwnTemplate(file, e, markup, problem) ?? problem]);
    }
  };
  /** The template that wrote the character at `offset` of the markup `file` wrote (`file`, or a partial it includes), and the line of its output it is on. */
  const writerOf = (file: string, markup: () => string, offset: number): { source: Source; line: number } | undefined => {
    const writer = writerAt(env, partials, markup, offset);
    const source = writer && sources.get(`${writer.partial ?? file.replace(/\.hbs$/, '')}.hbs`);
    return source && { source, line: writer.line };
  };
  /** The problem of markup `file` wrote, located in the template that wrote it (see `parsed`). */
  const locateMarkupProblem = (file: string, e: MarkupError, markup: () => string): Problem => {
    const p = e.problems[0];
    // text where it may not stand: where the template that wrote it (a partial, else `file`) writes text outside its elements
    const loose = e.text === undefined ? undefined : writerOf(file, markup, e.text);
    const place = loose && looseTextNear(loose.source.text, loose.line);
    if (loose && place) return { ...p, pos: { file: loose.source.path, ...place } };
    // what the problem names, where it stands in the markup (a comment's <!--, an entity): in the template that wrote it there
    const first = e.written[0];
    const writer = e.needle !== undefined && first !== undefined && markup().startsWith(e.needle, first) ? writerOf(file, markup, first) : undefined;
    const exact = writer && findNear(writer.source, { line: writer.line, col: 1 }, e.needle!);
    if (exact) return { ...p, pos: exact };
    const markupPlace = markupPlaceOf(file, p.pos);
    // where the page template writes it itself, nearest the markup's place; else where a template (a partial) writes
    // it; else, for an attribute whose value an expression wrote (style="h{{level}}"), where that attribute is written so
    const found = e.needle ? (findNear(sources.get(file), p.pos, e.needle) ?? findInSources(sources, e.needle) ?? writtenByExpression(sources, file, p.pos, e.needle)) : undefined;
    // else (or, for an element left open, in another template than the close tag) where a template writes its tag
    const opened = e.tag === undefined ? undefined : writtenTag(sources, file, p.pos, e.tag);
    if (opened && (!found || opened.file !== found.file)) return { ...p, pos: opened };
    // else where a template writes an element it stands in
    const inside = found ? undefined : e.around.map((tag) => ({ tag, pos: writtenTag(sources, file, p.pos, tag) })).find((t) => t.pos);
    if (inside?.pos) {
      const name = /^<([^\s/>]+)/.exec(inside.tag)?.[1];
      return { ...p, message: `${p.message} (inside the <${name}> written here, at ${markupPlace})`, pos: inside.pos };
    }
    const message = found ? p.message : `${p.message} (at ${markupPlace})`;
    return { ...p, message, pos: found ?? { file: fileOf(file), line: 1, col: 1 } };
  };
  /**
   * The problem located instead in a template of the folder's own that wrote the markup it is
   * about (`MarkupError.written`), when it was located in a template the folder extends: the
   * templates the user did not write (Imprint's own, mostly) write the same tags, and were
   * blamed for the user's slip (a `<h>` left open in a preface.hbs of their own was said to be
   * in Imprint's chapter.hbs). None when it is in the folder's own, or none of those wrote it.
   */
  const inOwnTemplate = (file: string, e: MarkupError, markup: () => string, problem: Problem): Problem | undefined => {
    if (path.dirname(problem.pos.file) === dir || !e.written.length) return undefined;
    const text = markup();
    for (const offset of e.written) {
      const writer = writerOf(file, markup, offset);
      const source = writer?.source;
      if (!writer || !source || path.dirname(source.path) !== dir) continue;
      const near = { line: writer.line, col: 1 };
      // a start tag there is found as a template's tag that makes it; else the text before it
      const tag = /^<[\w-]+[^<>]*>/.exec(text.slice(offset, offset + 2000))?.[0];
      const p = e.problems[0];
      // the start tag there, or the text the problem names (a close tag), where this template writes it
      const exact = tag ? writtenTag(new Map([[source.path, source]]), source.path, near, tag) : e.needle && text.startsWith(e.needle, offset) ? findNear(source, near, e.needle) : undefined;
      if (exact) return { ...p, pos: exact };
      // else near what it wrote there, saying where in the markup
      const pos = writtenAt(source, near, text, offset) ?? { file: source.path, line: Math.min(writer.line, source.text.split('\n').length), col: 1 };
      return { ...p, message: `${p.message} (at ${markupPlaceOf(file, p.pos)})`, pos };
    }
    return undefined;
  };
  /**
   * Running heads and footers: the markup by template and page context, and its tree by
   * template and markup (most pages' running heads are the same markup), kept for the next
   * build (watch): the same context renders the same markup, and a rebuild renders only the
   * pages' new ones.
   */
  const furnitureMarkup = new KeptResults<string, string>();
  let furniture = new KeptResults<string, FurnitureTree>();
  let furnitureTheme: ThemeStyles | undefined;
  /** The ids the report's items have (the document rendered last), which a `<ref>` may name, and them as one text. */
  let targets: { ids: ReadonlyMap<string, unknown>; key: string } | undefined;
  const furnitureOf = (file: string, template: (data: unknown) => string, ctx: PageContext, kind: 'header' | 'footer', theme: ThemeStyles | undefined) => {
    // a kept tree was checked against its theme's styles: another theme checks afresh
    if (theme !== furnitureTheme) [furniture, furnitureTheme] = [new KeptResults(), theme];
    const markup = furnitureMarkup.get(`${file}\u0000${JSON.stringify(ctx)}`, () => template(ctx));
    return furniture.get(`${file}\u0000${markup}`, () => parsed(file, () => parseFurniture(markup, fileOf(file), kind, theme, targets?.ids), () => markup));
  };
  const read = [...sources.values()].map((s) => s.path);
  return {
    dir,
    themeFile: path.join(dir, 'theme.yaml'),
    documentFile: fileOf('document.hbs'),
    files: [...new Set([dir, ...read.map((f) => path.dirname(f))]), ...read],
    renderDocument: (view, theme) => {
      nextInlineBuild();
      furnitureMarkup.nextBuild();
      furniture.nextBuild();
      // a kept running head or footer was checked against the ids of its build: other ids check afresh
      const key = [...view.targets.keys()].join('\u0000');
      if (key !== targets?.key) furniture = new KeptResults();
      targets = { ids: view.targets, key };
      return parsed('document.hbs', () => parseDocument(documentTemplate(view), fileOf('document.hbs'), figureImages(view), theme, view.targets), () => documentTemplate(view));
    },
    renderFooter: (ctx, theme) => furnitureOf('footer.hbs', footerTemplate, ctx, 'footer', theme),
    renderHeader: (ctx, theme) => (headerTemplate ? furnitureOf('header.hbs', headerTemplate, ctx, 'header', theme) : { children: [] }),
    whereWritten: (needle) => {
      const own = [...sources.values()].filter((s) => path.dirname(s.path) === dir);
      return findInSources(new Map([...own, ...sources.values()].map((s) => [s.path, s])), needle);
    },
  };
}

/**
 * The image a `<figure src="…">` names: the content's (checked when it was loaded), else a file of
 * the project (a path relative to the folder imprint runs in), checked as the content's images
 * are, each once.
 */
function figureImages(view: ReportView): FigureImages {
  const checked = new Map<string, CheckedImage | string>();
  return (src) => {
    const file = path.resolve(src);
    const image = view.images.get(file) ?? checked.get(src) ?? checkImage(file, src);
    checked.set(src, image);
    return typeof image === 'string' ? { problem: image, file } : { image, file };
  };
}

/**
 * A template from its source: Imprint's own precompiled at install, any other compiled here
 * (parsed first, so a syntax error, a call of a helper there is none of or with values it does
 * not take, or an include of a partial there is none of among `partials`, is reported at its
 * line in the file). An error while it renders is located in
 * its own file (an error in a partial it calls, in the partial's).
 */
function compileOne(env: Env, source: Source, options: typeof PAGE_OPTIONS | typeof PARTIAL_OPTIONS, partials: readonly string[], inline: InlineKnown): HandlebarsTemplateDelegate {
  const spec = precompiled(source.text, options);
  let template: HandlebarsTemplateDelegate;
  if (spec) template = env.template(spec);
  else {
    const located = (p: { line: number; col: number; reason: string }) => new InputError([{ pos: { file: source.path, line: p.line, col: p.col }, message: `template: ${p.reason}`, severity: 'error' }]);
    const parsed = parseTemplate(env, source.text);
    if ('error' in parsed) throw located(parsed.error);
    const call = callProblem(parsed.program, env, partials, inline);
    if (call) throw located({ ...call, col: columnOfUnit(source.text, call.line, call.col) });
    template = env.compile(parsed.program, { ...options });
  }
  return (context, runtimeOptions) => {
    try {
      return template(context, runtimeOptions);
    } catch (e) {
      throw renderError(source, e);
    }
  };
}

/**
 * A template without `document.hbs` or `footer.hbs`, its own or of the templates its theme extends:
 * a theme that extends none (its `extends:` left out) said "template file missing" at a file that
 * is not there. Said at its theme, where `extends:` goes.
 */
function missingPageTemplates(dir: string, sources: Map<string, Source>): InputError {
  const missing = ['document.hbs', 'footer.hbs'].filter((f) => !sources.has(f));
  const folder = shownFile(dir);
  const them = missing.length > 1 ? 'them' : 'it';
  const message = `the template "${path.basename(dir)}" has no ${missing.join(' nor ')}, which a template needs: write ${them} in ${folder}/, or extend a template that has ${them} (\`extends: official\` in its theme.yaml)`;
  return new InputError([{ pos: { file: path.join(dir, 'theme.yaml'), line: 1, col: 1 }, message, severity: 'error' }]);
}

/**
 * The inline partials of the template's files, for the includes of `file` (see inline-partials.ts):
 * every file is parsed for them only when an include names a partial that is not a file.
 */
function inlineKnown(env: Env, sources: Map<string, Source>): (file: string) => InlineKnown {
  let all: { inherited: Map<string, ReadonlySet<string>>; defined: Map<string, SourcePos> } | undefined;
  const read = () => {
    if (all) return all;
    const programs = new Map<string, hbs.AST.Program>();
    const defined = new Map<string, SourcePos>();
    for (const [f, source] of sources) {
      const parsed = parseTemplate(env, source.text);
      if ('error' in parsed) continue; // reported when that file is compiled
      programs.set(f.replace(/\.hbs$/, ''), parsed.program);
      for (const d of inlineDefinitions(parsed.program)) if (!defined.has(d.name)) defined.set(d.name, { file: source.path, line: d.line, col: columnOfUnit(source.text, d.line, d.col) });
    }
    all = { inherited: inheritedInline(programs, new Set(PAGE_TEMPLATES.map((f) => f.replace(/\.hbs$/, '')))), defined };
    return all;
  };
  return (file) => ({
    inherited: () => read().inherited.get(file.replace(/\.hbs$/, '')) ?? new Set(),
    definedAt: (name) => {
      const d = read().defined.get(name);
      return d && { ...d, file: shownFile(d.file) };
    },
  });
}

/** A template file's text and where it was read. */
interface Source {
  text: string;
  path: string;
}

/** The `.hbs` files of a template, over those of the templates its theme extends. */
function templateSources(dir: string, folders: TemplateFolders): Map<string, Source> {
  const sources = new Map<string, Source>();
  const dirs = themeChain(path.join(dir, 'theme.yaml'), folders).map((theme) => path.dirname(theme));
  for (const d of dirs.reverse()) {
    for (const f of readdirSync(d).filter((x) => x.endsWith('.hbs')).sort()) {
      const full = path.join(d, f);
      sources.set(f, { text: folders.read(full, 'the template file'), path: full });
    }
  }
  return sources;
}

/** The first place a text stands in the template sources. */
function findInSources(sources: Map<string, Source>, needle: string): SourcePos | undefined {
  for (const source of sources.values()) {
    const found = findIn(source, needle);
    if (found) return found;
  }
  return undefined;
}

/**
 * Where a text stands in a template file, the place nearest line `near.line`, column `near.col`
 * (the markup's lines are the file's, less the lines Handlebars drops: a comment alone on its line).
 */
function findNear(source: Source | undefined, near: { line: number; col: number }, needle: string | RegExp, accept: (match: RegExpMatchArray) => boolean = () => true): SourcePos | undefined {
  let best: SourcePos | undefined;
  const distance = (p: SourcePos) => Math.abs(p.line - near.line) * 1e6 + Math.abs(p.col - near.col);
  const every = typeof needle === 'string' ? new RegExp(escapeRegExp(needle), 'g') : new RegExp(needle.source, `${needle.flags.replace('g', '')}g`);
  source?.text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(every)) {
      if (!accept(m)) continue;
      const p = { file: source.path, line: i + 1, col: columnOf(line, m.index!) };
      if (best === undefined || distance(p) < distance(best)) best = p;
    }
  });
  return best;
}

/**
 * Where an attribute of markup (`needle`: `name="value"` as the markup has it) is written with a
 * Handlebars expression in its value that can make it (`style="h{{level}}"` for `style="h7"`:
 * the text around the expressions is the value's), nearest the markup's place in `file`, else
 * nearest it in any template; none when no attribute can (a value chosen by a block helper,
 * `{{#if}}a{{else}}b{{/if}}`, is not matched: the message then says where in the markup).
 */
function writtenByExpression(sources: Map<string, Source>, file: string, near: { line: number; col: number }, needle: string): SourcePos | undefined {
  const attribute = /^([\w-]+)="([^"]*)"$/.exec(needle);
  if (!attribute) return undefined;
  const [, name, value] = attribute;
  const written = new RegExp(`(?<![\\w-])${name}="([^"\\n]*\\{\\{[^"\\n]*)"`);
  const makes = (m: RegExpMatchArray) => !/\{\{[#/^]|\{\{else/.test(m[1]) && new RegExp(`^${m[1].split(/\{\{[^}]*\}\}\}?/).map(escapeRegExp).join('.*')}$`, 's').test(value);
  return findNear(sources.get(file), near, written, makes) ?? [...sources.values()].map((source) => findNear(source, near, written, makes)).find((p) => p !== undefined);
}

/** A start tag in a template's text: a name, then text and Handlebars expressions up to `>`. */
const TEMPLATE_TAG = /<[\w-]+(?:[^<>{]|\{\{[^}]*\}\}\}?)*>/;

/**
 * Where a template writes a start tag of the markup (`tag`, as the markup has it): a tag of the
 * templates that can make it (expressions making any text, `{{#if}}…{{else}}…{{/if}}` either
 * branch or none), nearest the markup's place in `file`, else nearest it in any template.
 */
function writtenTag(sources: Map<string, Source>, file: string, near: { line: number; col: number }, tag: string): SourcePos | undefined {
  const makes = (m: RegExpMatchArray) => tagPattern(m[0])?.test(tag) ?? false;
  return findNear(sources.get(file), near, TEMPLATE_TAG, makes) ?? [...sources.values()].map((source) => findNear(source, near, TEMPLATE_TAG, makes)).find((p) => p !== undefined);
}

/** The markup a template's start tag can make, as a pattern; none when its blocks do not close inside it. */
function tagPattern(written: string): RegExp | undefined {
  const pattern = written
    .split(/(\{\{\{?[^}]*\}?\}\})/)
    .map((part, i) => {
      if (i % 2 === 0) return escapeRegExp(part);
      const expression = part.replace(/^\{\{\{?~?\s*|\s*~?\}?\}\}$/g, '');
      if (expression.startsWith('!')) return '';
      if (/^[#^]./.test(expression)) return '(?:';
      if (/^else\b/.test(expression) || expression === '^') return '|';
      if (expression.startsWith('/')) return ')?';
      return '.*?';
    })
    .join('');
  try {
    return new RegExp(`^${pattern}$`, 's');
  } catch {
    return undefined;
  }
}

/** Where a text first stands in one template file. */
function findIn({ text, path: file }: Source, needle: string | RegExp): SourcePos | undefined {
  const i = typeof needle === 'string' ? text.indexOf(needle) : text.search(needle);
  if (i < 0) return undefined;
  const before = text.slice(0, i).split('\n');
  const last = before[before.length - 1];
  return { file, line: before.length, col: columnOf(last, last.length) };
}

/**
 * An error of Handlebars while a template renders, as `file:line:col: template: message`: at the
 * place Handlebars gives, else at the use of the helper or partial it names, else at the file's
 * start; a name the data does not have given to `inline`, at it. An `InputError` (from a partial
 * the template called) is already located.
 */
function renderError(source: Source, e: unknown): InputError {
  if (e instanceof InputError) return e;
  if (e instanceof MissingData) {
    const { line, col, message } = e.in(source.path);
    return new InputError([{ pos: { file: source.path, line, col: columnOfUnit(source.text, line, col) }, message: `template: ${message}`, severity: 'error' }]);
  }
  if (/^Maximum call stack size exceeded/.test(String((e as Error)?.message))) return endlessInclude(source);
  const message = String((e as Error)?.message ?? e).split('\n')[0];
  const { lineNumber, column } = e as { lineNumber?: number; column?: number };
  const helper = /^Missing helper: "(.+)"$/.exec(message)?.[1];
  const partial = /^The partial (.+) could not be found$/.exec(message)?.[1];
  const name = helper ?? partial;
  const use = name === undefined ? undefined : findIn(source, new RegExp(`\\{\\{~?[#^]?${partial ? '>\\s*' : '\\s*'}${escapeRegExp(name)}(?![\\w-])`));
  const pos = lineNumber !== undefined && column !== undefined ? { file: source.path, line: lineNumber, col: columnOfUnit(source.text, lineNumber, column + 1) } : (use ?? { file: source.path, line: 1, col: 1 });
  return new InputError([{ pos, message: `template: ${message.replace(/ - \d+:\d+$/, '')}`, severity: 'error' }]);
}

/**
 * Rendering ran out of stack in `source` (the innermost template rendering then): partials that
 * include themselves without end. Said at the partial's include of itself (`{{> paragraph}}` in
 * paragraph.hbs), else at its first include of a partial (one that includes it in turn).
 */
function endlessInclude(source: Source): InputError {
  const name = path.basename(source.path, '.hbs');
  const itself = findIn(source, new RegExp(`\\{\\{~?>\\s*${escapeRegExp(name)}(?![\\w-])`));
  const other = itself ? undefined : findIn(source, /\{\{~?>/);
  const message = itself ? `the partial "${name}" includes itself without end` : `"${name}" and the partials it includes include each other without end`;
  return new InputError([{ pos: itself ?? other ?? { file: source.path, line: 1, col: 1 }, message: `template: ${message}`, severity: 'error' }]);
}

/** `text` as a pattern that matches it alone. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How a message names a place of the markup a page template wrote. */
function markupPlaceOf(file: string, pos: { line: number; col: number }): string {
  return `line ${pos.line}, column ${pos.col} of the markup ${file} wrote`;
}

/**
 * Where a template writes the text the markup has at `offset`: the longest run of the markup's
 * line from there that the template has, else up to there (its end), nearest `near`: the place of
 * a slip the parser stopped at (`bookm</p>ark=`, a `<!--` never closed) in the template that wrote it.
 */
function writtenAt(source: Source, near: { line: number; col: number }, markup: string, offset: number): SourcePos | undefined {
  const lineStart = markup.lastIndexOf('\n', offset) + 1;
  const lineEnd = markup.indexOf('\n', offset);
  const from = markup.slice(offset, Math.min(lineEnd < 0 ? markup.length : lineEnd, offset + 60));
  for (let length = from.length; length >= 3; length--) {
    const found = findNear(source, near, from.slice(0, length));
    if (found) return found;
  }
  const before = markup.slice(Math.max(lineStart, offset - 60), offset + 1);
  for (let length = before.length; length >= 3; length--) {
    const run = before.slice(-length);
    const found = findNear(source, near, run);
    if (found) return { ...found, col: found.col + run.length - 1 };
  }
  return undefined;
}
