/**
 * Stage ①: a YAML file → a validated `Report`. The content is checked against the published
 * JSON Schema, then for what a schema cannot say (a row as long as the header, an image inside
 * the project that a PDF can embed: see image-file.ts). Every problem is collected with its place.
 */
import { bytesInWords, readRegularFile, RefusedFile, type Refusal } from '../input-file.js';
import path from 'node:path';
import { ProblemList, type SourcePos } from '../problems.js';
import { decodeText } from '../text-file.js';
import { checkImage, type CheckedImage } from './image-file.js';
import { fullWidthCommas } from './full-width-syntax.js';
import { splitNumberMessage, splitNumbers } from './thousands-commas.js';
import { checkMarkup, type WrittenId, type WrittenText } from './markup-check.js';
import { droppedMessage, UNPRINTABLE } from './printable.js';
import { tooLong, type TextKind } from './text-limits.js';
import { quietChars } from './quiet-chars.js';
import { numberSlips } from './number-slips.js';
import { assertNever, type BlockKey } from './block-kinds.js';
import { checkAgainstSchema } from './schema.js';
import type { Align, ArticleBlock, Block, DocumentParts, FigureWidth, ListBlock, ListItem, ListStyle, Report, Section, TableCell, Text, VAlign } from './types.js';
import { firstRowColumns, MAX_COLSPAN, placeCells, widthUnderFirstRow, type OffByOneRowspan } from './table-grid.js';
import { YamlSource, type DataPath } from './yaml-source.js';
import { reportDate } from './report-date.js';
import { pastedArticleLabel, typedArticleNumber, typedNumber } from './heading-numbers.js';
import { contentWidthProblem, figureWidthOf } from './figure-width.js';
import { cellHeightOf, cellHeightProblem } from './cell-height.js';
import { footnoteIndex } from './footnote-index.js';

/** Largest content file accepted (bytes). */
export const MAX_CONTENT_BYTES = 8 * 1024 * 1024;

/** Loads and validates a report file. Throws `InputError` listing every problem. */
export function loadReport(file: string): Report {
  const problems = new ProblemList();
  const text = readText(file, problems);
  problems.throwIfErrors();
  const src = new YamlSource(file, text!, problems);
  problems.throwIfErrors();
  checkAgainstSchema(src, problems);
  const baseDir = path.dirname(path.resolve(file));
  // checked whether or not the schema took the rest, so one run names every problem
  const images = checkImages(src, problems, baseDir);
  if (problems.hasErrors) {
    checkPastRefusal(src, problems, baseDir, images, file);
    problems.throwIfErrors();
  }
  const reader = new ContentReader(src, problems, baseDir, images);
  const report = reader.report(file);
  reader.checkMarkup();
  problems.throwIfErrors();
  return { ...report, warnings: problems.warnings() };
}

/** A cell's colspan or rowspan: 1 unless a whole number from 1 to `max` (the schema reports any other, and the grid is checked as if it were 1). */
function spanOf(given: unknown, max: number): number {
  return Number.isInteger(given) && (given as number) >= 1 && (given as number) <= max ? (given as number) : 1;
}

/** The places (`line:col`) some problem already names. */
function placesNamed(problems: ProblemList): Set<string> {
  return new Set(problems.items.map((p) => `${p.pos.line}:${p.pos.col}`));
}

/**
 * What the schema cannot say (a row that does not fill the columns, a reference to no id, an id
 * given twice, a date that does not exist …), checked in data the schema refused as far as it
 * can be read, so one run names every problem: the errors, and the markup's warnings (a `^[` left open),
 * found at places the schema (or the image check) did not already name are added. Reading data of the wrong shape may fail
 * part-way; what was found before is kept.
 */
function checkPastRefusal(src: YamlSource, problems: ProblemList, baseDir: string, images: Map<string, CheckedImage>, file: string): void {
  const reported = placesNamed(problems);
  const found = new ProblemList();
  const reader = new ContentReader(src, found, baseDir, images, true);
  // data of a shape the schema refused may fail a reading where no list holds it (see
  // ContentReader.each): what was found stands, and the references are checked all the same
  try {
    reader.report(file);
  } catch {
    // (as said)
  }
  const markupFrom = found.items.length;
  try {
    reader.checkMarkup();
  } catch {
    // (as said)
  }
  // (a warning of the reading may say again what the schema's error says: only the markup's are added)
  found.items.forEach((p, i) => {
    if (reported.has(`${p.pos.line}:${p.pos.col}`)) return;
    if (p.severity === 'error') problems.error(p.pos, p.message, p.about);
    else if (i >= markupFrom) problems.warn(p.pos, p.message, p.missing);
  });
  // all of them in the order of the file
  problems.items.sort((a, b) => a.pos.line - b.pos.line || a.pos.col - b.pos.col);
}

