// The sample report as a Typst document, for the benchmark's comparison (not part of Imprint):
// the same text, fonts, page and type sizes as the `official` template; numbered chapters and
// sections, a contents page (目录), a list of tables and cases (图表与案例目录), tables and
// case boxes as numbered figures that may break across pages, page numbers in the footer.
// Written for Typst 0.10 and later.

/** A Typst string literal. */
const str = (s) => `"${String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Text with `**bold**` as Typst code that yields content (no markup to escape). */
function inline(text) {
  const parts = String(text).split(/\*\*(.+?)\*\*/);
  return parts.map((p, i) => (i % 2 ? `#strong(${str(p)})` : p ? `#${str(p)}` : '')).join('') || '#""';
}

function blocks(body, out) {
  for (const b of body ?? []) {
    if (typeof b === 'string' || typeof b === 'number') out.push(`${inline(b)}\n`);
    else if ('heading' in b) out.push(`#block(above: 1.2em)[#set text(font: "Noto Sans SC"); ${inline(b.heading)}]\n`);
    else if ('table' in b) out.push(table(b.table));
    else if ('case' in b) out.push(caseBox(b.case));
    else if ('list' in b) out.push(b.list.map((item) => `- ${inline(item)}`).join('\n') + '\n');
    else if ('pagebreak' in b) out.push('#pagebreak()\n');
  }
}

function table(t) {
  const cells = [...t.columns.map((c) => `[#set text(font: "Noto Sans SC"); ${inline(c)}]`), ...t.rows.flat().map((c) => `[${inline(c)}]`)];
  const note = t.note ? `\n#text(size: 9pt)[${inline(t.note)}]` : '';
  return `#figure(kind: table, caption: [${inline(t.title)}], table(columns: ${t.columns.length}, inset: (x: 6pt, y: 3pt), fill: (_, y) => if y == 0 { luma(238) }, ${cells.join(', ')}))${note}\n`;
}

function caseBox(c) {
  const inner = [];
  blocks(c.body, inner);
  return `#figure(kind: "case", supplement: [案例], caption: [${inline(c.title)}], block(breakable: true, width: 100%, fill: rgb("#f6f3ec"), stroke: 0.75pt + rgb("#8c6d46"), inset: 10pt, align(left)[\n${inner.join('\n')}]))\n`;
}

/** The Typst source of a report (the parsed YAML of a content file). */
export function typstDocument(doc) {
  const r = doc.report;
  const out = [
    `#set page(paper: "a4", margin: (top: 30mm, bottom: 30mm, left: 27mm, right: 27mm))`,
    `#set text(font: "Noto Serif SC", size: 12pt, lang: "zh", region: "cn")`,
    `#set par(justify: true, first-line-indent: 2em, leading: 0.8em)`,
    `#show heading: set text(font: "Noto Sans SC")`,
    `#show heading.where(level: 1): it => { pagebreak(weak: true); align(center, text(size: 18pt, it)); v(18pt) }`,
    `#show figure: set block(breakable: true)`,
    `#show figure.where(kind: table): set figure.caption(position: top)`,
    `#show figure.where(kind: "case"): set figure.caption(position: top)`,
    `#align(center)[#v(6cm)#text(font: "Noto Sans SC", weight: "bold", size: 24pt, ${str(r.title)})\n\n#text(font: "Noto Sans SC", size: 16pt, ${str(r.subtitle ?? '')})#v(8cm)#text(size: 16pt, ${str(r.issuer ?? '')})\n\n#text(size: 16pt, ${str(r.date ?? '')})]`,
    `#pagebreak()`,
    `#outline(title: [目录], depth: 2, indent: auto)`,
    `#pagebreak()`,
    `#outline(title: [图表与案例目录], target: figure)`,
    `#set page(numbering: "1")`,
    `#counter(page).update(1)`,
  ];
  if (doc.preface) {
    out.push(`#heading(level: 1, numbering: none)[${inline(doc.preface.title)}]\n`);
    blocks(doc.preface.body, out);
  }
  out.push('#set heading(numbering: "1.1")');
  const section = (s, level) => {
    out.push(`#heading(level: ${level})[${inline(s.title)}]\n`);
    blocks(s.body, out);
    for (const sub of s.sections ?? []) section(sub, level + 1);
  };
  for (const ch of doc.chapters) section(ch, 1);
  return out.join('\n');
}
