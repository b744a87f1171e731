/**
 * Document markup (XML written by the templates) → `DocTree`, with a real XML parser (saxes).
 * The element set is small and fixed (ELEMENTS: each element's attributes and the values they
 * take); an unknown element or attribute, or a value out of bounds, is an input problem, located
 * in the rendered markup (and by the caller in the template that wrote it).
 */
import { placeOfAt } from './at-attribute.js';
import { SaxesParser } from 'saxes';
import { InputError, type SourcePos } from '../problems.js';
import { HEX_COLOUR, LENGTH_UNITS, lengthSlip, parseLength } from '../style/units.js';
import { mergeRuns, type Inline, type Marks } from '../text/inline.js';
import type { BlockNode, CellVAlign, ColumnAlign, DocTree, FurnitureTree, ListItemNode, ListNode, Matter, ParaNode, PlacedText, RuleNode, TableCellNode, TableNode } from './doc-tree.js';
import { firstRowColumns, MAX_COLSPAN, placeCells } from '../content/table-grid.js';
import { figureWidthOf } from '../content/figure-width.js';
import type { CheckedImage } from '../content/image-file.js';
import { closest } from '../content/did-you-mean.js';
import { isLinkUrl } from '../content/inline-markup.js';

/** A parsed element: name, attributes, children (elements and text). */
interface El {
  name: string;
  attrs: Record<string, string>;
  children: (El | string)[];
  /** Where its start tag ends in the markup. */
  pos: SourcePos;
  /** Its start tag as the markup has it (`<p style="body" at="…">`): what finds the template that wrote it. */
  tag: string;
  /** Where its start tag begins in the markup (an offset). */
  offset: number;
  /** For each text among its children (by its index there), the offset in the markup just after the text. */
  textEnds?: Map<number, number>;
}

/** Parses markup into elements. `file` names the template for messages. */
function parseXml(xml: string, file: string): El {
  const parser = new SaxesParser({ position: true });
  const root: El = { name: '#root', attrs: {}, children: [], pos: { file, line: 1, col: 1 }, tag: '', offset: 0 };
  const stack: El[] = [root];
  let error: MarkupError | undefined;
  // the element a close tag ended last (saxes ends the elements a wrong close tag skips, then says so)
  let closed: El | undefined;
  parser.on('error', (e) => {
    // the tag the parser stopped in, then the elements open there, innermost first
    const start = xml.lastIndexOf('<', parser.position - 1);
    const end = xml.indexOf('>', parser.position - 1);
    const inTag = start >= 0 && end >= 0 && xml.lastIndexOf('>', parser.position - 2) < start;
    const open = stack.slice(1).reverse();
    // (saxes counts the characters read on its line: none, at the start of one)
    const stopped = { file, line: parser.line, col: Math.max(parser.column, 1), offset: parser.position - 1 };
    const message = e.message.replace(/^\d+:\d+: /, '');
    // (no element: where the parser stopped is the markup's end, column 0 when it is empty)
    if (message.startsWith('document must contain a root element')) error ??= new MarkupError(root.pos, NO_ELEMENT);
    error ??= wellFormedError(xml, stopped, message, closed, inTag ? xml.slice(start, end + 1) : undefined, open);
  });
  parser.on('opentag', (tag) => {
    const start = xml.lastIndexOf('<', parser.position - 1);
    const el: El = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [], pos: { file, line: parser.line, col: parser.column }, tag: xml.slice(start, parser.position), offset: start };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => void (closed = stack.pop()));
  parser.on('text', (t) => {
    const el = stack[stack.length - 1];
    // (saxes tells a text when it reads the `<` after it)
    (el.textEnds ??= new Map()).set(el.children.length, parser.position - 1);
    el.children.push(t);
  });
  parser.write(xml).close();
  if (error) throw error;
  const top = root.children.find((c): c is El => typeof c !== 'string');
  if (!top) throw new MarkupError(root.pos, NO_ELEMENT);
  return top;
}

/**
 * Saxes' complaint about markup that is not well-formed (`pos`: where saxes stopped, just after
 * the tag it means), said plainly and located at the tag: a close tag that skips an element
 * still open (or the start tag of that element, see `MarkupError.tags`), an element never
 * closed, a close tag with no element open; any other at the tag saxes stopped in (`tag`, when it
 * stopped in one), else in the elements open there (`open`: their start tags, innermost first).
 */
