/**
 * How much each part of a line may stretch or shrink (Typst calls it adjustability), read from
 * the justification policy (justification-policy.ts). One mechanism serves justification,
 * punctuation squeezing and line-edge trimming.
 *
 * Lengths in pt. Between two atoms sits a joint (a gap of its own width, e.g. ¼ em between
 * Han and Latin); a space atom is itself adjustable; a punctuation mark may lose its blank half.
 */
import { CLOSING_MARKS, CONNECTING_MARKS, endsAsWord, OPENING_MARKS, PAUSE_MARKS, startsAsWord } from './char-class.js';
import { countBefore, isWrittenSpace, type Atom } from './atoms.js';
import { GRID_POLICY, JUSTIFICATION_POLICY, LAST_RESORT_UNIT, type PlaceKind } from './justification-policy.js';

/** Stage number of a place that never shrinks or stretches (after every stage). */
const NEVER = Number.POSITIVE_INFINITY;

/** What a line may do at one place. Lengths in pt. */
export interface Adjustability {
  /** Natural width. */
  width: number;
  /** Largest increase, in stretch stage `stretchStage` (before the last resort). */
  stretch: number;
  stretchStage: number;
  /** Largest decrease, in shrink stage `shrinkStage`. */
  shrink: number;
  shrinkStage: number;
  /** Stretch counted in the breaker's badness (adjustment ratio 1 at this much). */
  unit: number;
  /** The breaker's badness unit here in the last resort; 0 where the last resort adds no space. */
  lastResortUnit: number;
  /** The last resort's level past which this place widens (see `PlacePolicy.lastResort`); Infinity: never. */
  lastResortFrom: number;
}

/**
 * A place of `kind` at a text size of `size` pt whose natural width is `width` pt (`natural` of
 * the policy when absent), by the grid's policy when `onGrid`.
 */
function adjustabilityOf(kind: PlaceKind, size: number, onGrid = false, width = JUSTIFICATION_POLICY[kind].natural * size): Adjustability {
  const p = (onGrid ? GRID_POLICY : JUSTIFICATION_POLICY)[kind];
  return {
    width,
    stretch: p.stretch ? Math.max(0, p.stretch.max * size - width) : 0,
    stretchStage: p.stretch?.stage ?? NEVER,
    shrink: p.shrink ? Math.max(0, width - p.shrink.min * size) : 0,
    shrinkStage: p.shrink?.stage ?? NEVER,
    unit: p.unit * size,
    lastResortUnit: p.lastResort ? LAST_RESORT_UNIT * size : 0,
    lastResortFrom: p.lastResort ? p.lastResort.from * size : Infinity,
  };
}

/** A place that never changes width (a Han character, a Latin word, a grid cell). */
function fixed(width: number): Adjustability {
  return { width, stretch: 0, stretchStage: NEVER, shrink: 0, shrinkStage: NEVER, unit: 0, lastResortUnit: 0, lastResortFrom: Infinity };
}

/**
 * The adjustability of each atom (spaces and squeezable marks). Read only: atoms that cannot
 * change width share one object while their widths are equal (a run of Han characters).
 * `onGrid`: on a character grid no mark is squeezed inside a line (half a cell taken there would
 * move every later character off its cell; a line is full or it gives up a character).
 */
export function atomAdjustability(atoms: Atom[], onGrid = false): Adjustability[] {
  const out = new Array<Adjustability>(atoms.length);
  let last: Adjustability | undefined; // the last fixed-width atom's
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i];
    if (a.kind === 'space' && a.width > 0) out[i] = fixed(a.width); // a grid cell, a space of code or of its own width
    else if (a.kind === 'space') out[i] = adjustabilityOf(isCjkAtom(atoms[i - 1]) && isCjkAtom(atoms[i + 1]) ? 'spaceBetweenHan' : isOperator(atoms[i - 1]) || isOperator(atoms[i + 1]) ? 'besideOperator' : 'latinSpace', a.size, onGrid);
    else if (!onGrid && isSqueezable(a)) {
      // the blanks go (both sides of a mark may have one after grid padding: rare)
      const blanks = a.blankLeft + a.blankRight;
      out[i] = { ...adjustabilityOf(SENTENCE_MARKS.has(a.text) ? 'endMarkBlank' : 'punctuationBlank', a.size, false, blanks), width: a.width };
    } else out[i] = last?.width === a.width ? last : (last = fixed(a.width));
  }
  return out;
}

