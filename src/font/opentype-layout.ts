/**
 * OpenType layout of short Latin runs (words, numbers, `——`, `……`) read straight from a font
 * file's GSUB and GPOS: what fontkit's `layout` gives for such text, without fontkit. Its first
 * layout decoded the tables of each face through its generic parser (some 50 ms of a cold build
 * for the sample's 140 words and a handful of marks); this reads only the lookups the text
 * meets.
 *
 * It answers only where it is sure to give fontkit's answer, else null (the caller asks
 * fontkit):
 * - the text is printable ASCII, `—` or `…` (fontkit's script then is `latn` when there is a
 *   letter, else its default script);
 * - the lookups of the features fontkit applies to such text (its default shaper's, plus the
 *   caller's) are single and ligature substitutions and pair adjustments, with mark attachments
 *   that do not touch the text's glyphs;
 * - no glyph is a mark, no lookup skips base glyphs or ligatures (so no glyph is ever skipped);
 * - the font is neither variable nor an AAT (`morx`) font, and positions through GPOS (no
 *   legacy `kern` table).
 * The lookups are applied as fontkit applies them: all features in one stage, lookups in index
 * order (a lookup two features share, twice), the first subtable that applies wins, a pair
 * adjustment never skips the second glyph.
 *
 * Offsets in bytes from the start of their table (GSUB, GPOS or GDEF); advances in font units.
 */
import type { GlyphMetrics } from './glyph-metrics.js';
import type { SfntFile } from './sfnt-file.js';

/** One laid-out glyph. */
export interface LaidOutGlyph {
  id: number;
  /** Advance width, font units (after pair adjustments). */
  advance: number;
  /** The characters it stands for (several for a ligature). */
  codePoints: number[];
}

