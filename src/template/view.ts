/**
 * The data templates see: the report with numbers given (chapters 1, sections 1.1, tables,
 * cases and figures counted through the report) and anchor ids for the contents. Every text
 * comes with where it stands in the content (`at`, or `titleAt` … beside a string), which
 * templates write as an `at="…"` attribute on the element holding it: messages about its
 * characters (one no font has) then point at the YAML, not at the template.
 */
import { atAttribute } from './at-attribute.js';
import type { SourcePos } from '../problems.js';
import { assertNever, type BlockKind } from '../content/block-kinds.js';
import type { CheckedImage } from '../content/image-file.js';
import type { Block, DocumentParts, ListBlock, ListStyle, Report, Section, TableCell, Text, VerseBlock } from '../content/types.js';
import { withoutFootnotes } from '../content/inline-markup.js';
import { isCjk } from '../text/char-class.js';
import { articleLabel, articleNumber } from './article-label.js';
import { chinese, DEFAULT_NUMBERING, headingLabel, letter, referenceNumber, unnumberedAppendix, type Numbering } from './numbering.js';
import { listingTitle } from './listing-title.js';

/** A source position as templates write it into markup: `file:line:col`. */
type At = string;

export interface TextView {
  text: string;
  at: At;
}

/** What a template sees of each kind of block (one entry per kind: see content/block-kinds.ts). */
interface BlockViews {
  paragraph: TextView;
  heading: TextView;
  article: ArticleView;
  table: TableView;
  case: CaseView;
  figure: FigureView;
  list: ListView;
  code: TextView;
  verse: VerseView;
  quote: { blocks: BlockView[] };
  signature: { lines: TextView[] };
  pagebreak: true;
}

/**
 * An article (条) of a 规章: its anchor `id` (`art-12`, in an appendix `app-A-art-1`), its `label`
 * (第十二条, counted through the report, afresh in each appendix) and its first 款.
 */
export interface ArticleView extends TextView {
  id: string;
  label: string;
}

/** A list: each item with its marker (`•`, `一、`, `（2）`, `③` …) and the list nested under it. */
export interface ListView {
  style: ListStyle;
  items: (TextView & { marker: string; list?: ListView })[];
}

/** A poem: its title and author, and its stanzas of lines (the lines as written, spaces folded). */
export interface VerseView {
  title?: string;
  titleAt?: At;
  author?: string;
  authorAt?: At;
  /** Each line with `gapAbove` when it opens a stanza below something of the verse (a title, an author, a stanza). */
  stanzas: { lines: (TextView & { gapAbove: boolean })[] }[];
}

/**
 * A block as templates see it: a mapping of one key, its kind, on which block.hbs dispatches;
 * one of the content's blocks, or the list of the report's appendices that closes its body
 * (`attachments`, see `AttachmentsView`).
 */
export type BlockView = { [K in BlockKind]: { [P in K]: BlockViews[K] } }[BlockKind] | { attachments: AttachmentsView };

/**
 * The report's appendices as the body's last block names them (GB/T 9704 7.3.4, 附件说明:
 * `附件：1. 名称`), placed where the body ends: after the last chapter's last block, or before
 * the 落款 (`signature`) that ends it. Only in a report with appendices; a template prints it or
 * not (`official` does not: its contents list the appendices).
 */
export interface AttachmentsView {
  /** Each appendix in order: its number (1, 2 …; none for the only one labelled without it, 附件) and its title, in inline markup without its footnotes (their notes stand at the heading). */
  items: { number?: number; title: string; titleAt: At }[];
}

export interface TableView {
  id: string;
  /** None for an untitled table: no caption, no number. */
  number?: number;
  title?: string;
  titleAt: At | '';
  at: At;
  /** One per column: its alignment and relative width as written (undefined: by default), and where the widths are written (`widths:`, else empty). */
  columns: { align?: string; width?: number; widthAt: At | '' }[];
  /** Header rows (`columns:` as one row). */
  head: CellView[][];
  rows: CellView[][];
  /** `size: small`: a dense table. */
  small: boolean;
  /** `landscape: true`: set turned on pages of its own (横排表). */
  landscape: boolean;
  note?: string;
  noteAt?: At;
}

