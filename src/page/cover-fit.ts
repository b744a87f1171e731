/**
 * A cover (a matter of unnumbered pages, `<matter numbering="none">`, holding no heading) is set a
 * page for each run of it between its page breaks. A run taller than the type area (the official
 * cover's 162 mm of blank space on an A5 page, whose type area is 150 mm high; on B5, 16开,
 * 190 mm) ran onto a page more, the issuer and date on a page of their own. Its blank spaces
 * (`<vspace>`) now shrink, all in proportion, until it stands on its page (`fittedCover`; on a
 * line grid to whole rows); a run whose text alone is taller than the type area is left as it is
 * and is a warning (the build goes on: every line is printed, on the paper), saying by how much,
 * at what the user wrote that makes it so (`coverProblem`).
 */
import type { Block, Item } from '../block/payload.js';
import type { Problem, SourcePos } from '../problems.js';
import { PT_PER_MM } from '../style/units.js';
import type { Theme } from '../style/theme.js';
import type { BlockNode, Matter, ParaNode, VSpaceNode } from '../template/doc-tree.js';

/**
 * A cover: a matter without page numbers and without headings (a body set without page numbers
 * runs on over its pages as any other).
 */
function isCover(matter: Matter): boolean {
  return matter.numbering === 'none' && !matter.children.some(holdsHeading);
}

/** Whether a node is or holds a heading. */
function holdsHeading(n: BlockNode): boolean {
  return n.kind === 'heading' || ((n.kind === 'keep' || n.kind === 'box') && n.children.some(holdsHeading));
}

/** A run of a cover taller than the type area. */
export interface OverfullRun {
  /** How much taller than the type area, pt. */
  by: number;
  /** How much of that its blank spaces are (too little to give it: else they shrank), pt. */
  blank: number;
  /** The pages it takes (the matter's, when it is the matter's one run; else as its height stacks). */
  pages: number;
  /** The blank spaces of the run, the largest first. */
  spaces: VSpaceNode[];
  /** The first text of the run that stands in the content (the cover's title), where it stands. */
  text?: SourcePos;
}

/** Spaces below which a run is taken to fit (rounding of the heights added up), pt. */
const SLACK = 0.5;

/** The runs of a laid-out matter between its page breaks: each one's items (by index) and height as the paginator stacks them (each block's space before it but the first's). */
function runsOf(items: readonly Item[]): { at: number[]; height: number }[] {
  const runs: { at: number[]; height: number }[] = [{ at: [], height: 0 }];
  items.forEach((item, i) => {
    const run = runs[runs.length - 1];
    if (item.kind === 'break') {
      if (run.at.length) runs.push({ at: [], height: 0 });
      return;
    }
    run.height += item.height + (run.at.length ? item.spaceBefore : 0);
    run.at.push(i);
  });
  return runs.filter((r) => r.height > 0);
}

/** The blank blocks (`<vspace>`) of a run. */
function blanksOf(items: readonly Item[], at: number[]): number[] {
  return at.filter((i) => {
    const item = items[i];
    return item.kind === 'block' && item.payload.blank;
  });
}

/** The heights of the blocks `at` of `items` added up, pt. */
function sumOf(items: readonly Item[], at: number[]): number {
  return at.reduce((sum, i) => sum + (items[i] as Block).height, 0);
}

/**
 * The items of a matter, a cover's (see `isCover`) with the blank spaces of each run taller than the
 * type area of `theme`'s page shrunk, all by one factor, until the run fits (on a line grid, each
 * to whole rows: the paginator puts the next line on a row); a run whose blank spaces are too
 * little to give what it lacks is left as it is (see `overfullRuns`). The items given are not
 * changed; none shrinks in a run that fits.
 */
export function fittedCover(theme: Theme, matter: Matter, items: Item[]): Item[] {
  if (!isCover(matter)) return items;
  const area = typeArea(theme);
  const step = theme.grid?.lineStep;
  let fitted: Item[] | undefined;
  for (const run of runsOf(items)) {
    const by = run.height - area;
    const blanks = blanksOf(items, run.at);
    const blank = sumOf(items, blanks);
    if (by <= SLACK || blank < by) continue;
    const factor = (blank - by) / blank;
    fitted ??= [...items];
    for (const i of blanks) {
      const b = items[i] as Block;
      const height = step ? Math.floor((b.height * factor) / step + 1e-6) * step : b.height * factor;
      fitted[i] = { ...b, height };
    }
  }
  return fitted ?? items;
}

/** The height of the type area of `theme`'s page, pt. */
function typeArea(theme: Theme): number {
  const p = theme.page;
  return p.height - p.marginTop - p.marginBottom;
}

