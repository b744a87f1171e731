/** Lengths as messages give them. */
import { PT_PER_MM } from '../style/units.js';

/** A length as a message gives it: pt, to a tenth (`57.8pt`). */
export const inPt = (v: number): string => `${Math.round(v * 10) / 10}pt`;

/** A length in pt as a message gives it in mm, to a tenth (`232.3mm`). */
export const inMm = (v: number): string => `${Math.round((v / PT_PER_MM) * 10) / 10}mm`;
