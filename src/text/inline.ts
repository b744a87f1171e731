/**
 * Inline text: runs of characters with marks (bold), parsed from the `**bold**` markup of the
 * content, with whitespace folded as the contract says.
 */

/** A run of text sharing the same marks. */
export interface Inline {
  text: string;
  bold: boolean;
}

/** Splits `**bold**` markup into runs. An unpaired `**` is kept as text. */
export function parseInlineMarkup(text: string): Inline[] {
  const parts = text.split('**');
  if (parts.length % 2 === 0) {
    // an odd number of markers: the last one is literal
    const last = parts.pop()!;
    parts[parts.length - 1] += '**' + last;
  }
  return mergeRuns(parts.map((t, i) => ({ text: t, bold: i % 2 === 1 })));
}

/** Joins neighbouring runs with equal marks and drops empty ones. */
export function mergeRuns(runs: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const r of runs) {
    if (!r.text) continue;
    const prev = out[out.length - 1];
    if (prev && prev.bold === r.bold) prev.text += r.text;
    else out.push({ ...r });
  }
  return out;
}

/**
 * Folds line breaks, tabs and runs of spaces to one space and trims the ends. The ideographic
 * space U+3000 is a character of Chinese text (1 em), not folded.
 */
export function foldWhitespace(runs: Inline[]): Inline[] {
  const folded = runs.map((r) => ({ ...r, text: r.text.replace(/[ \t\n\r\f\v]+/g, ' ') }));
  for (let i = 0; i < folded.length; i++) {
    const prevEndsWithSpace = i > 0 && folded[i - 1].text.endsWith(' ');
    if (prevEndsWithSpace && folded[i].text.startsWith(' ')) folded[i].text = folded[i].text.slice(1);
  }
  if (folded.length) {
    folded[0].text = folded[0].text.replace(/^ /, '');
    const last = folded[folded.length - 1];
    last.text = last.text.replace(/ $/, '');
  }
  return mergeRuns(folded);
}

/** The plain text of runs. */
export function plainText(runs: Inline[]): string {
  return runs.map((r) => r.text).join('');
}
