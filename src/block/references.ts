/**
 * Cross-references (spec §6.1) given their text at layout: `[[id]]` the item's label as the
 * theme words it (`表 3`, `2.1 节`), `[[id#page]]` the label of the page where the item
 * starts, `[[id#number]]` its number alone (`2`: 第[[a#number]]—[[b#number]]章); all link to the item's anchor. Page labels come from the last layout round, and
 * each one printed is recorded, so the pipeline lays out again until they agree with the pages
 * (as the contents do).
 */
import type { SourcePos } from '../problems.js';
import { referenceSource, type Inline, type Reference, type ReferencePart } from '../text/inline.js';
import type { LayoutContext } from './context.js';
import type { RefTarget } from '../template/view.js';
import type { ReferenceFormats } from '../style/theme.js';
import { isCjk } from '../text/char-class.js';

/** Page label printed before the first round has found the page (as wide as most labels). */
const UNKNOWN_PAGE = '0';

/**
 * An item's reference as the theme words it (`formats`): `{number}` its number (none, with the
 * spaces before it, for the only appendix labelled without one: `附件`), `{chapter}` a section's
 * chapter's (or appendix's) own reference.
 */
function referenceText(formats: ReferenceFormats, target: RefTarget): string {
  const chapter = target.chapter ? referenceText(formats, target.chapter) : '';
  const format = target.unnumbered ? formats[target.kind].replace(/\s*\{number\}/g, '') : formats[target.kind];
  return format.replaceAll('{number}', target.number).replaceAll('{chapter}', chapter);
}

/**
 * The runs with each cross-reference replaced by its text, marked as a link to its target.
 * `measuring`: the text is only measured here (a table's column), and set elsewhere, where a
 * reference that prints nothing is warned of.
 */
export function resolveReferences(ctx: LayoutContext, runs: Inline[], at: SourcePos | undefined, measuring = false): Inline[] {
  if (!runs.some((r) => r.ref)) return runs;
  return withoutSpacesBetweenHan(runs, runs.map((r) => {
    if (!r.ref) return r;
    const { ref, ...marks } = r;
    const target = ctx.targets.get(ref.id);
    if (!target) {
      // the content's references were checked when it was loaded: this one a template wrote
      ctx.problems.error(at ?? ctx.templatePos, `<ref to="${ref.id}">: no chapter, section, article, table, case or figure has the id "${ref.id}"`);
      return { ...marks, text: `[[${ref.id}]]` };
    }
    const text = targetWords(target, ref.part, ctx.theme.references, ctx.pageLabels);
    if (ref.part === 'page') ctx.pageLabelsRead.set(target.anchor, text);
    if (ref.part === 'number' && target.unnumbered && !measuring) ctx.problems.warn(at ?? ctx.templatePos, `${referenceSource(ref)} prints nothing: the report's only appendix is labelled without a number (${referenceText(ctx.theme.references, target)}); write [[${ref.id}]] for its label`);
    return { ...marks, text, link: { dest: target.anchor } };
  }));
}

/**
 * The resolved runs with the spaces typed between a reference and Chinese text dropped where the
 * reference prints Chinese at that side: `第 [[b#number]] 章` is written for a number that may
 * print 2 (the space then is the gap between Chinese and a digit, which the line sets whatever
 * is typed) or 二 (a space typed between Chinese characters would print as one: 第 二 章). A
 * reference that prints nothing (the only appendix's number) takes the spaces before it with it,
 * as a format's `{number}` does, and those after it where Chinese then meets Chinese
 * (`附件 [[a#number]] 所列` prints 附件所列). `given`: the runs before, where the references are.
 */
function withoutSpacesBetweenHan(given: readonly Inline[], resolved: Inline[]): Inline[] {
  const out = resolved.map((r) => ({ ...r }));
  const han = (ch: string | undefined) => ch !== undefined && isCjk(ch);
  given.forEach((r, k) => {
    if (!r.ref) return;
    const text = out[k].text;
    const before = out[k - 1];
    if (!text) {
      if (before && !given[k - 1].ref) before.text = before.text.replace(/ +$/, '');
      const after = out[k + 1];
      if (after && !given[k + 1].ref && han(lastChar(before?.text ?? '')) && /^ +/.test(after.text) && han(firstChar(after.text.trimStart()))) after.text = after.text.trimStart();
      return;
    }
    if (before && !given[k - 1].ref && han(firstChar(text)) && / +$/.test(before.text) && han(lastChar(before.text.trimEnd()))) before.text = before.text.trimEnd();
    const after = out[k + 1];
    if (after && !given[k + 1].ref && han(lastChar(text)) && /^ +/.test(after.text) && han(firstChar(after.text.trimStart()))) after.text = after.text.trimStart();
  });
  return out;
}

/** The first character of `text` (a whole code point), or undefined for none. */
function firstChar(text: string): string | undefined {
  return text ? String.fromCodePoint(text.codePointAt(0)!) : undefined;
}

/** The last character of `text` (a whole code point), or undefined for none. */
function lastChar(text: string): string | undefined {
  return text ? String.fromCodePoint(text.codePointAt(text.length - 1 - (/[\udc00-\udfff]$/.test(text) ? 1 : 0))!) : undefined;
}

/**
 * A reference's words: the target's label as `formats` word it, the label of its page in
 * `pageLabels`, or its number (none for the only appendix labelled without one: `附件`).
 */
function targetWords(target: RefTarget, part: ReferencePart, formats: ReferenceFormats, pageLabels: ReadonlyMap<string, string>): string {
  if (part === 'page') return pageLabels.get(target.anchor) ?? UNKNOWN_PAGE;
  if (part === 'number') return target.unnumbered ? '' : target.number;
  return referenceText(formats, target);
}

/**
 * The words of cross-references as the finished pages print them (`pageLabels`: the final
 * round's), for text set outside the pages: the PDF's metadata. `targets` holds every id the
 * content names (the loader refused a reference to none).
 */
export function referenceWords(targets: ReadonlyMap<string, RefTarget>, formats: ReferenceFormats, pageLabels: ReadonlyMap<string, string>): (ref: Reference) => string {
  return (ref) => targetWords(targets.get(ref.id)!, ref.part, formats, pageLabels);
}