/**
 * The image files of the figures, checked (see image-file.ts), by absolute path: each
 * `figure:` mapping's `image:` text, wherever the data has one (also in data the schema
 * refused), unless the schema reported a problem at it already. A problem, or what an SVG
 * leaves out, is reported at the `image:` value.
 */
function checkImages(src: YamlSource, problems: ProblemList, baseDir: string): Map<string, CheckedImage> {
  const reported = placesNamed(problems);
  const images = new Map<string, CheckedImage>();
  for (const { at, image } of figureImages(src.data, [])) {
    const pos = src.locate(at);
    if (reported.has(`${pos.line}:${pos.col}`)) continue;
    const file = path.resolve(baseDir, image);
    const checked = images.get(file) ?? checkImage(file, image, baseDir);
    if (typeof checked === 'string') {
      problems.error(pos, checked, file);
      continue;
    }
    images.set(file, checked);
    if (checked.type === 'svg' && checked.ignored.length) problems.warn(pos, `left out of this SVG (Imprint does not draw them): ${checked.ignored.join(', ')}`);
  }
  return images;
}

/** The `image:` texts of the `figure:` mappings in `data` (of any shape) and their paths, in the order written. */
function figureImages(data: unknown, at: DataPath): { at: DataPath; image: string }[] {
  if (Array.isArray(data)) return data.flatMap((item, i) => figureImages(item, [...at, i]));
  if (typeof data !== 'object' || data === null) return [];
  return Object.entries(data).flatMap(([key, value]) => {
    const image = key === 'figure' ? (value as { image?: unknown } | null)?.image : undefined;
    return typeof image === 'string' ? [{ at: [...at, key, 'image'], image }] : figureImages(value, [...at, key]);
  });
}

/** The paragraphs (plain strings) of every `body:` and `quote:` in `data`, of any shape. */
function bodyParagraphs(data: unknown, key?: string): string[] {
  if (Array.isArray(data)) return data.flatMap((item) => (typeof item === 'string' ? (key === 'body' || key === 'quote' ? [item] : []) : bodyParagraphs(item)));
  if (typeof data !== 'object' || data === null) return [];
  return Object.entries(data).flatMap(([k, value]) => bodyParagraphs(value, k));
}

/** The file as text: a regular file, not too large, valid UTF-8, not empty. */
function readText(file: string, problems: ProblemList): string | undefined {
  const start: SourcePos = { file, line: 1, col: 1 };
  const bytes = readBytes(file);
  if (typeof bytes === 'string') {
    problems.error(start, bytes);
    return undefined;
  }
  const text = decodeText(file, bytes);
  if (typeof text !== 'string') {
    problems.error(text.pos, text.message);
    return undefined;
  }
  if (text.trim() === '') {
    problems.error(start, 'the file is empty: a report needs at least `report:` and `chapters:`');
    return undefined;
  }
  // lines ended by CR alone: the yaml package reads them as one line (a mapping nested in a mapping), as do the line numbers of messages
  if (!text.includes('\n') && text.includes('\r')) {
    problems.error({ file, line: 1, col: [...text.slice(0, text.indexOf('\r'))].length + 1 }, 'the lines of this file end in CR alone (old Mac line endings): save it with LF (or CR LF) line endings');
    return undefined;
  }
  return text.replace(/^\uFEFF/, '');
}

/** What the user reads when the report file itself cannot be read. */
const REFUSALS: Record<Refusal, string> = {
  missing: 'file not found',
  folder: 'this is a folder, not a report file',
  'not-regular': 'not a regular file (a device, named pipe or socket cannot be a report)',
  'too-large': `the file is larger than ${bytesInWords(MAX_CONTENT_BYTES)}`,
  unreadable: 'cannot read this file',
  outside: 'cannot read this file',
};

/** The bytes of the report file (a regular file of at most MAX_CONTENT_BYTES, see input-file.ts), or what is wrong. */
function readBytes(file: string): Buffer | string {
  try {
    return readRegularFile(file, MAX_CONTENT_BYTES);
  } catch (e) {
    if (!(e instanceof RefusedFile)) throw e;
    return e.refusal === 'unreadable' ? `${REFUSALS.unreadable} (${e.message})` : REFUSALS[e.refusal];
  }
}

/** Builds the typed report from validated data, with positions; checks what the schema cannot. */
class ContentReader {
  /** The texts read, by the line and column of their place: their path and value as written. */
  private readonly texts = new Map<string, { path: DataPath; value: string }>();
  /**
   * Texts printed as one that are written as several (a 公文's 抄送机关, joined with ，), by the
   * place of the first: each part as written, by its path.
   */
  private readonly joined = new Map<string, { path: DataPath; value: string }[]>();
  /** The ids of chapters, sections, tables, cases and figures, in the order written. */
  private readonly ids: WrittenId[] = [];
  /** How many paragraphs of the report start with an article's label typed by hand (see `paragraph`), once counted. */
  private pastedLabels: number | undefined;

