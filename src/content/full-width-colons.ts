/**
 * A key written with a full-width colon (`title：教育`), as Chinese input methods type it. YAML
 * sees no key there: it reads the line as more text of the value before it, and says so lines
 * later ("Implicit keys need to be on a single line") or not at all (`report:` then holds text,
 * not keys). The slip is on this line, at its colon.
 */
import { BLOCK_KEY_NAMES } from './block-kinds.js';
import { structuralLines } from './yaml-lines.js';

/** A key with a full-width colon: the offset of its `：` in the text, and the message. */
export interface ColonSlip {
  offset: number;
  message: string;
}

/** A line that starts (after its list items' dashes) with a Latin name and a full-width colon. */
const KEY_WITH_FULL_COLON = /^((?:-[ \t]+)*)([A-Za-z][A-Za-z0-9_-]*)[ \t]*：/;

/**
 * The keys that open a list item of a report (a chapter's, a section's, a block's): only these
 * are taken for keys after a `- `, where a paragraph may well start with a Latin word and a
 * full-width colon (`- PISA：国际学生评估项目`). Without a dash, any Latin name is a key: text
 * over several lines is indented deeper than its key.
 */
const ITEM_KEYS: ReadonlySet<string> = new Set(['title', 'id', 'body', 'sections', ...BLOCK_KEY_NAMES]);

/** The keys of `text` written with a full-width colon, in the order of the file. */
export function fullWidthColons(text: string): ColonSlip[] {
  const slips: ColonSlip[] = [];
  for (const { start, indent, rest } of structuralLines(text)) {
    const m = KEY_WITH_FULL_COLON.exec(rest);
    if (!m || (m[1] && !ITEM_KEYS.has(m[2]))) continue;
    slips.push({ offset: start + indent + m[0].length - 1, message: `YAML: the key \`${m[2]}\` is followed by a full-width colon ：; a key takes an ASCII colon and a space: \`${m[2]}: \`` });
  }
  return slips;
}