function wellFormedError(xml: string, stopped: SourcePos & { offset: number }, message: string, closed: El | undefined, tag: string | undefined, open: El[]): MarkupError {
  const { offset, ...pos } = stopped;
  const before = xml.split('\n')[pos.line - 1]?.slice(0, pos.col) ?? '';
  const closeTag = /<\/\s*([^\s>]+)\s*>$/.exec(before);
  const at = (tag: string) => ({ ...pos, col: pos.col - tag.length + 1 });
  // (saxes ends every element open before it finds that a close tag closes none of them: then it is that close tag's slip)
  const closesOne = closeTag !== null && [closed, ...open].some((el) => el?.name === closeTag[1]);
  if (message.startsWith('unexpected close tag') && closeTag && closed && closesOne) {
    const message = `<${closed.name}> is still open at ${closeTag[0]}: close it first (</${closed.name}>)`;
    return new MarkupError(at(closeTag[0]), message, { needle: closeTag[0], tag: closed.tag, written: [closed.offset, offset - closeTag[0].length + 1] });
  }
  const tags = open.map((el) => el.tag);
  // (the parser ended inside a comment or a CDATA section, its start with no end after it: every tag after it was read as its text)
  const atEnd = message.startsWith('unclosed tag') || message.startsWith('unexpected end');
  for (const [start, end, said] of atEnd ? UNENDED : []) {
    const at = xml.lastIndexOf(start);
    if (at >= 0 && !xml.includes(end, at + start.length)) return new MarkupError(pos, said, { needle: start, written: [at] });
  }
  const unclosed = /^unclosed tag: (.+)$/.exec(message)?.[1];
  if (unclosed) return new MarkupError(pos, `<${unclosed}> is never closed (</${unclosed}>)`, { tag: tags[0], around: tags.slice(1), written: open.slice(0, 1).map((el) => el.offset) });
  const unmatched = /^unmatched closing tag: ([^.]+)/.exec(message)?.[1] ?? (message.startsWith('unexpected close tag') ? closeTag?.[1] : undefined);
  if (unmatched && closeTag) return new MarkupError(at(closeTag[0]), `</${unmatched}> closes no element that is open`, { needle: closeTag[0], written: [offset - closeTag[0].length + 1] });
  // (saxes stops just after the entity's `;`)
  const entity = message.startsWith('undefined entity') ? /&[^\s&;<>]*;$/.exec(before)?.[0] : undefined;
  if (entity) return new MarkupError(at(entity), `${entity} is not an entity of XML (write &amp; for &, &lt; for <, or the character itself)`, { needle: entity, written: [offset - entity.length + 1] });
  // (text outside the root is found as other text where it may not stand: by the template that writes text outside its elements)
  const outside = message.startsWith('text data outside of root node') ? xml.slice(0, offset + 1).trimEnd().length - 1 : undefined;
  // (a comment is malformed where the parser finds a -- in it, maybe in another template's markup: its start is likelier the slip)
  const comment = message.startsWith('malformed comment') ? xml.lastIndexOf('<!--', offset) : -1;
  const written = comment >= 0 ? [comment, offset] : [offset];
  return new MarkupError(pos, plainWords(message), { tag, around: tags, text: outside, written });
}

/** What the parser reads as text up to its end: its start, its end, and what a message says of one never ended. */
const UNENDED: [string, string, string][] = [
  ['<!--', '-->', 'a comment <!-- is never closed: end it with -->'],
  ['<![CDATA[', ']]>', 'a CDATA section <![CDATA[ is never closed: end it with ]]>'],
];

/** Saxes' words said plainly (see `PLAIN_WORDS`); as they are when none say them. */
function plainWords(message: string): string {
  for (const [said, words] of PLAIN_WORDS) {
    const m = said.exec(message);
    if (m) return words.replace('$1', m[1] ?? '');
  }
  return message;
}

/** What a template whose markup has no element is told. */
const NO_ELEMENT = "the template produced no element: write the markup's one element (<document>, <header> or <footer>)";