  constructor(
    private readonly src: YamlSource,
    private readonly problems: ProblemList,
    private readonly baseDir: string,
    /** The images the figures name, checked, by absolute path (see `checkImages`). */
    private readonly images: Map<string, CheckedImage>,
    /** Data the schema refused is read (see checkPastRefusal): an item of a list that cannot be read is passed over, the others read. */
    private readonly pastRefusal = false,
  ) {}

  report(file: string): Omit<Report, 'warnings'> {
    const d = this.src.data as Record<string, any>;
    const r = d.report;
    const date = r.date !== undefined ? this.text(['report', 'date']) : undefined;
    const named = date && reportDate(date.text);
    if (named && 'problem' in named) this.problems.error(date.pos, `not a date: ${named.problem} (write e.g. 2026 年 1 月, or 2026-01-15)`);
    return {
      file,
      meta: {
        title: this.text(['report', 'title']),
        subtitle: r.subtitle !== undefined ? this.text(['report', 'subtitle']) : undefined,
        issuer: r.issuer !== undefined ? this.text(['report', 'issuer']) : undefined,
        date,
        keywords: this.keywords(r.keywords),
        contents: r.contents !== false,
        contentsAt: r.contents !== undefined ? this.src.locate(['report', 'contents']) : undefined,
        ...(r.document !== undefined ? { document: this.documentParts(r.document) } : {}),
        template: r.template !== undefined ? this.text(['report', 'template']) : { text: 'official', pos: this.src.locate(['report']) },
      },
      writtenText: (at) => this.writtenText(at),
      preface: d.preface && {
        title: d.preface.title !== undefined ? this.text(['preface', 'title']) : { text: '前言', pos: this.src.locate(['preface']) },
        body: this.prefaceBody(r.document !== undefined),
        pos: this.src.locate(['preface']),
      },
      chapters: this.each(['chapters'], (at) => this.section(at)),
      appendices: this.each(['appendices'], (at) => this.section(at)),
      images: this.images,
    };
  }

  /**
   * The preface's blocks, a 落款 among them warned of where it signs nothing: in a 公文 (`document`),
   * whose preface is the start of its body and whose 落款 ends it, after the last chapter; in a
   * report, one with text after it in the preface (one that ends it signs it: a 序 by its author).
   */
  private prefaceBody(document: boolean): Block[] {
    const body = this.blocks(['preface', 'body']);
    body.forEach((b, i) => {
      if (b.kind !== 'signature') return;
      if (document) this.problems.warn(b.pos, "a 公文's 落款 ends its body, after the last chapter's text (GB/T 9704 7.3.5), and its preface is the start of the body: move this `signature:` to the end of the last chapter's body");
      else if (i < body.length - 1) this.problems.warn(b.pos, "a 落款 ends the text it signs, and text follows this one in the preface: move this `signature:` to the end of the last chapter's body (or of the preface, if it signs the preface, a 序 signed by its author)");
    });
    return body;
  }

  /**
   * `report.document`: the parts of a 公文 around its body (see DocumentParts), each checked as
   * GB/T 9704 writes it where the schema cannot say so (a 发文字号's year in 〔〕, a 印发日期 in
   * full, neither with a leading zero).
   */
  private documentParts(given: Record<string, unknown>): DocumentParts {
    const at = (key: string) => ['report', 'document', key];
    const one = (key: string) => (given[key] !== undefined ? this.text(at(key)) : undefined);
    const list = (key: string) => (given[key] === undefined ? [] : Array.isArray(given[key]) ? (given[key] as unknown[]).map((_, i) => this.text([...at(key), i])) : [this.text(at(key))]);
    const parts: DocumentParts = { copy: one('copy'), secrecy: one('secrecy'), urgency: one('urgency'), organ: one('organ'), reference: one('reference'), signers: list('signers'), to: one('to'), note: one('note'), cc: list('cc'), printer: one('printer'), printed: one('printed'), pos: this.src.locate(['report'], 'document') };
    const problem = (t: Text | undefined, check: (text: string) => string | undefined) => {
      const found = t && check(t.text);
      if (found) this.problems.error(t.pos, found);
    };
    problem(parts.secrecy, secrecyProblem);
    problem(parts.reference, referenceProblem);
    problem(parts.printed, printedProblem);
    problem(parts.note, noteProblem);
    if (parts.cc.length > 1) this.joined.set(placeKey(parts.cc[0].pos), parts.cc.map((t) => this.texts.get(placeKey(t.pos))!));
    // the 版头's and 版记's lines hold no footnote (their notes would have no foot to stand at: the 版记 stands on it)
    for (const key of ['copy', 'secrecy', 'urgency', 'reference', 'signers', 'cc', 'printer', 'printed']) {
      const paths = Array.isArray(given[key]) ? (given[key] as unknown[]).map((_, i) => [...at(key), i]) : given[key] !== undefined ? [at(key)] : [];
      for (const path of paths) {
        const note = footnoteIndex(this.text(path).text);
        if (note >= 0) this.problems.error(this.src.charPos(path, note), `a 公文's ${key === 'cc' || key === 'printer' || key === 'printed' ? '版记' : '版头'} holds no footnote: write the note in the text of the body`);
      }
    }
    return parts;
  }

