/**
 * Footnote and endnote markers whose note the draft does not hold (a damaged .docx: Word
 * shows such a marker with no note): each reported at its paragraph, the marker left out.
 */
import type { DraftDocument } from './docx-model.js';
import type { Finding, NoteReferencePlace } from './draft-xml.js';

/** The part that holds each kind of note, as Word names it. */
const NOTES_PART = { footnote: 'word/footnotes.xml', endnote: 'word/endnotes.xml' } as const;

/** A finding for each of `references` whose note `notes` does not hold. */
export function missingNotes(references: readonly NoteReferencePlace[], notes: DraftDocument['notes']): Finding[] {
  return references
    .filter((r) => !notes.resolve({ type: 'noteReference', ...r }))
    .map((r) => ({
      paragraph: r.paragraph,
      what: `${r.noteType} ${r.noteId} is referenced, but ${NOTES_PART[r.noteType]} has no note ${r.noteId} (a damaged .docx): the reference is left out`,
      text: '',
    }));
}
