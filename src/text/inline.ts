/**
 * Inline text: runs of characters with marks (bold, emphasis, code, superscript, subscript, a
 * link), and atomic items (a cross-reference the layout words, a footnote), read from the
 * document markup (see template/markup.ts; the content's own syntax is parsed once, in
 * content/inline-markup.ts). Whitespace is folded as the contract says.
 */

/** Where a link goes: a URL, or a named destination of this document (an anchor id). */
export type LinkTarget = { uri: string } | { dest: string };

/** The marks of a run. All optional but `bold`: a plain run is `{ text, bold: false }`. */
export interface Marks {
  bold: boolean;
  /** `*…*`: emphasis dots under Han characters, a slant for Latin. */
  emphasis?: boolean;
  /** `` `…` ``: the theme's inline code style, never stretched inside. */
  code?: boolean;
  /** An article's label (第一条, template markup `<label>`): set in the fonts of the theme's `article-label` style. */
  label?: boolean;
  /** `^…^` or `~…~`: smaller, on a raised or lowered baseline. */
  script?: 'sup' | 'sub';
  link?: LinkTarget;
  /** The text is a URL printed whole (`<https://…>`): it may break only after `/ . - _ ? & = #` (see atoms.ts). */
  url?: boolean;
  /** The text is the marker of this footnote (its number in the report, from 1): no break or gap before it. */
  footnote?: number;
}

/**
 * A cross-reference to an id: what it prints (`label`: `[[id]]`, the item's label as the theme
 * words it; `page`: `[[id#page]]`, the label of the page where it starts; `number`:
 * `[[id#number]]`, its number alone, as `{number}` in the theme's format).
 */
export interface Reference {
  id: string;
  part: ReferencePart;
}

export type ReferencePart = 'label' | 'page' | 'number';

/** How a reference is written in the content: `[[id]]`, `[[id#page]]`, `[[id#number]]`. */
export function referenceSource(ref: Reference): string {
  return `[[${ref.id}${ref.part === 'label' ? '' : `#${ref.part}`}]]`;
}

/** A run of text sharing the same marks. */
export interface Inline extends Marks {
  text: string;
  /** An atomic item: a cross-reference, whose text is empty until the layout gives it (see block/references.ts). */
  ref?: Reference;
  /** An atomic item: a footnote (`^[…]`), its note's runs; the layout sets its marker here. */
  note?: Inline[];
}

/** True when two runs carry the same marks (and neither is an atomic item). */
export function sameMarks(a: Inline, b: Inline): boolean {
  return (
    !a.ref &&
    !b.ref &&
    !a.note &&
    !b.note &&
    a.bold === b.bold &&
    !!a.emphasis === !!b.emphasis &&
    !!a.code === !!b.code &&
    !!a.label === !!b.label &&
    a.script === b.script &&
    a.footnote === b.footnote &&
    !!a.url === !!b.url &&
    linkKey(a.link) === linkKey(b.link)
  );
}

function linkKey(l: LinkTarget | undefined): string {
  return l ? ('uri' in l ? `u${l.uri}` : `d${l.dest}`) : '';
}

/** A key for a run's marks and text: runs with equal keys set alike (see block/text-lines.ts). */
export function runKey(r: Inline): string {
  const marks = `${r.bold ? 'B' : ''}${r.emphasis ? 'E' : ''}${r.code ? 'C' : ''}${r.label ? 'L' : ''}${r.script ?? ''}${r.url ? 'U' : ''}${r.footnote ? `N${r.footnote}` : ''}${linkKey(r.link)}`;
  const item = r.ref ? referenceSource(r.ref) : r.note ? `^[${r.note.map(runKey).join('\u0002')}]` : '';
  return `${marks}\u0001${item}${r.text}`;
}

/** Joins neighbouring runs with equal marks and drops empty ones (atomic items stay). */
export function mergeRuns(runs: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const r of runs) {
    if (!r.text && !r.ref && !r.note) continue;
    const prev = out[out.length - 1];
    if (prev && sameMarks(prev, r)) prev.text += r.text;
    else out.push({ ...r });
  }
  return out;
}

/**
 * Folds line breaks, tabs and runs of spaces to one space and trims the ends. The ideographic
 * space U+3000 is a character of Chinese text (1 em), not folded. Inline code keeps its spaces
 * (a run of them is what the author typed), line breaks in it become spaces.
 */
export function foldWhitespace(runs: Inline[]): Inline[] {
  const folded = runs.map((r) => ({ ...r, text: r.text.replace(r.code ? /[\t\n\r\f\v]/g : /[ \t\n\r\f\v]+/g, ' ') }));
  for (let i = 0; i < folded.length; i++) {
    const prevEndsWithSpace = i > 0 && folded[i - 1].text.endsWith(' ');
    if (prevEndsWithSpace && !folded[i].code && folded[i].text.startsWith(' ')) folded[i].text = folded[i].text.slice(1);
  }
  if (folded.length) {
    folded[0].text = folded[0].text.replace(/^ /, '');
    const last = folded[folded.length - 1];
    last.text = last.text.replace(/ $/, '');
  }
  return mergeRuns(folded);
}

/** The runs of the text's characters [from, to) (of their plain text joined). */
export function splitRuns(runs: Inline[], from: number, to: number): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  for (const r of runs) {
    const [a, b] = [Math.max(from, at), Math.min(to, at + r.text.length)];
    if (a < b) out.push({ ...r, text: r.text.slice(a - at, b - at) });
    at += r.text.length;
  }
  return out;
}

/** The plain text of runs. */
export function plainText(runs: Inline[]): string {
  return runs.map((r) => r.text).join('');
}