/** Saxes' words for markup that is not well-formed, and what a message says instead (`$1`: what the first group of its words matched). */
const PLAIN_WORDS: [RegExp, string][] = [
  [/^text data outside of root node/, "text outside the markup's one element (<document>, <header> or <footer>): write it inside an element, or drop it (a comment half deleted?)"],
  [/^documents may contain only one root/, "an element after the markup's one element (<document>, <header> or <footer>) has closed: everything goes inside it"],
  [/^malformed comment/, 'a comment <!-- … --> that holds -- or is never closed: write <!-- text -->'],
  [/^disallowed character in attribute name/, 'a character an attribute name cannot hold, inside a tag: a < or a tag typed inside another, or a quote left open?'],
  [/^disallowed character in tag name/, 'a < that starts no tag (a tag name after it, of letters): write &lt; for a < in text'],
  [/^disallowed character in closing tag/, 'a close tag holds only its name: </name>'],
  [/^no whitespace between attributes/, 'no space between two attributes: write one'],
  [/^unquoted attribute value/, 'an attribute value not in quotes: write name="value"'],
  [/^attribute without value/, 'an attribute without a value: write name="value"'],
  [/^duplicate attribute: (.+)\.$/, 'an attribute written twice in one tag ($1="…"): write it once'],
  [/^the string "\]\]>" is disallowed in char data/, 'a ]]> in text, which XML keeps for the end of a CDATA section: write ]]&gt;'],
  [/^disallowed character\.$/, 'a character XML cannot hold (a control character, U+FFFE, U+FFFF): delete it'],
  [/^weird empty close tag/, 'a close tag without a name (</>): write </name>'],
  [/^malformed character entity/, 'a character reference that names no character: write &#NNNN; or &#xHHHH; (its code), or the character itself'],
  [/^empty entity name/, 'a & with no name before its ; (&;): write &amp; for &'],
  [/^incorrect syntax/, 'a <! that starts no comment: write <!-- text --> for a comment, &lt; for a < in text'],
  [/^forward-slash in opening tag not followed by >/, 'a / in a tag not followed by >: write <name/> for an element without content'],
  [/^inappropriately located doctype declaration/, 'a <!DOCTYPE …>, which markup has none of: drop it'],
  [/^unexpected end/, 'the markup ends inside a tag: close it with >'],
];

/** What an attribute's value may be: the values it `allows`, and which those are, as a message says "must be …". */
interface ValueRule {
  allows: (value: string) => boolean;
  allowed: string;
  /** What is wrong with a value it does not allow, beyond what it allows (a unit misspelt); nothing when no more is to be said. */
  slip?: (value: string) => string | undefined;
}

/** Any text: an id, a place in the content (`at`), a URL, a marker, a style (checked against the theme: see `checkStyles`). */
const TEXT: ValueRule = { allows: () => true, allowed: 'text' };

/** A length of 0 or more, pt: `12pt`, `20mm`, `1cm`, `0.5in`, `16px`, a 字号 (not `em`: markup has no size it is of). */
const LENGTH: ValueRule = {
  allows: (v) => (parseLength(v, NaN) ?? -1) >= 0,
  allowed: `a length of 0 or more: a number in ${LENGTH_UNITS.slice(0, -1).join(', ')} or ${LENGTH_UNITS.at(-1)} (0.75pt), or a 字号 (20mm, 12pt, 小四)`,
  slip: (v) => lengthSlip(v, LENGTH_UNITS, { em: ': it is a share of a font size, and markup has none' }),
};

/** A colour as the theme writes one. */
const COLOUR: ValueRule = { allows: (v) => HEX_COLOUR.test(v), allowed: 'a colour, #rrggbb' };

/** The deepest heading level: PDF's structure tags go to H6; 0 is a heading not in the outline (a run-in head, a contents title). */
const DEEPEST_HEADING = 6;

/** One of `words`. */
function oneOf(...words: string[]): ValueRule {
  return { allows: (v) => words.includes(v), allowed: words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : words[0] };
}

/** What `rule` allows, or nothing (`align="{{align}}"` of a column with none): as if not written. */
function orEmpty(rule: ValueRule): ValueRule {
  return { allows: (v) => v === '' || rule.allows(v), allowed: `${rule.allowed} or empty` };
}

/** A whole number from `least` to `most`. */
function wholeNumber(least: number, most: number, what = ''): ValueRule {
  return { allows: (v) => /^\d+$/.test(v) && Number(v) >= least && Number(v) <= most, allowed: `a whole number from ${least}${what}${Number.isFinite(most) ? ` to ${most}` : ''}` };
}

const ALIGNS: readonly ColumnAlign[] = ['left', 'center', 'right', 'justify', 'decimal'];
const VALIGNS: readonly CellVAlign[] = ['top', 'middle', 'bottom'];

