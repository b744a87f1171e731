/**
 * Stage ③: the theme (`templates/<name>/theme.yaml`) resolved to pt. Every length a later stage
 * uses comes from here; templates name styles, themes define them.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import path from 'node:path';
import { InputError, ProblemList, shownFile, type Problem, type SourcePos } from '../problems.js';
import { HEX_COLOUR, LANDSCAPE_WORD, LENGTH_UNITS, lengthSlip, PAPER, parseLength, PORTRAIT_ONLY, PT_PER_MM } from './units.js';
import { THEME_LIMITS as LIMITS, type Bounds } from './theme-limits.js';
import { readThemeSource, unchangedSince, type ThemeFiles, type ThemeSource } from './theme-source.js';
import type { PdfaLevel } from '../render/pdf.js';
import { notDefinedIn, type FontRegistry } from '../font/registry.js';
import { PUNCTUATION_SCHEMES, SCHEME_LANGUAGE, type PunctuationScheme } from '../text/punctuation.js';
import { defaultChapterReferences, DEFAULT_NUMBERING, NUMBERING_STYLES, type Numbering } from '../template/numbering.js';
import { closest, unknownKeyMessage } from '../content/did-you-mean.js';
import { DEFAULT_LOOK, type InlineLook } from '../text/atoms.js';

export type TextAlign = 'justify' | 'left' | 'center' | 'right';

/** A resolved paragraph or heading style. Lengths in pt. */
export interface TextStyleSpec {
  /** Font role from the registry (`serif`, `宋体`, `sans`, …). */
  font: string;
  /** Role for Latin words, set before the CJK font in the stack (optional). */
  latinFont?: string;
  /** Where the style is defined in the theme (for messages about its fonts). */
  pos?: SourcePos;
  /** Where the theme sets its size, when it does (for messages about what its size does not fit). */
  sizeAt?: SourcePos;
  bold: boolean;
  /** Font size, pt. */
  size: number;
  /** Distance between baselines, pt. */
  lineHeight: number;
  /** First-line indent, pt. */
  indent: number;
  /** Where the lines after a paragraph's first start, from its left edge, pt (a verse line too long for the measure: its runover lines hang under it). */
  runover: number;
  /** Space kept free at the right of every line, pt (page numbers one character in). */
  indentRight: number;
  /**
   * Paragraphs side by side in styles with a stagger (a 落款: issuers, date) are a staircase, pt:
   * the last starts this much right of those above it (which start together), the group placed as a whole by `align` (right:
   * its longest reach flush at `indent-right`). 0: none, each paragraph placed on its own.
   */
  stagger: number;
  /** Set on the theme's character grid (Chinese characters one cell each, lines one row). */
  onGrid: boolean;
  align: TextAlign;
  /** Space above and below, pt (dropped at a page top). */
  spaceBefore: number;
  spaceAfter: number;
  /** Text colour, `#rrggbb`. */
  color: string;
}

/** Table look. Lengths in pt. */
export interface TableSpec {
  /** `grid`: every cell ruled; `three-line`: 三线表 (top, below header, bottom). */
  rules: 'grid' | 'three-line';
  /** Rule widths: outer (top and bottom) and inner, pt. */
  outerRule: number;
  innerRule: number;
  ruleColor: string;
  headerFill: string | null;
  /** Padding inside a cell: vertical and horizontal, pt. */
  padY: number;
  padX: number;
}

/** Box (case) look. Lengths in pt. */
export interface BoxSpec {
  fill: string | null;
  border: string | null;
  borderWidth: number;
  /** Padding inside the border, pt. */
  padding: number;
  /** Space kept free on both sides, outside the border (a quotation's indent), pt. */
  indent: number;
  spaceBefore: number;
  spaceAfter: number;
}

/** Page geometry. Lengths in pt. */
export interface PageSpec {
  width: number;
  height: number;
  marginTop: number;
  marginBottom: number;
  marginLeft: number;
  marginRight: number;
  /** Top of the footer below the type area's bottom edge, pt. */
  footerOffset: number;
  /** Bottom of the running head above the type area's top edge, pt. */
  headerOffset: number;
  /** Chapters start on a new page (any), on a recto (odd) page with a blank verso before (duplex), or run on after the one before (continue). */
  chapterStart: 'any' | 'recto' | 'continue';
  /** The paper's name (A4 …), and where the theme sets the size and the top and bottom margins (for a message about what does not fit a page). */
  paper: string;
  at: { size?: SourcePos; top?: SourcePos; bottom?: SourcePos };
}

/** A character grid over the type area (GB/T 9704: 22 lines of 28 characters). */
export interface GridSpec {
  lines: number;
  chars: number;
  /** Distance between grid rows, pt: the type area's height / lines. */
  lineStep: number;
  /** Width of a cell, pt: the type area's width / chars. */
  charStep: number;
}

/** How `[[id]]` words each kind of item: a format with `{number}` in it (`表 {number}`). */
export type ReferenceFormats = Record<'chapter' | 'section' | 'appendix' | 'article' | 'table' | 'case' | 'figure', string>;

/** The placeholders each kind's reference format may have (filled in by block/references.ts): any other is an error at it. */
const REFERENCE_PLACEHOLDERS: Record<keyof ReferenceFormats, readonly string[]> = {
  chapter: ['number'],
  section: ['number', 'chapter'],
  appendix: ['number'],
  article: ['number'],
  table: ['number'],
  case: ['number'],
  figure: ['number'],
};

/**
 * The look of inline markup (spec §6.2) as the theme gives it: the sizes and shear of the text
 * layer's `InlineLook` (lengths in em of the text's size), and the colour of link text,
 * `#rrggbb`, or null for the text's own.
 */
export type InlineSpec = Omit<InlineLook, 'linkColor' | 'code' | 'codeKey'> & { linkColor: string | null };

