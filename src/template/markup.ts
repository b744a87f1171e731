/**
 * Document markup (XML written by the templates) → `DocTree`, with a real XML parser (saxes).
 * The element set is small and fixed; an unknown element or attribute is an input problem,
 * located in the rendered markup.
 */
import { SaxesParser } from 'saxes';
import { InputError, type SourcePos } from '../problems.js';
import { parseLength } from '../style/units.js';
import { mergeRuns, type Inline, type Marks } from '../text/inline.js';
import type { BlockNode, ColumnAlign, DocTree, FurnitureTree, ListItemNode, ListNode, Matter, ParaNode, PlacedText, TableCellNode, TableNode } from './doc-tree.js';
import { firstRowColumns, MAX_COLSPAN, placeCells } from '../content/table-grid.js';
import type { FigureWidth } from '../content/types.js';
import type { CheckedImage } from '../content/image-file.js';
import { closest } from '../content/did-you-mean.js';

/** A parsed element: name, attributes, children (elements and text). */
interface El {
  name: string;
  attrs: Record<string, string>;
  children: (El | string)[];
  pos: SourcePos;
}

/** Parses markup into elements. `file` names the template for messages. */
function parseXml(xml: string, file: string): El {
  const parser = new SaxesParser({ position: true });
  const root: El = { name: '#root', attrs: {}, children: [], pos: { file, line: 1, col: 1 } };
  const stack: El[] = [root];
  let error: MarkupError | undefined;
  // the element a close tag ended last (saxes ends the elements a wrong close tag skips, then says so)
  let closed: El | undefined;
  parser.on('error', (e) => {
    error ??= wellFormedError(xml, { file, line: parser.line, col: parser.column }, e.message.replace(/^\d+:\d+: /, ''), closed);
  });
  parser.on('opentag', (tag) => {
    const el: El = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [], pos: { file, line: parser.line, col: parser.column } };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => void (closed = stack.pop()));
  parser.on('text', (t) => stack[stack.length - 1].children.push(t));
  parser.write(xml).close();
  if (error) throw error;
  const top = root.children.find((c): c is El => typeof c !== 'string');
  if (!top) throw new MarkupError(root.pos, 'the template produced no element');
  return top;
}

/**
 * Saxes' complaint about markup that is not well-formed (`pos`: where saxes stopped, just after
 * the tag it means), said plainly and located at the tag: a close tag that skips an element
 * still open, an element never closed, a close tag with no element open.
 */
function wellFormedError(xml: string, pos: SourcePos, message: string, closed: El | undefined): MarkupError {
  const before = xml.split('\n')[pos.line - 1]?.slice(0, pos.col) ?? '';
  const closeTag = /<\/\s*([^\s>]+)\s*>$/.exec(before);
  const at = (tag: string) => ({ ...pos, col: pos.col - tag.length + 1 });
  if (message.startsWith('unexpected close tag') && closeTag && closed) {
    return new MarkupError(at(closeTag[0]), `<${closed.name}> is still open at ${closeTag[0]}: close it first (</${closed.name}>)`, closeTag[0]);
  }
  const unclosed = /^unclosed tag: (.+)$/.exec(message)?.[1];
  if (unclosed) return new MarkupError(pos, `<${unclosed}> is never closed (</${unclosed}>)`);
  const unmatched = /^unmatched closing tag: ([^.]+)/.exec(message)?.[1];
  if (unmatched && closeTag) return new MarkupError(at(closeTag[0]), `</${unmatched}> closes no element that is open`, closeTag[0]);
  return new MarkupError(pos, message);
}

/** The styles a theme defines, and its file: what the markup's `style="…"` may name. */
export interface ThemeStyles {
  file: string;
  /** Text styles, by name. */
  styles: ReadonlyMap<string, unknown>;
  /** Box styles (`<box>`, `<quote>`), by name. */
  boxes: ReadonlyMap<string, unknown>;
}

/** The attributes of markup that name a text style. */
const TEXT_STYLE_ATTRIBUTES = ['style', 'cell-style', 'header-style'];

/**
 * Every style the markup names (`style="…"`, a table's `cell-style` and `header-style`, a box's
 * `style` among the theme's `boxes:`) is the theme's: the first that is not is an error at its
 * element (found in the templates by the attribute), with the theme's styles like it named.
 */
