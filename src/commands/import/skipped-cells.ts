/**
 * The grid columns a table row skips, made cells: Word lets a row start or end past columns of
 * the table's grid (`w:gridBefore`, `w:gridAfter` in its `w:trPr`), and mammoth reads no cell
 * there, so the cells after them would shift into the columns skipped (and a cell merged from
 * above would join the wrong one: mammoth counts columns from the row's first cell). The
 * document mammoth reads has an empty cell (`<w:tc/>`, no paragraph: the draft's paragraph
 * numbers stay) in each column skipped; the import writes it as an empty cell. A row says it
 * skips 63 columns in 26 characters (`<w:gridBefore w:val="63"/>`) and is given 441 of cells,
 * so a document of such rows would grow tenfold and more (a large one past the longest text
 * JavaScript holds): the rows of a draft may skip at most MAX_SKIPPED_CELLS columns together,
 * and a draft whose rows skip more is refused.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** The most columns a Word table has: a larger count skipped in a row is taken as this. */
const MAX_COLUMNS = 63;

/** The most grid columns the rows of a draft may skip together (0.7 MB of empty cells): a real draft skips some hundreds at most. */
export const MAX_SKIPPED_CELLS = 100_000;

/** A draft whose rows skip more than MAX_SKIPPED_CELLS grid columns together; its message says so. */
export class TooManySkippedCells extends Error {
  constructor(skipped: number) {
    super(`its table rows skip ${skipped} grid columns (w:gridBefore, w:gridAfter), more than the ${MAX_SKIPPED_CELLS} an import fills with empty cells: refused (a Word draft skips far fewer)`);
    this.name = 'TooManySkippedCells';
  }
}

/** `xml` (word/document.xml) with an empty cell for each grid column a row skips. Throws on XML that is not well formed, and `TooManySkippedCells`. */
export function withSkippedCells(xml: string): string {
  /** Where to insert how many cells, by position in `xml`. */
  const inserts: { at: number; cells: number }[] = [];
  /** The rows being read (a table may be inside a cell): columns skipped, and where their last cell ends. */
  const rows: { before: number; after: number; cellsEnd?: number; propertiesEnd?: number }[] = [];
  const open: string[] = [];
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const parent = open[open.length - 1];
    const grand = open[open.length - 2];
    open.push(tag.name);
    if (tag.name === 'w:tr') rows.push({ before: 0, after: 0 });
    else if ((tag.name === 'w:gridBefore' || tag.name === 'w:gridAfter') && parent === 'w:trPr' && grand === 'w:tr') {
      const columns = Math.min(MAX_COLUMNS, Math.max(0, Number.parseInt(String(tag.attributes['w:val'] ?? '0'), 10) || 0));
      rows[rows.length - 1][tag.name === 'w:gridBefore' ? 'before' : 'after'] = columns;
    }
  });
  parser.on('closetag', (tag) => {
    open.pop();
    const row = rows[rows.length - 1];
    if (!row) return;
    if (tag.name === 'w:trPr' && open[open.length - 1] === 'w:tr') {
      row.propertiesEnd = parser.position;
      if (row.before) inserts.push({ at: parser.position, cells: row.before });
    } else if (tag.name === 'w:tc') row.cellsEnd = parser.position;
    else if (tag.name === 'w:tr') {
      rows.pop();
      const at = row.cellsEnd ?? row.propertiesEnd;
      if (row.after && at !== undefined) inserts.push({ at, cells: row.after });
    }
  });
  parser.write(xml).close();
  if (!inserts.length) return xml;
  const skipped = inserts.reduce((sum, { cells }) => sum + cells, 0);
  if (skipped > MAX_SKIPPED_CELLS) throw new TooManySkippedCells(skipped);
  inserts.sort((a, b) => a.at - b.at);
  let out = '';
  let from = 0;
  for (const { at, cells } of inserts) {
    out += xml.slice(from, at) + '<w:tc/>'.repeat(cells);
    from = at;
  }
  return out + xml.slice(from);
}