  /** `keywords:` is one keyword or a list of them. */
  private keywords(given: unknown): string[] {
    if (given === undefined) return [];
    if (!Array.isArray(given)) return [this.text(['report', 'keywords']).text];
    return given.map((_, i) => this.text(['report', 'keywords', i]).text);
  }

  private section(p: DataPath): Section {
    const title = this.text([...p, 'title']);
    const typed = typedNumber(title.text);
    if (typed) this.problems.warn(this.src.charPos([...p, 'title'], 0), `this title starts with its number typed by hand, "${typed.number}": Imprint numbers chapters, sections and appendices itself, so it would print twice; remove "${typed.typed}"`);
    return {
      id: this.id(p),
      title,
      body: this.blocks([...p, 'body']),
      sections: this.each([...p, 'sections'], (at) => this.section(at)),
      pos: this.src.locate(p),
    };
  }

  private blocks(p: DataPath): Block[] {
    return this.each(p, (at) => this.block(at));
  }

  /**
   * `read` of each item of the list at `p`; none when there is no list there (absent, or data
   * the schema refused: see checkPastRefusal).
   */
  private each<T>(p: DataPath, read: (at: DataPath) => T): T[] {
    const list = this.value(p);
    if (!Array.isArray(list)) return [];
    if (!this.pastRefusal) return list.map((_, i) => read([...p, i]));
    const out: T[] = [];
    for (let i = 0; i < list.length; i++) {
      try {
        out.push(read([...p, i]));
      } catch {
        // an item of a shape the schema refused: the next is read, and its id kept (a reference
        // to a `tabel:` with an id is not a second error, only the misspelt key)
        this.refusedItemId([...p, i]);
      }
    }
    return out;
  }

  private block(p: DataPath): Block {
    const b = this.value(p);
    const pos = this.src.locate(p);
    if (typeof b === 'string') return this.paragraph(p);
    // the schema let through a mapping of exactly one block key
    const kind = Object.keys(b as object)[0] as BlockKey;
    const at = [...p, kind];
    switch (kind) {
      case 'heading':
        return { kind: 'heading', text: this.text(at) };
      case 'article':
        return this.article(at, pos);
      case 'case':
        return { kind: 'case', id: this.id(at), title: this.text([...at, 'title']), body: this.blocks([...at, 'body']), pos };
      case 'figure': {
        const image = this.text([...at, 'image']);
        const file = path.resolve(this.baseDir, image.text); // (checked with the others: see checkImages)
        const given = this.value(at) as { width?: string; note?: string };
        return {
          kind: 'figure',
          id: this.id(at),
          title: this.text([...at, 'title']),
          image: file,
          width: given.width !== undefined ? this.figureWidth([...at, 'width']) : undefined,
          note: given.note !== undefined ? this.text([...at, 'note']) : undefined,
          pos: image.pos,
        };
      }
      case 'list':
        return this.list(at, pos);
      case 'code':
        return { kind: 'code', text: this.text(at, 'code'), pos };
      case 'verse': {
        const verse = this.value(at);
        if (typeof verse === 'string') return { kind: 'verse', text: this.text(at), pos };
        const has = (key: string) => (verse as Record<string, unknown>)[key] !== undefined;
        return {
          kind: 'verse',
          title: has('title') ? this.text([...at, 'title']) : undefined,
          author: has('author') ? this.text([...at, 'author']) : undefined,
          text: this.text([...at, 'text']),
          pos,
        };
      }
      case 'quote':
        return { kind: 'quote', body: this.blocks(at), pos };
      case 'signature':
        return { kind: 'signature', lines: this.each(at, (line) => this.text(line)), pos };
      case 'pagebreak':
        return { kind: 'pagebreak', pos };
      case 'table':
        return this.table(at, pos);
      default:
        return assertNever(kind, 'block key');
    }
  }