/** A table cell: its text, spans (1 when not written) and own alignment. */
export interface CellView extends TextView {
  colspan: number;
  rowspan: number;
  align?: string;
  /** Where its text stands in a box taller than its lines (top, middle, bottom), as `<td valign>` takes it; empty when the content gives none. */
  valign: string;
  /** The least height of the cell's box (`height:`), as `<td height>` takes it (`85.04pt`), and where it is written; empty when none. */
  height: string;
  heightAt: At;
}

export interface CaseView {
  id: string;
  number: number;
  title: string;
  titleAt: At;
  blocks: BlockView[];
}

export interface FigureView {
  id: string;
  number: number;
  title: string;
  titleAt: At;
  image: string;
  /** How wide it is drawn, as `<figure width="…">` takes it (`60%`, `226.77pt`); natural when absent. */
  width?: string;
  note?: string;
  noteAt?: At;
  /** Where the image is named. */
  at: At;
}

export interface SectionView {
  id: string;
  /** `1`, `1.1`, `1.1.1` (`A`, `A.1` in an appendix): the heading's place, whatever the numbering style. */
  number: string;
  /** Printed before the title, with its separator, in the theme's numbering style: `1.1　`, `（一）`, `第一章　`, `附录 A　`. */
  label: string;
  /** The bookmark's title: label and title, in inline markup (the layout shows its plain words: block/plain-title.ts). */
  bookmark: string;
  level: number;
  /** An appendix or a section of one: a template may set them otherwise (gbt9704: 附件 on a page of its own, a chapter run on). */
  appendix: boolean;
  /** As written, in inline markup (templates write `{{inline title}}`). */
  title: string;
  titleAt: At;
  blocks: BlockView[];
  sections: SectionView[];
}

/** An entry of the list of tables, cases and figures (图表与案例目录: see listing-title.ts). */
export interface ListedView {
  kind: 'table' | 'case' | 'figure';
  id: string;
  number: number;
  title: string;
  titleAt: At;
}

/** What an id (`id:` in the content) names: for cross-references (`[[id]]`, see block/references.ts). */
export interface RefTarget {
  /** What the item is; the theme words each kind (`references:`). Appendices: `appendix`, their number `A`. */
  kind: 'chapter' | 'section' | 'appendix' | 'article' | 'table' | 'case' | 'figure';
  /** The item's number as a reference prints it: `2`, `2.1`, `3`; for headings in the theme's numbering style (see `referenceNumber`). */
  number: string;
  /** The anchor id the item's page and link are found by (`sec-2.1`, `table-3`). */
  anchor: string;
  /** A section's chapter or appendix (the reference's `{chapter}`). */
  chapter?: RefTarget;
  /** The report's only appendix, labelled without its number (`附件`, see `unnumberedAppendix`): a reference words it so too. */
  unnumbered?: boolean;
}

/**
 * The parts of a 公文 around its body (content/types.ts, DocumentParts) as a template prints
 * them: each text with its place (`copyAt` …), absent ones undefined; `signers` a list; `to`
 * ending in its colon, `toListed` in 。; `note` in its round brackets (set in the 版记 as the 抄送 are, when it leaves the first
 * page no 正文); `cc` the organs joined with ，, ending in 。; `printed` ending in 印发.
 * `head`: the report has a 版头 (any of its parts); `record`: a 版记.
 */
export interface DocumentView {
  copy?: string;
  copyAt?: At;
  secrecy?: string;
  secrecyAt?: At;
  urgency?: string;
  urgencyAt?: At;
  organ?: string;
  organAt?: At;
  reference?: string;
  referenceAt?: At;
  signers: { text: string; at: At }[];
  to?: string;
  toListed?: string;
  toAt?: At;
  note?: string;
  noteAt?: At;
  cc?: string;
  ccAt?: At;
  printer?: string;
  printerAt?: At;
  printed?: string;
  printedAt?: At;
  head: boolean;
  record: boolean;
}

