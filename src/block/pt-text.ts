/** A length as a message gives it: pt, to a tenth (`57.8pt`). */
export const inPt = (v: number): string => `${Math.round(v * 10) / 10}pt`;