export interface Theme {
  file: string;
  /** The theme files read, the template's own first (it may extend others). */
  files: string[];
  page: PageSpec;
  grid?: GridSpec;
  /** PDF/A conformance the template asks for (the command line's `--pdfa` wins). */
  pdfa?: PdfaLevel;
  /** Punctuation width scheme (see text/punctuation.ts). */
  punctuation: PunctuationScheme;
  /** The document's language, BCP 47 (the PDF's `/Lang`): `lang:`, else the scheme's (zh-CN, zh-TW, zh-HK). */
  lang: string;
  /** Lines of a paragraph kept together at a page's bottom (orphans) and top (widows). */
  orphans: number;
  widows: number;
  styles: Map<string, TextStyleSpec>;
  table: TableSpec;
  boxes: Map<string, BoxSpec>;
  /** Dot leader of contents entries: one printable character. */
  leader: string;
  /** Where the theme sets the leader (for a warning that no font has it); none for the default. */
  leaderPos?: SourcePos;
  /** How chapters, sections and appendices are numbered (see template/numbering.ts). */
  numbering: Numbering;
  references: ReferenceFormats;
  inline: InlineSpec;
  /** Footnote markers: ①②③ counted afresh on each page, or 1, 2, 3 … through the report. */
  footnotes: 'per-page' | 'continuous';
}

/** The wording of cross-references when a theme does not say (chapters and sections: as `numbering:` numbers them, see `defaultChapterReferences`; appendices: as `appendix-label:` labels them). */
export const DEFAULT_REFERENCES: ReferenceFormats = { chapter: '第 {number} 章', section: '{number} 节', appendix: '附录 {number}', article: '第{number}条', table: '表 {number}', case: '案例 {number}', figure: '图 {number}' };

/** Values of a theme that set the bounds of another, by name (`page.size`, `styles.body.size`), each where it is written (none: not written). */
type Causes = readonly (readonly [string, Node | undefined])[];

/** A body's size, pt, that any type area worth the name holds (小四): a type area too small for it is the margins' fault, else the body's. */
const REFERENCE_BODY = 12;

const STYLE_KEYS = ['font', 'latin-font', 'bold', 'size', 'line-height', 'indent', 'runover', 'indent-right', 'stagger', 'grid', 'align', 'space-before', 'space-after', 'color'];

/**
 * The keys of each mapping of a theme, by where it stands (`styles.*`, `boxes.*`: a style or box
 * of any name). A key not listed is a typo (`boxs:`, `margn:`), an error at it with the likely
 * key: left alone, the value it was meant to set would silently stay the default. `references:`
 * is checked where it is read (its keys are the kinds of item).
 */
const THEME_KEYS: Record<string, readonly string[]> = {
  '': ['extends', 'page', 'grid', 'punctuation', 'lang', 'orphans', 'widows', 'numbering', 'appendix-label', 'leader', 'footnotes', 'pdfa', 'styles', 'table', 'boxes', 'references', 'inline'],
  page: ['size', 'margin', 'footer-offset', 'header-offset', 'chapter-start'],
  'page.margin': ['top', 'bottom', 'left', 'right'],
  grid: ['lines', 'chars'],
  'styles.*': STYLE_KEYS,
  table: ['rules', 'outer-rule', 'inner-rule', 'rule-color', 'header-fill', 'pad-y', 'pad-x'],
  'boxes.*': ['fill', 'border', 'border-width', 'padding', 'indent', 'space-before', 'space-after'],
  inline: ['script-size', 'sup-rise', 'sub-drop', 'emphasis-dot', 'emphasis-gap', 'slant', 'link-color'],
};

/**
 * Reads and resolves a theme file (with the themes it `extends`). Problems are located in the
 * file that holds the value; a theme with any is an `InputError` with all of them.
 */
export function loadTheme(file: string, files: ThemeFiles): Theme {
  const { theme, problems } = readTheme(file, files);
  if (problems.length) throw new InputError([...problems]);
  return theme;
}

/** A theme resolved, and the problems of its values (each such value left at its default). */
export interface ReadTheme {
  theme: Theme;
  problems: readonly Problem[];
}

/**
 * Reads and resolves a theme file (with the themes it `extends`), every problem of its values
 * found and returned with it, located in the file that holds the value, the value left at its
 * default; so that a build can add the problems found with it (the font roles its styles name)
 * and report them all in one run. Throws `InputError` for a theme that cannot be read at all (a
 * file missing, not YAML, `extends:` in a circle).
 */
export function readTheme(file: string, files: ThemeFiles): ReadTheme {
  if (last && unchangedSince(last.source, file, files)) return last.read;
  const source = readThemeSource(file, files);
  const read = resolveTheme(source);
  last = { source, read };
  return read;
}

/** A BCP 47 language tag: a language, then subtags (zh-CN, zh-Hant-TW, en). */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/** A length as a message shows it: in pt to a hundredth, or (the page's) in mm to a tenth. */
const inPt = (v: number): string => `${Math.round(v * 100) / 100}pt`;
const inMm = (v: number): string => `${Math.round((v / PT_PER_MM) * 10) / 10}mm`;

/** Whether `v` lies within `bounds`. */
function inside(v: number, bounds: Bounds): boolean {
  return !(bounds.min !== undefined && v < bounds.min) && !(bounds.max !== undefined && v > bounds.max);
}

/** `bounds` in words, each end shown by `shown` (a 0 bare): "from 4pt to 200pt", "at least 0", "at most 24pt". */
function range(bounds: Bounds, shown: (v: number) => string): string {
  const end = (v: number) => (v === 0 ? '0' : shown(v));
  if (bounds.min === undefined) return `at most ${end(bounds.max!)}`;
  return bounds.max === undefined ? `at least ${end(bounds.min)}` : `from ${end(bounds.min)} to ${end(bounds.max)}`;
}

/** The last theme loaded and what it was made of: a rebuild (watch) reuses it while its files stand. */
let last: { source: ThemeSource; read: ReadTheme } | undefined;

