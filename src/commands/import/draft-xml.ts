/**
 * What the import reads from word/document.xml itself, with a real XML parser (saxes): the
 * things mammoth reads past or drops without a place — text boxes, drawings, comments, tracked
 * changes, fields, equations, note markers — each with the paragraph of the draft it stands
 * in, and, for each paragraph mammoth gives, its place and its Word numbering (mammoth keeps
 * only whether a list is ordered). Paragraphs are numbered as a reader counts them in Word:
 * every paragraph of the body and its tables, in order, from 1; those inside text boxes are
 * not counted.
 * The contents Word makes (a TOC field) is the engine's to make: its paragraphs are marked, and
 * it is reported once, not each page reference (PAGEREF) and link in it.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { inRunProperties, vanishes } from './hidden-text.js';

/** One paragraph as mammoth gives it, in mammoth's order (text-box paragraphs after their anchor). */
export interface ParagraphPlace {
  /** The draft's paragraph number (of the anchor, for a paragraph inside a text box). */
  number: number;
  /** Index into `DraftXml.textBoxes` when the paragraph is inside a text box. */
  textBox?: number;
  /** Word numbering (`w:numPr`): a list item or a numbered heading. */
  numbering?: { numId: string; level: number };
  /** Its text (w:t), for checking that mammoth's paragraphs are these. */
  text: string;
  /** Whether it is (part of) the contents Word made: a TOC field's result. */
  inContentsField?: true;
}

/** A text box, with the paragraphs it holds (plain text). */
export interface TextBox {
  /** The paragraph it is anchored in. */
  paragraph: number;
  paragraphs: string[];
  /** Whether mammoth gives its paragraphs (a VML box) or drops them (DrawingML only). */
  readByMammoth: boolean;
}

/** Something of the draft that the import does not carry, or carries otherwise than Word shows it. */
export interface Finding {
  /** The paragraph it stands in. */
  paragraph: number;
  /** What it is and what became of it, e.g. `a tracked deletion, left out`. */
  what: string;
  /** Its text, if it has any. */
  text: string;
  /** For a comment: its id, to find its text in mammoth's model. */
  commentId?: string;
}

/** A footnote or endnote marker, with its paragraph. */
export interface NoteReferencePlace {
  paragraph: number;
  noteType: 'footnote' | 'endnote';
  noteId: string;
}

export interface DraftXml {
  places: ParagraphPlace[];
  textBoxes: TextBox[];
  findings: Finding[];
  noteReferences: NoteReferencePlace[];
  /** The text of each paragraph by its number (for the first words of a place). */
  paragraphTexts: Map<number, string>;
}

/** Field instructions whose result the import carries as it should: links. */
const CARRIED_FIELDS = new Set(['HYPERLINK']);

/** The kind of a field's instruction (` TOC \o "1-3" ` -> `TOC`). */
const fieldKind = (instruction: string) => instruction.trim().split(/\s+/)[0].toUpperCase();