  /**
   * A paragraph: one that starts with an article's label typed by hand (a 规章 pasted from Word,
   * `第十二条　本办法…`) is warned of, with the `article:` to write. A label that runs into the text
   * (`第一条线路于…`) counts only in a report with another paragraph so (a 规章's articles).
   */
  private paragraph(p: DataPath): Block {
    const text = this.text(p);
    const label = pastedArticleLabel(text.text);
    this.pastedLabels ??= bodyParagraphs(this.src.data).filter((t) => pastedArticleLabel(t)).length;
    if (label && (label.parted || this.pastedLabels > 1)) {
      // its first clause, or its first words
      const start = /^[^，。；：、]{1,16}/u.exec(text.text.slice(label.typed.length))?.[0] ?? '';
      this.problems.warn(this.src.charPos(p, 0), `this paragraph starts with an article's number typed by hand, "${label.number}": write it as an article, \`- article: ${start}……\` without "${label.typed}", and Imprint numbers it (第一条, 第二条 …) itself`);
    }
    return { kind: 'paragraph', text };
  }

  /** `article: 文字` or `article: {id, text}`: warned of when its text starts with a number typed by hand. */
  private article(p: DataPath, pos: SourcePos): ArticleBlock {
    const textAt = typeof this.value(p) === 'string' ? p : [...p, 'text'];
    const text = this.text(textAt);
    const typed = typedArticleNumber(text.text);
    if (typed) this.problems.warn(this.src.charPos(textAt, 0), `this article starts with its number typed by hand, "${typed.number}": Imprint numbers articles itself, so it would print twice; remove "${typed.typed}"`);
    return { kind: 'article', id: textAt === p ? undefined : this.id(p), text, pos };
  }

  /** `list: [a, b]` (bullets) or `list: {style, items}`; an item is text or `{text, list}`. */
  private list(p: DataPath, pos: SourcePos): ListBlock {
    const v = this.value(p);
    // `style: 1.` unquoted is the number 1 to YAML
    const style = Array.isArray(v) ? undefined : (v as { style?: ListStyle | 1 }).style;
    const shaped = { style: style === 1 ? '1.' : style, itemsAt: Array.isArray(v) ? p : [...p, 'items'] };
    const items = (this.value(shaped.itemsAt) as unknown[]).map((item, i): ListItem => {
      const at = [...shaped.itemsAt, i];
      if (item === null || typeof item !== 'object') return { text: this.text(at) };
      const nested = (item as { list?: unknown }).list !== undefined;
      return { text: this.text([...at, 'text']), list: nested ? this.list([...at, 'list'], this.src.locate([...at, 'list'])) : undefined };
    });
    return { kind: 'list', style: shaped.style ?? 'bullet', items, pos };
  }

  private table(p: DataPath, pos: SourcePos): Block {
    const t = this.value(p) as { title?: unknown; columns?: unknown[]; head?: unknown[][]; rows: unknown[][]; align?: Align[]; widths?: number[]; size?: 'normal' | 'small'; landscape?: boolean; note?: string };
    if (t.columns && t.head) this.problems.error(this.src.locate(p, 'head'), 'a table has `columns:` (one header row) or `head:` (header rows), not both');
    const headPath = t.head ? [...p, 'head'] : [...p, 'columns'];
    // (a row that is no list, refused by the schema there, is read as empty: the other rows are still checked)
    const cellsOf = (row: unknown) => (Array.isArray(row) ? row : []);
    // (without either, a table has no header: a 登记表, its first column the labels)
    const head = t.head ? t.head.map((row, r) => cellsOf(row).map((_, c) => this.cell([...headPath, r, c]))) : t.columns ? [cellsOf(t.columns).map((_, c) => this.cell([...headPath, c]))] : [];
    const rows = cellsOf(t.rows).map((row, r) => cellsOf(row).map((_, c) => this.cell([...p, 'rows', r, c])));
    if (!head.length && !rows.length) this.problems.error(pos, 'a table without `columns:` or `head:` (a form, its first column the labels) needs `rows:`: this one has none, and nothing to print');
    // the first row's cells, with their colspans, are the table's columns: its first header row's, else its first row's
    const columns = firstRowColumns(head.length ? head : rows);
    // (a colspan the schema refused in that row, reported at it: the table's columns are not known, and nothing is measured against them)
    const firstRow = t.head ? [...headPath, 0] : t.columns ? headPath : [...p, 'rows', 0];
    const known = !((head.length ? head : rows)[0] ?? []).some((_, c) => this.colspanRefused([...firstRow, c]));
    // (a first header row whose colspans say more or fewer columns than every row under it fills: one error, at it)
    const under = t.head && known ? widthUnderFirstRow(head, rows) : undefined;
    if (under !== undefined) {
      this.problems.error(this.src.locate([...headPath, 0]), `this first header row fills ${columns} columns (its cells with their colspans), the table's columns, but every row under it fills ${under}: check its colspans`);
    } else if (known) {
      if (t.head) this.checkGrid(head, headPath, columns, 'header row', head[0]);
      this.checkGrid(rows, [...p, 'rows'], columns, 'row', head[0] ?? []);
    }
    for (const key of ['align', 'widths'] as const) {
      const list = t[key];
      if (list && known && list.length !== columns && list.length !== under)
        this.problems.error(this.src.locate([...p, key]), `\`${key}:\` has ${list.length} entries but the table has ${columns} columns`);
    }
    return {
      kind: 'table',
      // (an untitled table has no number: [[id]] to it is an error, see markup-check.ts)
      id: this.id(p, t.title === undefined ? 'an untitled table' : undefined),
      title: t.title !== undefined ? this.text([...p, 'title']) : undefined,
      head,
      rows,
      columns,
      align: t.align ?? [],
      widths: t.widths ?? [],
      widthsAt: t.widths && this.src.locate(p, 'widths'),
      size: t.size ?? 'normal',
      landscape: t.landscape ?? false,
      note: t.note !== undefined ? this.text([...p, 'note']) : undefined,
      pos,
    };
  }

