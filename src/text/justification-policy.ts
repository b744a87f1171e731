/**
 * The justification policy, as data: for each kind of place in a line that may change width,
 * whether it shrinks or stretches, in which stage, and how far. justify.ts runs the stages in
 * order; the line breaker (optimal-breaks.ts) measures lines by the same table, so a line it
 * accepts is a line the stages can set.
 *
 * The order follows clreq (W3C, Requirements for Chinese Text Layout, on line adjustment):
 * - a line too long squeezes the blanks of mid-line pause marks and brackets first (to ½ em),
 *   then the spaces between Latin words (to ¼ em), then the Han–Latin gaps (to ⅛ em), and only
 *   then the blanks of a full stop, question or exclamation mark or colon (。？！：);
 * - a line too short widens the spaces between Latin words (to their cap, ½ em) and the spacing
 *   between Han characters (to ¼ em each) together, each by the same share of its room (clreq
 *   widens the word spaces first; set so, PISA  2022 and OAuth  2.0 opened at ½ em beside Han
 *   text spaced a hair, and read as holes); the Han–Latin gap stays at ¼ em, and a mark
 *   stands against its word: nothing is added between a character and the closing or pause mark
 *   after it (平台）, 数据；) nor between an opening mark and the character after it (（https);
 * - and only when that is not enough, the last resort: the rest evens out the places that may
 *   take space (Han spacing and Latin spaces alike), the narrowest widened first, so the line
 *   is looser as a whole rather than holed at one kind of gap. The Han–Latin gaps keep their
 *   ¼ em (a gap that opens beside a word reads as a hole in it) unless the others would stand
 *   past a whole em: from there they widen with them. The breaker counts the last resort in a
 *   line's badness at `LAST_RESORT_UNIT` a place, so it prefers other breaks where they exist.
 *
 * On a character grid (GB/T 9704) `GRID_POLICY` holds: there a line is full or spread over its
 * cells, the spread never parts a mark from its word, and it has no last resort: a line that
 * would need more than the stages give (a line before a long word or a piece of a URL that does
 * not fit its cells) stands short.
 *
 * Lengths in em of the text's size.
 */

/** The kinds of adjustable places: a space atom, or the joint between two atoms. */
export type PlaceKind =
  /** A blank half of a full-width mark inside the line (closing, opening or pause mark: ，、；）“). */
  | 'punctuationBlank'
  /** The blank half of a full stop, question or exclamation mark or colon inside the line (。？！：．). */
  | 'endMarkBlank'
  /** A space typed between Latin words. */
  | 'latinSpace'
  /** A space typed between Chinese characters (青春筑梦 挺膺担当). */
  | 'spaceBetweenHan'
  /** The joint between Han characters, marks, or a Han character and a symbol (思政+实践). */
  | 'interCharacter'
  /** The joint before a closing or pause mark (中，, 页）, 9”): the mark stands against what precedes it. */
  | 'beforeClosingMark'
  /** The joint after an opening mark (“双, （第): the mark stands against what follows it. */
  | 'afterOpeningMark'
  /** The gap between a Han character and a Latin letter or digit (2025 年). */
  | 'hanLatinGap'
  /**
   * A space typed beside a mathematical operator standing alone (`CV = σ ÷ n`, `22 °C ± 2 °C`): set
   * as the Han–Latin gap, so the operator stands alike beside Latin and beside Han (教师数 = 教师数).
   */
  | 'besideOperator'
  /** A joint beside a typed space (between Latin words, or between Chinese characters): the space itself adjusts. */
  | 'besideSpace'
  /** The joint inside a Latin word: a long word cut for breaking (a path, a URL), or a word of runs with other marks (`*Schools*.`): never adjusted. */
  | 'insideWord'
  /** The joint beside a connecting mark (80～89, 九～十二月): the range stands together, never adjusted. */
  | 'besideConnectingMark';

/** How one kind of place may change. Lengths in em. */
export interface PlacePolicy {
  /** Natural width (punctuation blanks: the font's blank, so not given here). */
  natural: number;
  /** Shrink stage (0 first) and the least width; absent: never shrinks. */
  shrink?: { stage: number; min: number };
  /** Stretch stage (0 first) and the largest width; absent: never stretches before the last resort. */
  stretch?: { stage: number; max: number };
  /** The stretch at which the place counts as fully stretched in the breaker's badness (adjustment ratio 1). */
  unit: number;
  /**
   * Whether the last resort adds space here: from the level (em) at which it widens with the
   * others (0: as soon as the level passes its width; `from` f > 0: by what the level passes f).
   * Absent: never.
   */
  lastResort?: { from: number };
}

/** A place the last resort widens from the start, with the others. */
const EVENED = { from: 0 };