/** Reads document.xml. Throws on XML that is not well formed. */
export function readDraftXml(xml: string): DraftXml {
  const places: ParagraphPlace[] = [];
  const textBoxes: TextBox[] = [];
  const findings: Finding[] = [];
  const noteReferences: NoteReferencePlace[] = [];
  const paragraphTexts = new Map<number, string>();
  const open: string[] = [];
  const inside = (name: string) => open.includes(name);

  let number = 0;
  /** Inside a cell merged into the one above, or a deleted row: mammoth gives none of its paragraphs. */
  let unread: 'cell' | 'row' | undefined;
  /** The body paragraph being read, and the text of paragraphs merged into it (a deleted paragraph mark). */
  let paragraph: { number: number; text: string; markDeleted: boolean; boxes: number[]; inContentsField: boolean } | undefined;
  /** What a paragraph whose mark was deleted hands on to the next (mammoth joins them). */
  let carried = { text: '', boxes: [] as number[] };
  let numId: string | undefined;
  let level = 0;
  /** Text boxes of the alternate content being read: Word's (mc:Choice) and the fallback mammoth reads. */
  const alternates: { choice: TextBox[]; fallback: TextBox[] }[] = [];
  let box: TextBox | undefined;
  let boxParagraph = '';
  /** Open tracked changes, fields, equations and drawings, each collecting its text. */
  const changes: { what: string; text: string }[] = [];
  /** Open fields; `at`: the paragraph each begins in. */
  const fields: { instruction: string; result: string; inResult: boolean; simple: boolean; at: number }[] = [];
  let equation: { text: string } | undefined;
  const drawings: { shown: boolean }[] = [];
  /** Whether the run being read is hidden (w:vanish), and the hidden text read since the last shown text. */
  let runHidden = false;
  let hidden = '';

  const find = (what: string, text: string, commentId?: string) => {
    if (!inside('mc:Fallback')) findings.push({ paragraph: paragraph?.number ?? number, what, text: text.trim(), commentId });
  };

  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = tag.name;
    const at = (attr: string) => tag.attributes[attr] as string | undefined;
    open.push(name);
    switch (name) {
      case 'w:p':
        if (box) boxParagraph = '';
        else {
          paragraph = { number: ++number, text: carried.text, markDeleted: false, boxes: carried.boxes, inContentsField: inContentsField() };
          carried = { text: '', boxes: [] };
          numId = undefined;
          level = 0;
        }
        break;
      case 'w:r':
        runHidden = false;
        break;
      case 'w:vanish':
        if (inRunProperties(open)) runHidden = vanishes(at('w:val'));
        break;
      case 'w:del':
        // a deleted paragraph mark (in w:pPr/w:rPr): mammoth joins the paragraph to the next
        if (open[open.length - 2] === 'w:trPr') unread = 'row';
        else if (open[open.length - 2] !== 'w:rPr') changes.push({ what: 'a tracked deletion, left out', text: '' });
        else if (inside('w:pPr') && paragraph && !box) paragraph.markDeleted = true;
        break;
      case 'w:ins':
        if (open[open.length - 2] !== 'w:rPr') changes.push({ what: 'a tracked insertion, kept as if accepted', text: '' });
        break;
      case 'w:moveFrom':
        changes.push({ what: 'a tracked move, its old place left out', text: '' });
        break;
      case 'w:vMerge':
        if (inside('w:tcPr') && at('w:val') !== 'restart') unread ??= 'cell';
        break;
      case 'w:numId':
        if (inside('w:numPr')) numId = at('w:val');
        break;
      case 'w:ilvl':
        if (inside('w:numPr')) level = Number(at('w:val') ?? 0);
        break;
      case 'w:fldChar': {
        const type = at('w:fldCharType');
        if (type === 'begin') fields.push({ instruction: '', result: '', inResult: false, simple: false, at: paragraph?.number ?? number });
        else if (type === 'separate' && fields.length) {
          fields[fields.length - 1].inResult = true;
          if (paragraph && !box && inContentsField()) paragraph.inContentsField = true;
        }
        else if (type === 'end') endField(fields.pop());
        break;
      }
      case 'w:fldSimple':
        fields.push({ instruction: at('w:instr') ?? '', result: '', inResult: true, simple: true, at: paragraph?.number ?? number });
        break;
      case 'm:oMathPara':
      case 'm:oMath':
        equation ??= { text: '' };
        break;
      case 'w:drawing':
      case 'w:pict':
      case 'w:object':
        drawings.push({ shown: false });
        break;
      case 'pic:pic':
      case 'v:imagedata':
      case 'wps:txbx':
      case 'v:textbox':
        drawings.forEach((d) => (d.shown = true));
        break;
      case 'mc:AlternateContent':
        alternates.push({ choice: [], fallback: [] });
        break;
      case 'w:txbxContent': {
        box = { paragraph: paragraph?.number ?? number, paragraphs: [], readByMammoth: !inside('mc:Choice') };
        const alternate = alternates[alternates.length - 1];
        if (alternate) (inside('mc:Choice') ? alternate.choice : alternate.fallback).push(box);
        else addBox(box);
        break;
      }
      case 'w:commentReference':
        find('a comment, left out', '', at('w:id'));
        break;
      case 'w:footnoteReference':
      case 'w:endnoteReference':
        if (!inside('mc:Fallback')) noteReferences.push({ paragraph: paragraph?.number ?? number, noteType: name === 'w:footnoteReference' ? 'footnote' : 'endnote', noteId: at('w:id') ?? '' });
        break;
    }
  });
  parser.on('text', (text: string) => {
    const element = open[open.length - 1];
    if (element === 'w:instrText' && fields.length) fields[fields.length - 1].instruction += text;
    const shown = element === 'w:t' || element === 'w:delText' || element === 'm:t';
    if (!shown) return;
    // hidden text: mammoth is given the draft without it (hidden-text.ts)
    if (element === 'w:t' && runHidden) {
      hidden += text;
      return;
    }
    if (element === 'w:t') endHidden();
    changes.forEach((c) => (c.text += text));
    const field = fields[fields.length - 1];
    if (field?.inResult) field.result += text;
    if (equation) equation.text += text;
    if (box) boxParagraph += text;
    else if (paragraph && element === 'w:t' && !fields.some((f) => f.simple) && !inside('w:moveFrom')) paragraph.text += text;
  });
  parser.on('closetag', (tag) => {
    open.pop();
    switch (tag.name) {
      case 'w:p':
        endHidden();
        if (box) box.paragraphs.push(boxParagraph);
        else if (paragraph?.markDeleted) carried = { text: paragraph.text, boxes: paragraph.boxes };
        else if (paragraph) endParagraph(paragraph);
        if (!box) paragraph = undefined;
        break;
      case 'w:del':
      case 'w:moveFrom':
      case 'w:ins': {
        if (tag.name !== 'w:moveFrom' && (open[open.length - 1] === 'w:rPr' || open[open.length - 1] === 'w:trPr')) break; // a paragraph mark's, a row's
        const change = changes.pop();
        if (change && change.text.trim()) find(change.what, change.text);
        break;
      }
      case 'w:fldSimple':
        endField(fields.pop());
        break;
      case 'w:tc':
        if (unread === 'cell') unread = undefined;
        break;
      case 'w:tr':
        unread = undefined;
        break;
      case 'm:oMathPara':
      case 'm:oMath':
        if (equation && !inside('m:oMathPara') && !inside('m:oMath')) {
          find('an equation, left out', equation.text);
          equation = undefined;
        }
        break;
      case 'w:drawing':
      case 'w:pict':
      case 'w:object': {
        const drawing = drawings.pop();
        if (drawing && !drawing.shown) find('a drawing (a shape, chart or SmartArt), left out', '');
        break;
      }
      case 'w:txbxContent':
        box = undefined;
        break;
      case 'mc:AlternateContent': {
        const alternate = alternates.pop()!;
        const boxes = alternate.fallback.length ? alternate.fallback : alternate.choice;
        boxes.forEach(addBox);
        break;
      }
    }
  });

  /** Reports the hidden text read since the last shown text, if any. */
  function endHidden(): void {
    if (hidden.trim() && !inContentsField()) find('hidden text (Word neither shows nor prints it), left out', hidden);
    hidden = '';
  }

  function addBox(b: TextBox): void {
    textBoxes.push(b);
    paragraph?.boxes.push(textBoxes.length - 1);
  }

  function endParagraph(p: NonNullable<typeof paragraph>): void {
    const numbering = numId !== undefined && numId !== '0' ? { numId, level } : undefined;
    paragraphTexts.set(p.number, p.text);
    if (unread) {
      if (p.text.trim()) find(unread === 'cell' ? 'the text of a cell merged into the one above, left out' : 'a deleted table row, left out', p.text);
      return;
    }
    places.push({ number: p.number, numbering, text: p.text, ...(p.inContentsField ? { inContentsField: true as const } : {}) });
    for (const index of p.boxes) {
      const b = textBoxes[index];
      if (b.readByMammoth) b.paragraphs.forEach((text) => places.push({ number: p.number, textBox: index, text }));
    }
  }

  /** Whether the text being read is the result of a TOC field (the contents Word made). */
  function inContentsField(): boolean {
    return fields.some((f) => f.inResult && fieldKind(f.instruction) === 'TOC');
  }

  function endField(field: (typeof fields)[number] | undefined): void {
    if (!field) return;
    const instruction = field.instruction.trim().replace(/\s+/g, ' ');
    const kind = fieldKind(instruction);
    if (CARRIED_FIELDS.has(kind) || inContentsField()) return;
    if (kind === 'TOC') {
      findings.push({ paragraph: field.at, what: 'the contents Word made (a TOC field), left to the engine, which makes its own', text: '' });
      return;
    }
    if (field.simple) find(`a field (${instruction}), left out with the text Word shows for it`, field.result);
    else find(`a field (${instruction}): the text Word shows for it is kept as plain text`, field.result);
  }

  parser.write(xml).close();
  return { places, textBoxes, findings, noteReferences, paragraphTexts };
}