  /** A figure's `width:`, `60%` of the type area or a length (`80mm`), or undefined when it is neither (reported there). */
  private figureWidth(p: DataPath): FigureWidth | undefined {
    const given = this.text(p);
    const width = figureWidthOf(given.text);
    if (width && !('share' in width && width.share > 1)) return width;
    this.problems.error(given.pos, contentWidthProblem(given.text));
    return undefined;
  }

  /**
   * The `id:` of an item the schema refused, kept with the others when it is text: its own
   * (`{titel: …, id: a}`) or its block's (`{tabel: {id: a, …}}`).
   */
  private refusedItemId(p: DataPath): void {
    const item = this.value(p);
    if (item === null || typeof item !== 'object') return;
    const keys = Object.keys(item);
    const holder = keys.includes('id') ? p : keys.length === 1 ? [...p, keys[0]] : undefined;
    if (holder && typeof (this.value(holder) as { id?: unknown } | null)?.id === 'string') this.id(holder);
  }

  /** The `id:` of the item at a path, if it has one; `unnumbered`: what the item is when it has no number to print (see WrittenId). */
  private id(p: DataPath, unnumbered?: string): Text | undefined {
    if ((this.value(p) as { id?: unknown }).id === undefined) return undefined;
    const id = this.text([...p, 'id']);
    this.ids.push({ ...id, repeatedAt: this.src.aliasOn(p), ...(unnumbered ? { unnumbered } : {}) });
    return id;
  }

  /** Checks the markup of every text read that holds markup, the ids, and the references (see markup-check.ts). */
  checkMarkup(): void {
    const texts = [...this.texts.values()].filter((t) => holdsMarkup(t.path));
    checkMarkup(texts.map((t) => ({ value: t.value, charPos: (i: number) => this.src.charPos(t.path, i) })), this.ids, this.problems);
  }

  /** What to say of a rowspan (the cell at `at`) one too many or one short for the row that does not fill the columns (see OffByOneRowspan). */
  private offByOneHint(span: OffByOneRowspan, at: DataPath): string {
    const where = `the rowspan: ${span.rowspan} at line ${this.src.locate(at).line}`;
    return span.by < 0
      ? `(${where} covers this row: if its group ends above it, ${span.rowspan > 2 ? `write rowspan: ${span.rowspan - 1}` : 'remove the rowspan'} there)`
      : `(or, if this row belongs to the group of ${where}, write rowspan: ${span.rowspan + 1} there)`;
  }

  /** A table cell: text, or `{text, colspan, rowspan, align, valign, height}`. */
  private cell(p: DataPath): TableCell {
    const v = this.value(p);
    const pos = this.src.locate(p);
    if (v === null || typeof v !== 'object') return { text: this.text(p, 'cell'), colspan: 1, rowspan: 1, pos };
    const m = v as { colspan?: unknown; rowspan?: unknown; align?: Align; valign?: VAlign; height?: unknown };
    return { text: this.text([...p, 'text'], 'cell'), colspan: spanOf(m.colspan, MAX_COLSPAN), rowspan: spanOf(m.rowspan, Infinity), align: m.align, valign: m.valign, height: this.cellHeight([...p, 'height']), pos };
  }

  /** A cell's `height:` (see cell-height.ts), or undefined when not written or no height (reported at it). */
  private cellHeight(p: DataPath): TableCell['height'] {
    const written = this.value(p);
    if (written === undefined) return undefined;
    const pt = cellHeightOf(written);
    const pos = this.src.locate(p);
    if (pt === undefined) this.problems.error(pos, cellHeightProblem(this.src.sourceText(p) ?? String(written)));
    return pt === undefined ? undefined : { pt, pos };
  }