/** fontkit's default shaper's features, in its order (`frac`, `numr`, `dnom` never apply here). */
const DEFAULT_FEATURES = ['rvrn', 'ltra', 'ltrm', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern'];
/** fontkit's scripts to fall back on when the text's own is missing, in its order. */
const DEFAULT_SCRIPTS = ['DFLT', 'dflt', 'latn'];

const IGNORE_BASE_GLYPHS = 0x2;
const IGNORE_LIGATURES = 0x4;
const MARK_GLYPH_CLASS = 3;

/** A lookup's subtable, with extension subtables (GSUB 7, GPOS 9) resolved; `at` in its table. */
interface Subtable {
  type: number;
  at: number;
}

/** The lookups to apply for one script and set of features: null when fontkit must do it. */
interface Plan {
  substitutions: Subtable[][];
  positionings: Subtable[][];
}

export class OpenTypeLayout {
  private readonly plans = new Map<string, Plan | null>();

  private constructor(
    private readonly gsub: Buffer | undefined,
    private readonly gpos: Buffer,
    /** GDEF, and where its glyph class definition starts (if it has one). */
    private readonly gdef: Buffer | undefined,
    private readonly glyphClasses: number | undefined,
    /** The file's cmap and advances. */
    private readonly metrics: GlyphMetrics,
  ) {}

  /** The layout of a font file, or null when fontkit must lay out its text (see above). */
  static of(file: SfntFile, metrics: GlyphMetrics): OpenTypeLayout | null {
    const { tables } = file;
    if (!tables.has('GPOS') || tables.has('kern') || tables.has('morx') || tables.has('mort') || tables.has('fvar')) return null;
    const gdef = file.table('GDEF');
    const classDef = gdef ? gdef.readUInt16BE(4) : 0;
    return new OpenTypeLayout(file.table('GSUB'), file.table('GPOS')!, gdef, classDef || undefined, metrics);
  }

  /** The glyphs of `text` with `features` added to the default ones and `without` taken from them, as fontkit lays them out; null when fontkit must. */
  layout(text: string, features: readonly string[] = [], without: readonly string[] = []): LaidOutGlyph[] | null {
    const codePoints: number[] = [];
    let letter = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if ((c < 0x21 || c > 0x7e) && c !== 0x2014 && c !== 0x2026) return null;
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) letter = true;
      codePoints.push(c);
    }
    const plan = this.plan(letter ? 'latn' : 'zzzz', features, without);
    if (!plan) return null;
    const ids = codePoints.map((c) => this.metrics.glyphOf(c));
    const chars = codePoints.map((c) => [c]);
    if (ids.some((id) => this.isMark(id))) return null;
    for (const lookup of plan.substitutions) {
      for (let i = 0; i < ids.length; i++) {
        for (const sub of lookup) if (this.substitute(sub, ids, chars, i)) break;
      }
    }
    if (ids.some((id) => this.isMark(id))) return null;
    const advances = ids.map((g) => this.metrics.advanceOf(g));
    for (const lookup of plan.positionings) {
      for (let i = 0; i < ids.length; i++) {
        for (const sub of lookup) {
          const applied = this.position(sub, ids, advances, i);
          if (applied === null) return null;
          if (applied) break;
        }
      }
    }
    return ids.map((id, i) => ({ id, advance: advances[i], codePoints: chars[i] }));
  }

  /**
   * The glyph the `locl` feature of a language system (e.g. `ZHT `, Traditional Chinese, Taiwan)
   * of `script` puts for `glyph`: the glyph itself where the feature does not change it;
   * undefined when the font has no such language system (or its lookups are not single
   * substitutions).
   */
  localForm(glyph: number, script: string, language: string): number | undefined {
    const lookups = this.gsub && this.lookups(this.gsub, script, ['locl'], 7, [1], language);
    if (!lookups) return undefined;
    const ids = [glyph];
    for (const lookup of lookups) for (const sub of lookup) if (this.substitute(sub, ids, [[]], 0)) break;
    return ids[0];
  }

  /** The lookups for a script (fontkit's tag for the text) and the caller's features, less `without`. */
  private plan(script: string, features: readonly string[], without: readonly string[]): Plan | null {
    const key = `${script} ${features.join(' ')} -${without.join(' ')}`;
    let plan = this.plans.get(key);
    if (plan === undefined) {
      const all = [...DEFAULT_FEATURES.filter((f) => !without.includes(f)), ...features.filter((f) => !DEFAULT_FEATURES.includes(f))];
      const substitutions = this.gsub === undefined ? [] : this.lookups(this.gsub, script, all, 7, [1, 4]);
      const positionings = this.lookups(this.gpos, script, all, 9, [2, 4, 5, 6]);
      plan = substitutions && positionings ? { substitutions, positionings } : null;
      this.plans.set(key, plan);
    }
    return plan;
  }

  /**
   * The lookups of a GSUB or GPOS table `d` for the features, in fontkit's order, each as its
   * subtables; null when one is of a type not in `supported` or skips glyphs. `language`: the
   * features of that language system instead of the default one (null when the script has none).
   */
  private lookups(d: Buffer, script: string, features: string[], extension: number, supported: number[], language?: string): Subtable[][] | null {
    const scripts = d.readUInt16BE(4);
    const featureList = d.readUInt16BE(6);
    const lookupList = d.readUInt16BE(8);
    const scriptAt = [script, ...DEFAULT_SCRIPTS].map((tag) => recordOffset(d, scripts, tag)).find((at) => at !== undefined);
    if (scriptAt === undefined) return null;
    const langSys = language === undefined ? d.readUInt16BE(scripts + scriptAt) : recordOffset(d, scripts + scriptAt + 2, language);
    if (langSys === undefined) return null;
    // the default language's features by tag (a later feature of a tag replaces an earlier one)
    const byTag = new Map<string, number>();
    if (langSys) {
      const at = scripts + scriptAt + langSys;
      for (let i = 0, n = d.readUInt16BE(at + 4); i < n; i++) {
        const index = d.readUInt16BE(at + 6 + 2 * i);
        const record = featureList + 2 + 6 * index;
        byTag.set(d.toString('latin1', record, record + 4), featureList + d.readUInt16BE(record + 4));
      }
    }
    const indexes: number[] = [];
    for (const tag of features) {
      const feature = byTag.get(tag);
      if (feature === undefined) continue;
      for (let i = 0, n = d.readUInt16BE(feature + 2); i < n; i++) indexes.push(d.readUInt16BE(feature + 4 + 2 * i));
    }
    indexes.sort((a, b) => a - b);
    const out: Subtable[][] = [];
    for (const index of indexes) {
      const lookup = lookupList + d.readUInt16BE(lookupList + 2 + 2 * index);
      const type = d.readUInt16BE(lookup);
      if (d.readUInt16BE(lookup + 2) & (IGNORE_BASE_GLYPHS | IGNORE_LIGATURES)) return null;
      const subtables: Subtable[] = [];
      for (let i = 0, n = d.readUInt16BE(lookup + 4); i < n; i++) {
        let at = lookup + d.readUInt16BE(lookup + 6 + 2 * i);
        let subType = type;
        if (type === extension) {
          subType = d.readUInt16BE(at + 2);
          at += d.readUInt32BE(at + 4);
        }
        if (!supported.includes(subType)) return null;
        subtables.push({ type: subType, at });
      }
      out.push(subtables);
    }
    return out;
  }

  /** Applies a substitution subtable at glyph `i`; true when it applied. */
  private substitute(sub: Subtable, ids: number[], chars: number[][], i: number): boolean {
    const d = this.gsub!;
    const index = coverageIndex(d, sub.at + d.readUInt16BE(sub.at + 2), ids[i]);
    if (index < 0) return false;
    if (sub.type === 1) {
      ids[i] = d.readUInt16BE(sub.at) === 1 ? (ids[i] + d.readInt16BE(sub.at + 4)) & 0xffff : d.readUInt16BE(sub.at + 6 + 2 * index);
      return true;
    }
    // a ligature: the first of the set whose components follow
    const set = sub.at + d.readUInt16BE(sub.at + 6 + 2 * index);
    for (let l = 0, n = d.readUInt16BE(set); l < n; l++) {
      const ligature = set + d.readUInt16BE(set + 2 + 2 * l);
      const components = d.readUInt16BE(ligature + 2) - 1;
      let matches = i + components < ids.length;
      for (let c = 0; matches && c < components; c++) matches = ids[i + 1 + c] === d.readUInt16BE(ligature + 4 + 2 * c);
      if (!matches) continue;
      ids.splice(i, components + 1, d.readUInt16BE(ligature));
      chars.splice(i, components + 1, chars.slice(i, i + components + 1).flat());
      return true;
    }
    return false;
  }

  /** Applies a positioning subtable at glyph `i`: true when it applied, null when it would move a mark. */
  private position(sub: Subtable, ids: number[], advances: number[], i: number): boolean | null {
    const d = this.gpos;
    if (sub.type !== 2) return coverageIndex(d, sub.at + d.readUInt16BE(sub.at + 2), ids[i]) < 0 ? false : null; // mark attachment
    if (i + 1 >= ids.length) return false;
    const index = coverageIndex(d, sub.at + d.readUInt16BE(sub.at + 2), ids[i]);
    if (index < 0) return false;
    const format1 = d.readUInt16BE(sub.at + 4);
    const format2 = d.readUInt16BE(sub.at + 6);
    const size1 = valueRecordSize(format1);
    const size2 = valueRecordSize(format2);
    let record: number;
    if (d.readUInt16BE(sub.at) === 1) {
      const set = sub.at + d.readUInt16BE(sub.at + 10 + 2 * index);
      const pair = 2 + size1 + size2;
      let found = -1;
      for (let p = 0, n = d.readUInt16BE(set); p < n && found < 0; p++) if (d.readUInt16BE(set + 2 + pair * p) === ids[i + 1]) found = p;
      if (found < 0) return false;
      record = set + 2 + pair * found + 2;
    } else {
      const class1 = classOf(d, sub.at + d.readUInt16BE(sub.at + 8), ids[i]);
      const class2 = classOf(d, sub.at + d.readUInt16BE(sub.at + 10), ids[i + 1]);
      const class2Count = d.readUInt16BE(sub.at + 14);
      record = sub.at + 16 + (class1 * class2Count + class2) * (size1 + size2);
    }
    advances[i] += xAdvanceOf(d, record, format1);
    advances[i + 1] += xAdvanceOf(d, record + size1, format2);
    return true;
  }

  private isMark(glyph: number): boolean {
    return this.glyphClasses !== undefined && classOf(this.gdef!, this.glyphClasses, glyph) === MARK_GLYPH_CLASS;
  }
}

