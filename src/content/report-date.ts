/**
 * The date a report's `date:` names (`2026 年 1 月`, `2026-01-15`, `2026 年 1 月 15 日`; a school
 * year `2025-2026 学年` its first year), written
 * into the PDF's metadata: its year, its month (January when not given) and its day (the 1st
 * when not given). A text without a four-digit year names no date (the PDF then says
 * 2000-01-01); one whose month or day does not exist (`2026-13-45`) is a problem, never rolled
 * over into another date.
 */

/** The date named by `text`, a problem with it, or undefined when it names none. */
export function reportDate(text: string): { date: Date } | { problem: string } | undefined {
  // a month after 年 or - . /, a day after 月 or the same mark; never a digit after either (a
  // school year 2025-2026 学年 or 2025/26 names its first year, not a month 20 or 26)
  const m = /(\d{4})\s*(年|[-./])\s*(\d{1,2})(?!\d)(?:\s*(?:月|[-./])\s*(\d{1,2})(?!\d))?/.exec(text) ?? /(\d{4})/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), m[3] ? Number(m[3]) : 1, m[4] ? Number(m[4]) : 1];
  // (2025/26 with no day is a school year too: a month above 12 after a mark, not after 年)
  if (m[2] && m[2] !== '年' && !m[4] && month > 12) return reportDate(m[1]);
  if (year === 0) return { problem: 'year 0000 does not exist' };
  if (month < 1 || month > 12) return { problem: `month ${m[3]} does not exist` };
  const days = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !leapYear(year) ? 1 : 0);
  if (day < 1 || day > days) return { problem: `day ${m[4]} does not exist in month ${month} of ${year}` };
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year); // (Date.UTC reads years 0–99 as 1900–1999)
  return { date };
}

function leapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