  /**
   * Reports, at the row or the cell, where the rows (at `p`) do not fill `columns` columns exactly
   * (see table-grid.ts); not the width of a row with a colspan the schema refused (reported at it:
   * what the row fills is not known).
   */
  private checkGrid(rows: TableCell[][], p: DataPath, columns: number, rowWord: 'row' | 'header row', firstHeader: readonly TableCell[]): void {
    const { problems } = placeCells(rows, columns);
    for (const e of problems) {
      if (e.kind === 'row-width') {
        if (rows[e.row].some((_, c) => this.colspanRefused([...p, e.row, c]))) continue;
        const spans = rows[e.row].some((c) => c.colspan > 1) ? 'its cells with their colspans' : `its ${rows[e.row].length} cell${rows[e.row].length === 1 ? '' : 's'}`;
        const above = e.covered ? ` and ${e.covered} column${e.covered === 1 ? '' : 's'} covered by rowspans from above` : '';
        // (a row short of cells most often left an empty one out: `[1, 2, ]` is two cells)
        const commas = fullWidthCommas(rows[e.row], e.fills, columns, firstHeader);
        // (a row of amounts pasted with thousands commas, [行政运行, 1,234.56], too long by the cells YAML made of them)
        const splits = splitNumbers(rows[e.row]);
        const split = e.fills - columns === splits.reduce((n, s) => n + s.count - 1, 0) ? ` (${splits.map((s) => splitNumberMessage(rows[e.row], s)).join('; ')})` : '';
        const empty = (e.fills < columns ? '; an empty cell is written ""' : '') + (commas ? ` (${e.fills < columns ? 'or, ' : ''}${commas})` : '') + split;
        this.problems.error(this.src.locate([...p, e.row]), `this ${rowWord} fills ${e.fills} column${e.fills === 1 ? '' : 's'} (${spans}${above}) but the table has ${columns}${empty}${e.offByOne ? ` ${this.offByOneHint(e.offByOne, [...p, e.offByOne.row, e.offByOne.cell])}` : ''}`);
      } else if (e.kind === 'overlap') {
        this.problems.error(this.src.locate([...p, e.row, e.cell]), `this cell's colspan runs into column ${e.col + 1}, which a rowspan from above covers`);
      } else {
        const last = rowWord === 'row' ? 'the last row' : 'the last header row';
        this.problems.error(this.src.locate([...p, e.row, e.cell]), `rowspan ${rows[e.row][e.cell].rowspan} runs past ${last} (${e.left} ${rowWord}${e.left === 1 ? '' : 's'} from here)`);
      }
    }
    // a row that fills its columns with an amount YAML split would print it split: said at the amount
    const wrong = new Set(problems.map((e) => e.row));
    rows.forEach((row, r) => {
      if (!wrong.has(r)) for (const s of splitNumbers(row)) this.problems.warn(row[s.first].pos, splitNumberMessage(row, s));
    });
  }

  /** Whether the cell at `p` gives a `colspan:` the schema refused (read as 1: see `spanOf`). */
  private colspanRefused(p: DataPath): boolean {
    const given = (this.value(p) as { colspan?: unknown } | null)?.colspan;
    return given !== undefined && spanOf(given, MAX_COLSPAN) !== given;
  }

  private value(p: DataPath): unknown {
    let v: unknown = this.src.data;
    for (const step of p) v = (v as Record<string | number, unknown> | undefined)?.[step];
    return v;
  }

  /**
   * Text (or a number, written as in the file) at a path, with its place. Characters that
   * cannot be printed are dropped here, each run with a warning where it was written, so no
   * later stage sees one (see printable.ts); variation selectors are dropped and line and
   * paragraph separators made line breaks, quietly (see quiet-chars.ts); slips in its numbers
   * (a space before the decimal point, m2 for m²) are warnings (see number-slips.ts). A text longer than
   * its `kind` may be is an error (see text-limits.ts).
   */
  private text(p: DataPath, kind: TextKind = p[p.length - 1] === 'title' ? 'title' : 'text'): Text {
    const v = this.value(p);
    const pos = this.src.locate(p);
    if (typeof v !== 'string') return { text: typeof v === 'number' ? (this.src.sourceText(p) ?? String(v)) : String(v), pos };
    const long = tooLong(v, kind);
    if (long) this.problems.error(long.offset ? this.src.charPos(p, long.offset) : pos, long.message); // (the build stops before setting it)
    this.texts.set(placeKey(pos), { path: p, value: v });
    let dropped = false; // (one scan of the text when nothing is dropped, as is usual)
    for (const m of v.matchAll(UNPRINTABLE)) {
      this.problems.warn(this.src.charPos(p, m.index), droppedMessage(m[0]));
      dropped = true;
    }
    if (kind !== 'code') for (const s of numberSlips(v)) this.problems.warn(this.src.charPos(p, s.offset), s.message);
    return { text: quietChars(dropped ? v.replace(UNPRINTABLE, '') : v), pos };
  }

