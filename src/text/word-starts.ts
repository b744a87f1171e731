/**
 * Where the words of a line of Chinese start, by ICU's dictionary segmentation (the
 * `Intl.Segmenter` of Node's ICU, as browsers find a word on a double click): `职业教育|组|团|式|
 * 帮|扶|：|区域|协同`. Text breaks between any two Han characters; a title is better broken
 * between words, and this is where they are. A word ICU does not know stands as its characters.
 * The dictionary is Node's: another Node may segment a rare word otherwise.
 */
import type { Atom } from './atoms.js';
import { wordStartsIn } from './word-segments.js';

let segmenter: Intl.Segmenter | undefined;

/** `starts[p]`: atom p starts a word (or stands after a space); `starts[0]` is true. */
export function wordStarts(atoms: readonly Atom[]): boolean[] {
  // the atoms' texts joined, and where each starts in the join
  const offsets = new Map<number, number>();
  let text = '';
  for (let p = 0; p < atoms.length; p++) {
    offsets.set(text.length, p);
    text += atoms[p].text;
  }
  const starts = atoms.map((a, p) => p === 0 || atoms[p - 1].kind === 'space' || a.kind === 'space');
  segmenter ??= new Intl.Segmenter('zh-Hans', { granularity: 'word' });
  for (const index of wordStartsIn(segmenter, text)) {
    const p = offsets.get(index);
    if (p !== undefined) starts[p] = true;
  }
  return withNumbersBound(atoms, unknownWordsWhole(atoms, starts));
}

/**
 * Words of one character that stand as words of their own: particles, conjunctions, prepositions
 * and adverbs (`体验|的|双路径`, `教学|及|辅助`), never the characters of a word the dictionary
 * does not know.
 */
const FUNCTION_WORDS = new Set('的地得之了着过和与及或并而且在对为以于把被将从向由自至到等是也都又就才还再很更最其各每该本此这那不没未已所让使给跟同按据经则即但若如'.split(''));

/**
 * `starts` with no start between two words of one Han character each (none of them a function
 * word): the dictionary gives a word it does not know as its characters (`缴|费`, `帮|扶`), so a
 * line is broken where a word of several, or a function word, begins or ends (`职业年金|缴费支出`,
 * not `职业年金缴|费支出`); where that does not fit the measure, the text breaks where it may as
 * before.
 */
function unknownWordsWhole(atoms: readonly Atom[], starts: boolean[]): boolean[] {
  // the length in atoms of the word each start begins, read before any start is dropped
  const lengths = new Map<number, number>();
  let from = 0;
  for (let p = 1; p <= atoms.length; p++) {
    if (p < atoms.length && !starts[p]) continue;
    lengths.set(from, p - from);
    from = p;
  }
  let before = -1; // the start of the word before
  return starts.map((start, p) => {
    if (!start) return false;
    const lone = (q: number) => q >= 0 && lengths.get(q) === 1 && atoms[q].kind === 'han' && !FUNCTION_WORDS.has(atoms[q].text);
    const whole = lone(before) && lone(p);
    before = p;
    return !whole;
  });
}

/**
 * `starts` with no start between a number and the Chinese right after it: a numeral and its
 * measure word or unit read as one word (`2025 年度`, `48 项`, `12 月`), which ICU parts
 * (`2025|年度`). A title or heading never ends a line on the year and begins the next with 年度.
 */
export function withNumbersBound(atoms: readonly Atom[], starts: boolean[]): boolean[] {
  for (let p = 1; p < atoms.length; p++) if (atoms[p].kind === 'han' && boundNumber(atoms[p - 1])) starts[p] = false;
  return starts;
}

/** A number as a Latin atom holds it: digits last (`2025`, `3 286`, `12.5`; not `12%` or `CO2e`). */
const boundNumber = (a: Atom) => a.kind === 'latin' && /^[\d.,\u00a0\u2009\u202f ]*\d$/u.test(a.text);
