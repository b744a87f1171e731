/**
 * The labels of a 规章's articles (条: the content's `article:` blocks): 第一条, 第十一条,
 * 第一百零一条, numbered through the report and afresh in each appendix (see view.ts).
 */
import { chineseWith } from './numbering.js';

/** Article `n`'s number (from 1) in Chinese, as laws and 规章 write it: 十一, 一百零一, 一百一十. */
export function articleNumber(n: number): string {
  return chineseWith(n, '零');
}

/** Article `n`'s label: 第十二条. */
export function articleLabel(n: number): string {
  return `第${articleNumber(n)}条`;
}