/** The attributes of a block element that holds a text in a style: its style, its place in the content. */
const STYLED_TEXT = { style: TEXT, at: TEXT };

/**
 * Each element of the markup and the attributes it takes, with the values each takes: any other
 * attribute, or another value, is an error at it. (Inline elements, in text: INLINE_ELEMENTS.)
 */
const ELEMENTS: Record<string, Record<string, ValueRule>> = {
  document: {},
  matter: { numbering: oneOf('none', 'roman', 'arabic'), footer: oneOf('none') },
  header: {},
  footer: {},
  rule: { width: LENGTH, color: COLOUR, offset: LENGTH, 'under-text': LENGTH },
  p: { ...STYLED_TEXT, id: TEXT, fit: oneOf('line') },
  ends: {},
  names: { columns: wholeNumber(1, 9) },
  colophon: {},
  movable: { at: TEXT },
  moved: {},
  h: { level: wholeNumber(0, DEEPEST_HEADING, ' (a heading not in the outline)'), id: TEXT, style: TEXT, bookmark: TEXT, at: TEXT },
  'toc-entry': { target: TEXT, ...STYLED_TEXT },
  table: { id: TEXT, 'cell-style': TEXT, 'header-style': TEXT, landscape: oneOf('true', 'false'), at: TEXT },
  caption: STYLED_TEXT,
  continued: { style: TEXT },
  col: { align: orEmpty(oneOf(...ALIGNS)), width: orEmpty({ allows: (v) => /^\d+(\.\d+)?(e[+-]?\d+)?$/i.test(v) && Number(v) > 0 && Number.isFinite(Number(v)), allowed: 'a number above 0 (its share of the width, relative to the other columns)' }), at: TEXT },
  tr: { header: oneOf('true', 'false') },
  td: { colspan: orEmpty(wholeNumber(1, MAX_COLSPAN)), rowspan: orEmpty(wholeNumber(1, Infinity)), align: orEmpty(oneOf(...ALIGNS)), valign: orEmpty(oneOf(...VALIGNS)), height: orEmpty(LENGTH), 'height-at': TEXT, at: TEXT },
  note: STYLED_TEXT,
  box: { id: TEXT, style: TEXT },
  quote: { id: TEXT, style: TEXT },
  title: STYLED_TEXT,
  list: { style: TEXT, marker: oneOf('number') },
  li: { marker: TEXT, at: TEXT },
  code: STYLED_TEXT,
  keep: { previous: oneOf('true', 'false'), next: oneOf('true', 'false') },
  figure: { id: TEXT, src: TEXT, width: { allows: (v) => figureWidthOf(v) !== undefined, allowed: 'a share above 0 (60%) or a length above 0 (80mm)', slip: (v) => (v.includes('%') ? undefined : LENGTH.slip!(v)) }, at: TEXT },
  vspace: { size: LENGTH },
  pagebreak: { before: oneOf('chapter') },
};

/** The inline elements, in text (see `inlines`), and their attributes as ELEMENTS has them. */
const INLINE_ELEMENTS: Record<string, Record<string, ValueRule>> = {
  b: {},
  em: {},
  code: {},
  label: {},
  sup: {},
  sub: {},
  // where a link of the content may go (see isLinkUrl): nothing a viewer would run or open on the reader's machine
  a: { href: { allows: isLinkUrl, allowed: 'an https://, http://, ftp:// or mailto: address' }, kind: oneOf('url') },
  ref: { to: TEXT, page: oneOf('true', 'false'), number: oneOf('true', 'false') },
  fn: {},
};

/** The elements whose content is text with inline elements (a `<li>`'s may end in a nested `<list>`). */
const HOLDS_TEXT = new Set(['p', 'h', 'toc-entry', 'caption', 'continued', 'td', 'note', 'title', 'li', ...Object.keys(INLINE_ELEMENTS)]);

/**
 * Every attribute of the markup is one its element takes, with a value it takes (see ELEMENTS):
 * the first that is not is an error at it, with the likely name of a misspelt one. An element
 * not known is left to the parse, which says where it may stand.
 */
