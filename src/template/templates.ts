/**
 * Stage ②: the template folder (`templates/<name>/`): Handlebars files rendered with the report
 * view into markup, parsed into the document tree; the footer template, rendered per page.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../problems.js';
import type { DocTree, FooterTree } from './doc-tree.js';
import { createEnv } from './handlebars-env.js';
import { parseDocument, parseFooter } from './markup.js';
import type { ReportView } from './view.js';

/** What a page's footer template sees. */
export interface PageContext {
  /** The page's label as printed (`3`, `ii`), empty on unnumbered pages. */
  page: string;
  /** Count of pages in the document. */
  pages: number;
  /** Title of the chapter running on the page, if any. */
  chapter?: string;
}

/** A loaded template folder. */
export interface TemplateSet {
  dir: string;
  /** Theme file of the template. */
  themeFile: string;
  renderDocument(view: ReportView): DocTree;
  renderFooter(ctx: PageContext): FooterTree;
}

/**
 * Finds `name` under `templates/` of the working directory, then of Imprint's own package.
 * Throws naming the folders searched.
 */
export function findTemplateDir(name: string, roots: string[]): string {
  for (const root of roots) {
    const dir = path.join(root, 'templates', name);
    if (existsSync(path.join(dir, 'document.hbs'))) return dir;
  }
  throw new InputError([
    {
      pos: { file: roots.map((r) => path.join(r, 'templates', name)).join(' or '), line: 1, col: 1 },
      message: `template "${name}" not found (a folder with document.hbs)`,
      severity: 'error',
    },
  ]);
}

/** Compiles every `.hbs` of the folder: `document.hbs`, `footer.hbs`, the rest as partials. */
export function loadTemplates(dir: string): TemplateSet {
  const env = createEnv();
  const files = readdirSync(dir).filter((f) => f.endsWith('.hbs')).sort();
  const sources = new Map(files.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
  const compile = (file: string) => {
    const src = sources.get(file);
    const full = path.join(dir, file);
    if (src === undefined) throw new InputError([{ pos: { file: full, line: 1, col: 1 }, message: 'template file missing', severity: 'error' }]);
    try {
      env.precompile(src); // parse now, so syntax errors are reported with the file's own lines
    } catch (e) {
      throw templateError(full, e);
    }
    const template = env.compile(src, { strict: false, preventIndent: true });
    return (data: unknown) => {
      try {
        return template(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      } catch (e) {
        throw templateError(full, e);
      }
    };
  };
  for (const f of files) {
    if (f === 'document.hbs' || f === 'footer.hbs') continue;
    try {
      env.registerPartial(f.replace(/\.hbs$/, ''), env.compile(sources.get(f)!, { preventIndent: true }));
      env.precompile(sources.get(f)!);
    } catch (e) {
      throw templateError(path.join(dir, f), e);
    }
  }
  const documentTemplate = compile('document.hbs');
  const footerTemplate = compile('footer.hbs');
  return {
    dir,
    themeFile: path.join(dir, 'theme.yaml'),
    renderDocument: (view) => parseDocument(documentTemplate(view), path.join(dir, 'document.hbs') + ' (rendered)'),
    renderFooter: (ctx) => parseFooter(footerTemplate(ctx), path.join(dir, 'footer.hbs') + ' (rendered)'),
  };
}

/** A Handlebars error as `file:line:col: message`. */
function templateError(file: string, e: unknown): InputError {
  if (e instanceof InputError) return e;
  const msg = (e as Error).message ?? String(e);
  const m = /on line (\d+)/.exec(msg) ?? /line (\d+)/.exec(msg);
  const col = /column (\d+)/.exec(msg);
  return new InputError([
    { pos: { file, line: m ? Number(m[1]) : 1, col: col ? Number(col[1]) + 1 : 1 }, message: `template: ${msg.split('\n')[0]}`, severity: 'error' },
  ]);
}
