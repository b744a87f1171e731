/**
 * Where templates come from: `templates/` of the project, then Imprint's own. A template is
 * named by its folder (`template:` of a report, `extends:` of a theme), never by a path; its
 * files are read only from inside these folders (real paths: a link out is refused), regular
 * files of at most 1 MiB.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { closest } from '../content/did-you-mean.js';
import { InputError, shownFile, type SourcePos } from '../problems.js';
import type { ThemeFiles } from '../style/theme-source.js';
import { readText } from '../yaml-file.js';

/** A template's name: its folder under `templates/`. */
const TEMPLATE_NAME = /^[A-Za-z0-9_-]+$/;

export class TemplateFolders implements ThemeFiles {
  /** The `templates/` folders searched, in order, each once. */
  readonly roots: string[];

  /** `projectDirs`: the folders holding `templates/`, in the order searched. */
  constructor(projectDirs: string[]) {
    this.roots = [...new Set(projectDirs.map((d) => path.join(path.resolve(d), 'templates')))];
  }

  /** The folder of the template `name`, as named at `pos`. Throws `InputError` located there. */
  dirOf(name: string, pos: SourcePos): string {
    if (!TEMPLATE_NAME.test(name)) {
      throw located(pos, `not a template name: "${name}" (a template is a folder under templates/: letters, digits, - and _)`);
    }
    for (const root of this.roots) {
      const dir = path.join(root, name);
      if (existsSync(path.join(dir, 'theme.yaml'))) return dir;
    }
    const hint = closest(name, this.names());
    const without = this.roots.map((r) => path.join(r, name)).find((d) => existsSync(d));
    const project = this.projectHolding(name, path.dirname(path.resolve(pos.file)));
    const why = project
      ? ` (run imprint in the project folder ${shownFile(project)}, where templates/ is)`
      : hint
        ? ` (did you mean "${hint}"?)`
        : without
          ? ` (${shownFile(without)} has no theme.yaml)`
          : '';
    // what making the template would change: its theme.yaml, or the project's list of templates
    throw new InputError([{ pos, message: `template "${name}" not found in ${this.roots.map((r) => `${shownFile(r)}/`).join(' or ')}${why}`, severity: 'error', about: without ? path.join(without, 'theme.yaml') : this.roots[0] }]);
  }

  /** The theme file of the template `name`, as named at `pos`. */
  themeFileOf(name: string, pos: SourcePos): string {
    return path.join(this.dirOf(name, pos), 'theme.yaml');
  }

  /** The text of a file of a template; `what` names it in messages. */
  read(file: string, what: string): string {
    return readText(file, what, this.roots);
  }

  /**
   * The folder, `from` or one above it, whose `templates/` holds the template `name` though it is
   * not searched: the project of a report built from another folder.
   */
  private projectHolding(name: string, from: string): string | undefined {
    for (let dir = from; ; dir = path.dirname(dir)) {
      const root = path.join(dir, 'templates');
      if (!this.roots.includes(root) && existsSync(path.join(root, name, 'theme.yaml'))) return dir;
      if (path.dirname(dir) === dir) return undefined;
    }
  }

  /** Names of the templates there are (folders with a theme). */
  private names(): string[] {
    return this.roots.flatMap((root) => {
      try {
        return readdirSync(root).filter((n) => TEMPLATE_NAME.test(n) && existsSync(path.join(root, n, 'theme.yaml')));
      } catch {
        return []; // no templates/ there
      }
    });
  }
}

function located(pos: SourcePos, message: string): InputError {
  return new InputError([{ pos, message, severity: 'error' }]);
}