function checkAttributes(el: El, inText = false): void {
  const known = (inText ? INLINE_ELEMENTS[el.name] : undefined) ?? ELEMENTS[el.name];
  if (known) {
    for (const name in el.attrs) {
      const rule = known[name];
      const value = el.attrs[name];
      if (rule && rule.allows(value)) continue;
      const written = `${name}="${value}"`;
      if (!rule) {
        const names = Object.keys(known);
        const likely = closest(name, names);
        const hint = likely ? `did you mean ${likely}?` : `it has ${names.length ? names.join(', ') : 'none'}`;
        throw new MarkupError(el.pos, `<${el.name}> has no attribute ${name} (${hint})`, { needle: written, written: [el.offset] });
      }
      const slip = rule.slip?.(value);
      throw new MarkupError(el.pos, `${written} of <${el.name}> must be ${rule.allowed}${slip ? `; ${slip}` : ''}`, { needle: written, written: [el.offset] });
    }
  }
  for (const c of el.children) if (typeof c !== 'string') checkAttributes(c, HOLDS_TEXT.has(el.name));
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
    throw new MarkupError(el.pos, `${what} in ${theme.file} (${hint})`, { needle: `${attribute}="${name}"`, written: [el.offset] });
  }
  for (const c of el.children) if (typeof c !== 'string') checkStyles(c, theme);
}

/**
 * In one walk of the markup: every `id="…"` names one element (the place the contents, bookmarks
 * and cross-references lead to), the second of an id an error at it (`seen`: the ids met before;
 * none, in a page's header or footer, which holds no targets); and every `<ref to="…">` names an
 * id of the content (`targets`: a chapter, section, table, case or figure), the first that does
 * not an error at it (the content's own references were checked when it was loaded: this one a
 * template wrote).
 */
function checkIdsAndRefs(el: El, seen: Set<string> | undefined, targets: ReadonlyMap<string, unknown> | undefined): void {
  const id = el.attrs.id;
  if (id && seen) {
    if (seen.has(id)) throw new MarkupError(el.pos, `id="${id}" is given to two elements (an id names one place in the document)`, { needle: `id="${id}"` });
    seen.add(id);
  }
  if (targets && el.name === 'ref' && el.attrs.to && !targets.has(el.attrs.to)) {
    throw new MarkupError(el.pos, `<ref to="${el.attrs.to}">: no chapter, section, article, table, case or figure has the id "${el.attrs.to}"`, { needle: `to="${el.attrs.to}"` });
  }
  for (const c of el.children) if (typeof c !== 'string') checkIdsAndRefs(c, seen, targets);
}

/**
 * The image a `<figure src="…">` names, checked (see content/image-file.ts): the content's, else
 * one a template names, checked as the content's are; or why it may not be used. `file`: its
 * absolute path (watch follows it either way).
 */
export type FigureImages = (src: string) => { file: string } & ({ image: CheckedImage } | { problem: string });

/**
 * Parses the document template's output; each `<figure src="…">` is checked by `images`; with
 * `theme`, its `style="…"` are checked against the theme's styles; with `targets` (the ids of the
 * report's items), each `<ref to="…">` against them.
 */
export function parseDocument(xml: string, file: string, images: FigureImages, theme?: ThemeStyles, targets?: ReadonlyMap<string, unknown>): DocTree {
  const doc = parseXml(xml, file);
  checkAttributes(doc);
  if (theme) checkStyles(doc, theme);
  checkIdsAndRefs(doc, new Set(), targets);
  expectName(doc, 'document');
  const shownImages = new Map<string, CheckedImage>();
  const shown: FigureImages = (src) => {
    const image = images(src);
    if ('image' in image) shownImages.set(image.file, image.image);
    return image;
  };
  const matters: Matter[] = elements(doc).map((m) => {
    expectName(m, 'matter');
    const [colophon, ...more] = elements(m).filter((c) => c.name === 'colophon');
    if (more.length) fail(more[0], '<colophon> stands right inside a <matter>, at most once');
    const body = { ...m, children: m.children.filter((c) => c !== colophon) };
    const movables = elements(body).filter((c) => c.name === 'movable');
    if (movables.length > 1) fail(movables[1], '<movable> stands right inside a <matter>, at most once');
    const moved = colophon && elements(colophon).find((c) => c.name === 'movable');
    if (moved) fail(moved, '<movable> stands in the body; <moved> in the <colophon>');
    const stray = elements(body).find((c) => c.name === 'moved');
    if (stray) fail(stray, '<moved> stands inside the <colophon>, its <movable> in the body');
    return { numbering: (m.attrs.numbering ?? 'arabic') as Matter['numbering'], footer: m.attrs.footer !== 'none', children: blocks(body, shown), colophon: colophon ? blocks(colophon, shown) : [] };
  });
  return { matters, images: shownImages };
}

