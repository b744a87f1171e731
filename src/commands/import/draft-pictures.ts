/**
 * The draft's pictures, read whole before the report is made (an import writes nothing until
 * the whole draft is read): each picture's bytes, or why the draft does not hold it. A picture
 * Word links to instead of holding (Insert and Link) points at a file outside the draft, which
 * mammoth does not read (its `externalFileAccess` is off: a draft must not make Imprint read
 * the user's files); a picture whose part is missing from the archive (a damaged .docx) has
 * nothing to read. Either is left out and reported at its place, not a failed import.
 */
import { imagesOf, type DraftBlock, type DraftImage } from './docx-model.js';

/** A picture read: its bytes, or what the report of what was not carried says of it. */
export type PictureRead = { bytes: Buffer } | { notHeld: string };

/** mammoth's refusal to read a linked picture's file, with the link. */
const LINKED = /^could not read external image '(.*)'/;

/** Every picture of `blocks` (paragraphs and the cells of tables, at any depth), read. */
export async function readPictures(blocks: readonly DraftBlock[]): Promise<Map<DraftImage, PictureRead>> {
  const pictures = new Map<DraftImage, PictureRead>();
  for (const image of picturesOf(blocks)) {
    try {
      pictures.set(image, { bytes: await image.readAsBuffer() });
    } catch (e) {
      // (the parts were inflated and checked when the draft was opened: a picture not linked that cannot be read has no part)
      const link = LINKED.exec(e instanceof Error ? e.message : '')?.[1];
      pictures.set(image, {
        notHeld: link
          ? `a picture linked to ${link}, not held in the draft, left out (insert the picture itself: in Word, Insert > Pictures, not Insert and Link)`
          : 'a picture whose part the draft lacks (a damaged .docx), left out',
      });
    }
  }
  return pictures;
}

function picturesOf(blocks: readonly DraftBlock[]): DraftImage[] {
  return blocks.flatMap((b) => (b.type === 'paragraph' ? imagesOf(b.children) : b.children.flatMap((row) => row.children.flatMap((cell) => picturesOf(cell.children)))));
}
