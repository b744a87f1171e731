/**
 * Stage ①: a YAML file → a validated `Report`. Every problem is collected with its place
 * (`file:line:col`), then all are reported together.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError, ProblemList, type SourcePos } from '../problems.js';
import type { Align, Block, Report, ReportMeta, Section, Text } from './types.js';
import { isMap, isScalar, isSeq, YamlSource, type Node } from './yaml-source.js';
import { closest } from './did-you-mean.js';

/** Largest content file accepted (bytes). */
export const MAX_CONTENT_BYTES = 8 * 1024 * 1024;

/** Loads and validates a report file. Throws `InputError` listing every problem. */
export function loadReport(file: string): Report {
  const problems = new ProblemList();
  const start: SourcePos = { file, line: 1, col: 1 };
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new InputError([{ pos: start, message: 'cannot read this file', severity: 'error' }]);
  }
  if (bytes.length > MAX_CONTENT_BYTES) {
    problems.error(start, `file is larger than ${MAX_CONTENT_BYTES / 1024 / 1024} MiB`);
    problems.throwIfErrors();
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0 && !bytes.includes(Buffer.from('\uFFFD'))) {
    const before = text.slice(0, bad).split('\n');
    problems.error({ file, line: before.length, col: before[before.length - 1].length + 1 }, 'invalid UTF-8');
    problems.throwIfErrors();
  }
  if (text.trim() === '') {
    problems.error(start, 'the file is empty: a report needs at least `report:` and `chapters:`');
    problems.throwIfErrors();
  }
  const src = new YamlSource(file, text, problems);
  problems.throwIfErrors();
  const report = new ContentReader(src, problems, path.dirname(path.resolve(file))).report();
  problems.throwIfErrors();
  return { ...report!, file };
}

const REPORT_KEYS = ['report', 'preface', 'chapters'];
const META_KEYS = ['title', 'subtitle', 'issuer', 'date', 'keywords', 'template'];
const SECTION_KEYS = ['title', 'body', 'sections'];
const BLOCK_KINDS = ['heading', 'table', 'case', 'figure', 'list', 'pagebreak'];
const TABLE_KEYS = ['title', 'columns', 'rows', 'align', 'widths', 'note'];
const ALIGNS: Align[] = ['left', 'center', 'right'];
/** Chapters, sections, third-level sections. */
const MAX_SECTION_DEPTH = 3;
/** Cases inside cases and similar nesting, a guard against runaway input. */
const MAX_BLOCK_DEPTH = 8;

/** Walks the YAML tree, building typed content and recording every problem. */
class ContentReader {
  constructor(
    private readonly src: YamlSource,
    private readonly problems: ProblemList,
    private readonly baseDir: string,
  ) {}

  report(): Omit<Report, 'file'> | null {
    const root = this.src.root;
    const fields = this.map(root, 'the report', REPORT_KEYS);
    if (!fields) return null;
    const metaNode = fields.get('report');
    if (!metaNode) this.problems.error(this.src.pos(root), 'missing `report:` (the title and other data of the report)');
    const meta = metaNode ? this.meta(metaNode) : undefined;
    const prefaceNode = fields.get('preface');
    const preface = prefaceNode ? this.preface(prefaceNode) : undefined;
    const chaptersNode = fields.get('chapters');
    let chapters: Section[] = [];
    if (!chaptersNode) this.problems.error(this.src.pos(root), 'missing `chapters:` (a report needs at least one chapter)');
    else chapters = this.sections(chaptersNode, 1, 'chapters');
    if (chaptersNode && isSeq(chaptersNode) && chaptersNode.items.length === 0)
      this.problems.error(this.src.pos(chaptersNode), '`chapters:` is empty: a report needs at least one chapter');
    if (!meta) return null;
    return { meta, preface, chapters };
  }

  private meta(node: Node): ReportMeta | undefined {
    const f = this.map(node, '`report:`', META_KEYS);
    if (!f) return undefined;
    const title = this.requiredText(f.get('title'), node, 'report.title');
    const keywordsNode = f.get('keywords');
    const keywords: string[] = [];
    if (keywordsNode) {
      if (isSeq(keywordsNode)) {
        for (const k of keywordsNode.items as Node[]) {
          const t = this.text(k, 'a keyword');
          if (t) keywords.push(t.text);
        }
      } else {
        const t = this.text(keywordsNode, '`keywords:`');
        if (t) keywords.push(t.text);
      }
    }
    const templateNode = f.get('template');
    const template = templateNode ? this.text(templateNode, '`template:`')?.text ?? 'official' : 'official';
    if (templateNode && !/^[A-Za-z0-9_-]+$/.test(template))
      this.problems.error(this.src.pos(templateNode), '`template:` must be a folder name under templates/ (letters, digits, - and _)');
    if (!title) return undefined;
    return {
      title,
      subtitle: this.optionalText(f.get('subtitle'), 'report.subtitle'),
      issuer: this.optionalText(f.get('issuer'), 'report.issuer'),
      date: this.optionalText(f.get('date'), 'report.date'),
      keywords,
      template,
    };
  }

