/**
 * The date a report's `date:` names, for the PDF's metadata: the forms a report writes, and a
 * month or day that does not exist refused rather than rolled over into another date.
 */
import { describe, expect, it } from 'vitest';
import { reportDate } from '../../src/content/report-date.js';

const iso = (text: string) => {
  const named = reportDate(text);
  return named && 'date' in named ? named.date.toISOString().slice(0, 10) : named;
};

describe('a report date', () => {
  it('is read from the forms a report writes, January and the 1st when not given', () => {
    expect(iso('2026 年 1 月')).toBe('2026-01-01');
    expect(iso('2026年12月31日')).toBe('2026-12-31');
    expect(iso('2026-01-15')).toBe('2026-01-15');
    expect(iso('二〇二六年 2026')).toBe('2026-01-01');
    expect(iso('2024-02-29')).toBe('2024-02-29');
    expect(iso('0099-03-01')).toBe('0099-03-01'); // (not 1999)
    // a school year: its first year, not a month 20 or 26
    expect(iso('2025-2026 学年')).toBe('2025-01-01');
    expect(iso('2025/26 学年度')).toBe('2025-01-01');
    expect(iso('2026.1')).toBe('2026-01-01');
  });
  it('is none without a four-digit year', () => expect(reportDate('二〇二六年一月')).toBeUndefined());
  it('is a problem when its month or day does not exist', () => {
    expect(reportDate('2026-13-45')).toEqual({ problem: 'month 13 does not exist' });
    expect(reportDate('0000-00-00')).toEqual({ problem: 'year 0000 does not exist' });
    expect(reportDate('2026 年 0 月')).toEqual({ problem: 'month 0 does not exist' });
    expect(reportDate('2025-02-29')).toEqual({ problem: 'day 29 does not exist in month 2 of 2025' });
    expect(reportDate('2026-04-31')).toEqual({ problem: 'day 31 does not exist in month 4 of 2026' });
  });
});