export interface ReportView {
  /** `contents`: whether the template prints the contents and the list of tables (`report.contents: false` says no). */
  report: { title: string; titleAt: At; contents: boolean; subtitle?: string; subtitleAt?: At; issuer?: string; issuerAt?: At; date?: string; dateAt?: At; document?: DocumentView };
  preface?: { id: string; title: string; titleAt: At; blocks: BlockView[] };
  chapters: SectionView[];
  /** Appendices, after the chapters (附录 A …). */
  appendices: SectionView[];
  /** Tables, cases and figures in order of appearance. */
  listed: ListedView[];
  /** The title of their list: 图表与案例目录, 图表目录 … (see listing-title.ts). */
  listingTitle: string;
  /** What each id of the content names. */
  targets: Map<string, RefTarget>;
  /** The content's images, checked (see content/image-file.ts), by absolute path: a figure's `image`. */
  images: ReadonlyMap<string, CheckedImage>;
}

/** Numbers the report and shapes it for templates. */
export function reportView(report: Report, numbering: Numbering = DEFAULT_NUMBERING): ReportView {
  const counters = { table: 0, untitledTable: 0, case: 0, figure: 0 };
  /** Articles are counted through the chapters, afresh in each appendix (another document, a 实施细则): the count, and its anchors' prefix. */
  const articles = { count: 0, anchor: 'art' };
  const listed: ListedView[] = [];
  const targets = new Map<string, RefTarget>();
  const target = (id: Text | undefined, kind: RefTarget['kind'], number: number | string, anchor: string, chapter?: RefTarget, unnumbered = false) =>
    id && targets.set(id.text, { kind, number: String(number), anchor, ...(chapter ? { chapter } : {}), ...(unnumbered ? { unnumbered } : {}) });
  const unnumbered = unnumberedAppendix(numbering, report.appendices.length);
  const at = (t: { pos: SourcePos }): At => atAttribute(t.pos);
  const text = (t: Text): TextView => ({ text: t.text, at: at(t) });
  const cell = (c: TableCell): CellView => ({ ...text(c.text), colspan: c.colspan, rowspan: c.rowspan, align: c.align, valign: c.valign ?? '', height: c.height ? `${c.height.pt}pt` : '', heightAt: c.height ? at(c.height) : '' });

  const blocks = (bs: Block[]): BlockView[] =>
    bs.map((b): BlockView => {
      switch (b.kind) {
        case 'paragraph':
          return { paragraph: text(b.text) };
        case 'heading':
          return { heading: text(b.text) };
        case 'article': {
          const number = ++articles.count;
          const id = `${articles.anchor}-${number}`;
          target(b.id, 'article', articleNumber(number), id);
          return { article: { id, label: articleLabel(number), ...text(b.text) } };
        }
        case 'table': {
          // an untitled table (a form in an appendix whose title names it): no number, not listed
          const number = b.title ? ++counters.table : undefined;
          const id = number ? `table-${number}` : `table-untitled-${++counters.untitledTable}`;
          target(b.id, 'table', number ?? '', id, undefined, !number);
          if (b.title) listed.push({ kind: 'table', id, number: number!, title: b.title.text, titleAt: at(b.title) });
          return {
            table: {
              id,
              number,
              title: b.title?.text,
              titleAt: b.title ? at(b.title) : '',
              at: at(b),
              columns: Array.from({ length: b.columns }, (_, i) => ({ align: b.align[i], width: b.widths[i], widthAt: b.widthsAt ? at({ pos: b.widthsAt }) : '' })),
              head: b.head.map((r) => r.map(cell)),
              rows: b.rows.map((r) => r.map(cell)),
              small: b.size === 'small',
              landscape: b.landscape,
              note: b.note?.text,
              noteAt: b.note && at(b.note),
            },
          };
        }
        case 'case': {
          const number = ++counters.case;
          const id = `case-${number}`;
          target(b.id, 'case', number, id);
          listed.push({ kind: 'case', id, number, title: b.title.text, titleAt: at(b.title) });
          return { case: { id, number, title: b.title.text, titleAt: at(b.title), blocks: blocks(b.body) } };
        }
        case 'figure': {
          const number = ++counters.figure;
          const id = `figure-${number}`;
          target(b.id, 'figure', number, id);
          listed.push({ kind: 'figure', id, number, title: b.title.text, titleAt: at(b.title) });
          const width = b.width && ('share' in b.width ? `${b.width.share * 100}%` : `${b.width.pt}pt`);
          return { figure: { id, number, title: b.title.text, titleAt: at(b.title), image: b.image, width, note: b.note?.text, noteAt: b.note && at(b.note), at: at(b) } };
        }
        case 'list':
          return { list: listView(b, text) };
        case 'code':
          return { code: text(b.text) };
        case 'verse':
          return { verse: verseView(b, at, text) };
        case 'quote':
          return { quote: { blocks: blocks(b.body) } };
        case 'signature':
          return { signature: { lines: b.lines.map(text) } };
        case 'pagebreak':
          return { pagebreak: true };
        default:
          return assertNever(b, 'block');
      }
    });

  /** Each chapter's and appendix's reference target (named by an id or not): its sections' `{chapter}`. */
  const chapterTargets = new Map<string, RefTarget>();
  const section = (s: Section, path: number[], appendix: boolean): SectionView => {
    const number = [appendix ? letter(path[0]) : String(path[0]), ...path.slice(1)].join('.');
    const alone = appendix && unnumbered && path.length === 1;
    const label = headingLabel(numbering, path, appendix, alone);
    if (appendix && path.length === 1) Object.assign(articles, { count: 0, anchor: `app-${number}-art` });
    const view: SectionView = {
      id: appendix ? `app-${number}` : `sec-${number}`,
      number,
      label: label.printed,
      bookmark: label.bookmark + s.title.text,
      level: path.length,
      appendix,
      title: s.title.text,
      titleAt: at(s.title),
      blocks: blocks(s.body),
      sections: [],
    };
    const kind = path.length > 1 ? 'section' : appendix ? 'appendix' : 'chapter';
    const reference = referenceNumber(numbering, path, appendix);
    const top = `${appendix ? 'app' : 'sec'}-${path[0]}`;
    if (path.length === 1) chapterTargets.set(top, { kind, number: reference, anchor: view.id, ...(alone ? { unnumbered: true } : {}) });
    target(s.id, kind, reference, view.id, path.length > 1 ? chapterTargets.get(top) : undefined, alone);
    view.sections = s.sections.map((sub, i) => section(sub, [...path, i + 1], appendix));
    return view;
  };

  const m = report.meta;
  return {
    report: {
      title: m.title.text,
      titleAt: at(m.title),
      contents: m.contents,
      subtitle: m.subtitle?.text,
      subtitleAt: m.subtitle && at(m.subtitle),
      issuer: m.issuer?.text,
      issuerAt: m.issuer && at(m.issuer),
      date: m.date?.text,
      dateAt: m.date && at(m.date),
      ...(m.document ? { document: documentView(m.document, at) } : {}),
    },
    preface: report.preface && { id: 'preface', title: report.preface.title.text, titleAt: at(report.preface.title), blocks: blocks(report.preface.body) },
    chapters: closedBody(
      report.chapters.map((c, i) => section(c, [i + 1], false)),
      report.appendices.map((a, i) => ({ ...(unnumbered ? {} : { number: i + 1 }), title: withoutFootnotes(a.title.text), titleAt: at(a.title) })),
    ),
    appendices: report.appendices.map((a, i) => section(a, [i + 1], true)),
    listed,
    listingTitle: listingTitle(listed),
    targets,
    images: report.images,
  };
}