  private preface(node: Node): Report['preface'] {
    const f = this.map(node, '`preface:`', ['title', 'body']);
    if (!f) return undefined;
    const title = this.optionalText(f.get('title'), 'preface.title') ?? { text: '前言', pos: this.src.pos(node) };
    return { title, body: this.blocks(f.get('body'), 0), pos: this.src.pos(node) };
  }

  private sections(node: Node, level: number, what: string): Section[] {
    if (!isSeq(node)) {
      this.problems.error(this.src.pos(node), `\`${what}:\` must be a list (each item starting with "- title:")`);
      return [];
    }
    const out: Section[] = [];
    for (const item of node.items as Node[]) {
      const s = this.section(item, level);
      if (s) out.push(s);
    }
    return out;
  }

  private section(node: Node, level: number): Section | undefined {
    const what = level === 1 ? 'a chapter' : 'a section';
    const f = this.map(node, what, SECTION_KEYS);
    if (!f) return undefined;
    const title = this.requiredText(f.get('title'), node, `the title of ${what}`);
    const subNode = f.get('sections');
    let sections: Section[] = [];
    if (subNode) {
      if (level >= MAX_SECTION_DEPTH)
        this.problems.error(this.src.pos(subNode), `sections may nest ${MAX_SECTION_DEPTH} levels deep at most (1.1.1)`);
      else sections = this.sections(subNode, level + 1, 'sections');
    }
    const body = this.blocks(f.get('body'), 0);
    if (!title) return undefined;
    return { title, body, sections, pos: this.src.pos(node) };
  }

  private blocks(node: Node | undefined, depth: number): Block[] {
    if (!node) return [];
    if (!isSeq(node)) {
      this.problems.error(this.src.pos(node), '`body:` must be a list of blocks (each item starting with "- ")');
      return [];
    }
    if (depth > MAX_BLOCK_DEPTH) {
      this.problems.error(this.src.pos(node), `blocks nest deeper than ${MAX_BLOCK_DEPTH} levels`);
      return [];
    }
    const out: Block[] = [];
    for (const item of node.items as Node[]) {
      const b = this.block(item, depth);
      if (b) out.push(b);
    }
    return out;
  }

  private block(node: Node, depth: number): Block | undefined {
    if (isScalar(node)) {
      const text = this.text(node, 'a paragraph');
      return text ? { kind: 'paragraph', text } : undefined;
    }
    if (!isMap(node)) {
      this.problems.error(this.src.pos(node), 'a block must be a paragraph (text) or one of: ' + BLOCK_KINDS.join(', '));
      return undefined;
    }
    const f = this.map(node, 'a block', BLOCK_KINDS);
    if (!f) return undefined;
    if (f.size === 0 && node.items.length > 0) return undefined; // its unknown key is reported
    if (f.size !== 1) {
      this.problems.error(this.src.pos(node), `a block has exactly one key (${BLOCK_KINDS.join(', ')}); this one has ${f.size}`);
      return undefined;
    }
    const [kind, value] = [...f.entries()][0];
    const pos = this.src.pos(node);
    switch (kind) {
      case 'heading': {
        const text = this.text(value, '`heading:`');
        return text ? { kind: 'heading', text } : undefined;
      }
      case 'table':
        return this.table(value, pos);
      case 'case': {
        const c = this.map(value, '`case:`', ['title', 'body']);
        if (!c) return undefined;
        const title = this.requiredText(c.get('title'), value, 'case.title');
        const body = this.blocks(c.get('body'), depth + 1);
        return title ? { kind: 'case', title, body, pos } : undefined;
      }
      case 'figure': {
        const c = this.map(value, '`figure:`', ['title', 'image']);
        if (!c) return undefined;
        const title = this.requiredText(c.get('title'), value, 'figure.title');
        const image = this.requiredText(c.get('image'), value, 'figure.image');
        if (!title || !image) return undefined;
        return { kind: 'figure', title, image: path.resolve(this.baseDir, image.text), pos: image.pos };
      }
      case 'list': {
        if (!isSeq(value)) {
          this.problems.error(this.src.pos(value), '`list:` must be a list of items');
          return undefined;
        }
        const items = (value.items as Node[]).map((i) => this.text(i, 'a list item')).filter((t): t is Text => !!t);
        return { kind: 'list', items, pos };
      }
      case 'pagebreak':
        return { kind: 'pagebreak', pos };
    }
    return undefined;
  }

