/**
 * The data templates see: the report with numbers given (chapters 1, sections 1.1, tables,
 * cases and figures counted through the report) and anchor ids for the contents. Every text
 * comes with where it stands in the content (`at`, or `titleAt` … beside a string), which
 * templates write as an `at="…"` attribute on the element holding it: messages about its
 * characters (one no font has) then point at the YAML, not at the template.
 */
import type { Block, Report, Section, TableCell, Text } from '../content/types.js';

/** A source position as templates write it into markup: `file:line:col`. */
type At = string;

export interface TextView {
  text: string;
  at: At;
}

export type BlockView =
  | { paragraph: TextView }
  | { heading: TextView }
  | { table: TableView }
  | { case: CaseView }
  | { figure: FigureView }
  | { list: { items: TextView[] } }
  | { pagebreak: true };

export interface TableView {
  id: string;
  number: number;
  title: string;
  titleAt: At;
  at: At;
  /** One per column: its alignment and relative width as written (undefined: by default). */
  columns: { align?: string; width?: number }[];
  /** Header rows (`columns:` as one row). */
  head: CellView[][];
  rows: CellView[][];
  /** `size: small`: a dense table. */
  small: boolean;
  note?: string;
  noteAt?: At;
}

/** A table cell: its text, spans (1 when not written) and own alignment. */
export interface CellView extends TextView {
  colspan: number;
  rowspan: number;
  align?: string;
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
  /** Where the image is named. */
  at: At;
}

export interface SectionView {
  id: string;
  /** `1`, `1.1`, `1.1.1`. */
  number: string;
  level: number;
  title: string;
  titleAt: At;
  blocks: BlockView[];
  sections: SectionView[];
}

/** An entry of 图表与案例目录. */
export interface ListedView {
  kind: 'table' | 'case' | 'figure';
  id: string;
  number: number;
  title: string;
  titleAt: At;
}

export interface ReportView {
  report: { title: string; titleAt: At; subtitle?: string; subtitleAt?: At; issuer?: string; issuerAt?: At; date?: string; dateAt?: At };
  preface?: { id: string; title: string; titleAt: At; blocks: BlockView[] };
  chapters: SectionView[];
  /** Tables, cases and figures in order of appearance. */
  listed: ListedView[];
}

/** Numbers the report and shapes it for templates. */
export function reportView(report: Report): ReportView {
  const counters = { table: 0, case: 0, figure: 0 };
  const listed: ListedView[] = [];
  const at = (t: { pos: { file: string; line: number; col: number } }): At => `${t.pos.file}:${t.pos.line}:${t.pos.col}`;
  const text = (t: Text): TextView => ({ text: t.text, at: at(t) });
  const cell = (c: TableCell): CellView => ({ ...text(c.text), colspan: c.colspan, rowspan: c.rowspan, align: c.align });

  const blocks = (bs: Block[]): BlockView[] =>
    bs.map((b): BlockView => {
      switch (b.kind) {
        case 'paragraph':
          return { paragraph: text(b.text) };
        case 'heading':
          return { heading: text(b.text) };
        case 'table': {
          const number = ++counters.table;
          const id = `table-${number}`;
          listed.push({ kind: 'table', id, number, title: b.title.text, titleAt: at(b.title) });
          return {
            table: {
              id,
              number,
              title: b.title.text,
              titleAt: at(b.title),
              at: at(b),
              columns: Array.from({ length: b.columns }, (_, i) => ({ align: b.align[i], width: b.widths[i] })),
              head: b.head.map((r) => r.map(cell)),
              rows: b.rows.map((r) => r.map(cell)),
              small: b.size === 'small',
              note: b.note?.text,
              noteAt: b.note && at(b.note),
            },
          };
        }
        case 'case': {
          const number = ++counters.case;
          const id = `case-${number}`;
          listed.push({ kind: 'case', id, number, title: b.title.text, titleAt: at(b.title) });
          return { case: { id, number, title: b.title.text, titleAt: at(b.title), blocks: blocks(b.body) } };
        }
        case 'figure': {
          const number = ++counters.figure;
          const id = `figure-${number}`;
          listed.push({ kind: 'figure', id, number, title: b.title.text, titleAt: at(b.title) });
          return { figure: { id, number, title: b.title.text, titleAt: at(b.title), image: b.image, at: at(b) } };
        }
        case 'list':
          return { list: { items: b.items.map(text) } };
        case 'pagebreak':
          return { pagebreak: true };
      }
    });

  const section = (s: Section, number: string, level: number): SectionView => {
    const view: SectionView = { id: `sec-${number}`, number, level, title: s.title.text, titleAt: at(s.title), blocks: blocks(s.body), sections: [] };
    view.sections = s.sections.map((sub, i) => section(sub, `${number}.${i + 1}`, level + 1));
    return view;
  };

  const m = report.meta;
  return {
    report: {
      title: m.title.text,
      titleAt: at(m.title),
      subtitle: m.subtitle?.text,
      subtitleAt: m.subtitle && at(m.subtitle),
      issuer: m.issuer?.text,
      issuerAt: m.issuer && at(m.issuer),
      date: m.date?.text,
      dateAt: m.date && at(m.date),
    },
    preface: report.preface && { id: 'preface', title: report.preface.title.text, titleAt: at(report.preface.title), blocks: blocks(report.preface.body) },
    chapters: report.chapters.map((c, i) => section(c, String(i + 1), 1)),
    listed,
  };
}
