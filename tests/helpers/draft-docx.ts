/**
 * Word drafts for the import's tests, written with the `docx` package: small drafts of each
 * mapping, and a draft of the sample report made from its YAML as a writer would type it in
 * Word (cover, typed contents, 前 言, headings with typed numbers, captions, framed case boxes,
 * typed page numbers).
 */
import JSZip from 'jszip';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  type ParagraphChild,
  type ISectionOptions,
} from 'docx';

export type DraftChild = Paragraph | Table;

/** A .docx of these paragraphs and tables (options: footnotes, numbering, comments). */
export async function draftDocx(children: DraftChild[], options: Omit<ConstructorParameters<typeof Document>[0], 'sections'> = {}): Promise<Buffer> {
  const section: ISectionOptions = { children };
  return Packer.toBuffer(new Document({ ...options, sections: [section] }));
}

/**
 * A .docx of these paragraphs and tables where each paragraph `p('@@NAME@@')` is replaced by the
 * WordprocessingML `raw[NAME]`: what the `docx` package does not write (the contents Word makes,
 * DrawingML shapes and text boxes without a VML fallback, linked pictures). `relationships`:
 * `<Relationship …/>` elements added to the document's (for a linked picture's target); `options` as `draftDocx`'s.
 */
export async function draftDocxWithXml(children: DraftChild[], raw: Record<string, string>, relationships = '', options: Parameters<typeof draftDocx>[1] = {}): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await draftDocx(children, options));
  let xml = await zip.file('word/document.xml')!.async('string');
  for (const [name, part] of Object.entries(raw)) {
    const marker = `<w:p><w:r><w:t xml:space="preserve">@@${name}@@</w:t></w:r></w:p>`;
    if (!xml.includes(marker)) throw new Error(`no paragraph @@${name}@@ in the draft`);
    xml = xml.replace(marker, part);
  }
  zip.file('word/document.xml', xml);
  const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
  zip.file('word/_rels/document.xml.rels', rels.replace('</Relationships>', `${relationships}</Relationships>`));
  return zip.generateAsync({ type: 'nodebuffer' });
}

/**
 * A paragraph holding a DrawingML picture whose `a:blip` has `blip` (`r:embed="rId9"`, or
 * `r:link="rId9"` for a picture linked, not held: Word's Insert and Link).
 */
export function pictureXml(blip: string): string {
  return (
    '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="381000" cy="285750"/><wp:docPr id="9" name="Picture 9"/>' +
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">' +
    `<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="9" name="p"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip ${blip}/></pic:blipFill><pic:spPr/></pic:pic>` +
    '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
  );
}

/** A relationship of the document to a picture: `target` inside the draft, or outside it when `external`. */
export function pictureRelationship(id: string, target: string, external = false): string {
  return `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="${target}"${external ? ' TargetMode="External"' : ''}/>`;
}

/** A paragraph of plain text. */
export const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
/** A paragraph of bold text. */
export const bold = (text: string) => new Paragraph({ children: [new TextRun({ text, bold: true })] });
/** A paragraph of runs. */
export const runs = (...children: ParagraphChild[]) => new Paragraph({ children });
/** A heading of level 1–3 (Word's Heading styles). */
export const heading = (level: 1 | 2 | 3, text: string) => new Paragraph({ text, heading: [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][level - 1] });

/** A table of text cells; a cell may span: `{text, columnSpan, rowSpan}`. */
export function table(rows: (string | { text: string; columnSpan?: number; rowSpan?: number })[][], headerRows = 0): Table {
  return new Table({
    rows: rows.map(
      (cells, r) =>
        new TableRow({
          tableHeader: r < headerRows || undefined, // docx writes w:tblHeader w:val=false for false, which mammoth reads as a header
          children: cells.map((c) => (typeof c === 'string' ? new TableCell({ children: [p(c)] }) : new TableCell({ children: [p(c.text)], columnSpan: c.columnSpan, rowSpan: c.rowSpan }))),
        }),
    ),
  });
}

/** A framed box: a table of one cell holding these paragraphs. */
export const framed = (children: Paragraph[]) => new Table({ rows: [new TableRow({ children: [new TableCell({ children })] })] });