function checkStyles(el: El, theme: ThemeStyles): void {
  const box = el.name === 'box' || el.name === 'quote';
  for (const attribute of box ? ['style'] : TEXT_STYLE_ATTRIBUTES) {
    const name = el.attrs[attribute];
    const known = box ? theme.boxes : theme.styles;
    if (name === undefined || known.has(name)) continue;
    const names = [...known.keys()];
    const alike = [...new Set([...names.filter((k) => k.startsWith(name) || name.startsWith(k)), closest(name, names)])].filter((k) => k !== undefined).sort();
    const hint = alike.length ? `did you mean ${alike.map((k) => `"${k}"`).join(' or ')}?` : `it has ${names.map((k) => `"${k}"`).join(', ')}`;
    const what = box ? `box style "${name}" is not defined under \`boxes:\`` : `style "${name}" is not defined`;
    throw new MarkupError(el.pos, `${what} in ${theme.file} (${hint})`, `${attribute}="${name}"`);
  }
  for (const c of el.children) if (typeof c !== 'string') checkStyles(c, theme);
}

/**
 * The image a `<figure src="…">` names, checked (see content/image-file.ts): the content's, else
 * one a template names, checked as the content's are; or why it may not be used.
 */
export type FigureImages = (src: string) => CheckedImage | string;

/**
 * Parses the document template's output; each `<figure src="…">` is checked by `images`; with
 * `theme`, its `style="…"` are checked against the theme's styles.
 */
export function parseDocument(xml: string, file: string, images: FigureImages, theme?: ThemeStyles): DocTree {
  const doc = parseXml(xml, file);
  if (theme) checkStyles(doc, theme);
  expectName(doc, 'document');
  const matters: Matter[] = elements(doc).map((m) => {
    expectName(m, 'matter');
    const numbering = m.attrs.numbering ?? 'arabic';
    if (!['none', 'roman', 'arabic'].includes(numbering)) fail(m, `numbering must be none, roman or arabic, not "${numbering}"`);
    return { numbering: numbering as Matter['numbering'], footer: m.attrs.footer !== 'none', children: blocks(m, images) };
  });
  return { matters };
}

/** Parses the output of a page header or footer template (`<header>` or `<footer>`); `theme`: as for `parseDocument`. */
export function parseFurniture(xml: string, file: string, name: 'header' | 'footer', theme?: ThemeStyles): FurnitureTree {
  const el = parseXml(xml, file);
  if (theme) checkStyles(el, theme);
  expectName(el, name);
  return {
    children: elements(el).map((c) => {
      if (c.name === 'rule') return { kind: 'rule', width: parseLength(c.attrs.width ?? '0.5pt') ?? 0.5, color: c.attrs.color ?? '#000000' };
      expectName(c, 'p');
      return para(c);
    }),
  };
}

function blocks(parent: El, images: FigureImages): BlockNode[] {
  return elements(parent).map((el) => block(el, images));
}

function block(el: El, images: FigureImages): BlockNode {
  switch (el.name) {
    case 'p':
      return para(el);
    case 'h':
      return {
        kind: 'heading',
        level: Number(el.attrs.level ?? 0),
        style: el.attrs.style ?? 'h1',
        id: el.attrs.id,
        bookmark: el.attrs.bookmark,
        runs: inlines(el),
        at: at(el),
      };
    case 'toc-entry':
      if (!el.attrs.target) fail(el, '<toc-entry> needs a target="…" (the id of a heading, table, case or figure)');
      return { kind: 'toc-entry', style: el.attrs.style ?? 'toc-1', target: el.attrs.target, runs: inlines(el), at: at(el) };
    case 'table':
      return table(el);
    case 'box':
    case 'quote': {
      const title = elements(el).find((c) => c.name === 'title');
      return {
        kind: 'box',
        role: el.name === 'quote' ? 'BlockQuote' : 'Div',
        id: el.attrs.id,
        style: el.attrs.style ?? (el.name === 'quote' ? 'quote' : 'case'),
        title: title && placed(title),
        titleStyle: title?.attrs.style ?? 'case-title',
        children: elements(el).filter((c) => c.name !== 'title').map((c) => block(c, images)),
      };
    }
    case 'list':
      return list(el);
    case 'code':
      if (el.children.some((c) => typeof c !== 'string')) fail(el, '<code> holds text only');
      return { kind: 'code', style: el.attrs.style ?? 'code', text: el.children.join(''), at: at(el) };
    case 'keep':
      return { kind: 'keep', children: blocks(el, images) };
    case 'figure': {
      const caption = elements(el).find((c) => c.name === 'caption');
      const note = elements(el).find((c) => c.name === 'note');
      const src = el.attrs.src;
      if (!src) fail(el, '<figure> needs src="…"');
      const image = images(src);
      if (typeof image === 'string') throw new MarkupError(el.pos, image, `src="${src}"`);
      const share = /^(\d+(?:\.\d+)?)%$/.exec(el.attrs.width ?? '');
      const width: FigureWidth | undefined = el.attrs.width === undefined ? undefined : share ? { share: Number(share[1]) / 100 } : { pt: parseLength(el.attrs.width) ?? NaN };
      if (width && !('share' in width ? width.share > 0 : width.pt > 0)) fail(el, `<figure width="…"> needs a share (60%) or a length (80mm), not "${el.attrs.width}"`);
      return { kind: 'figure', id: el.attrs.id, src, image, width, caption: placed(caption), captionStyle: caption?.attrs.style ?? 'caption', note: note && placed(note), noteStyle: note?.attrs.style ?? 'note', at: at(el) };
    }
    case 'vspace': {
      const size = parseLength(el.attrs.size);
      if (size === undefined) fail(el, `<vspace size="…"> needs a length, not "${el.attrs.size}"`);
      return { kind: 'vspace', size: size! };
    }
    case 'pagebreak':
      if (el.attrs.before && el.attrs.before !== 'chapter') fail(el, `before="${el.attrs.before}" is not known (only before="chapter")`);
      return { kind: 'pagebreak', before: el.attrs.before ? 'chapter' : undefined };
  }
  return fail(el, `unknown element <${el.name}>`);
}

