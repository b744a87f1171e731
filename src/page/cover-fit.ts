/**
 * A cover (a matter of unnumbered pages, `<matter numbering="none">`) is set a page for each run
 * of it between its page breaks. A run taller than the type area (the official cover's 162 mm of
 * blank space on an A5 page, whose type area is 150 mm high; a title of many lines) ran onto a
 * page more, the issuer and date on a page of their own, without a word. Such a run is a warning
 * (the build goes on: every line is printed, on the paper), saying by how much it is too tall, at
 * what the user wrote that makes it so (`coverProblem`).
 */
import path from 'node:path';
import type { Item } from '../block/payload.js';
import type { Problem, SourcePos } from '../problems.js';
import { shownFile } from '../problems.js';
import { PT_PER_MM } from '../style/units.js';
import type { Theme } from '../style/theme.js';
import type { BlockNode, Matter, ParaNode, VSpaceNode } from '../template/doc-tree.js';

/** A run of a cover taller than the type area. */
export interface OverfullRun {
  /** How much taller than the type area, pt. */
  by: number;
  /** The pages it takes (the matter's, when it is the matter's one run; else as its height stacks). */
  pages: number;
  /** The blank spaces of the run, the largest first. */
  spaces: VSpaceNode[];
  /** The first text of the run that stands in the content (the cover's title), where it stands. */
  text?: SourcePos;
}

/** Spaces below which a run is taken to fit (rounding of the heights added up), pt. */
const SLACK = 0.5;

/**
 * The runs of a matter without page numbers (`items`: its flow, laid out) that are taller than
 * the type area of `theme`'s page, each with its height added up as the paginator stacks its
 * blocks (each block's space before it but the first's); `pages`: how many pages the matter
 * took, none when every run fits on one.
 */
export function overfullRuns(theme: Theme, matter: Matter, items: readonly Item[], pages: number): OverfullRun[] {
  if (matter.numbering !== 'none') return [];
  const p = theme.page;
  const area = p.height - p.marginTop - p.marginBottom;
  const heights: number[] = [0];
  let first = true;
  for (const item of items) {
    if (item.kind === 'break') {
      if (!first) heights.push(0);
      first = true;
      continue;
    }
    heights[heights.length - 1] += item.height + (first ? 0 : item.spaceBefore);
    first = false;
  }
  const runs = heights.filter((h) => h > 0);
  if (pages <= runs.length) return [];
  // the runs of the matter's nodes, between its page breaks (all of them where breaks stand deeper)
  const nodeRuns: BlockNode[][] = [[]];
  for (const n of matter.children) {
    if (n.kind === 'pagebreak') nodeRuns.push([]);
    else nodeRuns[nodeRuns.length - 1].push(n);
  }
  const filled = nodeRuns.filter((r) => r.length > 0);
  return runs.flatMap((h, i) => {
    if (h <= area + SLACK) return [];
    const nodes = filled.length === runs.length ? filled[i] : matter.children;
    const spaces = nodes.flatMap(spacesIn).sort((a, b) => b.size - a.size);
    const text = nodes.flatMap(textsIn).find((t) => t.at)?.at;
    return [{ by: h - area, pages: runs.length === 1 ? pages : Math.ceil(h / area - 1e-6), spaces, text }];
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
 * The warning of a cover run too tall, at what the user wrote that makes it so, in this order: the
 * largest `<vspace>` of the run when the user's own template writes it (and the blank spaces are
 * more than the run is too tall); else the page's size (or a top or bottom margin) their own
 * theme sets, the cover being a template's they did not write; else the run's text in the report
 * (the title); else the largest `<vspace>` wherever it is written.
 */
export function coverProblem(run: OverfullRun, s: CoverSources): Problem {
  const p = s.theme.page;
  const area = p.height - p.marginTop - p.marginBottom;
  const by = mm(run.by);
  // (a second page, or more for a title of 200pt)
  const onto = run.pages > 2 ? `it takes ${run.pages} pages` : 'it runs onto a second page';
  const tall = `the cover is ${by} taller than the type area of its page (${p.paper}: ${mm(area)} high): ${onto}`;
  const largest = run.spaces[0];
  const spaceAt = largest?.written === undefined ? undefined : s.whereWritten(`<vspace size="${largest.written}"`);
  const blank = run.spaces.reduce((sum, v) => sum + v.size, 0);
  const warning = (pos: SourcePos, message: string): Problem => ({ pos, message, severity: 'warning' });
  if (spaceAt && s.usersOwn(spaceAt.file) && blank >= run.by) return warning(spaceAt, `${tall}; make this <vspace> smaller (or choose a larger page)`);
  // the page the user chose, or the margins
  const own = (at: SourcePos | undefined) => at && at.file === s.themeFile && s.usersOwn(at.file);
  const cause = own(p.at.size) ? (['page.size', p.paper, p.at.size!, 'choose a larger page'] as const) : own(p.at.top) || own(p.at.bottom) ? (['page.margin', `${mm(p.marginTop)} and ${mm(p.marginBottom)}`, (own(p.at.top) ? p.at.top : p.at.bottom)!, 'smaller margins'] as const) : undefined;
  if (cause && spaceAt) {
    const [name, value, pos, remedy] = cause;
    const template = path.basename(path.dirname(spaceAt.file));
    return warning(pos, `${name}: ${value} makes the cover of ${template} (${shownFile(spaceAt.file)}:${spaceAt.line}:${spaceAt.col}) ${by} taller than the type area (${mm(area)} high): ${onto}; write a cover.hbs of this template with less <vspace> (its largest: <vspace size="${largest.written}"/>), or ${remedy}`);
  }
  if (run.text && run.text.file === s.report) return warning(run.text, `${tall}; shorten the text of the cover (this and the lines after it), or the sizes of its styles`);
  if (spaceAt) return warning(spaceAt, `${tall}; make this <vspace> smaller (or choose a larger page)`);
  return warning(s.fallback, tall);
}