  private table(node: Node, pos: SourcePos): Block | undefined {
    const f = this.map(node, '`table:`', TABLE_KEYS);
    if (!f) return undefined;
    const title = this.requiredText(f.get('title'), node, 'table.title');
    const columnsNode = f.get('columns');
    const rowsNode = f.get('rows');
    if (!columnsNode) this.problems.error(this.src.pos(node), 'a table needs `columns:` (the header row)');
    if (!rowsNode) this.problems.error(this.src.pos(node), 'a table needs `rows:`');
    const columns = columnsNode ? this.cells(columnsNode, 'columns') : [];
    const rows: Text[][] = [];
    if (rowsNode && isSeq(rowsNode)) {
      for (const r of rowsNode.items as Node[]) {
        const cells = this.cells(r, 'a row');
        if (columns.length && cells.length !== columns.length)
          this.problems.error(this.src.pos(r), `this row has ${cells.length} cells but the table has ${columns.length} columns`);
        rows.push(cells);
      }
    } else if (rowsNode) this.problems.error(this.src.pos(rowsNode), '`rows:` must be a list of rows');
    const align: Align[] = [];
    const alignNode = f.get('align');
    if (alignNode) {
      for (const a of this.cells(alignNode, 'align')) {
        if (!ALIGNS.includes(a.text as Align)) this.problems.error(a.pos, `align must be one of ${ALIGNS.join(', ')}, not "${a.text}"`);
        align.push(a.text as Align);
      }
      if (columns.length && align.length !== columns.length)
        this.problems.error(this.src.pos(alignNode), `\`align:\` has ${align.length} entries but the table has ${columns.length} columns`);
    }
    const widths: number[] = [];
    const widthsNode = f.get('widths');
    if (widthsNode) {
      for (const w of this.cells(widthsNode, 'widths')) {
        const n = Number(w.text);
        if (!(n > 0)) this.problems.error(w.pos, `a width must be a positive number, not "${w.text}"`);
        widths.push(n);
      }
      if (columns.length && widths.length !== columns.length)
        this.problems.error(this.src.pos(widthsNode), `\`widths:\` has ${widths.length} entries but the table has ${columns.length} columns`);
    }
    const note = this.optionalText(f.get('note'), 'table.note');
    if (!title) return undefined;
    return { kind: 'table', title, columns, rows, align, widths, note, pos };
  }

  /** A list of scalar cells (strings or numbers). */
  private cells(node: Node, what: string): Text[] {
    if (!isSeq(node)) {
      this.problems.error(this.src.pos(node), `\`${what}\` must be a list like [a, b, c]`);
      return [];
    }
    return (node.items as Node[]).map((c) => this.text(c, 'a cell', true) ?? { text: '', pos: this.src.pos(c) });
  }

  /** A mapping's entries by key; unknown keys are reported (with a suggestion). */
  private map(node: Node | null | undefined, what: string, known: string[]): Map<string, Node> | undefined {
    if (!node || !isMap(node)) {
      this.problems.error(this.src.pos(node), `${what} must be a mapping of keys (${known.join(', ')})`);
      return undefined;
    }
    const out = new Map<string, Node>();
    for (const pair of node.items) {
      const key = pair.key as Node;
      const name = isScalar(key) ? String(key.value) : '';
      if (!known.includes(name)) {
        const hint = closest(name, known);
        this.problems.error(
          this.src.pos(key),
          `unknown key "${name}" in ${what}` + (hint ? ` (did you mean "${hint}"?)` : ` (expected one of: ${known.join(', ')})`),
        );
        continue;
      }
      out.set(name, (pair.value as Node | null) ?? nullNode(key));
    }
    return out;
  }

  /** A scalar as text. Numbers are allowed where `numbers` (table cells). */
  private text(node: Node | undefined, what: string, numbers = false): Text | undefined {
    if (!node || !isScalar(node) || node.value === null) {
      this.problems.error(this.src.pos(node), `${what} must be text`);
      return undefined;
    }
    const v = node.value;
    if (typeof v === 'number' && numbers) return { text: node.source ?? String(v), pos: this.src.pos(node) };
    if (typeof v !== 'string' && typeof v !== 'number') {
      this.problems.error(this.src.pos(node), `${what} must be text, not ${typeof v}`);
      return undefined;
    }
    return { text: typeof v === 'string' ? v : (node.source ?? String(v)), pos: this.src.pos(node) };
  }

  private requiredText(node: Node | undefined, parent: Node, what: string): Text | undefined {
    if (!node) {
      this.problems.error(this.src.pos(parent), `missing \`${what.split('.').pop()}:\` (${what})`);
      return undefined;
    }
    const t = this.text(node, what);
    if (t && t.text.trim() === '') {
      this.problems.error(t.pos, `${what} is empty`);
      return undefined;
    }
    return t;
  }

  private optionalText(node: Node | undefined, what: string): Text | undefined {
    return node ? this.text(node, what) : undefined;
  }
}

/** A stand-in for `key:` with nothing after it, located at the key. */
function nullNode(key: Node): Node {
  return { range: key.range } as unknown as Node;
}