/**
 * `<list>` of `<li>`: an item's text, then the list nested under it. An item's marker is its
 * `marker="…"`, else the list's `marker="number"` (1. 2. …) or a bullet.
 */
function list(el: El): ListNode {
  const items = elements(el).map((li, i): ListItemNode => {
    expectName(li, 'li');
    const nested = li.children.filter((c): c is El => typeof c !== 'string' && c.name === 'list');
    if (nested.length > 1) fail(nested[1], 'an <li> holds at most one nested <list>');
    const text = { ...li, children: li.children.filter((c) => !nested.includes(c as El)) };
    const marker = li.attrs.marker ?? (el.attrs.marker === 'number' ? `${i + 1}.` : '•');
    return { marker, text: placed(text), list: nested.length ? list(nested[0]) : undefined };
  });
  return { kind: 'list', style: el.attrs.style ?? 'body', items };
}

function para(el: El): ParaNode {
  return { kind: 'para', style: el.attrs.style ?? 'body', runs: inlines(el), at: at(el) };
}

function table(el: El): TableNode {
  const kids = elements(el);
  const caption = kids.find((c) => c.name === 'caption');
  const continued = kids.find((c) => c.name === 'continued');
  const note = kids.find((c) => c.name === 'note');
  const trs = kids.filter((c) => c.name === 'tr');
  const cols = kids.filter((c) => c.name === 'col').map((c) => ({ align: alignOf(c), width: c.attrs.width ? Number(c.attrs.width) : undefined }));
  const headRows = trs.filter((r) => r.attrs.header === 'true');
  const bodyRows = trs.filter((r) => r.attrs.header !== 'true');
  const spans = (rows: El[]) => rows.map((tr) => elements(tr).map((td) => (expectName(td, 'td'), { colspan: spanOf(td, 'colspan'), rowspan: spanOf(td, 'rowspan') })));
  const ncols = cols.length || firstRowColumns(spans(headRows.length ? headRows : bodyRows));
  const part = (rows: El[]): TableCellNode[][] => {
    const { places, problems } = placeCells(spans(rows), ncols);
    const [problem] = problems;
    if (problem) fail(rows[problem.row], problem.kind === 'row-width' ? `this <tr> fills ${problem.fills} columns, not the table's ${ncols}` : 'a cell of this <tr> spans over another cell or past the last row');
    return rows.map((tr, r) => elements(tr).map((td, i) => ({ ...placed(td), ...places[r][i], colspan: spanOf(td, 'colspan'), rowspan: spanOf(td, 'rowspan'), align: alignOf(td) })));
  };
  return {
    kind: 'table',
    id: el.attrs.id,
    caption: placed(caption),
    captionStyle: caption?.attrs.style ?? 'caption',
    continued: continued && inlines(continued),
    columns: Array.from({ length: ncols }, (_, c) => cols[c] ?? {}),
    head: part(headRows),
    rows: part(bodyRows),
    note: note && placed(note),
    noteStyle: note?.attrs.style ?? 'note',
    cellStyle: el.attrs['cell-style'] ?? 'cell',
    headerStyle: el.attrs['header-style'] ?? 'cell-header',
    at: at(el),
  };
}

const ALIGNS: readonly ColumnAlign[] = ['left', 'center', 'right', 'justify', 'decimal'];