/** The policy. Stage numbers order shrinking and stretching separately. */
export const JUSTIFICATION_POLICY: Readonly<Record<PlaceKind, Readonly<PlacePolicy>>> = {
  punctuationBlank: { natural: 0, shrink: { stage: 0, min: 0 }, unit: 0 },
  // (a sentence's end squeezed is read as no end: last, when nothing else gives)
  endMarkBlank: { natural: 0, shrink: { stage: 3, min: 0 }, unit: 0 },
  // (a word space widens with the Han spacing, each by the same share of its room: PISA 2022 and
  // OAuth 2.0 do not open into holes before the characters around them move)
  latinSpace: { natural: 1 / 3, shrink: { stage: 1, min: 1 / 4 }, stretch: { stage: 1, max: 1 / 2 }, unit: 1 / 2 - 1 / 3, lastResort: EVENED },
  spaceBetweenHan: { natural: 1 / 2, shrink: { stage: 1, min: 1 / 4 }, stretch: { stage: 0, max: 1 }, unit: 1 / 2, lastResort: EVENED },
  interCharacter: { natural: 0, stretch: { stage: 1, max: 1 / 4 }, unit: 0.1, lastResort: EVENED },
  // a mark stands against its word (clreq): no space added between a character and the closing
  // or pause mark after it (平台）, cn；) nor between an opening mark and what follows it (（https)
  beforeClosingMark: { natural: 0, unit: 0 },
  afterOpeningMark: { natural: 0, unit: 0 },
  hanLatinGap: { natural: 1 / 4, shrink: { stage: 2, min: 1 / 8 }, unit: 0, lastResort: { from: 1 } },
  besideOperator: { natural: 1 / 4, shrink: { stage: 2, min: 1 / 8 }, unit: 0, lastResort: { from: 1 } },
  besideSpace: { natural: 0, unit: 0 },
  insideWord: { natural: 0, unit: 0 },
  besideConnectingMark: { natural: 0, unit: 0 },
};

/**
 * The policy on a character grid (GB/T 9704), where no mark is squeezed inside a line (see
 * glue.ts) and a line that gave up cells (or holds a Latin run of no whole cells) is spread over
 * them: the spread goes between Han characters, after a closing mark, before an opening mark (as
 * in running text),
 * never between a character and the closing mark after it nor between an opening mark and the
 * character after it (clreq; Word's document grid sets 公文 so): a closing mark stands against
 * what precedes it, an opening mark against what follows it. The Han spacing counts for more in
 * the badness (a fifth of its unit): every line should fill its cells. No place takes the last
 * resort: a line the stages (¼ em between Han characters, ½ em a Latin word space) cannot fill is
 * not spread at all and stands short, its characters on their cells (see justify.ts), where a
 * GB/T 9704 typesetter leaves a line before a word too long for its cells (a URL,
 * CVE-2024-3094) short rather than letter-space it.
 */
export const GRID_POLICY: Readonly<Record<PlaceKind, Readonly<PlacePolicy>>> = withoutLastResort({
  ...JUSTIFICATION_POLICY,
  // (a Latin word space widens with the Han spacing, as in running text: the part of a cell a Latin
  // run leaves spread over the line, not into the space of Raspberry Pi; a number's spaces, 12.5 m²,
  // are no places: see spaces.ts)
  interCharacter: { ...JUSTIFICATION_POLICY.interCharacter, unit: 0.02 },
});

/** The policy with no place taking the last resort. */
function withoutLastResort(policy: Record<PlaceKind, PlacePolicy>): Record<PlaceKind, PlacePolicy> {
  const out = { ...policy };
  for (const kind of Object.keys(out) as PlaceKind[]) out[kind] = { ...out[kind], lastResort: undefined };
  return out;
}

/**
 * The breaker's badness unit per place in the last resort (em): smaller than the Han spacing's
 * (0.1 em), so a line that needs the last resort costs more for each point it takes there than
 * a line the stages can set, and the breaker looks for other breaks first. (Han–Latin gaps
 * count too, though they join late: a line that only they can widen stays possible.)
 */
export const LAST_RESORT_UNIT = 0.05;

/** Stage numbers in order of use. */
export const SHRINK_STAGES: readonly number[] = stagesOf('shrink');
export const STRETCH_STAGES: readonly number[] = stagesOf('stretch');

function stagesOf(side: 'shrink' | 'stretch'): number[] {
  const stages = new Set<number>();
  for (const p of [...Object.values(JUSTIFICATION_POLICY), ...Object.values(GRID_POLICY)]) if (p[side]) stages.add(p[side].stage);
  return [...stages].sort((a, b) => a - b);
}
