/**
 * Which kinds of typed numbers make the outline of a draft without heading styles, and which
 * paragraphs stand in a case box written as its caption followed by plain paragraphs (the way
 * the seed report's writers made them in Word: "案例 3 …", then the case's paragraphs, with
 * run-in headings "一、…" of its own). The two depend on each other: a case runs to the next
 * caption or table or to the next heading of the outline, and the outline's kinds are those
 * typed outside cases. They are found together, from the kinds typed before the first case,
 * growing to the kinds typed outside the cases those give, until nothing changes (the cases can
 * only shrink as the kinds grow, so this ends).
 */

/** A top-level block of the draft as the outline sees it. */
export interface OutlineItem {
  /** The kind of number typed before it, when it could be a heading (see src/content/heading-numbers.ts). */
  numberKind?: string;
  /** A case caption (案例 N …). */
  caseCaption: boolean;
  /** A table or a caption (表, 案例, 图 N …): a case's paragraphs end before it. */
  endsCase: boolean;
}

/** The kinds of typed numbers of the outline. */
export function outlineKinds(items: readonly OutlineItem[]): Set<string> {
  const firstCase = items.findIndex((item) => item.caseCaption);
  const kindsOf = (keep: (index: number) => boolean) => new Set(items.flatMap((item, i) => (item.numberKind && keep(i) ? [item.numberKind] : [])));
  let kinds = kindsOf((i) => firstCase < 0 || i < firstCase);
  if (!kinds.size) kinds = kindsOf(() => true);
  for (;;) {
    const inCase = caseParagraphs(items, kinds);
    const next = kindsOf((i) => !inCase[i]);
    if (next.size === kinds.size) return next;
    kinds = next;
  }
}

/** For each item, whether it stands in a case: after a case caption, before the next table, caption or heading of these kinds. */
function caseParagraphs(items: readonly OutlineItem[], kinds: ReadonlySet<string>): boolean[] {
  const inCase = items.map(() => false);
  items.forEach((item, c) => {
    if (!item.caseCaption) return;
    for (let i = c + 1; i < items.length && !items[i].endsCase && !(items[i].numberKind && kinds.has(items[i].numberKind!)); i++) inCase[i] = true;
  });
  return inCase;
}