function resolveTheme(src: ThemeSource): ReadTheme {
  const problems = new ProblemList();
  const file = src.file;
  const root = src.root;
  const at = src.at;
  const get = (node: Node | null | undefined, key: string): Node | undefined => {
    if (!node || !isMap(node)) return undefined;
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
    return (pair?.value as Node | undefined) ?? undefined;
  };
  const value = (node: Node | undefined): unknown => (node && isScalar(node) ? node.value : undefined);
  /** A value as a message shows it: as written (text quoted), or what it is instead of one. */
  const written = (node: Node | undefined): string => {
    if (node && isScalar(node)) return typeof node.value === 'string' ? `"${node.value}"` : String(node.value);
    return isSeq(node) ? 'a list' : isMap(node) ? 'a mapping' : 'nothing';
  };
  /**
   * A length, pt; `em`: the size an em is of, none (0) where there is none (a margin, a rule, a
   * style's own size): a length in em there is an error at it (`name` for the message), as is text
   * that is no length, saying what is wrong (`"emm" is not a unit: did you mean mm or em?`).
   */
  const length = (node: Node | undefined, fallback: number, em = 0, name = 'the value'): number => {
    if (!node) return fallback;
    const text = value(node);
    const v = parseLength(text, em);
    if (v === undefined) {
      const slip = typeof text === 'string' ? lengthSlip(text, [...LENGTH_UNITS, 'em']) : undefined;
      problems.error(at(node), `not a length: ${written(node)} (write a number in ${LENGTH_UNITS.join(', ')} (0.75pt) or em, as 12pt, 25mm, 2em, or a 字号 like 小四${slip ? `; ${slip}` : ''})`);
      return fallback;
    }
    // (parseLength makes an em of nothing 0: a margin of 2em was silently none)
    if (em === 0 && typeof text === 'string' && /em\s*$/.test(text)) {
      problems.error(at(node), `${name} must be a length in ${LENGTH_UNITS.slice(0, -1).join(', ')} or ${LENGTH_UNITS.at(-1)}, not ${written(node)} (em, a share of a font size, is taken only by a style’s indents, spaces and line height, and by a box’s indent)`);
      return fallback;
    }
    return v;
  };
  /** A length that must lie within `bounds`, pt; `why`: what sets them, `shown`: how a bound is written (pt or mm); `causes`: the values that set them (see `outOfBounds`). */
  const lengthIn = (node: Node | undefined, name: string, fallback: number, em: number, bounds: Bounds, why = '', shown = inPt, causes: Causes = []): number => {
    if (!node || parseLength(value(node), em) === undefined) return length(node, fallback, em, name);
    const v = length(node, fallback, em, name);
    if (v === fallback && em === 0 && /em\s*$/.test(String(value(node)))) return fallback; // (an em where there is none: an error at it)
    return within(node, name, v, bounds, why, shown, written(node), causes) ? v : fallback;
  };
  /** Whether `v` (pt, as `node` gives it) lies within `bounds`; if not, an error (see `outOfBounds`) saying what is allowed (`as`: the value as the message shows it). */
  const within = (node: Node, name: string, v: number, bounds: Bounds, why = '', shown = inPt, as = written(node), causes: Causes = []): boolean => {
    if (inside(v, bounds)) return true;
    outOfBounds(node, name, `${name} must be ${range(bounds, shown)}${why}, not ${as}`, causes);
    return false;
  };
  /** The theme file (its place in `src.files`: 0 the template's own) a node comes from. */
  const layerOf = (node: Node): number => src.files.indexOf(at(node).file);
  /**
   * An error about the value `node` (`name`, `message`): at it; but when the theme takes it from
   * one it extends (Imprint's own, mostly) and a value of a theme nearer the template's own (of
   * `causes`: those that set its bounds, by name: the paper, a margin, the body's size) puts it
   * out of bounds, at that value, the user's, saying what it takes from where and what to do: a
   * line of a theme the user never wrote (`templates/gbt9704/theme.yaml:11:27: grid.chars …`
   * for an A5 page) was no help. The first of the nearest theme's causes is taken.
   */
  const outOfBounds = (node: Node, name: string, message: string, causes: Causes = []): void => {
    const layer = layerOf(node);
    let cause: [string, Node] | undefined;
    for (const [causeName, causeNode] of causes) {
      if (causeNode && layerOf(causeNode) < layer && (!cause || layerOf(causeNode) < layerOf(cause[1]))) cause = [causeName, causeNode];
    }
    if (!cause) return problems.error(at(node), message);
    const [causeName, causeNode] = cause;
    const from = at(node);
    const v = value(causeNode);
    // (a length written as a number alone is pt: a margin of 30 meant as mm is a third of it)
    const alone = typeof v === 'number' && v !== 0 && causeName !== 'page.size' ? ` (a number alone is pt: ${causeName.startsWith('page.') ? inMm(v) : inPt(v)})` : '';
    const shownValue = typeof v === 'string' || typeof v === 'number' ? String(v) : written(causeNode);
    const template = path.basename(path.dirname(from.file));
    problems.error(at(causeNode), `${causeName}: ${shownValue}${alone} leaves no room for what this theme takes from ${template} (${shownFile(from.file)}:${from.line}:${from.col}): ${message}; set ${name} in this theme, or change ${causeName}`);
  };
  const color = (node: Node | undefined, fallback: string | null): string | null => {
    if (!node) return fallback;
    const v = value(node);
    if (v === 'none' || v === null) return null;
    if (typeof v !== 'string' || !HEX_COLOUR.test(v)) {
      problems.error(at(node), `not a colour: ${written(node)} (write #rrggbb or none)`);
      return fallback;
    }
    return v.toLowerCase();
  };
  /** A value that is text where `meant` (true, 3) is not: shown with the hint to drop the quotes. */
  const writtenFor = (node: Node, meant: RegExp): string => {
    const v = value(node);
    return typeof v === 'string' && meant.test(v.trim()) ? `the text "${v}" (write it without quotes)` : written(node);
  };
  /** A switch: true or false (`yes` is text in YAML 1.2, not a switch). */
  const flag = (node: Node | undefined, name: string, fallback: boolean): boolean => {
    if (!node) return fallback;
    const v = value(node);
    if (typeof v === 'boolean') return v;
    problems.error(at(node), `${name} must be true or false, not ${writtenFor(node, /^(true|false)$/)}`);
    return fallback;
  };
  /** A whole number within `bounds` (`why`: what sets them, for the message). */
  const count = (node: Node | undefined, name: string, bounds: Bounds, fallback: number, why = '', causes: Causes = []): number => {
    if (!node) return fallback;
    const v = value(node);
    if (typeof v === 'number' && Number.isInteger(v) && inside(v, bounds)) return v;
    const message = `${name} must be a whole number ${range(bounds, String)}${why}, not ${writtenFor(node, /^-?\d+$/)}`;
    // (a value not a whole number is wrong whatever the other values: at it)
    if (typeof v === 'number' && Number.isInteger(v)) outOfBounds(node, name, message, causes);
    else problems.error(at(node), message);
    return fallback;
  };
  /** The name of a font role (fonts/fonts.yaml's). */
  const role = (node: Node | undefined, name: string, fallback: string): string => {
    if (!node) return fallback;
    const v = value(node);
    if ((typeof v === 'string' && v.trim() !== '') || typeof v === 'number') return String(v);
    problems.error(at(node), `${name} must be the name of a font role, not ${typeof v === 'string' ? 'an empty name' : written(node)}`);
    return fallback;
  };
  /**
   * Whether every `{name}` in `text` (the value of `node`, `what` for the message) is one of
   * `known`; if not, an error at the first that is not, naming those that are (a placeholder
   * left unknown would print as it is written). `elsewhere`: where a name unknown here belongs.
   */
  const placeholdersKnown = (node: Node, text: string, known: readonly string[], what: string, elsewhere: (name: string) => string = () => ''): boolean => {
    for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
      const name = m[1];
      if (known.includes(name)) continue;
      const near = closest(name, [...known]);
      problems.error(at(node, m.index), `unknown placeholder {${name}} in ${what} (${near ? `did you mean {${near}}? ` : ''}known: ${known.map((k) => `{${k}}`).join(', ')}${elsewhere(name)})`);
      return false;
    }
    return true;
  };
  const choice = <T extends string>(node: Node | undefined, options: readonly T[], fallback: T): T => {
    if (!node) return fallback;
    const v = value(node);
    if (!options.includes(v as T)) {
      const near = typeof v === 'string' ? closest(v, [...options]) : undefined;
      problems.error(at(node), `must be one of ${options.join(', ')}, not ${written(node)}${near ? ` (did you mean "${near}"?)` : ''}`);
      return fallback;
    }
    return v as T;
  };

  /**
   * `node` (the mapping at `where`, a key of THEME_KEYS; `name`: a style's or box's) has only
   * the keys it may have; a value that is not a mapping is an error at it.
   */
  const checkKeys = (node: Node | undefined, where: string, name = where): boolean => {
    if (node === undefined) return false;
    if (node === null || (isScalar(node) && node.value === null)) return true; // a key with nothing under it: the defaults
    const known = THEME_KEYS[where];
    const shown = name ? `\`${name.replace('.', ': ')}:\`` : 'the theme';
    if (!isMap(node)) {
      problems.error(at(node), `${shown} must be a mapping of ${known.join(', ')}`);
      return false;
    }
    for (const pair of node.items) {
      const key = String((pair.key as Node & { value: unknown }).value);
      if (known.includes(key)) continue;
      problems.error(at(pair.key as Node), unknownKeyMessage(key, known, shown) + (where === 'page' && LANDSCAPE_WORD.test(key) ? PORTRAIT_ONLY : ''));
    }
    return true;
  };
  checkKeys(root, '');
  for (const where of ['page', 'page.margin', 'grid', 'table', 'inline']) checkKeys(where.split('.').reduce<Node | undefined>(get, root), where);
  for (const [key, what] of [['styles', 'style names to their keys'], ['boxes', 'box names (case, code, quote, …) to their looks'], ['references', 'kinds of item to their wording']]) {
    const node = get(root, key);
    if (node !== undefined && !isMap(node) && !(isScalar(node) && node.value === null)) problems.error(at(node), `\`${key}:\` must be a mapping of ${what}`);
  }

  // page
  const pageNode = get(root, 'page');
  const sizeNode = get(pageNode, 'size');
  let [width, height] = PAPER.A4;
  let paper = 'A4';
  if (sizeNode) {
    const v = value(sizeNode);
    const name = typeof v === 'string' ? v.trim().toUpperCase() : '';
    if (PAPER[name]) [[width, height], paper] = [PAPER[name], name];
    else {
      const papers = Object.keys(PAPER);
      // (not for a name as short as A6: every size of its series is as near)
      const near = name.length > 2 ? closest(name, papers) : undefined;
      // a name is letters (and a digit): anything else was meant as the paper's lengths, or is a Chinese name (16开)
      const kai = typeof v === 'string' && v.includes('开') ? ' (papers are named by their ISO names here: a 16开 page is near B5, a 大16开 near A4)' : '';
      const lengths = kai || (v !== null && !(typeof v === 'string' && /^[A-Za-z]+\d*$/.test(v.trim())) ? ' (a size in lengths, such as [210mm, 297mm], is not supported)' : '');
      const shown = v === null ? 'nothing' : written(sizeNode);
      const said = typeof v === 'string' && LANDSCAPE_WORD.test(v) ? PORTRAIT_ONLY : near ? ` (did you mean "${near}"?)` : lengths;
      problems.error(at(sizeNode), `page.size must be the name of a paper size: ${papers.slice(0, -1).join(', ')} or ${papers.at(-1)}, not ${shown}${said}`);
    }
  }
  const margin = get(pageNode, 'margin');
  const marginNode = (side: string) => get(margin, side);
  const marginOf = (side: string) => lengthIn(get(margin, side), `page.margin.${side}`, 72, 0, LIMITS.margin, '', inMm);
  const page: PageSpec = {
    width,
    height,
    marginTop: marginOf('top'),
    marginBottom: marginOf('bottom'),
    marginLeft: marginOf('left'),
    marginRight: marginOf('right'),
    footerOffset: length(get(pageNode, 'footer-offset'), 28, 0, 'page.footer-offset'),
    headerOffset: length(get(pageNode, 'header-offset'), 12, 0, 'page.header-offset'),
    chapterStart: choice(get(pageNode, 'chapter-start'), ['any', 'recto', 'continue'] as const, 'any'),
    paper,
    at: { size: sizeNode && at(sizeNode), top: marginNode('top') && at(marginNode('top')), bottom: marginNode('bottom') && at(marginNode('bottom')) },
  };

  // the character grid
  const gridNode = get(root, 'grid');
  let grid: GridSpec | undefined;
  const areaWidth = page.width - page.marginLeft - page.marginRight;
  const areaHeight = page.height - page.marginTop - page.marginBottom;
  /** The values the type area comes from, as causes (see `outOfBounds`): the paper and two opposite margins. */
  const areaCauses = (sides: string[]): Causes => [['page.size', sizeNode], ...sides.map((side): Causes[number] => [`page.margin.${side}`, marginNode(side)])];
  if (gridNode) {
    // checked, with their bounds, once the body's size is known (below)
    const [lines, chars] = ['lines', 'chars'].map((key) => {
      const n = value(get(gridNode, key));
      return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 1;
    });
    grid = { lines, chars, lineStep: areaHeight / lines, charStep: areaWidth / chars };
  }

  // text styles
  const styles = new Map<string, TextStyleSpec>();
  const stylesNode = get(root, 'styles');
  const base: TextStyleSpec = { font: 'serif', bold: false, size: 12, lineHeight: 21.6, indent: 0, runover: 0, indentRight: 0, stagger: 0, onGrid: false, align: 'justify', spaceBefore: 0, spaceAfter: 0, color: '#000000' };
  if (stylesNode && isMap(stylesNode)) {
    for (const pair of stylesNode.items) {
      const name = String((pair.key as Node & { value: unknown }).value);
      const s = pair.value as Node;
      if (!checkKeys(s, 'styles.*', `styles.${name}`)) {
        // (an error at it) the base look, so that a template naming it is not blamed too
        styles.set(name, { ...base, pos: at(s) });
        continue;
      }
      const font = role(get(s, 'font'), `styles.${name}.font`, base.font);
      const latinFont = get(s, 'latin-font') && role(get(s, 'latin-font'), `styles.${name}.latin-font`, base.font);
      const bold = flag(get(s, 'bold'), `styles.${name}.bold`, base.bold);
      const onGrid = flag(get(s, 'grid'), `styles.${name}.grid`, false);
      if (onGrid && !grid) problems.error(at(get(s, 'grid')), `style "${name}" is on the grid, but the theme has no \`grid:\``);
      const size = lengthIn(get(s, 'size'), `styles.${name}.size`, base.size, 0, LIMITS.fontSize);
      const lh = get(s, 'line-height');
      const lhValue = value(lh);
      // `row`: a row of the grid, the text kept off it (a 上行文's 签发人 row), to the hundredth of a point
      const row = lhValue === 'row';
      if (row && !grid) problems.error(at(lh!), `style "${name}" has line-height: row, a row of the grid, but the theme has no \`grid:\``);
      let lineHeight = onGrid && grid ? grid.lineStep : row ? (grid ? Math.round(grid.lineStep * 100) / 100 : size * 1.5) : typeof lhValue === 'number' && lhValue < 5 ? lhValue * size : length(lh, size * 1.5, size);
      const [least, most] = [LIMITS.lineHeight.min * size, LIMITS.lineHeight.max * size];
      // "1.5" in quotes is a length, 1.5pt: 1.5 times the size is written without them
      const quoted = typeof lhValue === 'string' && /^\d+(\.\d+)?$/.test(lhValue.trim()) && inside(Number(lhValue), LIMITS.lineHeight) ? writtenFor(lh!, /./) : undefined;
      if (lh && !onGrid && !row && !within(lh, `styles.${name}.line-height`, lineHeight / size, LIMITS.lineHeight, ` times the size (${inPt(least)} to ${inPt(most)})`, String, quoted, [[`styles.${name}.size`, get(s, 'size')]])) lineHeight = size * 1.5;
      styles.set(name, {
        pos: at(get(s, 'font') ?? s),
        sizeAt: get(s, 'size') && at(get(s, 'size')),
        font,
        latinFont,
        bold,
        size,
        lineHeight,
        indent: lengthIn(get(s, 'indent'), `styles.${name}.indent`, 0, size, LIMITS.indent),
        runover: lengthIn(get(s, 'runover'), `styles.${name}.runover`, 0, size, LIMITS.indent),
        indentRight: lengthIn(get(s, 'indent-right'), `styles.${name}.indent-right`, 0, size, LIMITS.indent),
        stagger: lengthIn(get(s, 'stagger'), `styles.${name}.stagger`, 0, size, LIMITS.indent),
        onGrid,
        align: choice(get(s, 'align'), ['justify', 'left', 'center', 'right'] as const, 'justify'),
        spaceBefore: lengthIn(get(s, 'space-before'), `styles.${name}.space-before`, 0, size, LIMITS.space),
        spaceAfter: lengthIn(get(s, 'space-after'), `styles.${name}.space-after`, 0, size, LIMITS.space),
        color: color(get(s, 'color'), base.color) ?? base.color,
      });
    }
  }
  // (a `body:` that is no mapping was an error at it)
  if (!styles.has('body') && get(stylesNode, 'body') === undefined) problems.error(at(stylesNode ?? root), 'the theme needs a `body` style');

  // what the values leave, now that the body is known: a type area, room for the header and
  // footer, grid cells, each style's first line (each box's text: below)
  const body = styles.get('body') ?? base;
  const bodyNode = isMap(stylesNode) ? get(stylesNode, 'body') : undefined;
  /** The values the body's size and line height come from, as causes (see `outOfBounds`). */
  const bodyCauses: Causes = [
    ['styles.body.size', get(bodyNode, 'size')],
    ['styles.body.line-height', get(bodyNode, 'line-height')],
  ];

  // a body on the grid is as high as a row of it, and a row at least so high
  const bodyLine = body.onGrid ? LIMITS.gridRowEms * body.size : body.lineHeight;
  // (a body too large for any type area is one error at it: not the margins' nor the offsets' fault)
  const bodyOk = bodyFits();
  const areaFits = bodyOk && [
    typeArea([['left', page.marginLeft], ['right', page.marginRight]], areaWidth, LIMITS.typeAreaChars * body.size, `wide; it must be at least ${LIMITS.typeAreaChars} characters of the body`),
    typeArea([['top', page.marginTop], ['bottom', page.marginBottom]], areaHeight, LIMITS.typeAreaLines * bodyLine, `high; it must be at least ${LIMITS.typeAreaLines} lines of the body`),
  ].every(Boolean);
  const furnitureRoom = LIMITS.furnitureLines * bodyLine;
  for (const [key, value, margin, edge] of bodyOk ? ([['footer-offset', page.footerOffset, page.marginBottom, 'bottom'], ['header-offset', page.headerOffset, page.marginTop, 'top']] as const) : []) {
    const node = get(pageNode, key);
    if (node) within(node, `page.${key}`, value, { ...LIMITS.furnitureOffset, max: margin - furnitureRoom }, ` (the ${edge} margin less a line of the body)`, inMm, written(node), [[`page.margin.${edge}`, marginNode(edge)], ...bodyCauses]);
  }
  if (grid) {
    const steps = [
      { key: 'lines', extent: areaHeight, ems: LIMITS.gridRowEms, what: 'a row', dimension: 'high', sides: ['top', 'bottom'] },
      { key: 'chars', extent: areaWidth, ems: LIMITS.gridCellEms, what: 'a cell', dimension: 'wide', sides: ['left', 'right'] },
    ];
    for (const { key, extent, ems, what, dimension, sides } of steps) {
      const least = ems * body.size;
      const how = `${what} at least ${inPt(least)} ${dimension}: ${ems} em of the body`;
      const node = get(gridNode, key);
      const counts = { min: 1, max: areaFits ? Math.floor(extent / least) : undefined };
      if (node) count(node, `grid.${key}`, counts, 1, ` (${how})`, [...areaCauses(sides), ...bodyCauses]);
      else problems.error(at(gridNode), `grid.${key} is missing: a whole number ${range(counts, String)} (${how})`);
    }
  }
  if (areaFits && stylesNode && isMap(stylesNode)) {
    for (const pair of stylesNode.items) {
      const name = String((pair.key as Node & { value: unknown }).value);
      const st = styles.get(name);
      if (st) firstLine(pair.value as Node, name, st);
      if (st) lineInArea(pair.value as Node, name, st);
    }
  }

  const paddings = { min: LIMITS.paddingChars.min * body.size, max: LIMITS.paddingChars.max * body.size };
  const paddingsWhy = ` (${LIMITS.paddingChars.max} characters of the body)`;
  const t = get(root, 'table');
  const table: TableSpec = {
    rules: choice(get(t, 'rules'), ['grid', 'three-line'] as const, 'grid'),
    outerRule: lengthIn(get(t, 'outer-rule'), 'table.outer-rule', 1, 0, LIMITS.rule),
    innerRule: lengthIn(get(t, 'inner-rule'), 'table.inner-rule', 0.5, 0, LIMITS.rule),
    ruleColor: color(get(t, 'rule-color'), '#000000') ?? '#000000',
    headerFill: color(get(t, 'header-fill'), null),
    padY: lengthIn(get(t, 'pad-y'), 'table.pad-y', 4, 0, paddings, paddingsWhy, inPt, bodyCauses),
    padX: lengthIn(get(t, 'pad-x'), 'table.pad-x', 6, 0, paddings, paddingsWhy, inPt, bodyCauses),
  };

  const boxes = new Map<string, BoxSpec>();
  const boxesNode = get(root, 'boxes');
  if (boxesNode && isMap(boxesNode)) {
    for (const pair of boxesNode.items) {
      const name = String((pair.key as Node & { value: unknown }).value);
      const b = pair.value as Node;
      if (!checkKeys(b, 'boxes.*', `boxes.${name}`)) continue;
      const box: BoxSpec = {
        fill: color(get(b, 'fill'), null),
        border: color(get(b, 'border'), '#000000'),
        borderWidth: lengthIn(get(b, 'border-width'), `boxes.${name}.border-width`, 0.75, 0, LIMITS.rule, ' (no border: write border: none)'),
        padding: lengthIn(get(b, 'padding'), `boxes.${name}.padding`, 10, 0, paddings, paddingsWhy, inPt, bodyCauses),
        indent: lengthIn(get(b, 'indent'), `boxes.${name}.indent`, 0, body.size, LIMITS.boxIndent),
        spaceBefore: lengthIn(get(b, 'space-before'), `boxes.${name}.space-before`, 12, 0, LIMITS.space),
        spaceAfter: lengthIn(get(b, 'space-after'), `boxes.${name}.space-after`, 12, 0, LIMITS.space),
      };
      if (areaFits) boxText(b, name, box);
      boxes.set(name, box);
    }
  }

  const refsNode = get(root, 'references');
  const numberingStyle = choice(get(root, 'numbering'), NUMBERING_STYLES, DEFAULT_NUMBERING.style);
  const appendix = appendixLabel(get(root, 'appendix-label'));
  // chapters and sections are worded as the headings are numbered, appendices as they are labelled, unless the theme says
  const references = { ...DEFAULT_REFERENCES, ...defaultChapterReferences(numberingStyle), appendix: appendix.replaceAll('{A}', '{number}').replaceAll('{1}', '{number}') };
  /** The kinds whose reference format may have `{name}`, for a format of another kind that has it. */
  const placeholderKinds = (name: string) => {
    const kinds = Object.entries(REFERENCE_PLACEHOLDERS).flatMap(([kind, names]) => (names.includes(name) ? [kind] : []));
    return kinds.length ? `; {${name}} belongs in the format of a ${kinds.join(' or ')}` : '';
  };
  if (refsNode && isMap(refsNode)) {
    for (const pair of refsNode.items) {
      const kind = String((pair.key as Node & { value: unknown }).value) as keyof ReferenceFormats;
      const format = value(pair.value as Node);
      if (!(kind in DEFAULT_REFERENCES)) problems.error(at(pair.key as Node), `unknown kind "${kind}" under \`references:\` (known: ${Object.keys(DEFAULT_REFERENCES).join(', ')})`);
      else if (typeof format === 'string' && !placeholdersKnown(pair.value as Node, format, REFERENCE_PLACEHOLDERS[kind], `the reference format of a ${kind}`, placeholderKinds)) continue;
      else if (typeof format !== 'string' || !format.includes('{number}')) problems.error(at(pair.value as Node), `a reference format must be text with {number} in it, e.g. "表 {number}"`);
      else references[kind] = format;
    }
  }
  const inlineNode = get(root, 'inline');
  const fraction = (key: string, fallback: number, bounds: Bounds) => {
    const node = get(inlineNode, key);
    const v = value(node);
    if (node === undefined) return fallback;
    if (typeof v === 'number' && inside(v, bounds)) return v;
    problems.error(at(node), `inline.${key} must be a number ${range(bounds, String)}`);
    return fallback;
  };
  const ems = (key: string, fallback: number) => {
    const node = get(inlineNode, key);
    if (node === undefined) return fallback;
    const v = value(node);
    const m = typeof v === 'string' ? /^(\d+(?:\.\d+)?)em$/.exec(v.trim()) : null;
    if (m) return within(node, `inline.${key}`, Number(m[1]), LIMITS.inlineEms, '', (v) => `${v}em`) ? Number(m[1]) : fallback;
    problems.error(at(node), `inline.${key} must be a length in em of the text's size, e.g. 0.1em`);
    return fallback;
  };
  const d = DEFAULT_LOOK;
  const inline: InlineSpec = {
    scriptSize: fraction('script-size', d.scriptSize, LIMITS.scriptSize),
    supRise: ems('sup-rise', d.supRise),
    subDrop: ems('sub-drop', d.subDrop),
    dotSize: ems('emphasis-dot', d.dotSize),
    dotGap: ems('emphasis-gap', d.dotGap),
    slant: fraction('slant', d.slant, LIMITS.slant),
    linkColor: color(get(inlineNode, 'link-color'), null),
  };

  const pdfaNode = get(root, 'pdfa');
  const leaderNode = get(root, 'leader');
  const punctuation = choice(get(root, 'punctuation'), PUNCTUATION_SCHEMES, 'gb');
  const theme: Theme = {
    file,
    files: src.files,
    page,
    grid,
    pdfa: pdfaNode ? choice(pdfaNode, ['2b', '3b'] as const, '2b') : undefined,
    punctuation,
    lang: language(get(root, 'lang'), SCHEME_LANGUAGE[punctuation]),
    orphans: count(get(root, 'orphans'), 'orphans', LIMITS.keptLines, 2),
    widows: count(get(root, 'widows'), 'widows', LIMITS.keptLines, 2),
    styles,
    table,
    boxes,
    leader: leader(leaderNode),
    leaderPos: leaderNode && at(leaderNode),
    numbering: {
      style: numberingStyle,
      appendix,
    },
    references,
    inline,
    footnotes: choice(get(root, 'footnotes'), ['per-page', 'continuous'] as const, 'per-page'),
  };
  return { theme, problems: problems.items.filter((p) => p.severity === 'error') };

  /** `lang:` a BCP 47 language tag. */
  function language(node: Node | undefined, fallback: string): string {
    if (!node) return fallback;
    const v = value(node);
    if (typeof v !== 'string' || !LANGUAGE_TAG.test(v)) {
      problems.error(at(node), `lang must be a language tag like zh-CN, zh-TW or zh-HK, not ${written(node)}`);
      return fallback;
    }
    return v;
  }

  /**
   * Whether the body's size and line height fit the type area the margins leave; if not, while a
   * body of REFERENCE_BODY pt would (the margins are not at fault), one error at the body's
   * `size` (or `line-height`) with the most that fits.
   */
  function bodyFits(): boolean {
    const most = Math.min(areaWidth / LIMITS.typeAreaChars, areaHeight / (LIMITS.typeAreaLines * (bodyLine / body.size)));
    if (body.size <= most + 1e-6 || most < REFERENCE_BODY) return true;
    const node = (bodyNode && (get(bodyNode, 'size') ?? get(bodyNode, 'line-height'))) ?? bodyNode ?? root;
    outOfBounds(node, 'styles.body.size', `styles.body: a body of ${inPt(body.size)} leaves the type area (${inMm(areaWidth)} × ${inMm(areaHeight)}) less than ${LIMITS.typeAreaChars} characters wide or ${LIMITS.typeAreaLines} lines high: at most ${inPt(Math.floor(most * 10) / 10)} at this line height`, areaCauses(['left', 'right', 'top', 'bottom']));
    return false;
  }

  /**
   * Whether two opposite margins (each side's name and pt) leave the type area `extent` (pt) of
   * at least `least`; if not, an error at the larger margin given (`how`: the dimension and the
   * bound, for the message).
   */
  function typeArea(sides: [string, number][], extent: number, least: number, how: string): boolean {
    if (extent >= least) return true;
    const [larger] = sides.filter(([side]) => get(margin, side)).sort((a, b) => b[1] - a[1]);
    const node = larger ? get(margin, larger[0])! : (sizeNode ?? pageNode ?? root);
    outOfBounds(node, larger ? `page.margin.${larger[0]}` : 'page.size', `page.margin: ${sides.map(([side]) => side).join(' and ')} leave a type area ${inMm(extent)} ${how} (${inMm(least)})`, [['page.size', sizeNode], ...sides.map(([side]): Causes[number] => [`page.margin.${side}`, marginNode(side)]), ...bodyCauses]);
    return false;
  }

  /**
   * Whether a style's indents leave room on its first line (and its runover lines) for
   * `firstLineChars` of its characters across the type area; if not, an error at the indent (or
   * runover; else indent-right, else size).
   */
  function firstLine(node: Node, name: string, st: TextStyleSpec): void {
    for (const [lead, where] of [[st.indent, 'indent'], [st.runover, 'runover']] as const) {
      const short = lead + st.indentRight + LIMITS.firstLineChars * st.size - areaWidth;
      if (short <= 0) continue;
      const [key, v] = lead > 0 && get(node, where) ? [where, lead] : st.indentRight > 0 && get(node, 'indent-right') ? ['indent-right', st.indentRight] : ['size', st.size];
      const bounds = { max: key === 'size' ? areaWidth / LIMITS.firstLineChars : v - short };
      const lines = where === 'indent' ? 'its first line' : 'its runover lines';
      within(get(node, key) ?? node, `styles.${name}.${key}`, v, bounds, ` (leaving ${LIMITS.firstLineChars} characters of the style on ${lines})`, inPt, written(get(node, key) ?? node), [...areaCauses(['left', 'right']), [`styles.${name}.size`, get(node, 'size')]]);
      return;
    }
  }

  /**
   * Whether a style's line is no taller than the type area (199pt at 4 times the size stood a
   * page a line, off the page's foot); if not, an error at its line height (else its size), with
   * the most that fits, and the style keeps a line as high as the type area.
   */
  function lineInArea(node: Node, name: string, st: TextStyleSpec): void {
    if (st.onGrid || st.lineHeight <= areaHeight) return;
    const lh = get(node, 'line-height');
    const lineNode = lh ?? get(node, 'size') ?? node;
    const v = value(lh);
    const quoted = typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim()) ? writtenFor(lh!, /./) : written(lineNode);
    within(lineNode, `styles.${name}.${lh ? 'line-height' : 'size'}`, st.lineHeight / st.size, { max: Math.floor((areaHeight / st.size) * 100) / 100 }, ` times the size (a line no taller than the type area, ${inPt(areaHeight)} high)`, String, quoted, [[`styles.${name}.size`, get(node, 'size')], ...areaCauses(['top', 'bottom'])]);
    st.lineHeight = areaHeight;
  }

  /**
   * Whether a box leaves its text (its indents, borders and paddings taken off the type area's
   * width) `boxTextChars` characters of the body; if not, an error at its indent (else padding,
   * else border-width).
   */
  function boxText(node: Node, name: string, box: BoxSpec): void {
    const border = box.border ? box.borderWidth : 0;
    const short = 2 * (box.indent + box.padding + border) + LIMITS.boxTextChars * body.size - areaWidth;
    if (short <= 0) return;
    const [key, v] = box.indent > 0 && get(node, 'indent') ? ['indent', box.indent] : get(node, 'padding') ? ['padding', box.padding] : ['border-width', border];
    within(get(node, key) ?? node, `boxes.${name}.${key}`, v, { max: v - short / 2 }, ` (leaving the box’s text ${LIMITS.boxTextChars} characters of the body)`, inPt, written(get(node, key) ?? node), [...areaCauses(['left', 'right']), ...bodyCauses]);
  }

  /** `leader:` one printable character (a contents line with none, or a space, has no dots to set). */
  function leader(node: Node | undefined): string {
    const fallback = '·';
    if (!node) return fallback;
    const v = value(node);
    if (typeof v !== 'string' || !LIMITS.leader.test(v)) {
      problems.error(at(node), `leader must be one printable character (a dot leader: ·, . or …), not ${written(node)}`);
      return fallback;
    }
    return v;
  }

  /** `appendix-label:` text with `{A}` where the letter goes, or `{1}` where the number goes. */
  function appendixLabel(node: Node | undefined): string {
    if (!node) return DEFAULT_NUMBERING.appendix;
    const v = value(node);
    if (typeof v === 'string' && !placeholdersKnown(node, v, ['A', '1'], 'appendix-label')) return DEFAULT_NUMBERING.appendix;
    // (one of them: an appendix is numbered one way, its references and sections too)
    if (typeof v !== 'string' || v.includes('{A}') === v.includes('{1}')) {
      problems.error(at(node), `appendix-label must be text with {A} where the letter goes, e.g. "附录 {A}", or {1} where the number goes, "附件 {1}" (one of them)`);
      return DEFAULT_NUMBERING.appendix;
    }
    return v;
  }
}

