/**
 * A table cell's `height:`, the writing room of a form (申请表, 登记表): a length above 0 (`30mm`,
 * `3cm`, `72pt`), its row at least so tall.
 */
import { lengthSlip, parseLength } from '../style/units.js';
import { CONTENT_UNITS } from './figure-width.js';

/** The height `written` names, pt; undefined for anything else (a number without its unit, `3行`, `0mm`). */
export function cellHeightOf(written: unknown): number | undefined {
  if (typeof written !== 'string' || !/[a-z]\s*$/.test(written)) return undefined;
  const unit = /([a-z]+)\s*$/.exec(written)![1];
  const pt = CONTENT_UNITS.includes(unit) ? parseLength(written) : undefined;
  return pt !== undefined && pt > 0 ? pt : undefined;
}

/** The problem of a `height:` that is no height: what it must be, and what is wrong with it. */
export function cellHeightProblem(written: string): string {
  const slip = /^\s*\d+(?:\.\d+)?\s*$/.test(written) ? 'a number needs its unit' : lengthSlip(written, CONTENT_UNITS, { px: '', em: ': a cell is sized in print units' });
  return `height must be a length above 0 in ${CONTENT_UNITS.slice(0, -1).join(', ')} or ${CONTENT_UNITS.at(-1)} (30mm, 3cm, 72pt), not "${written}"${slip ? `: ${slip}` : ''}`;
}
