/**
 * What a footnote or endnote holds that the import does not carry (its tracked changes, hidden
 * text, comments, fields…): the notes' part (word/footnotes.xml, word/endnotes.xml) is read as
 * the document is (draft-xml.ts), and each finding is reported at the paragraph of the note's
 * marker in the body, with the note's first words: `paragraph 12 «数据见注。»: in its footnote
 * «来自年鉴（2024）。»: a tracked deletion, left out: «（2023）»`.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { readDraftXml, type Finding, type NoteReferencePlace } from './draft-xml.js';

/** Characters of a note shown to say which it is. */
const FIRST_WORDS = 12;

/** The findings in the notes of `xml` (a notes part), each at the paragraph of its note's marker. */
export function noteFindings(xml: string, noteType: 'footnote' | 'endnote', references: readonly NoteReferencePlace[]): Finding[] {
  const read = readDraftXml(xml);
  if (!read.findings.length) return [];
  const notes = notesByParagraph(xml, `w:${noteType}`);
  const findings: Finding[] = [];
  for (const f of read.findings) {
    const note = notes.filter((n) => n.firstParagraph <= f.paragraph).pop();
    const marker = note && references.find((r) => r.noteType === noteType && r.noteId === note.id);
    if (!note || !marker) continue; // a note no marker refers to: Word shows it nowhere
    const words = [...read.paragraphTexts].filter(([n]) => n >= note.firstParagraph && n < note.endParagraph).map(([, text]) => text.trim()).join(' ').replace(/\s+/g, ' ');
    const shown = [...words].length > FIRST_WORDS ? `${[...words].slice(0, FIRST_WORDS).join('')}…` : words;
    findings.push({ ...f, paragraph: marker.paragraph, what: `in its ${noteType}${shown ? ` «${shown}»` : ''}: ${f.what}` });
  }
  return findings;
}

/** Each note of the part, by id, with the numbers (as draft-xml.ts counts them) of its paragraphs: from `firstParagraph`, before `endParagraph`. */
function notesByParagraph(xml: string, element: string): { id: string; firstParagraph: number; endParagraph: number }[] {
  const notes: { id: string; firstParagraph: number; endParagraph: number }[] = [];
  let paragraphs = 0;
  let inBox = 0;
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (tag.name === element) notes.push({ id: String(tag.attributes['w:id'] ?? ''), firstParagraph: paragraphs + 1, endParagraph: paragraphs + 1 });
    else if (tag.name === 'w:txbxContent') inBox++;
    else if (tag.name === 'w:p' && !inBox) paragraphs++;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === element && notes.length) notes[notes.length - 1].endParagraph = paragraphs + 1;
    else if (tag.name === 'w:txbxContent') inBox--;
  });
  parser.write(xml).close();
  return notes;
}
