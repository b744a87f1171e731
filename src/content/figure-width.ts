/**
 * A figure's width as the content (`width:`) and the markup (`<figure width="…">`) write it: a
 * share of the type area's width (`60%`; the content's at most 100%) or a length above 0
 * (`80mm`, `6cm`, `200pt`).
 */
import { lengthSlip, parseLength } from '../style/units.js';
import type { FigureWidth } from './types.js';

/** The width `text` names; undefined for any other text. */
export function figureWidthOf(text: string): FigureWidth | undefined {
  const share = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(text);
  const width: FigureWidth = share ? { share: Number(share[1]) / 100 } : { pt: parseLength(text) ?? NaN };
  return ('share' in width ? width.share : width.pt) > 0 ? width : undefined;
}

/** The units a length in the content takes, a figure's `width:` or a cell's `height:` (not px: an image's pixels are not its size in print; nor em). */
export const CONTENT_UNITS = ['mm', 'cm', 'pt', 'in'];

/**
 * The problem of a content `width:` that is no width (`wide`, `480px`, `2em`, `80mn`) or out of
 * range (`150%`, `0mm`): what it must be, in which units, and what is wrong with it.
 */
export function contentWidthProblem(text: string): string {
  const slip = lengthSlip(text, [...CONTENT_UNITS, '%'], { px: ' (a PNG or JPEG without width: is drawn one pt a pixel)', em: ': it is a share of a font size, and a figure has none' });
  return `width must be a share of the type area up to 100% (60%) or a length above 0 in ${CONTENT_UNITS.slice(0, -1).join(', ')} or ${CONTENT_UNITS.at(-1)} (80mm, 6cm, 200pt), not "${text}"${slip ? `: ${slip}` : ''}`;
}