/** The offset of the record tagged `tag` in a list of (tag, offset16) records at `list` of `d`. */
function recordOffset(d: Buffer, list: number, tag: string): number | undefined {
  for (let i = 0, n = d.readUInt16BE(list); i < n; i++) {
    const record = list + 2 + 6 * i;
    if (d.toString('latin1', record, record + 4) === tag) return d.readUInt16BE(record + 4);
  }
  return undefined;
}

/**
 * What was found in a table for a glyph, by the table's bytes, then the place in them and the
 * glyph (`at * 0x10000 + glyph`): a run meets the same few glyphs again and again, and a CJK
 * font's coverage lists are long (looked through for each word, they were most of its layout).
 */
type Found = WeakMap<Buffer, Map<number, number>>;
const coverageIndexes: Found = new WeakMap();
const glyphClasses: Found = new WeakMap();

/** What `find` gives for a glyph at `at` of `d`, found once. */
function foundOnce(found: Found, d: Buffer, at: number, glyph: number, find: (d: Buffer, at: number, glyph: number) => number): number {
  let inTable = found.get(d);
  if (!inTable) found.set(d, (inTable = new Map()));
  const key = at * 0x10000 + glyph;
  let value = inTable.get(key);
  if (value === undefined) inTable.set(key, (value = find(d, at, glyph)));
  return value;
}

