/**
 * The imported report as YAML text, written with the `yaml` package's Document API: block
 * style, one paragraph per item, scalars quoted only where YAML needs it, no folding of long
 * lines, table rows and columns on one line each (`- [本科学历, 人, 197, 183]`), and the report
 * of what was not carried as comments at the top.
 */
import { Document, isMap, isScalar, isSeq, visit } from 'yaml';
import type { ImportedReport } from './report-tree.js';

/** Keys whose sequences of plain cells are written on one line. */
const ONE_LINE_KEYS = new Set(['columns', 'rows', 'head']);

/** The YAML text of `report`, with `notes` as comment lines above it. */
export function reportYaml(report: ImportedReport, source: string, notes: readonly string[]): string {
  const doc = new Document(report);
  visit(doc, {
    Seq(_, node, path) {
      const parent = path[path.length - 1];
      const grand = path[path.length - 2];
      const key = (p: unknown) => (p && typeof p === 'object' && 'key' in p && isScalar(p.key) ? String(p.key.value) : '');
      const inTable = ONE_LINE_KEYS.has(key(parent)) || (isSeq(parent) && ONE_LINE_KEYS.has(key(grand)));
      if (!inTable || !node.items.every((item) => isScalar(item) || (isMap(item) && item.items.every((pair) => isScalar(pair.value))))) return;
      node.flow = true;
      node.items.forEach((item) => isMap(item) && (item.flow = true));
    },
  });
  const header = [
    `Imported from ${source} by imprint import: check it against the draft, then build it.`,
    ...(notes.length ? ['', `Not carried over (${notes.length}):`, ...notes.map((n) => `  ${n}`)] : ['', 'Everything of the draft was carried over.']),
  ];
  doc.commentBefore = header.map((line) => (line ? ` ${line}` : '')).join('\n');
  return doc.toString({ lineWidth: 0, indent: 2, indentSeq: true });
}
