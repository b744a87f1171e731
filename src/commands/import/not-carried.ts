/**
 * The report of what an import did not carry: one line per finding, at its place in the draft
 * (`paragraph 12 «静安区中等职业教育坚持…»: a tracked deletion, left out: «删除的字»`), then
 * mammoth's own warnings, then one line on what was left to the engine.
 */
import type { DraftComment } from './docx-model.js';
import { plainText } from './docx-model.js';
import type { Finding } from './draft-xml.js';

/** Characters of a paragraph shown to say where it is. */
const FIRST_WORDS = 12;

/** mammoth's warnings for elements the findings already report, at their place. */
const REPORTED_ELSEWHERE = /unrecognised element was ignored: (?:m:|\{[^}]*\/math\})oMath(?:Para)?$|unrecognised element was ignored: (?:w:|\{[^}]*\/main\})fldSimple$/;

/** The lines of the report. */
export function notCarriedLines(findings: readonly Finding[], paragraphTexts: ReadonlyMap<number, string>, comments: readonly DraftComment[], readerMessages: readonly string[], engineMade: readonly string[]): string[] {
  const lines = [...findings]
    .sort((a, b) => a.paragraph - b.paragraph)
    .map((f) => {
      const comment = f.commentId !== undefined ? comments.find((c) => c.commentId === f.commentId) : undefined;
      const text = comment ? plainText(comment.body).trim().replace(/\s+/g, ' ') : f.text.replace(/\s+/g, ' ');
      const by = comment?.authorName ? ` (by ${comment.authorName})` : '';
      return `${placeOf(f.paragraph, paragraphTexts)}: ${f.what}${by}${text ? `: «${text}»` : ''}`;
    });
  const messages = [...new Set(readerMessages)].filter((m) => !REPORTED_ELSEWHERE.test(m)).map((m) => `the Word reader (mammoth): ${m}`);
  const n = engineMade.length;
  const what = n === 1 ? '1 text (a typed number, label, contents line or page number)' : `${n} texts (typed numbers, labels, contents lines and page numbers)`;
  const engine = n ? [`left to the engine (it numbers headings, tables, cases and figures, and makes the contents): ${what}`] : [];
  return [...lines, ...messages, ...engine];
}

/** `paragraph 12 «静安区中等职业教育坚持…»`, or `the draft` when no paragraph is known. */
function placeOf(paragraph: number, texts: ReadonlyMap<number, string>): string {
  if (!paragraph) return 'the draft';
  const text = (texts.get(paragraph) ?? '').trim().replace(/\s+/g, ' ');
  const words = text.length > FIRST_WORDS ? `${text.slice(0, FIRST_WORDS)}…` : text;
  return words ? `paragraph ${paragraph} «${words}»` : `paragraph ${paragraph}`;
}