/** The coverage index of a glyph in the coverage table at `at` of `d`; -1 when not covered. */
function coverageIndex(d: Buffer, at: number, glyph: number): number {
  return foundOnce(coverageIndexes, d, at, glyph, lookUpCoverage);
}

function lookUpCoverage(d: Buffer, at: number, glyph: number): number {
  const n = d.readUInt16BE(at + 2);
  if (d.readUInt16BE(at) === 1) {
    for (let i = 0; i < n; i++) if (d.readUInt16BE(at + 4 + 2 * i) === glyph) return i;
    return -1;
  }
  for (let i = 0; i < n; i++) {
    const range = at + 4 + 6 * i;
    const start = d.readUInt16BE(range);
    if (start <= glyph && glyph <= d.readUInt16BE(range + 2)) return d.readUInt16BE(range + 4) + glyph - start;
  }
  return -1;
}

/** The class of a glyph in the class definition at `at` of `d` (0 when it has none). */
function classOf(d: Buffer, at: number, glyph: number): number {
  return foundOnce(glyphClasses, d, at, glyph, lookUpClass);
}

function lookUpClass(d: Buffer, at: number, glyph: number): number {
  if (d.readUInt16BE(at) === 1) {
    const i = glyph - d.readUInt16BE(at + 2);
    return i >= 0 && i < d.readUInt16BE(at + 4) ? d.readUInt16BE(at + 6 + 2 * i) : 0;
  }
  for (let i = 0, n = d.readUInt16BE(at + 2); i < n; i++) {
    const range = at + 4 + 6 * i;
    if (d.readUInt16BE(range) <= glyph && glyph <= d.readUInt16BE(range + 2)) return d.readUInt16BE(range + 4);
  }
  return 0;
}

/** Bytes of a value record of a format (2 per field set). */
function valueRecordSize(format: number): number {
  let size = 0;
  for (let f = format & 0xff; f; f >>= 1) size += (f & 1) * 2;
  return size;
}

/** The X advance adjustment of the value record at `at` (0 when its format has none). */
function xAdvanceOf(d: Buffer, at: number, format: number): number {
  if (!(format & 0x4)) return 0;
  return d.readInt16BE(at + (format & 0x1 ? 2 : 0) + (format & 0x2 ? 2 : 0));
}
