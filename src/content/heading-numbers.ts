/**
 * The numbers typed before headings in a draft (the engine numbers headings itself), by
 * pattern: 第一章 / 第一节, 1 / 1.1 / 1.1.1, 一、 / （一） / 1. / （1）. The patterns stand in
 * the order of GB/T 9704 and common practice, outermost first; a draft without heading styles
 * takes its levels from the patterns it uses, in this order.
 */

/** A kind of typed heading number. */
export interface NumberPattern {
  name: string;
  /** Matches the number at the start of a title, with the space after it. */
  pattern: RegExp;
}

const HAN_NUMBER = '[一二三四五六七八九十百零〇两]+';

/** Outermost first. */
export const NUMBER_PATTERNS: readonly NumberPattern[] = [
  { name: '第一章', pattern: new RegExp(`^第\\s*(?:${HAN_NUMBER}|\\d+)\\s*章[\\s、：:.．]*`) },
  { name: '第一节', pattern: new RegExp(`^第\\s*(?:${HAN_NUMBER}|\\d+)\\s*节[\\s、：:.．]*`) },
  { name: '1', pattern: /^\d{1,2}(?:\s+|、)(?=[^\d\s.．%])/ },
  { name: '1.1', pattern: /^\d{1,2}[.．]\d{1,2}(?![.．]?\d)\s*/ },
  { name: '1.1.1', pattern: /^\d{1,2}[.．]\d{1,2}[.．]\d{1,2}(?![.．]?\d)\s*/ },
  { name: '一、', pattern: new RegExp(`^${HAN_NUMBER}[、.．]\\s*`) },
  { name: '（一）', pattern: new RegExp(`^[（(]${HAN_NUMBER}[）)]\\s*`) },
  { name: '1.', pattern: /^\d{1,2}[.．、](?!\d)\s*/ },
  { name: '（1）', pattern: /^[（(]\d{1,2}[）)]\s*/ },
];

/** The kind of number a title starts with (the most specific that matches), if any. */
export function numberPatternOf(title: string): NumberPattern | undefined {
  // 1.1.1 before 1.1 before 1 before 1.: the longer number is the one typed
  const order = ['第一章', '第一节', '1.1.1', '1.1', '1', '一、', '（一）', '（1）', '1.'];
  for (const name of order) {
    const p = NUMBER_PATTERNS.find((q) => q.name === name)!;
    if (p.pattern.test(title)) return p;
  }
  return undefined;
}

/** A title without the number typed before it (and without the spaces after it). */
export function withoutNumber(title: string): string {
  const p = numberPatternOf(title);
  const rest = p ? title.replace(p.pattern, '').trim() : title.trim();
  return rest || title.trim();
}

/** Whether a paragraph's text could be a heading: short, one line, not a sentence. */
export function looksLikeHeading(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 40 && !/[。；;，,：:！!？?]$/.test(t) && !t.includes('\n');
}

/**
 * The number typed by hand before a title that the engine numbers (a chapter's `第一章　总则`, a
 * section's `（一）`, `1.2 `): `typed`, with the spaces after it, and the `number` alone; none for
 * a title that is the number alone, nor for one that starts with digits and a space (`5 年规划`:
 * a count, not a number typed).
 */
export function typedNumber(title: string): { number: string; typed: string } | undefined {
  const p = numberPatternOf(title);
  const typed = p && p.name !== '1' ? p.pattern.exec(title)![0] : undefined;
  if (!typed || !title.slice(typed.length).trim()) return undefined;
  return { number: typed.replace(/[\s、：:.．]+$/u, (end) => (p!.name === '一、' || p!.name === '1.' ? end.trimEnd() : '')), typed };
}

/** An article's number typed before its text (`第一条　`, `**第二条** `, `第 3 条`), with the spaces after it. */
const TYPED_ARTICLE = new RegExp(`^(\\*\\*)?(第\\s*(?:${HAN_NUMBER}|\\d+)\\s*条)\\1[\\s、：:.．]*`, 'u');

/**
 * The number typed by hand before an article's text, which the engine numbers (`第一条　为了…`):
 * `typed`, with its bold markup and the spaces after it, and the `number` alone; none when the
 * text does not start with one.
 */
export function typedArticleNumber(text: string): { number: string; typed: string } | undefined {
  const m = TYPED_ARTICLE.exec(text);
  return m ? { number: m[2], typed: m[0] } : undefined;
}

/**
 * An article's label at a paragraph's start, as a 规章 pasted from Word has it: 第, a number in
 * Chinese, 条 (bold or not), then spaces (U+3000 too) or the text itself, not a mark (第一条，也是…).
 */
const PASTED_ARTICLE = new RegExp(`^(\\*\\*)?(第${HAN_NUMBER}条)\\1(?:[ \\t\\u3000]+|(?=[^\\s\\p{P}\\p{S}]))`, 'u');

/**
 * The article's label typed at the start of a plain paragraph (`第十二条　本办法…`): `typed`, with its
 * bold markup and the spaces after it, the `number` alone, and whether a space `parts` it from
 * the text (without one, `第一条线路…` may be running text: see load.ts).
 */
export function pastedArticleLabel(text: string): { number: string; typed: string; parted: boolean } | undefined {
  const m = PASTED_ARTICLE.exec(text);
  return m && text.length > m[0].length ? { number: m[2], typed: m[0], parted: /\s$/u.test(m[0]) } : undefined;
}
