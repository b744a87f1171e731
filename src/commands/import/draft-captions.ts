/**
 * Paragraphs of a draft that the engine writes itself or that belong to a table, case or
 * figure: captions (表 N …, 案例 N …, 图 N …) whose numbers the engine gives, the note below a
 * table, the contents and list of tables typed into the draft, and typed page numbers.
 */

/** A caption: what it labels, and its typed label (its title: `withoutLabel`). */
export interface Caption {
  kind: 'table' | 'case' | 'figure';
  /** The label as typed (`表 1`), left to the engine. */
  label: string;
}

const CAPTION = /^(表|案例|图)\s*(\d+(?:[-.．]\d+)?)[\s：:.．、]*(.*)$/s;
const KINDS = { 表: 'table', 案例: 'case', 图: 'figure' } as const;

/** The caption a paragraph's text is, if it is one. */
export function captionOf(text: string): Caption | undefined {
  const m = CAPTION.exec(text.trim());
  if (!m || !m[3].trim() || m[3].length > 80) return undefined;
  return { kind: KINDS[m[1] as keyof typeof KINDS], label: `${m[1]} ${m[2]}` };
}

/** A caption's text, as markup, without its typed label: `表 1 指标^[注]` -> `指标^[注]`. */
export function withoutLabel(text: string): string {
  return CAPTION.exec(text.trim())?.[3].trim() ?? text.trim();
}

/** Whether a paragraph opens a case of the paragraphs below it: a case caption that is a title, not a sentence (案例 3 的做法值得推广。). */
export function opensCase(text: string): boolean {
  return captionOf(text)?.kind === 'case' && !/[。；;！!？?]$/.test(text.trim());
}

/** Whether a paragraph below a table is its note (数据来源：…, 注：…). */
export function isTableNote(text: string): boolean {
  return /^(数据来源|资料来源|来源|注|说明|备注)\s*[:：]/.test(text.trim());
}

/** Whether a paragraph is the title of a contents or list typed in the draft (目录, 图表与案例目录, 表格目录). */
export function isContentsTitle(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  return t === '目录' || (/目录$/.test(t) && t.length <= 10);
}

/** Whether a paragraph is an entry of a typed contents: ends with a page number (after a tab, dots or nothing). */
export function isContentsEntry(text: string, styleName: string | null): boolean {
  return /^(toc|目录)\s*\d/i.test(styleName ?? '') || /\d+$/.test(text.trim());
}

/** Whether a paragraph is a page number typed into the body (3, - 3 -, 第 3 页). */
export function isPageNumber(text: string): boolean {
  const t = text.trim();
  return /^[-—–\s]*\d{1,4}[-—–\s]*$/.test(t) || /^第\s*\d+\s*页(\s*[,，]?\s*共\s*\d+\s*页)?$/.test(t);
}

/** Whether a paragraph is the title of a preface (前言, 序言, 引言). */
export function isPrefaceTitle(text: string): boolean {
  return /^(前言|序言|引言|序)$/.test(text.replace(/\s+/g, ''));
}