/** The sample report's YAML data (as loaded by `yaml`). */
interface SampleBlockCase {
  case: { title: string; body: (string | { heading: string })[] };
}
interface SampleBlockTable {
  table: { title: string; columns: (string | number)[]; rows: (string | number)[][]; note?: string };
}
type SampleBlock = string | { heading: string } | SampleBlockCase | SampleBlockTable;
interface SamplePart {
  title: string;
  body?: SampleBlock[];
  sections?: SamplePart[];
}
export interface SampleReport {
  report: { title: string; subtitle?: string; issuer?: string; date?: string };
  preface?: { title: string; body: SampleBlock[] };
  chapters: SamplePart[];
}

/** Text of the YAML with its bold markup as Word runs. */
function markupRuns(text: string): TextRun[] {
  return text.split(/(\*\*[^*]+\*\*)/).filter((s) => s).map((s) => (s.startsWith('**') ? new TextRun({ text: s.slice(2, -2), bold: true }) : new TextRun(s)));
}

/** The sample report as a writer's Word draft, with Heading styles and typed numbers. */
export async function sampleDraft(sample: SampleReport): Promise<Buffer> {
  const out: DraftChild[] = [];
  const { report } = sample;
  out.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: report.title, bold: true, size: 44 })] }));
  for (const line of [report.subtitle, report.issuer, report.date]) if (line) out.push(new Paragraph({ alignment: AlignmentType.CENTER, text: line }));
  // the contents, typed (as the seed report's): the engine makes its own
  out.push(p('目 录'), p('前 言\t1'));
  sample.chapters.forEach((c, i) => {
    out.push(p(`${i + 1} ${c.title}\t${i + 2}`));
    c.sections?.forEach((s, j) => out.push(p(`${i + 1}.${j + 1} ${s.title}.....${i + 3}`)));
  });
  let tables = 0;
  let cases = 0;
  const blocks = (body: SampleBlock[] | undefined) => {
    for (const b of body ?? []) {
      if (typeof b === 'string') out.push(new Paragraph({ children: markupRuns(b) }));
      else if ('heading' in b) out.push(bold(b.heading));
      else if ('table' in b) {
        out.push(p(`表 ${++tables} ${b.table.title}`), table([b.table.columns.map(String), ...b.table.rows.map((r) => r.map(String))], 1));
        if (b.table.note) out.push(p(b.table.note));
      } else if ('case' in b) {
        out.push(p(`案例 ${++cases} ${b.case.title}`));
        out.push(framed(b.case.body.map((x) => (typeof x === 'string' ? new Paragraph({ children: markupRuns(x) }) : bold(x.heading)))));
      }
    }
  };
  if (sample.preface) {
    out.push(heading(1, '前 言'));
    blocks(sample.preface.body);
  }
  let page = 1;
  sample.chapters.forEach((c, i) => {
    out.push(heading(1, `${i + 1} ${c.title}`));
    blocks(c.body);
    c.sections?.forEach((s, j) => {
      out.push(heading(2, `${i + 1}.${j + 1} ${s.title}`));
      blocks(s.body);
      out.push(p(`- ${++page} -`)); // a page number typed at the foot of a page
    });
  });
  return draftDocx(out);
}

/**
 * The seed report (its text as extracted from the writers' Word draft) as that draft: one
 * paragraph per line, blank lines dropped; after a caption 表 N …, its tab-separated lines as a
 * table with one header row; cases as they are in the seed, a caption 案例 N … followed by plain
 * paragraphs. `headings`: `styles` gives the chapter and section headings of the body (`1 …`,
 * `1.1 …`, after the typed contents) Word's Heading 1 and 2 (their typed numbers kept, as the
 * writers type them); `numbers` leaves them plain paragraphs, found by their numbers alone.
 */
export async function seedDraft(seedText: string, headings: 'styles' | 'numbers'): Promise<Buffer> {
  const lines = seedText.split('\n').map((l) => l.trim()).filter((l) => l);
  const bodyStart = lines.lastIndexOf('前 言');
  const out: DraftChild[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const level = i >= bodyStart && headings === 'styles' ? (/^\d+(?:\.\d+)?\s/.exec(line)?.[0].trim().split('.').length as 1 | 2 | undefined) : undefined;
    if (level && line.length <= 40) out.push(heading(level, line));
    else if (line === '前 言' && i === bodyStart && headings === 'styles') out.push(heading(1, line));
    else out.push(p(line));
    if (i >= bodyStart && /^表\s*\d/.test(line)) {
      const rows: string[][] = [];
      while (lines[i + 1]?.includes('\t')) rows.push(lines[++i].split('\t'));
      out.push(table(rows, 1));
    }
  }
  return draftDocx(out);
}
