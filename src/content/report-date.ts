/**
 * The date a report's `date:` names (`2026 年 1 月`, `2026-01-15`, `2026 年 1 月 15 日`), written
 * into the PDF's metadata: its year, its month (January when not given) and its day (the 1st
 * when not given). A text without a four-digit year names no date (the PDF then says
 * 2000-01-01); one whose month or day does not exist (`2026-13-45`) is a problem, never rolled
 * over into another date.
 */

/** The date named by `text`, a problem with it, or undefined when it names none. */
export function reportDate(text: string): { date: Date } | { problem: string } | undefined {
  const m = /(\d{4})\D+(\d{1,2})(?:\D+(\d{1,2}))?/.exec(text) ?? /(\d{4})/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1];
  if (year === 0) return { problem: 'year 0000 does not exist' };
  if (month < 1 || month > 12) return { problem: `month ${m[2]} does not exist` };
  const days = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !leapYear(year) ? 1 : 0);
  if (day < 1 || day > days) return { problem: `day ${m[3]} does not exist in month ${month} of ${year}` };
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year); // (Date.UTC reads years 0–99 as 1900–1999)
  return { date };
}

function leapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
