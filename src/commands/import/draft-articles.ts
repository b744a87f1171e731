/**
 * The articles (条) of a 规章 drafted in Word: paragraphs whose text starts with the label typed
 * by hand, `第一条　为了…`, become `article:` blocks without it (the engine numbers articles), the
 * paragraphs after one its further 款. Only when a part of the report (the preface and chapters,
 * or an appendix: another document, a 实施细则) has two at least, numbered 第一条, 第二条 … in
 * order: otherwise the engine's numbers would not be the draft's, and they stay paragraphs as
 * typed (a lone `第一条线路于…` is running text), the first out of order reported.
 */
import { pastedArticleLabel } from '../../content/heading-numbers.js';
import { articleLabel } from '../../template/article-label.js';
import type { ImportLog } from './import-log.js';

/** An article block as the YAML writes it: its first 款. */
export interface ArticleBlock {
  article: string;
}

/** A paragraph read as an article: its text as typed, its label, and its paragraph in the draft. */
interface Typed {
  text: string;
  number: string;
  typed: string;
  paragraph: number;
}

export class DraftArticles {
  /** The article blocks made, until `settle` keeps or reverts them. */
  private readonly typed = new Map<ArticleBlock, Typed>();

  /** The block of a paragraph's `text` (its markup): an article when it starts with an article's label. */
  block(text: string, paragraph: number): string | ArticleBlock {
    const label = pastedArticleLabel(text);
    if (!label) return text;
    const block = { article: text.slice(label.typed.length) };
    this.typed.set(block, { text, number: label.number, typed: label.typed, paragraph });
    return block;
  }

  /**
   * Keeps the articles of one part's `bodies` (in the order of the draft) when there are two or
   * more and they are numbered 第一条, 第二条 … in order (their labels left to the engine);
   * else puts their paragraphs back as typed.
   */
  settle(bodies: readonly unknown[][], log: ImportLog): void {
    const found = bodies.flatMap((body) => body.flatMap((b, index) => (this.typed.has(b as ArticleBlock) ? [{ body, index, ...this.typed.get(b as ArticleBlock)! }] : [])));
    const wrong = found.findIndex((a, k) => a.number !== articleLabel(k + 1));
    if (found.length >= 2 && wrong < 0) {
      log.engineMade.push(...found.map((a) => a.typed));
      return;
    }
    for (const a of found) a.body[a.index] = a.text;
    if (found.length >= 2) {
      const a = found[wrong];
      log.notCarried(
        a.paragraph,
        `an article numbered ${a.number} where ${articleLabel(wrong + 1)} comes: the articles of this part are kept as paragraphs with their typed numbers (Imprint numbers articles 第一条, 第二条 … in order: mend the numbers in the draft and import it again, or write each as \`- article:\` without its number)`,
      );
    }
  }
}
