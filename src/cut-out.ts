/** A text without some of its spans. */

/** A span of a text: UTF-16 offsets, `from` included, `to` not. */
export interface Span {
  from: number;
  to: number;
}

/** `text` without `spans` (in order, none overlapping). */
export function cutOut(text: string, spans: readonly Span[]): string {
  let out = '';
  let from = 0;
  for (const s of spans) {
    out += text.slice(from, s.from);
    from = s.to;
  }
  return out + text.slice(from);
}
