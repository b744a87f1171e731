/**
 * Stage ②: the template folder (`templates/<name>/`): Handlebars files rendered with the report
 * view into markup, parsed into the document tree; the page header and footer templates,
 * rendered per page.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError, type SourcePos } from '../problems.js';
import { parentTemplate } from '../style/theme-source.js';
import type { DocTree, FurnitureTree } from './doc-tree.js';
import { createEnv, type Env } from './handlebars-env.js';
import { PAGE_OPTIONS, PARTIAL_OPTIONS, precompiled } from './precompiled.js';
import { MarkupError, parseDocument, parseFurniture } from './markup.js';
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
  /** A chapter starts on this page (no running head there). */
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
  /** What the templates were read from, absolute: each template folder (its list of `.hbs` files) and each `.hbs` file. */
  files: string[];
  renderDocument(view: ReportView): DocTree;
  renderFooter(ctx: PageContext): FurnitureTree;
  /** Empty when the template has no `header.hbs`. */
  renderHeader(ctx: PageContext): FurnitureTree;
}

/**
 * Finds `name` under `templates/` of the working directory, then of Imprint's own package.
 * Throws naming the folders searched.
 */
export function findTemplateDir(name: string, roots: string[]): string {
  for (const root of roots) {
    const dir = path.join(root, 'templates', name);
    if (existsSync(path.join(dir, 'theme.yaml'))) return dir;
  }
  throw new InputError([
    {
      pos: { file: roots.map((r) => path.join(r, 'templates', name)).join(' or '), line: 1, col: 1 },
      message: `template "${name}" not found (a folder with theme.yaml)`,
      severity: 'error',
    },
  ]);
}

/** The templates compiled last, by their folder and sources (a watch session compiles once). */
let compiled: { key: string; set: TemplateSet } | undefined;

/**
 * Compiles every `.hbs` of the folder: `document.hbs`, `footer.hbs`, `header.hbs` (optional),
 * the rest as partials. A folder whose theme says `extends: NAME` takes the files it lacks from
 * that template (`dirOf` finds it). The same folder with the same sources as last time gives
 * the templates compiled then.
 */
export function loadTemplates(dir: string, dirOf: (name: string) => string): TemplateSet {
  const sources = templateSources(dir, dirOf);
  const key = [dir, ...[...sources].map(([f, s]) => `${f}\u0000${s.path}\u0000${s.text}`)].join('\u0001');
  if (compiled?.key === key) return compiled.set;
  const set = compileTemplates(dir, sources);
  compiled = { key, set };
  return set;
}

function compileTemplates(dir: string, sources: Map<string, Source>): TemplateSet {
  const env = createEnv();
  const files = [...sources.keys()].sort();
  const compile = (file: string) => {
    const src = sources.get(file)?.text;
    const full = sources.get(file)?.path ?? path.join(dir, file);
    if (src === undefined) throw new InputError([{ pos: { file: full, line: 1, col: 1 }, message: 'template file missing', severity: 'error' }]);
    const template = compileOne(env, src, PAGE_OPTIONS, full);
    return (data: unknown) => {
      try {
        return template(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      } catch (e) {
        throw templateError(full, e);
      }
    };
  };
  for (const f of files) {
    if (PAGE_TEMPLATES.includes(f)) continue;
    const { text, path: full } = sources.get(f)!;
    env.registerPartial(f.replace(/\.hbs$/, ''), compileOne(env, text, PARTIAL_OPTIONS, full));
  }
  const documentTemplate = compile('document.hbs');
  const footerTemplate = compile('footer.hbs');
  const headerTemplate = sources.has('header.hbs') ? compile('header.hbs') : undefined;
  /** Parses rendered markup; a problem is located in the template that wrote it. */
  const parsed = <T>(file: string, render: () => T): T => {
    try {
      return render();
    } catch (e) {
      if (!(e instanceof MarkupError)) throw e;
      const found = e.needle ? findInSources(sources, e.needle) : undefined;
      const p = e.problems[0];
      const message = found ? p.message : `${p.message} (at line ${p.pos.line}, column ${p.pos.col} of the markup ${file} wrote)`;
      throw new InputError([{ ...p, message, pos: found ?? { file: path.join(dir, file), line: 1, col: 1 } }]);
    }
  };
  const read = [...sources.values()].map((s) => s.path);
  return {
    dir,
    themeFile: path.join(dir, 'theme.yaml'),
    files: [...new Set([dir, ...read.map((f) => path.dirname(f))]), ...read],
    renderDocument: (view) => parsed('document.hbs', () => parseDocument(documentTemplate(view), path.join(dir, 'document.hbs'))),
    renderFooter: (ctx) => parsed('footer.hbs', () => parseFurniture(footerTemplate(ctx), path.join(dir, 'footer.hbs'), 'footer')),
    renderHeader: (ctx) =>
      headerTemplate ? parsed('header.hbs', () => parseFurniture(headerTemplate(ctx), path.join(dir, 'header.hbs'), 'header')) : { children: [] },
  };
}

/**
 * A template from its text: Imprint's own precompiled at install, any other compiled here
 * (parsed first, so a syntax error is reported with the file's own lines).
 */
function compileOne(env: Env, src: string, options: typeof PAGE_OPTIONS | typeof PARTIAL_OPTIONS, file: string): HandlebarsTemplateDelegate {
  const spec = precompiled(src, options);
  if (spec) return env.template(spec);
  try {
    env.parse(src);
    return env.compile(src, { ...options });
  } catch (e) {
    throw templateError(file, e);
  }
}

/** A template file's text and where it was read. */
interface Source {
  text: string;
  path: string;
}

/** The `.hbs` files of a template, over those of the template its theme extends. */
function templateSources(dir: string, dirOf: (name: string) => string, seen: string[] = []): Map<string, Source> {
  const parent = parentTemplate(path.join(dir, 'theme.yaml'));
  const sources = parent && !seen.includes(dir) && seen.length < 8 ? templateSources(dirOf(parent), dirOf, [...seen, dir]) : new Map<string, Source>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.hbs'))) {
    const full = path.join(dir, f);
    sources.set(f, { text: readFileSync(full, 'utf8'), path: full });
  }
  return sources;
}

/** The first place a text stands in the template sources. */
function findInSources(sources: Map<string, Source>, needle: string): SourcePos | undefined {
  for (const { text, path: file } of sources.values()) {
    const i = text.indexOf(needle);
    if (i < 0) continue;
    const before = text.slice(0, i).split('\n');
    return { file, line: before.length, col: before[before.length - 1].length + 1 };
  }
  return undefined;
}

/** A Handlebars error as `file:line:col: message`. */
function templateError(file: string, e: unknown): InputError {
  if (e instanceof InputError) return e;
  const msg = (e as Error).message ?? String(e);
  // Handlebars says "Parse error on line 3:" or "… - 2:3" (line:column from 0)
  const range = / - (\d+):(\d+)$/.exec(msg.split('\n')[0]);
  const line = range ? Number(range[1]) : Number(/on line (\d+)/.exec(msg)?.[1] ?? 1);
  const col = range ? Number(range[2]) + 1 : 1;
  const text = msg.split('\n')[0].replace(/ - \d+:\d+$/, '');
  return new InputError([{ pos: { file, line, col }, message: `template: ${text}`, severity: 'error' }]);
}
