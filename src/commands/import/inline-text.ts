/**
 * A paragraph's runs as content text with the inline markup of spec §6.2: `**bold**`,
 * `*emphasis*` (Word's italic), `^sup^`, `~sub~`, `[text](url)` and footnotes `^[…]`; the
 * characters that would start markup are escaped (`\*`). Word's soft line breaks and tabs
 * join the text: nothing between two Han characters, one space elsewhere. A title (a heading,
 * a caption, a cover line) keeps its scripts and footnotes, not Word's bold, italic and links:
 * how a title looks is the theme's (a heading is bold by its style, often by its runs too).
 */
import type { DraftInline, DraftNote, DraftNoteReference } from './docx-model.js';
import { isLinkUrl } from '../../content/inline-markup.js';

/** Characters that start markup in content text, escaped with a backslash (a subset of ESCAPABLE in content/inline-markup.ts). */
const MARKUP_CHARACTERS = /[\\*[\]^~`<]/g;

/** `text` with every character that would start markup escaped. */
export function escapeMarkup(text: string): string {
  return text.replace(MARKUP_CHARACTERS, (c) => '\\' + c);
}

/** Superscript and subscript hold a short token (as content/inline-markup.ts reads them): no space, no CJK. */
const SCRIPT_TEXT = /^[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u{20000}-\u{3134F}]+$/u;

/** Han characters and CJK punctuation: no space is put between two of them where a line was broken. */
const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F\u{20000}-\u{3134F}]/u;

/** How a footnote reference is written: the markup of its note, or undefined when it has none. */
export type NoteText = (reference: DraftNoteReference) => DraftNote | null;

/** One stretch of text with its formatting, or markup already written (a footnote). */
type Piece = { text: string; bold: boolean; italic: boolean; script: string; href?: string } | { markup: string } | { lineBreak: true };

/** What the text is: a paragraph's (all its markup) or a title's (scripts and footnotes only). */
export type TextKind = 'text' | 'title';

/** The content text of a paragraph's inline nodes. */
export function inlineText(nodes: readonly DraftInline[], notes: NoteText, blocksText: (note: DraftNote) => string, kind: TextKind = 'text'): string {
  const pieces: Piece[] = [];
  collect(nodes, { bold: false, italic: false, script: 'baseline' }, pieces, { notes, blocksText, kind });
  return joinLines(write(pieces)).replace(/[ \t\u00a0]+/g, ' ').trim();
}

/** What `collect` passes down unchanged. */
interface Context {
  notes: NoteText;
  blocksText: (note: DraftNote) => string;
  kind: TextKind;
}

function collect(nodes: readonly DraftInline[], format: { bold: boolean; italic: boolean; script: string; href?: string }, out: Piece[], context: Context): void {
  const text = context.kind === 'text';
  for (const n of nodes) {
    if (n.type === 'text') out.push({ text: n.value, ...format });
    else if (n.type === 'tab') out.push({ text: ' ', ...format });
    else if (n.type === 'break') out.push({ lineBreak: true });
    else if (n.type === 'run') collect(n.children, { ...format, bold: text && n.isBold, italic: text && n.isItalic, script: n.verticalAlignment }, out, context);
    // (a link the format refuses, file: or a path, keeps its words, unlinked)
    else if (n.type === 'hyperlink') collect(n.children, { ...format, href: text && n.href && isLinkUrl(n.href) ? n.href : undefined }, out, context);
    else if (n.type === 'noteReference') {
      const note = context.notes(n);
      const noteText = note ? context.blocksText(note) : '';
      if (noteText) out.push({ markup: `^[${noteText}]` });
    }
  }
}

/** A stretch of text of one format and link. */
type Group = { text: string; bold: boolean; italic: boolean; script: string; href?: string };

/** The markup of the pieces: runs of one link and one format written together. */
function write(pieces: readonly Piece[]): string {
  const items: (Group | { markup: string })[] = [];
  for (const p of pieces) {
    const last = items[items.length - 1];
    if ('lineBreak' in p) items.push({ markup: '\n' });
    else if ('markup' in p) items.push(p);
    else if (last && 'text' in last && last.href === p.href && last.bold === p.bold && last.italic === p.italic && last.script === p.script) last.text += p.text;
    else items.push({ ...p });
  }
  // emphasis right beside bold cannot be written (`**粗***斜*` reads otherwise): it stays plain text
  items.forEach((g, i) => {
    const touchesBold = (n: (typeof items)[number] | undefined) => !!n && 'text' in n && n.bold && !!n.text.trim();
    if ('text' in g && g.italic && !g.bold && (touchesBold(items[i - 1]) || touchesBold(items[i + 1]))) g.italic = false;
  });
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const g = items[i];
    if (!('text' in g)) out += g.markup;
    else if (g.href) {
      let inner = '';
      for (; i < items.length && 'text' in items[i] && (items[i] as Group).href === g.href; i++) {
        const h = items[i] as Group;
        inner += formatted(h.text, h.bold, h.italic, h.script);
      }
      i--;
      out += `[${inner}](${g.href.replace(/[()\s]/g, encodeURIComponent)})`;
    } else out += formatted(g.text, g.bold, g.italic, g.script);
  }
  return out;
}

/** Text with its delimiters; spaces at its ends stand outside them. */
function formatted(text: string, bold: boolean, italic: boolean, script: string): string {
  const [, before, core, after] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  if (!core) return text;
  let out = escapeMarkup(core);
  if (script === 'superscript' && SCRIPT_TEXT.test(core)) out = `^${out}^`;
  else if (script === 'subscript' && SCRIPT_TEXT.test(core)) out = `~${out}~`;
  if (italic) out = `*${out}*`;
  if (bold) out = `**${out}**`;
  return before + out + after;
}

/** Lines of a paragraph joined: nothing between two CJK characters, one space elsewhere. */
function joinLines(text: string): string {
  return text.replace(/\s*\n\s*/g, (_, at: number, whole: string) => {
    const before = whole.slice(0, at).trimEnd().slice(-1);
    const after = whole.slice(at).trimStart().slice(0, 1);
    return before && after && CJK.test(before) && CJK.test(after) ? '' : ' ';
  });
}