  /**
   * The text whose place is `at` as written (none for a text not read here); texts printed as one
   * (see `joined`): theirs joined with ，, each character's place in its own.
   */
  private writtenText(at: SourcePos): WrittenText | undefined {
    if (at.file !== this.src.file) return undefined;
    const key = placeKey(at);
    const one = this.texts.get(key);
    const parts = this.joined.get(key) ?? (one ? [one] : []);
    if (!parts.length) return undefined;
    return {
      value: parts.map((t) => t.value).join('，'),
      charPos: (index) => {
        let i = 0;
        for (; i < parts.length - 1 && index > parts[i].value.length; i++) index -= parts[i].value.length + 1;
        return this.src.charPos(parts[i].path, index);
      },
    };
  }

}

/**
 * What is wrong with a 密级和保密期限 as GB/T 9704 7.2.2 writes one (秘密★1年: 绝密, 机密 or 秘密, then
 * ★ and the period, its number in Arabic digits), or nothing.
 */
function secrecyProblem(text: string): string | undefined {
  const written = /^(绝密|机密|秘密)(?:\s*★\s*(.+))?$/u.exec(text.trim());
  if (!written) return `a 密级 is 绝密, 机密 or 秘密, and ★ and the 保密期限 after it: 秘密★1年 (GB/T 9704 7.2.2), not "${text}"`;
  const period = written[2];
  // (a period without a number is as written: 绝密★长期, 绝密★启用前)
  if (period !== undefined && /[〇零一二两三四五六七八九十百]/u.test(period)) return `a 保密期限 gives its number in Arabic digits: ${written[1]}★1年, not ${written[1]}★${period} (GB/T 9704 7.2.2)`;
  return undefined;
}

/** What is wrong with a 发文字号 as GB/T 9704 7.2.5 writes one (静教〔2026〕12号), or nothing. */
function referenceProblem(text: string): string | undefined {
  const year = /(\S)\s*(\d{4})\s*(\S)/u.exec(text);
  if (year && !(year[1] === '〔' && year[3] === '〕') && /[[(（【〈<{［]/u.test(year[1])) return `write the year of a 发文字号 in 六角括号 〔〕: 〔${year[2]}〕, not ${year[1]}${year[2]}${year[3]} (GB/T 9704 7.2.5)`;
  if (!/〔\d{4}〕/u.test(text)) return 'a 发文字号 gives the year in full, in 六角括号, then the number and 号: 静教〔2026〕12号 (GB/T 9704 7.2.5)';
  const number = /〕\s*(第?)\s*(\d+)\s*号/u.exec(text);
  if (!number) return 'a 发文字号 ends in its number and 号, after the year: 〔2026〕12号 (GB/T 9704 7.2.5)';
  if (number[1]) return `a 发文字号's number has no 第: ${number[2]}号 (GB/T 9704 7.2.5)`;
  if (/^0\d/.test(number[2])) return `a 发文字号's number has no leading zero: ${Number(number[2])}号, not ${number[2]}号 (GB/T 9704 7.2.5)`;
  return undefined;
}

/** What is wrong with a 印发日期 as GB/T 9704 7.4.3 writes one (2026年1月20日: in full, no leading zero), or nothing. */
function printedProblem(text: string): string | undefined {
  const date = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/u.exec(text.trim());
  if (!date) return 'a 印发日期 gives year, month and day in Arabic digits: 2026年1月20日 (GB/T 9704 7.4.3; 印发 is added)';
  const [, y, m, d] = date;
  if (/^0/.test(m) || /^0/.test(d)) return `a 印发日期 has no leading zero: ${y}年${Number(m)}月${Number(d)}日 (GB/T 9704 7.4.3)`;
  const named = reportDate(`${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
  if (named && 'problem' in named) return `not a date: ${named.problem}`;
  return undefined;
}

/** The key of a place in the content file, by which its texts are kept. */
function placeKey(pos: SourcePos): string {
  return `${pos.line}:${pos.col}`;
}

/** What is wrong with a 附注 (GB/T 9704 7.3.7): the round brackets it is set in written around it too, or nothing. */
function noteProblem(text: string): string | undefined {
  const t = text.trim();
  if (!/^[（(]/u.test(t) || !/[）)]$/u.test(t)) return undefined;
  // the first bracket closes at the end (not （一）…（二）)
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    if (/[（(]/u.test(t[i])) depth++;
    else if (/[）)]/u.test(t[i]) && --depth === 0 && i < t.length - 1) return undefined;
  }
  return `a 附注's round brackets are added: write ${t.slice(1, -1)}, not ${t} (GB/T 9704 7.3.7)`;
}

/**
 * Whether the text at a path is content text with inline markup: not a name (a template, an
 * image file, an id, a keyword). Titles hold markup too (the contents, bookmarks and running
 * heads show them plain: see block/plain-title.ts).
 */
function holdsMarkup(p: DataPath): boolean {
  const last = p[p.length - 1];
  return !(last === 'template' || last === 'image' || last === 'id' || p[1] === 'keywords');
}
