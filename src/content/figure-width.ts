/**
 * A figure's width as the content (`width:`) and the markup (`<figure width="…">`) write it: a
 * share of the type area's width (`60%`; the content's at most 100%) or a length above 0
 * (`80mm`, `6cm`, `200pt`).
 */
import { parseLength } from '../style/units.js';
import type { FigureWidth } from './types.js';

/** The width `text` names; undefined for any other text. */
export function figureWidthOf(text: string): FigureWidth | undefined {
  const share = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(text);
  const width: FigureWidth = share ? { share: Number(share[1]) / 100 } : { pt: parseLength(text) ?? NaN };
  return ('share' in width ? width.share : width.pt) > 0 ? width : undefined;
}
