/**
 * What the block stage needs: the theme, the fonts, where problems go, and the page labels of
 * anchors (for the contents).
 */
import type { FaceSet } from '../font/face.js';
import { notDefinedIn } from '../font/registry.js';
import { InputError, type ProblemList } from '../problems.js';
import { styleOf, type TextStyleSpec, type Theme } from '../style/theme.js';
import { FaceTextFont, type TextFont } from '../text/text-font.js';
import type { SetParagraph } from '../text/paragraph.js';
import type { TextStyle } from '../text/atoms.js';
import type { SourcePos } from '../problems.js';
import type { WrittenText } from '../content/markup-check.js';
import type { StructTag } from '../page/draw.js';
import type { RefTarget } from '../template/view.js';
import type { NoteEntry } from './footnotes.js';

export interface LayoutContext {
  theme: Theme;
  faces: FaceSet;
  problems: ProblemList;
  /**
   * Printed page label of each anchor id that this round's blocks are given: the last round's
   * (the last build's, or none); for a matter with contents entries, updated with those this
   * round's matters without contents found (see pipeline.ts, `layoutRound`).
   */
  pageLabels: Map<string, string>;
  /**
   * Where this round records the page labels its cross-references (`[[id#page]]`) printed, by
   * anchor id (see block/references.ts): the round returns them, and is final only when each
   * agrees with the pages.
   */
  pageLabelsRead: Map<string, string>;
  /** The footnotes met in this round, in order: note n is notes[n − 1] (see footnotes.ts). */
  notes: NoteEntry[];
  /** Per-page footnote markers of the last round, by note number. */
  noteMarkers: Map<number, string>;
  /** Where this round records the markers it printed, by note number: the round returns them, as `pageLabelsRead`. */
  noteMarkersRead: Map<number, string>;
  /** What each id of the content names (see template/view.ts). */
  targets: ReadonlyMap<string, RefTarget>;
  /** Text fonts by face key, created once per build. */
  textFonts: Map<string, TextFont>;
  /** Set paragraphs by text and style, kept across layout rounds (only page numbers change). */
  setCache: Map<string, SetParagraph>;
  /** The keys of `setCache` this build used. */
  setUsed: Set<string>;
  /** Where style names used by templates are reported. */
  templatePos: SourcePos;
  /** Where the templates write `needle` (their own folder's first: see Templates.whereWritten); absent: not known. */
  whereWritten?: (needle: string) => SourcePos | undefined;
  /** The content text placed at `at` as written (see Report.writtenText); absent: none is known. */
  writtenText?: (at: SourcePos) => WrittenText | undefined;
  /** Counts structure elements of this layout (see `newTag`). */
  tagCount: { n: number };
  /**
   * How far past the right edge of the text laid out a line-end mark may hang (标点悬挂, on a
   * grid), pt: unset on the page, where the margin takes it; inside a framed box its padding
   * less the border's inner half (see flow.ts, `boxItems`).
   */
  hangRoom?: number;
  /** Set inside a box (a case, a quotation): a table there is set within it, never turned (see turned-table.ts). */
  inBox?: boolean;
}

/** A new structure element for tagged PDF. */
export function newTag(ctx: LayoutContext, role: string, parent?: StructTag, alt?: string): StructTag {
  return { id: `s${++ctx.tagCount.n}`, role, parent, alt };
}

/** The fonts of a style: its regular and bold stacks, and those of its Latin text if it has its own. */
export type FontStacks = Pick<TextStyle, 'regular' | 'bold' | 'latin'>;

/** Stacks made, per build cache (its text fonts) and style: a style's stacks never change within one. */
const stacksMade = new WeakMap<Map<string, TextFont>, WeakMap<TextStyleSpec, FontStacks>>();

/**
 * Font stacks of a style: the role's face, then the other default roles as fallbacks, then the
 * registry's `fallbacks:` (fonts for what none of those has: a rare character of a name); for
 * Latin words the style's Latin role first, when it names one. The same arrays each time.
 */
export function fontStacks(ctx: LayoutContext, style: TextStyleSpec): FontStacks {
  let made = stacksMade.get(ctx.textFonts);
  if (!made) stacksMade.set(ctx.textFonts, (made = new WeakMap()));
  let stacks = made.get(style);
  if (!stacks) made.set(style, (stacks = makeStacks(ctx, style)));
  return stacks;
}

function makeStacks(ctx: LayoutContext, style: TextStyleSpec): FontStacks {
  // a style the document tree does not name (a page header's) meets the registry here: see checkFontRoles
  const { registry } = ctx.faces;
  for (const role of [style.font, style.latinFont]) {
    if (role && !registry.roles.has(role) && !registry.broken.has(role)) {
      const message = `this style uses the font role "${role}", which ${notDefinedIn(registry)} (roles: ${[...registry.roles.keys()].join(', ')})`;
      throw new InputError([{ pos: style.pos ?? ctx.templatePos, message, severity: 'error' }]);
    }
  }
  // the default roles as fallbacks where the registry has them whole (a broken one fails only its
  // users), then the registry's own (a broken one of those fails every style: `keyOf` throws)
  const defaults = [style.font, ...['serif', 'sans'].filter((r) => r !== style.font && registry.roles.has(r))];
  const roles = [...defaults, ...registry.fallbacks.filter((f) => !defaults.some((r) => registry.roles.get(r)?.name === f))];
  const stack = (bold: boolean, first = roles) =>
    first.map((r) => textFontOf(ctx.textFonts, ctx.faces, ctx.faces.keyOf(r, bold ? 'bold' : 'regular')));
  const latinRoles = style.latinFont ? [style.latinFont, ...roles] : undefined;
  return {
    regular: stack(style.bold),
    bold: stack(true),
    latin: latinRoles && { regular: stack(style.bold, latinRoles), bold: stack(true, latinRoles) },
  };
}

/** The text font of the face `key` (a font file), made once per build cache (`textFonts`). */
export function textFontOf(textFonts: Map<string, TextFont>, faces: FaceSet, key: string): TextFont {
  let f = textFonts.get(key);
  if (!f) textFonts.set(key, (f = new FaceTextFont(key, (k) => faces.byKey(k))));
  return f;
}

/** A theme style by name. */
export function style(ctx: LayoutContext, name: string): TextStyleSpec {
  return styleOf(ctx.theme, name, ctx.templatePos);
}
