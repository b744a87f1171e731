/**
 * Content a template leaves out: a report's `document:` (the parts of a 公文) is printed by the
 * `gbt9704` template and those that extend it; under another (`official`) its texts would vanish
 * without a word, against the contract (every character of the content is in the PDF). And where
 * it prints them, a preface's title: a 公文 prints its preface as the start of its body, under the
 * 主送机关, with no heading. And a contents a template of one's own prints though the report says
 * `contents: false`.
 */
import type { Problem, SourcePos } from '../problems.js';
import type { Report } from '../content/types.js';
import { eachNode, type BlockNode, type DocTree } from './doc-tree.js';

/** A warning at `report.document` when the document the templates made prints none of its texts. */
export function documentLeftOut(report: Report, doc: DocTree): Problem[] {
  const parts = report.meta.document;
  if (!parts) return [];
  const { pos, signers, cc, ...one } = parts;
  const texts = [...Object.values(one), ...signers, ...cc].filter((t) => t !== undefined);
  const printed = placesOf(doc.matters.flatMap((m) => [...m.children, ...m.colophon]));
  if (!texts.length) return [];
  if (texts.some((t) => printed.has(key(t.pos)))) {
    // (a preface without a title of its own has the preface's place as its title's)
    const title = report.preface && key(report.preface.title.pos) !== key(report.preface.pos) ? report.preface.title : undefined;
    return title && !printed.has(key(title.pos)) ? [{ pos: title.pos, severity: 'warning', message: 'a 公文 (report.document) prints its preface as the start of its body, with no heading: this title is left out' }] : [];
  }
  return [{ pos, severity: 'warning', message: `\`document:\` (the 版头, 主送机关 and 版记 of a 公文) is printed by the gbt9704 template, and this report's template "${report.meta.template.text}" leaves it out: write \`template: gbt9704\` (or a template that extends it)` }];
}

/**
 * A warning at `report.contents: false` when the document the templates made has a contents or
 * list of tables all the same (a template of one's own that sets its front matter without asking).
 */
export function contentsKept(report: Report, doc: DocTree): Problem[] {
  const { contents, contentsAt, template } = report.meta;
  if (contents || !contentsAt) return [];
  let kept = false;
  eachNode(
    doc.matters.flatMap((m) => m.children),
    (n) => (kept ||= n.kind === 'toc-entry'),
  );
  const ask = "write its front matter (the 目录 and 图表与案例目录) inside {{#if report.contents}} … {{/if}}, as Imprint's templates/official/report-pages.hbs does";
  return kept ? [{ pos: contentsAt, severity: 'warning', message: `\`contents: false\` asks for no contents, and this report's template "${template.text}" prints them: ${ask}` }] : [];
}

function key(pos: SourcePos): string {
  return `${pos.file}:${pos.line}:${pos.col}`;
}

/** The places in the content of the texts `nodes` print (each as `key` writes it). */
function placesOf(nodes: readonly BlockNode[]): Set<string> {
  const places = new Set<string>();
  const add = (at: SourcePos | undefined) => at && places.add(key(at));
  eachNode(nodes, (n) => {
    if (n.kind === 'para' || n.kind === 'heading' || n.kind === 'toc-entry' || n.kind === 'code') add(n.at);
    else if (n.kind === 'list') n.items.forEach((item) => add(item.text.at));
    else if (n.kind === 'box') add(n.title?.at);
    else if (n.kind === 'table' || n.kind === 'figure') [n.caption.at, n.note?.at, ...(n.kind === 'table' ? [...n.head, ...n.rows].flat().map((cell) => cell.at) : [])].forEach(add);
  });
  return places;
}