/** A style by name; unknown names are an input problem of the template that used them. */
export function styleOf(theme: Theme, name: string, pos: SourcePos): TextStyleSpec {
  const s = theme.styles.get(name);
  if (!s) throw new InputError([{ pos, message: `style "${name}" is not defined in ${theme.file}`, severity: 'error' }]);
  return s;
}

/**
 * Every font role a style names must be in the registry, and whole: an unknown role is located
 * at the style, a broken one (a font file missing, …) at its registry lines, once however many
 * styles use it. A broken role no style uses is no problem of this theme, and with `used` (the
 * styles the document tree names) neither is one of a style the document does not use: the
 * official theme's `code` style asks for `mono`, which a project's own fonts.yaml may lack. A
 * style met only when pages are drawn (a header's) is checked where it is first set (see
 * block/context.ts).
 */
export function checkFontRoles(theme: Theme, registry: FontRegistry, problems: ProblemList, used?: ReadonlySet<string>): void {
  const known = [...registry.roles.keys()].join(', ');
  const reported = new Set<Problem>();
  for (const [name, st] of theme.styles) {
    if (used && !used.has(name)) continue;
    for (const role of [st.font, st.latinFont]) {
      if (!role || registry.roles.has(role)) continue;
      const broken = registry.broken.get(role);
      const near = closest(role, [...registry.roles.keys()]);
      if (!broken) problems.error(st.pos ?? { file: theme.file, line: 1, col: 1 }, `style "${name}" uses the font role "${role}", which ${notDefinedIn(registry)} (${near ? `did you mean "${near}"? ` : ''}roles: ${known})`);
      for (const p of broken?.filter((p) => !reported.has(p)) ?? []) {
        reported.add(p);
        problems.error(p.pos, p.message, p.about);
      }
    }
  }
}