/** The `align="…"` of a <col> or <td>: one of ALIGNS, or undefined when empty (its column's, or by default). */
function alignOf(el: El): ColumnAlign | undefined {
  const align = el.attrs.align;
  if (!align) return undefined;
  if (!ALIGNS.includes(align as ColumnAlign)) fail(el, `align="${align}" is not known (${ALIGNS.join(', ')})`);
  return align as ColumnAlign;
}

/** The `colspan="…"` (at most MAX_COLSPAN) or `rowspan="…"` of a <td>: a whole number from 1, 1 when empty. */
function spanOf(td: El, name: 'colspan' | 'rowspan'): number {
  const given = td.attrs[name];
  if (!given) return 1;
  const n = Number(given);
  const most = name === 'colspan' ? MAX_COLSPAN : Infinity;
  if (!Number.isInteger(n) || n < 1 || n > most) fail(td, `${name}="${given}" must be a whole number from 1${name === 'colspan' ? ` to ${MAX_COLSPAN}` : ''}`);
  return n;
}

/** The marks each inline element adds to the runs inside it. */
const MARK_ELEMENTS: Record<string, (el: El, marks: Marks) => Marks> = {
  b: (_, m) => ({ ...m, bold: true }),
  em: (_, m) => ({ ...m, emphasis: true }),
  code: (_, m) => ({ ...m, code: true }),
  sup: (_, m) => ({ ...m, script: 'sup' }),
  sub: (_, m) => ({ ...m, script: 'sub' }),
  a: (el, m) => {
    if (!el.attrs.href) fail(el, '<a> needs href="…" (the URL)');
    if (el.attrs.kind !== undefined && el.attrs.kind !== 'url') fail(el, `<a kind="${el.attrs.kind}"> is not known (only kind="url")`);
    return { ...m, link: { uri: el.attrs.href }, url: el.attrs.kind === 'url' || undefined };
  },
};

/** Text and inline elements (<b>, <em>, <code>, <sup>, <sub>, <a>, <ref>, <fn>) as runs. */
function inlines(el: El, marks: Marks = { bold: false }): Inline[] {
  const runs: Inline[] = [];
  for (const c of el.children) {
    if (typeof c === 'string') runs.push({ ...marks, text: c });
    else if (c.name === 'ref') {
      if (!c.attrs.to) fail(c, '<ref> needs to="…" (an id)');
      runs.push({ ...marks, text: '', ref: { id: c.attrs.to, page: c.attrs.page === 'true' } });
    } else if (c.name === 'fn') runs.push({ ...marks, text: '', note: inlines(c) });
    else if (MARK_ELEMENTS[c.name]) runs.push(...inlines(c, MARK_ELEMENTS[c.name](c, marks)));
    else fail(c, `<${c.name}> is not allowed inside text (only ${['b', 'em', 'code', 'sup', 'sub', 'a', 'ref', 'fn'].map((n) => `<${n}>`).join(', ')})`);
  }
  return mergeRuns(runs);
}

/** The runs of inline markup (what the `inline` helper writes), as a template's `<p>` would hold them. */
export function parseInlineXml(xml: string, file = '<inline>'): Inline[] {
  return inlines(parseXml(`<p>${xml}</p>`, file));
}

/** The runs of an element and its place in the content (no runs for no element). */
function placed(el: El | undefined): PlacedText {
  return el ? { runs: inlines(el), at: at(el) } : { runs: [] };
}

/** The `at="file:line:col"` attribute: where the text stands in the content. */
function at(el: El): SourcePos | undefined {
  const m = /^(.*):(\d+):(\d+)$/.exec(el.attrs.at ?? '');
  return m ? { file: m[1], line: Number(m[2]), col: Number(m[3]) } : undefined;
}

function elements(el: El): El[] {
  for (const c of el.children) if (typeof c === 'string' && c.trim()) fail(el, `text "${c.trim().slice(0, 20)}" directly inside <${el.name}>`);
  return el.children.filter((c): c is El => typeof c !== 'string');
}

function expectName(el: El, name: string): void {
  if (el.name !== name) fail(el, `expected <${name}>, found <${el.name}>`);
}

/** A problem in the markup a template wrote; `needle` is the text to find it by in the templates. */
export class MarkupError extends InputError {
  constructor(
    pos: SourcePos,
    message: string,
    readonly needle?: string,
  ) {
    super([{ pos, message: `markup: ${message}`, severity: 'error' }]);
  }
}

function fail(el: El, message: string): never {
  throw new MarkupError(el.pos, message, `<${el.name}`);
}