/**
 * The runs of a cover (`items`: its flow, laid out and fitted, see `fittedCover`) that are
 * taller than the type area of `theme`'s page; `pages`: how many pages the matter took, none
 * when every run fits on one.
 */
export function overfullRuns(theme: Theme, matter: Matter, items: readonly Item[], pages: number): OverfullRun[] {
  if (!isCover(matter)) return [];
  const area = typeArea(theme);
  const runs = runsOf(items);
  if (pages <= runs.length) return [];
  // the runs of the matter's nodes, between its page breaks (all of them where breaks stand deeper)
  const nodeRuns: BlockNode[][] = [[]];
  for (const n of matter.children) {
    if (n.kind === 'pagebreak') nodeRuns.push([]);
    else nodeRuns[nodeRuns.length - 1].push(n);
  }
  const filled = nodeRuns.filter((r) => r.length > 0);
  return runs.flatMap(({ at, height }, i) => {
    if (height <= area + SLACK) return [];
    const nodes = filled.length === runs.length ? filled[i] : matter.children;
    const spaces = nodes.flatMap(spacesIn).sort((a, b) => b.size - a.size);
    const text = nodes.flatMap(textsIn).find((t) => t.at)?.at;
    return [{ by: height - area, blank: sumOf(items, blanksOf(items, at)), pages: runs.length === 1 ? pages : Math.ceil(height / area - 1e-6), spaces, text }];
  });
}

function spacesIn(n: BlockNode): VSpaceNode[] {
  return n.kind === 'vspace' ? [n] : n.kind === 'keep' || n.kind === 'box' ? n.children.flatMap(spacesIn) : [];
}

function textsIn(n: BlockNode): (ParaNode | { at?: SourcePos })[] {
  return n.kind === 'para' || n.kind === 'heading' ? [n] : n.kind === 'keep' || n.kind === 'box' ? n.children.flatMap(textsIn) : [];
}

/** What `coverProblem` needs to know of the build. */
export interface CoverSources {
  theme: Theme;
  /** The theme file of the report's template (its own: the first of `theme.files`). */
  themeFile: string;
  /** Where a template writes a text (see TemplateSet.whereWritten). */
  whereWritten(needle: string): SourcePos | undefined;
  /** The report's file. */
  report: string;
  /** Whether a file (a template's, a theme's) is the user's, not of Imprint's own templates. */
  usersOwn(file: string): boolean;
  /** Where to report when nothing better is found (the document template). */
  fallback: SourcePos;
}

const mm = (pt: number): string => `${Math.round((pt / PT_PER_MM) * 10) / 10}mm`;

/**
 * The warning of a cover run too tall even with its blank spaces gone, at what the user wrote that
 * makes it so, in this order: the page's size (or a top or bottom margin) their own theme sets;
 * else the run's text in the report (the title); else the cover's template (where its largest
 * `<vspace>` is written, or the document template).
 */
export function coverProblem(run: OverfullRun, s: CoverSources): Problem {
  const p = s.theme.page;
  const area = typeArea(s.theme);
  const text = mm(run.by - run.blank);
  // (a second page, or more for a title of 200pt)
  const onto = run.pages > 2 ? `it takes ${run.pages} pages` : 'it runs onto a second page';
  const shorten = 'shorten the text of the cover (this and the lines after it), or the sizes of its styles';
  const warning = (pos: SourcePos, message: string): Problem => ({ pos, message, severity: 'warning' });
  // the page the user chose, or the margins
  const own = (at: SourcePos | undefined) => at && at.file === s.themeFile && s.usersOwn(at.file);
  const cause = own(p.at.size) ? (['page.size', p.paper, p.at.size!, 'choose a larger page'] as const) : own(p.at.top) || own(p.at.bottom) ? (['page.margin', `${mm(p.marginTop)} and ${mm(p.marginBottom)}`, (own(p.at.top) ? p.at.top : p.at.bottom)!, 'smaller margins'] as const) : undefined;
  if (cause) {
    const [name, value, pos, remedy] = cause;
    return warning(pos, `${name}: ${value} leaves a type area ${mm(area)} high, and the cover's text is ${text} taller, its blank space taken away: ${onto}; ${remedy}, or ${shorten}`);
  }
  const tall = `the cover's text is ${text} taller than the type area of its page (${p.paper}: ${mm(area)} high), its blank space taken away: ${onto}`;
  if (run.text && run.text.file === s.report) return warning(run.text, `${tall}; ${shorten}`);
  const largest = run.spaces[0];
  const spaceAt = largest?.written === undefined ? undefined : s.whereWritten(`<vspace size="${largest.written}"`);
  return warning(spaceAt ?? s.fallback, `${tall}; ${shorten}`);
}
