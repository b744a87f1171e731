/**
 * A run of the draft's paragraphs and tables as Imprint blocks (spec §2, §6): paragraphs with
 * their inline markup, run-in headings, tables under their caption (表 N …) with the note below,
 * case boxes (a caption 案例 N … over a one-cell table or a text box, or followed by the case's
 * paragraphs up to the next table, caption or heading), figures (a picture with
 * its caption 图 N …) and lists with their styles. Captions' typed labels are left to the engine.
 */
import { imagesOf, plainText, type DraftBlock, type DraftImage, type DraftInline, type DraftNote, type DraftParagraph, type DraftTable } from './docx-model.js';
import type { DraftXml, ParagraphPlace } from './draft-xml.js';
import { captionOf, isTableNote, opensCase, withoutLabel } from './draft-captions.js';
import { escapeMarkup, inlineText, type NoteText } from './inline-text.js';
import type { ListStyle, ListStyles } from './list-styles.js';
import { tableRows, type TableRows } from './table-block.js';
import { looksLikeHeading, withoutNumber } from '../../content/heading-numbers.js';
import type { ImportLog } from './import-log.js';
import type { PictureRead } from './draft-pictures.js';
import type { ArticleBlock, DraftArticles } from './draft-articles.js';

/** A list item: text, or text with a list under it. */
export type ListItem = string | { text: string; list: ListBlock };
/** A list: bullets as a plain sequence, other styles with their style. */
export type ListBlock = ListItem[] | { style: ListStyle; items: ListItem[] };

/** A block of the content format. */
export type Block =
  | string
  | { heading: string }
  | ArticleBlock
  | { table: { title: string } & TableRows & { note?: string } }
  | { case: { title: string; body: Block[] } }
  | { figure: { title: string; image: string } }
  | { list: ListBlock };

/** What converting blocks needs to know about the draft. */
export interface DraftFacts {
  places: Map<DraftParagraph, ParagraphPlace> | undefined;
  xml: DraftXml;
  listStyles: ListStyles;
  notes: NoteText;
  /** Every picture of the draft, read. */
  pictures: ReadonlyMap<DraftImage, PictureRead>;
}

/** Picture types the engine draws, by content type, with the file extension they are written with. */
const IMAGE_TYPES: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg' };

/** Title given to a table or figure the draft gives no caption (the report says where). */
const UNTITLED = '（无标题）';

export class BlockReader {
  constructor(
    private readonly facts: DraftFacts,
    private readonly log: ImportLog,
  ) {}

  /** The content text of a paragraph. */
  text(p: DraftParagraph): string {
    return inlineText(p.children, this.facts.notes, (note) => this.noteText(note));
  }

  /** The text of a paragraph that is a title (a heading, a caption, a cover line): its words, scripts and footnotes. */
  title(p: DraftParagraph): string {
    return inlineText(p.children, this.facts.notes, (note) => this.noteText(note), 'title');
  }

  /** A note's paragraphs as the text of its marker, `^[…]`. */
  private noteText(note: DraftNote): string {
    return note.body.filter(isParagraph).map((q) => this.text(q)).join(' ');
  }

  /** The draft's paragraph number of a block (its first paragraph's); 0 when unknown. */
  numberOf(b: DraftBlock | undefined): number {
    if (!b) return 0;
    if (b.type === 'paragraph') return this.facts.places?.get(b)?.number ?? 0;
    // (a row's first cell may hold nothing: a grid column it skips)
    const first = b.children.flatMap((row) => row.children.flatMap((cell) => cell.children))[0];
    return this.numberOf(first);
  }

  /** Whether a paragraph is part of the contents Word made (a TOC field): the engine makes its own. */
  inContentsField(p: DraftParagraph): boolean {
    return this.facts.places?.get(p)?.inContentsField === true;
  }

  /** Whether a paragraph is text of a text box (carried with its box, or reported). */
  inTextBox(p: DraftParagraph): boolean {
    return this.facts.places?.get(p)?.textBox !== undefined;
  }