/** How GB/T 9704 writes the texts of a 公文's parts (see DocumentView). */
function documentView(d: DocumentParts, at: (t: Text) => At): DocumentView {
  const one = (t: Text | undefined, before = '', after = '') => (t ? `${before}${t.text}${after}` : undefined);
  const where = (t: Text | undefined) => t && at(t);
  const cc = d.cc.map((t) => t.text.replace(/[，,。；;、\s]+$/u, '')).join('，');
  return {
    copy: one(d.copy),
    copyAt: where(d.copy),
    secrecy: one(d.secrecy),
    secrecyAt: where(d.secrecy),
    urgency: one(d.urgency),
    urgencyAt: where(d.urgency),
    organ: one(d.organ),
    organAt: where(d.organ),
    reference: one(d.reference),
    referenceAt: where(d.reference),
    signers: d.signers.map((t) => ({ text: t.text, at: at(t) })),
    to: d.to && `${d.to.text.replace(/[：:\s]+$/u, '')}：`,
    toListed: d.to && `${d.to.text.replace(/[：:，,。；;、\s]+$/u, '')}。`,
    toAt: where(d.to),
    note: one(d.note, '（', '）'),
    noteAt: where(d.note),
    cc: d.cc.length ? `${cc}。` : undefined,
    ccAt: where(d.cc[0]), // (the content gives the organs' texts joined at the first's place: see load.ts, `joined`)
    printer: one(d.printer),
    printerAt: where(d.printer),
    printed: one(d.printed, '', '印发'),
    printedAt: where(d.printed),
    head: !!(d.copy || d.secrecy || d.urgency || d.organ || d.reference || d.signers.length),
    record: !!(d.cc.length || d.printer || d.printed),
  };
}

