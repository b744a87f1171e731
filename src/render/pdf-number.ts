/** Numbers in PDF content: fixed to 3 decimals, no exponent, no `-0`: the same on every machine. */
export function pdfNumber(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}