/** Marks whose blank is squeezed last (see `endMarkBlank` in justification-policy.ts). */
const SENTENCE_MARKS = new Set(['。', '？', '！', '：', '．']);

/** Squeeze order (clreq): brackets' outer sides and pause marks, to ½ em. */
function isSqueezable(a: Atom): boolean {
  return a.kind === 'punct' && (a.blankLeft > 0 || PAUSE_MARKS.has(a.text) || a.blankRight > 0);
}

/** The joint after each atom (the last one is unused). `onGrid`: by the grid's policy. */
export function jointAdjustability(atoms: Atom[], onGrid = false): Adjustability[] {
  // joints of one kind and size share one object (read only)
  const shared = new Map<number, Partial<Record<PlaceKind, Adjustability>>>();
  return atoms.map((given, i) => {
    const b = atoms[i + 1];
    // after a footnote's marker, the joint of the text around it, as if the marker were not there
    // (通知①的 tight, CAS④ 协议 its ¼ em at the text's size): a marker is no Latin word
    let k = i;
    while (k > 0 && atoms[k].marks.footnote) k--;
    const a = atoms[k].marks.footnote ? given : atoms[k];
    const kind = jointKind(a, b, atoms[i + 2]);
    const size = b ? Math.min(a.size, b.size) : a.size;
    let bySize = shared.get(size);
    if (!bySize) shared.set(size, (bySize = {}));
    return (bySize[kind] ??= adjustabilityOf(kind, size, onGrid));
  });
}

/** The kind of the joint between atoms `a` and `b` (none: `a` is the last). */
function jointKind(a: Atom, b: Atom | undefined, c: Atom | undefined): PlaceKind {
  if (!b) return 'interCharacter';
  // (Latin text of two runs with nothing between them is one word: `*Schools*.`, `(*Nature*)`, `m^2^`)
  if (b.continuesWord || b.marks.footnote || (a.kind === 'latin' && b.kind === 'latin')) return 'insideWord';
  // the space is the gap (a Latin one, one typed between Chinese characters, a written one): nothing beside it widens
  if (isTypedSpace(a) || isTypedSpace(b) || isWrittenSpace(a) || isWrittenSpace(b) || isNoBreakSpace(a) || isNoBreakSpace(b)) return 'besideSpace';
  if (CONNECTING_MARKS.has(a.text) || CONNECTING_MARKS.has(b.text)) return 'besideConnectingMark';
  if (hasGap(a, b, c)) return 'hanLatinGap';
  if (CLOSING_MARKS.has(b.text[0])) return 'beforeClosingMark';
  if (OPENING_MARKS.has(a.text[a.text.length - 1])) return 'afterOpeningMark';
  return 'interCharacter';
}

/**
 * ¼ em between a Han character and a Latin word or number (with its sign and unit: 和 -0.18, 12.6% 的,
 * 增加 +420 个: `c`, the atom after `b`, tells a count's sign); none beside Chinese punctuation.
 * Beside a symbol (`+`, `/`) only where the author typed a space: 思政+实践 stays tight,
 * 日志见 /var/log keeps its gap.
 */
function hasGap(a: Atom, b: Atom, c: Atom | undefined): boolean {
  if (a.kind === 'han' && b.kind === 'latin') return startsAsWord(b.text, countBefore(b, c)) || !!b.spacedBefore;
  if (a.kind === 'latin' && b.kind === 'han') return endsAsWord(a.text) || !!b.spacedBefore;
  return false;
}

/**
 * No-break spaces standing alone between Chinese characters (`①\u00a0注文`, a note's marker and
 * its text): a word of their own width (see spaces.ts) that nothing beside widens, as a written space.
 */
function isNoBreakSpace(a: Atom): boolean {
  return a.kind === 'latin' && /^\u00a0+$/.test(a.text);
}

/** A space the text holds, its width from the policy (not a grid cell nor a written space, which have widths of their own). */
function isTypedSpace(a: Atom | undefined): boolean {
  return a?.kind === 'space' && a.width === 0;
}


/** A mathematical operator standing alone as a word: `=`, `÷`, `×`, `±`, `≤`, `+`, a hyphen-minus, `*` or `/` (`a - b`, `a * b`). */
function isOperator(a: Atom | undefined): boolean {
  return a?.kind === 'latin' && !a.continuesWord && OPERATOR.test(a.text);
}

const OPERATOR = /^(?:\p{Sm}+|[-*/])$/u;

function isCjkAtom(a: Atom | undefined): boolean {
  return !!a && (a.kind === 'han' || a.kind === 'punct');
}