/**
 * The chapters with the list of the appendices (`items`, see `AttachmentsView`) where the body
 * ends: in the last chapter's last section (its last at each level), before a 落款 that ends it.
 * None when there are no appendices.
 */
function closedBody(chapters: SectionView[], items: AttachmentsView['items']): SectionView[] {
  let last = chapters[chapters.length - 1];
  if (!last || !items.length) return chapters;
  while (last.sections.length) last = last.sections[last.sections.length - 1];
  const { blocks } = last;
  const at = blocks.length && 'signature' in blocks[blocks.length - 1] ? blocks.length - 1 : blocks.length;
  blocks.splice(at, 0, { attachments: { items } });
  return chapters;
}

/** A list's view, markers counted from 1 in its style. */
function listView(list: ListBlock, text: (t: Text) => TextView): ListView {
  return {
    style: list.style,
    items: list.items.map((item, i) => ({ ...text(item.text), marker: listMarker(list.style, i + 1), list: item.list && listView(item.list, text) })),
  };
}

/** Circled numbers ① … ⑳ (U+2460 …), then ㉑ … ㊿ (U+3251 …, U+32B1 …). */
function circled(n: number): string {
  if (n <= 20) return String.fromCodePoint(0x2460 + n - 1);
  if (n <= 35) return String.fromCodePoint(0x3251 + n - 21);
  if (n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
  return `(${n})`;
}

/** The marker of item `n` (from 1) of a list in `style`. */
export function listMarker(style: ListStyle, n: number): string {
  switch (style) {
    case 'bullet':
      return '•';
    case '一、':
      return `${chinese(n)}、`;
    case '（一）':
      return `（${chinese(n)}）`;
    case '1.':
      return `${n}.`;
    case '（1）':
      return `（${n}）`;
    case '①':
      return circled(n);
    default:
      return assertNever(style, 'list style');
  }
}

/**
 * A verse line with each run of spaces between two Chinese characters made a caesura of one em
 * (U+3000, the ideographic space), as Chinese verse pauses (关关雎鸠　在河之洲): a space set
 * there in running text is ½ em. Spaces beside Latin stay spaces.
 */
function withCaesuras(line: string): string {
  return line.replace(/ +/g, (spaces, at: number) => (isCjk([...line.slice(0, at)].at(-1) ?? '') && isCjk(String.fromCodePoint(line.codePointAt(at + spaces.length) ?? 32)) ? CAESURA : spaces));
}

/** The caesura of a verse line: the ideographic space, one em. */
const CAESURA = '\u3000';

/** A poem's lines, each trimmed (a space between Chinese characters a caesura: withCaesuras); a blank line (or several) ends a stanza. */
function verseView(v: VerseBlock, at: (t: Text) => At, text: (t: Text) => TextView): VerseView {
  const lineAt = at(v.text);
  const headed = !!(v.title || v.author);
  const stanzas = v.text.text
    .split(/\n[ \t]*\n[\s]*/)
    .map((stanza) => stanza.split('\n').map((line) => withCaesuras(line.trim())).filter(Boolean))
    .filter((lines) => lines.length)
    .map((lines, s) => ({ lines: lines.map((line, i) => ({ text: line, at: lineAt, gapAbove: i === 0 && (s > 0 || headed) })) }));
  return {
    title: v.title?.text,
    titleAt: v.title && at(v.title),
    author: v.author?.text,
    authorAt: v.author && text(v.author).at,
    stanzas,
  };
}