/** Parses the output of a page header or footer template (`<header>` or `<footer>`); `theme`, `targets`: as for `parseDocument`. */
export function parseFurniture(xml: string, file: string, name: 'header' | 'footer', theme?: ThemeStyles, targets?: ReadonlyMap<string, unknown>): FurnitureTree {
  const el = parseXml(xml, file);
  checkAttributes(el);
  if (theme) checkStyles(el, theme);
  if (targets) checkIdsAndRefs(el, undefined, targets);
  expectName(el, name);
  return {
    children: elements(el).map((c) => {
      if (c.name === 'rule') return rule(c);
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
      return { kind: 'keep', children: blocks(el, images), previous: el.attrs.previous === 'true', next: el.attrs.next === 'true' };
    case 'movable':
      return { kind: 'movable', children: blocks(el, images), at: at(el) };
    case 'moved':
      return { kind: 'moved', children: blocks(el, images) };
    case 'figure': {
      const caption = elements(el).find((c) => c.name === 'caption');
      const note = elements(el).find((c) => c.name === 'note');
      const src = el.attrs.src;
      if (!src) fail(el, '<figure> needs src="…"');
      const shown = images(src);
      if ('problem' in shown) throw new MarkupError(el.pos, shown.problem, { needle: `src="${src}"`, about: shown.file });
      const { image } = shown;
      const width = el.attrs.width === undefined ? undefined : figureWidthOf(el.attrs.width);
      return { kind: 'figure', id: el.attrs.id, image, width, caption: placed(caption), captionStyle: caption?.attrs.style ?? 'caption', note: note && placed(note), noteStyle: note?.attrs.style ?? 'note', at: at(el) };
    }
    case 'rule':
      return rule(el);
    case 'colophon':
      return fail(el, '<colophon> stands right inside a <matter>, at most once');
    case 'ends': {
      const kids = elements(el);
      const names = kids[kids.length - 1]?.name === 'names' ? kids.pop()! : undefined;
      const [left, ...right] = kids;
      if (!right.length) fail(el, '<ends> holds two <p> at least: the text flush left, then the texts flush right (and then <names>, if any)');
      for (const p of [left, ...right]) expectName(p, 'p');
      if (!names) return { kind: 'ends', left: para(left), right: right.map(para) };
      const texts = elements(names);
      texts.forEach((p) => expectName(p, 'p'));
      return { kind: 'ends', left: para(left), right: right.map(para), names: { columns: Number(names.attrs.columns ?? '1'), texts: texts.map(para) } };
    }
    case 'names':
      return fail(el, '<names> stands last inside an <ends>');
    case 'vspace':
      if (el.attrs.size === undefined) fail(el, `<vspace> needs size="…" (${LENGTH.allowed})`);
      return { kind: 'vspace', size: parseLength(el.attrs.size)!, written: el.attrs.size };
    case 'pagebreak':
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
  return { kind: 'para', style: el.attrs.style ?? 'body', runs: inlines(el), at: at(el), ...(el.attrs.id ? { id: el.attrs.id } : {}), ...(el.attrs.fit ? { fit: 'line' as const } : {}) };
}

/** `<rule width color offset/>`: 0.5pt black by default, drawn where it stands. */
function rule(el: El): RuleNode {
  const under = el.attrs['under-text'];
  return { kind: 'rule', width: parseLength(el.attrs.width ?? '0.5pt')!, color: el.attrs.color ?? '#000000', offset: parseLength(el.attrs.offset ?? '0')!, ...(under === undefined ? {} : { underText: parseLength(under)! }) };
}

function table(el: El): TableNode {
  const kids = elements(el);
  const caption = kids.find((c) => c.name === 'caption');
  const continued = kids.find((c) => c.name === 'continued');
  const note = kids.find((c) => c.name === 'note');
  const trs = kids.filter((c) => c.name === 'tr');
  const cols = kids.filter((c) => c.name === 'col').map((c) => ({ align: alignOf(c), width: c.attrs.width ? Number(c.attrs.width) : undefined, widthAt: at(c) }));
  const headRows = trs.filter((r) => r.attrs.header === 'true');
  const bodyRows = trs.filter((r) => r.attrs.header !== 'true');
  const spans = (rows: El[]) => rows.map((tr) => elements(tr).map((td) => (expectName(td, 'td'), { colspan: spanOf(td, 'colspan'), rowspan: spanOf(td, 'rowspan') })));
  const ncols = cols.length || firstRowColumns(spans(headRows.length ? headRows : bodyRows));
  const part = (rows: El[]): TableCellNode[][] => {
    const { places, problems } = placeCells(spans(rows), ncols);
    const [problem] = problems;
    if (problem) fail(rows[problem.row], problem.kind === 'row-width' ? `this <tr> fills ${problem.fills} column${problem.fills === 1 ? '' : 's'}, not the table's ${ncols}` : 'a cell of this <tr> spans over another cell or past the last row');
    return rows.map((tr, r) => elements(tr).map((td, i) => ({ ...placed(td), ...places[r][i], colspan: spanOf(td, 'colspan'), rowspan: spanOf(td, 'rowspan'), align: alignOf(td), valign: (td.attrs.valign || undefined) as CellVAlign | undefined, ...minHeightOf(td) })));
  };
  return {
    kind: 'table',
    id: el.attrs.id,
    caption: placed(caption),
    captionStyle: caption?.attrs.style ?? 'caption',
    continued: continued && inlines(continued),
    continuedStyle: continued?.attrs.style ?? caption?.attrs.style ?? 'caption',
    columns: Array.from({ length: ncols }, (_, c) => cols[c] ?? {}),
    head: part(headRows),
    rows: part(bodyRows),
    note: note && placed(note),
    noteStyle: note?.attrs.style ?? 'note',
    cellStyle: el.attrs['cell-style'] ?? 'cell',
    headerStyle: el.attrs['header-style'] ?? 'cell-header',
    landscape: el.attrs.landscape === 'true',
    at: at(el),
  };
}

/** The `align="…"` of a <col> or <td>: one of ALIGNS, or undefined when empty (its column's, or by default). */
function alignOf(el: El): ColumnAlign | undefined {
  return (el.attrs.align || undefined) as ColumnAlign | undefined;
}

/** The `height="…"` of a <td> (a length: see LENGTH), pt, and where its `height-at="…"` says it is given; nothing when empty or 0. */
function minHeightOf(td: El): Pick<TableCellNode, 'minHeight' | 'minHeightAt'> {
  const pt = td.attrs.height ? parseLength(td.attrs.height)! : 0;
  return pt > 0 ? { minHeight: pt, minHeightAt: placeOfAt(td.attrs['height-at'] ?? '') } : {};
}

/** The `colspan="…"` or `rowspan="…"` of a <td>: 1 when empty. */
function spanOf(td: El, name: 'colspan' | 'rowspan'): number {
  return Number(td.attrs[name] || 1);
}

/** The marks each inline element adds to the runs inside it. */
const MARK_ELEMENTS: Record<string, (el: El, marks: Marks) => Marks> = {
  b: (_, m) => ({ ...m, bold: true }),
  em: (_, m) => ({ ...m, emphasis: true }),
  code: (_, m) => ({ ...m, code: true }),
  label: (_, m) => ({ ...m, label: true }),
  sup: (_, m) => ({ ...m, script: 'sup' }),
  sub: (_, m) => ({ ...m, script: 'sub' }),
  a: (el, m) => {
    if (!el.attrs.href) fail(el, '<a> needs href="…" (the URL)');
    return { ...m, link: { uri: el.attrs.href }, url: el.attrs.kind === 'url' || undefined };
  },
};

/** Text and inline elements (<b>, <em>, <code>, <label>, <sup>, <sub>, <a>, <ref>, <fn>) as runs; `note`: the <fn> they are in (which cannot hold another). */
function inlines(el: El, marks: Marks = { bold: false }, note?: El): Inline[] {
  const runs: Inline[] = [];
  for (const c of el.children) {
    if (typeof c === 'string') runs.push({ ...marks, text: c });
    else if (c.name === 'ref') {
      if (!c.attrs.to) fail(c, '<ref> needs to="…" (an id)');
      if (c.attrs.page === 'true' && c.attrs.number === 'true') fail(c, '<ref> prints its page or its number, not both (page="true" or number="true")');
      runs.push({ ...marks, text: '', ref: { id: c.attrs.to, part: c.attrs.page === 'true' ? 'page' : c.attrs.number === 'true' ? 'number' : 'label' } });
    } else if (c.name === 'fn') {
      if (note) fail(note, 'this footnote holds another: a footnote cannot hold a footnote (<fn> inside <fn>)');
      runs.push({ ...marks, text: '', note: inlines(c, undefined, c) });
    } else if (MARK_ELEMENTS[c.name]) runs.push(...inlines(c, MARK_ELEMENTS[c.name](c, marks), note));
    else fail(c, `<${c.name}> is not allowed inside text (only ${['b', 'em', 'code', 'label', 'sup', 'sub', 'a', 'ref', 'fn'].map((n) => `<${n}>`).join(', ')})`);
  }
  return mergeRuns(runs);
}

/** The runs of inline markup (what the `inline` helper writes), as a template's `<p>` would hold them. */
export function parseInlineXml(xml: string, file = '<inline>'): Inline[] {
  if (PLAIN_XML_TEXT.test(xml)) return xml === '' ? [] : [{ bold: false, text: xml }];
  return inlines(parseXml(`<p>${xml}</p>`, file));
}

/**
 * Markup that is one text as it stands: no tag, entity or `]]>`, and no character XML changes (a
 * carriage return) or refuses (other controls, U+FFFE, U+FFFF, a lone surrogate). The parser
 * would give that text back unchanged, so it is not asked (a heading's bookmark, one for each
 * heading and round, made a parser each).
 */
const PLAIN_XML_TEXT = /^(?![^]*\]\]>)[^<&\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]*$/u;

/** The runs of an element and its place in the content (no runs for no element). */
function placed(el: El | undefined): PlacedText {
  return el ? { runs: inlines(el), at: at(el) } : { runs: [] };
}

/** The `at="file:line:col"` attribute: where the text stands in the content (see at-attribute.ts). */
function at(el: El): SourcePos | undefined {
  return placeOfAt(el.attrs.at ?? '');
}

function elements(el: El): El[] {
  el.children.forEach((c, i) => {
    if (typeof c !== 'string' || !c.trim()) return;
    // where its last character stands in the markup, by which the template that wrote it is found
    const written = el.textEnds?.get(i);
    const last = written === undefined ? undefined : written - (c.length - c.trimEnd().length) - 1;
    throw new MarkupError(el.pos, `text "${c.trim().slice(0, 20)}" directly inside <${el.name}>`, { needle: `<${el.name}`, text: last });
  });
  return el.children.filter((c): c is El => typeof c !== 'string');
}

function expectName(el: El, name: string): void {
  if (el.name !== name) fail(el, `expected <${name}>, found <${el.name}>`);
}

/**
 * A problem in the markup a template wrote, with the clues (named, each optional) that find the
 * template that wrote it: `needle` is the text to find it by in the templates;
 * else the start tags of the markup that find the template that wrote them (one a template's tag
 * can make): `tag`, the one the problem is in or is about, else `around`, those of the elements it
 * stands in, innermost first. An element left open is blamed on the template that opened it
 * (`tag`) when another one holds the close tag (`needle`).
 * `about`: the file the problem is about, when another (an image a `<figure src>` names).
 * `text`: for text that stands where it may not, the offset in the markup of its last character,
 * by which the template that wrote it is found.
 * `written`: offsets in the markup of what the problem is about, the likeliest cause first (the
 * start tag of an element left open, then the close tag that finds it open; where the parser
 * stopped), by which the template that wrote each is found: a template of the user's own is
 * blamed before one it extends, which the user did not write.
 */
export class MarkupError extends InputError {
  constructor(
    pos: SourcePos,
    message: string,
    clues: { needle?: string; tag?: string; around?: string[]; about?: string; text?: number; written?: number[] } = {},
  ) {
    super([{ pos, message: `markup: ${message}`, severity: 'error', about: clues.about }]);
    this.needle = clues.needle;
    this.tag = clues.tag;
    this.around = clues.around ?? [];
    this.text = clues.text;
    this.written = clues.written ?? [];
  }

  readonly needle?: string;
  readonly tag?: string;
  readonly around: string[];
  readonly text?: number;
  readonly written: number[];
}

function fail(el: El, message: string): never {
  throw new MarkupError(el.pos, message, { needle: `<${el.name}`, written: [el.offset] });
}