  /** The blocks of `items`; `runIn` tells a run-in heading; `articles`, given, reads paragraphs that start with 第一条 … as articles (see draft-articles.ts). */
  blocks(items: readonly DraftBlock[], runIn: (p: DraftParagraph) => boolean, articles?: DraftArticles): Block[] {
    const out: Block[] = [];
    for (let i = 0; i < items.length; i++) {
      const b = items[i];
      if (b.type === 'table') {
        const { block, next } = this.table(b, undefined, items, i + 1);
        out.push(block);
        i = next - 1;
        continue;
      }
      if (this.inTextBox(b)) continue;
      const plain = plainText(b.children).trim();
      const images = imagesOf(b.children);
      if (!plain && !images.length) continue;
      const caption = captionOf(plain);
      const j = this.nextFilled(items, i + 1);
      const next = items[j];
      if (caption?.kind === 'table' && next?.type === 'table') {
        this.log.engineMade.push(caption.label);
        const { block, next: after } = this.table(next, this.captionTitle(b), items, j + 1);
        out.push(block);
        i = after - 1;
        continue;
      }
      if (caption?.kind === 'case') {
        const boxed = this.caseBody(b, next);
        const end = boxed ? (next?.type === 'table' ? j + 1 : i + 1) : opensCase(plain) ? caseEnd(items, i + 1) : i + 1;
        const body = boxed ?? this.blocks(items.slice(i + 1, end), (p) => runIn(p) || isNumberedRunIn(p));
        if (body.length) {
          this.log.engineMade.push(caption.label);
          out.push({ case: { title: this.captionTitle(b), body } });
          i = end - 1;
          continue;
        }
      }
      if (caption?.kind === 'figure' && next?.type === 'paragraph' && imagesOf(next.children).length && !plainText(next.children).trim()) {
        this.log.engineMade.push(caption.label);
        out.push(...this.figures(next, this.captionTitle(b)));
        i = j;
        continue;
      }
      if (images.length) {
        if (plain) out.push(this.text(b));
        const below = next?.type === 'paragraph' ? captionOf(plainText(next.children).trim()) : undefined;
        if (below?.kind === 'figure') {
          this.log.engineMade.push(below.label);
          i = j;
        }
        out.push(...this.figures(b, below?.kind === 'figure' ? this.captionTitle(next as DraftParagraph) : undefined));
        continue;
      }
      if (b.numbering && !runIn(b)) {
        let k = i;
        while (k < items.length && items[k].type === 'paragraph' && (items[k] as DraftParagraph).numbering) k++;
        out.push({ list: this.list(items.slice(i, k) as DraftParagraph[], 0) });
        i = k - 1;
        continue;
      }
      out.push(runIn(b) ? { heading: this.title(b) } : articles ? articles.block(this.text(b), this.numberOf(b)) : this.text(b));
    }
    return out;
  }

  /** The title a caption gives, without its typed label (the engine's). */
  private captionTitle(caption: DraftParagraph): string {
    return withoutLabel(this.title(caption));
  }

  /** The next index from `from` whose block is a table or a paragraph with content. */
  private nextFilled(items: readonly DraftBlock[], from: number): number {
    let j = from;
    while (j < items.length && items[j].type === 'paragraph' && !this.inTextBox(items[j] as DraftParagraph) && isEmpty(items[j] as DraftParagraph)) j++;
    return j;
  }

  /** A table block, with its note (the paragraph below, when it is one); `next`: the index after what it used. */
  private table(t: DraftTable, title: string | undefined, items: readonly DraftBlock[], after: number): { block: Block; next: number } {
    if (title === undefined) this.log.notCarried(this.numberOf(t), `a table without a caption (表 N … above it): titled ${UNTITLED}, write its title`);
    const rows = tableRows(t, (blocks) => this.cellText(blocks));
    const j = this.nextFilled(items, after);
    const below = items[j];
    const note = below?.type === 'paragraph' && isTableNote(plainText(below.children)) ? this.text(below) : undefined;
    return { block: { table: { title: title ?? UNTITLED, ...rows, ...(note ? { note } : {}) } }, next: note ? j + 1 : after };
  }

  /** The text of a table cell: its paragraphs joined by a space. */
  private cellText(blocks: readonly DraftBlock[]): string {
    return blocks
      .map((b) => (b.type === 'paragraph' ? this.text(b) : b.children.map((r) => r.children.map((c) => this.cellText(c.children)).join(' ')).join(' ')))
      .filter((s) => s)
      .join(' ');
  }

  /** The body of a case box captioned by `caption`: the one cell of the table below, or a text box anchored at or below the caption. */
  private caseBody(caption: DraftParagraph, next: DraftBlock | undefined): Block[] | undefined {
    if (next?.type === 'table' && next.children.length === 1 && next.children[0].children.length === 1)
      return this.blocks(next.children[0].children[0].children, (p) => isRunInHeading(p));
    // anchored at the caption, the paragraph with content below it, or an empty paragraph between
    const from = this.facts.places?.get(caption)?.number;
    if (from === undefined) return undefined;
    const to = next?.type === 'paragraph' ? (this.facts.places?.get(next)?.number ?? from) : from + 1;
    for (let number = from; number <= Math.max(from, to); number++) {
      const index = this.facts.xml.textBoxes.findIndex((box, k) => box.paragraph === number && !this.log.usedTextBoxes.has(k));
      if (index < 0) continue;
      this.log.usedTextBoxes.add(index);
      return this.facts.xml.textBoxes[index].paragraphs.map((s) => escapeMarkup(s.trim())).filter((s) => s);
    }
    return undefined;
  }

  /**
   * A figure for each picture of a paragraph, titled by its caption (`title`; without one,
   * reported); pictures the draft does not hold or the engine cannot draw are reported.
   */
  private figures(p: DraftParagraph, title: string | undefined): Block[] {
    const out: Block[] = [];
    for (const image of imagesOf(p.children)) {
      const read = this.facts.pictures.get(image)!;
      const extension = IMAGE_TYPES[image.contentType ?? ''];
      if ('notHeld' in read) this.log.notCarried(this.numberOf(p), read.notHeld, title);
      else if (!extension) this.log.notCarried(this.numberOf(p), `a picture of type ${image.contentType ?? 'unknown'}, left out (the engine draws PNG and JPEG: save it as one)`, title);
      else out.push({ figure: { title: title ?? UNTITLED, image: this.log.addImage(read.bytes, extension) } });
    }
    if (title === undefined && out.length) this.log.notCarried(this.numberOf(p), `a picture without a caption (图 N …): titled ${UNTITLED}, write its title`);
    return out;
  }

  /** A list from paragraphs of Word numbering, nested by their levels. */
  private list(items: readonly DraftParagraph[], level: number): ListBlock {
    const out: ListItem[] = [];
    for (let i = 0; i < items.length; i++) {
      const deeper: DraftParagraph[] = [];
      while (i + 1 < items.length && levelOf(items[i + 1]) > level) deeper.push(items[++i]);
      const text = this.text(items[deeper.length ? i - deeper.length : i]);
      out.push(deeper.length ? { text, list: this.list(deeper, levelOf(deeper[0])) } : text);
    }
    const first = items[0];
    const numbering = this.facts.places?.get(first)?.numbering;
    const style = (numbering && this.facts.listStyles(numbering.numId, numbering.level)) ?? (first.numbering?.isOrdered ? '1.' : 'bullet');
    return style === 'bullet' ? out : { style, items: out };
  }
}

/**
 * Where a case written as its caption and plain paragraphs ends (the seed report's cases): before
 * the next table or caption (表, 案例, 图 N …); `items` end at the next heading of the outline.
 */
function caseEnd(items: readonly DraftBlock[], from: number): number {
  let i = from;
  while (i < items.length && items[i].type === 'paragraph' && !captionOf(plainText((items[i] as DraftParagraph).children).trim())) i++;
  return i;
}

/** A short paragraph that starts with a typed number (一、…): in a case, a run-in heading of the case. */
function isNumberedRunIn(p: DraftParagraph): boolean {
  const text = plainText(p.children).trim();
  return !p.numbering && looksLikeHeading(text) && withoutNumber(text) !== text;
}

/** A short paragraph in bold throughout: a run-in heading. */
export function isRunInHeading(p: DraftParagraph): boolean {
  const text = plainText(p.children).trim();
  return text.length > 0 && text.length <= 40 && !/[。；;，,：:！!？?]$/.test(text) && allBold(p.children);
}

/** Whether every run with text is bold (and there is one). */
function allBold(nodes: readonly DraftInline[], inBold = false): boolean {
  let any = false;
  for (const n of nodes) {
    if (n.type === 'text' && n.value.trim()) {
      if (!inBold) return false;
      any = true;
    } else if (n.type === 'run' || n.type === 'hyperlink') {
      const bold = n.type === 'run' ? n.isBold : inBold;
      if (!n.children.some((c) => 'children' in c || (c.type === 'text' && c.value.trim()))) continue;
      if (!allBold(n.children, bold)) return false;
      any = true;
    }
  }
  return any;
}

function levelOf(p: DraftParagraph): number {
  return Number(p.numbering?.level ?? 0);
}

function isParagraph(b: DraftBlock): b is DraftParagraph {
  return b.type === 'paragraph';
}

function isEmpty(p: DraftParagraph): boolean {
  return !plainText(p.children).trim() && !imagesOf(p.children).length;
}
