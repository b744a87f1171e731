/**
 * The structure of a font's OpenType layout tables (GSUB, GPOS, GDEF) checked before anything
 * reads them. fontkit decodes these tables eagerly through every offset, as often as offsets
 * name a subtable, and trusts their counts: a table overwritten with other bytes made it decode
 * billions of records (a build spun for a minute and died out of memory; its `layout` of ten
 * letters never returned), and Imprint's own reader (opentype-layout.ts) walks the same
 * offsets. So each table is walked once, as the OpenType specification lays it out, the way
 * fontkit 2.0 decodes it (tables/opentype.js, GSUB.js, GPOS.js, GDEF.js, variations.js):
 * - every offset, count and array lies inside the table, every format and version is one
 *   fontkit decodes, every feature and lookup index names one the table has;
 * - the work of decoding it all, offsets followed as often as they occur, is at most `MAX_WORK`
 *   (a subtable reached twice is walked once: the check itself costs the table's size);
 * - a language system's features list at most `MAX_SUBTABLES_APPLIED` lookup subtables, a
 *   lookup as often as listed (each is tried at every glyph of a text laid out).
 * There are no cycles to look for: an offset counts forward from the start of the subtable that
 * holds it or of one holding that, so each subtable starts after the one that names it, and the
 * tables' grammar nests a few levels deep (an extension of an extension is refused). The danger
 * is repetition: fontkit does not remember a subtable it decoded for another offset.
 * A table that fails is damage (`DamagedFont`), found when the face is opened.
 *
 * Offsets in bytes from the start of the table; work in 16-bit fields read.
 */
import { DamagedFont } from './sfnt-file.js';

/**
 * Most work decoding a whole layout table may take, 16-bit fields read (fontkit decodes some
 * ten million a second). The shipped fonts' tables take at most some 36,000 (NotoSerifSC's
 * GPOS, 65 KB); a table ten times the largest real one still fits.
 */
const MAX_WORK = 4_000_000;
/**
 * Most lookup subtables the features of one language system may list (a lookup listed twice
 * counts twice): each is tried at each glyph. A real font's are some hundreds.
 */
const MAX_SUBTABLES_APPLIED = 65_536;

/** Checks a face's layout tables (`table(tag)`: a table's bytes, undefined for one it lacks): see `checkLayoutTable`. */
export function checkLayoutTables(table: (tag: string) => Buffer | undefined): void {
  for (const tag of ['GDEF', 'GSUB', 'GPOS'] as const) {
    const bytes = table(tag);
    if (bytes) checkLayoutTable(tag, bytes);
  }
}

/**
 * Throws `DamagedFont` unless layout table `tag` (`GSUB`, `GPOS` or `GDEF`), bytes `d`, is sound
 * (see above); else gives the work of decoding it, fields.
 */
export function checkLayoutTable(tag: 'GSUB' | 'GPOS' | 'GDEF', d: Buffer): number {
  const walk = new TableWalk(tag, d);
  const work = tag === 'GDEF' ? walk.gdef() : walk.lookupTable(tag === 'GSUB' ? 7 : 9);
  if (work > MAX_WORK) throw new DamagedFont(`its table "${tag}" would take too long to read (its offsets name the same subtables over and over)`);
  return work;
}

/** One walk of a table: each subtable's work, remembered by its kind and place. */
class TableWalk {
  /** The work of each subtable walked: by its kind and shape (see `node`), then by its place. */
  private readonly work: Map<number, number>[] = [];
  /** A number for each kind of subtable met, and for each kind and shape, an index of `work`. */
  private readonly kinds = new Map<string, number>();
  private readonly shapes = new Map<number, number>();
  /** Counts read from the header, for the indexes that name them. */
  private featureCount = 0;
  private lookupCount = 0;
  /** Per lookup, its subtables; per feature, the subtables of the lookups it lists. */
  private readonly lookupSubtables: number[] = [];
  private readonly featureSubtables: number[] = [];

  constructor(
    private readonly tag: string,
    private readonly d: Buffer,
  ) {}

  /** GSUB or GPOS (`extension`: the lookup type of an extension subtable). */
  lookupTable(extension: number): number {
    const version = this.u32(0);
    if (version !== 0x10000 && version !== 0x10001) throw this.damaged(`has version 0x${version.toString(16)}`);
    const lookups = this.offset(0, 8);
    let work = 5;
    if (lookups !== null) work += this.node('lookups', lookups, (at) => this.lookupList(at, extension));
    const features = this.offset(0, 6);
    if (features !== null) work += this.node('features', features, (at) => this.featureList(at));
    const scripts = this.offset(0, 4);
    if (scripts !== null) work += this.node('scripts', scripts, (at) => this.records(at, (script) => this.node('script', script, (sc) => this.script(sc))));
    if (version === 0x10001) {
      const variations = this.offset32(0, 10);
      if (variations !== null) work += this.node('featureVariations', variations, (at) => this.featureVariations(at));
    }
    return work;
  }

  /** GDEF. */
  gdef(): number {
    const version = this.u32(0);
    if (version !== 0x10000 && version !== 0x10002 && version !== 0x10003) throw this.damaged(`has version 0x${version.toString(16)}`);
    let work = 6;
    for (const field of [4, 10]) work += this.child(0, field, 'classDef', (at) => this.classDef(at));
    work += this.child(0, 6, 'attachList', (at) => this.coverageAnd(at, (count) => 2 + this.offsets(at + 4, count, at, 'attachPoint', (p) => 1 + this.array(p + 2, this.u16(p), 2))));
    work += this.child(0, 8, 'ligCaretList', (at) =>
      this.coverageAnd(at, (count) => 2 + this.offsets(at + 4, count, at, 'ligGlyph', (g) => 1 + this.offsets(g + 2, this.u16(g), g, 'caret', (c) => this.caret(c)))),
    );
    if (version >= 0x10002)
      work += this.child(0, 12, 'markGlyphSets', (at) => {
        const count = this.u16(at + 2);
        this.array(at + 4, count, 4);
        let sets = 2 + 2 * count;
        for (let i = 0; i < count; i++) sets += this.child32(at, at + 4 + 4 * i, 'coverage', (c) => this.coverage(c));
        return sets;
      });
    if (version === 0x10003) {
      const store = this.offset32(0, 14);
      if (store !== null) work += this.node('varStore', store, (at) => this.variationStore(at));
    }
    return work;
  }

  private lookupList(at: number, extension: number): number {
    this.lookupCount = this.u16(at);
    this.array(at + 2, this.lookupCount, 2);
    let work = 1 + this.lookupCount;
    for (let i = 0; i < this.lookupCount; i++) {
      const field = at + 2 + 2 * i;
      work += this.child(at, field, 'lookup', (l) => this.lookup(l, extension));
      this.lookupSubtables.push(this.u16(field) === 0 ? 0 : this.u16(at + this.u16(field) + 4));
    }
    return work;
  }

  private lookup(at: number, extension: number): number {
    const type = this.u16(at);
    const count = this.u16(at + 4);
    const filtering = this.u16(at + 2) & 0x10 ? 1 : 0;
    this.array(at + 6, count + filtering, 2);
    let work = 3 + count + filtering;
    for (let i = 0; i < count; i++) work += this.child(at, at + 6 + 2 * i, 'subtable', (s) => this.subtable(type, s, extension), type);
    return work;
  }

  private subtable(type: number, at: number, extension: number): number {
    if (type < 1 || type > extension) throw this.damaged(`has a lookup of type ${type} (at byte ${at})`);
    if (type === extension) {
      const inner = this.u16(at + 2);
      if (inner === extension) throw this.damaged(`has an extension subtable of an extension (at byte ${at})`);
      return 4 + this.child32(at, at + 4, 'subtable', (s) => this.subtable(inner, s, extension), inner);
    }
    return extension === 7 ? this.substitution(type, at) : this.positioning(type, at);
  }

  /** A GSUB subtable of lookup type `type`. */
  private substitution(type: number, at: number): number {
    if (type === 5) return this.context(at);
    if (type === 6) return this.chainingContext(at);
    const format = this.u16(at);
    const coverage = 2 + this.child(at, at + 2, 'coverage', (c) => this.coverage(c));
    const glyphArray = (a: number) => 1 + this.array(a + 2, this.u16(a), 2);
    switch (type) {
      case 1:
        if (format === 1) return coverage + 2;
        if (format === 2) return coverage + 1 + this.array(at + 6, this.u16(at + 4), 2);
        break;
      case 2:
      case 3:
        return coverage + 1 + this.offsets(at + 6, this.u16(at + 4), at, 'glyphArray', glyphArray);
      case 4:
        return coverage + 1 + this.offsets(at + 6, this.u16(at + 4), at, 'ligatureSet', (set) =>
          1 + this.offsets(set + 2, this.u16(set), set, 'ligature', (l) => 2 + this.array(l + 4, this.u16(l + 2) - 1, 2)),
        );
      case 8:
        if (format === 1) {
          let a = at + 4;
          let work = coverage;
          for (let side = 0; side < 2; side++) {
            const count = this.u16(a);
            work += 1 + this.coverages(a + 2, count, at);
            a += 2 + 2 * count;
          }
          return work + 1 + this.array(a + 2, this.u16(a), 2);
        }
        break;
    }
    throw this.damaged(`has a subtable of format ${format} (at byte ${at})`);
  }

  /** A GPOS subtable of lookup type `type`. */
  private positioning(type: number, at: number): number {
    if (type === 7) return this.context(at);
    if (type === 8) return this.chainingContext(at);
    const format = this.u16(at);
    const coverage = 2 + this.child(at, at + 2, 'coverage', (c) => this.coverage(c));
    switch (type) {
      case 1: {
        const value = this.u16(at + 4);
        if (format === 1) return coverage + 1 + this.valueRecords(at + 6, 1, value, at);
        if (format === 2) return coverage + 2 + this.valueRecords(at + 8, this.u16(at + 6), value, at);
        break;
      }
      case 2: {
        const [value1, value2] = [this.u16(at + 4), this.u16(at + 6)];
        if (format === 1)
          return coverage + 3 + this.offsets(at + 10, this.u16(at + 8), at, 'pairSet', (set) => {
            const pairs = this.u16(set);
            const size = 2 + 2 * (fieldsOf(value1) + fieldsOf(value2));
            let work = 1 + this.array(set + 2, pairs, size);
            if (hasDevices(value1) || hasDevices(value2))
              for (let p = 0, r = set + 2; p < pairs; p++, r += size) work += this.devices(r + 2, value1, at) + this.devices(r + 2 + 2 * fieldsOf(value1), value2, at);
            return work;
          });
        if (format === 2) {
          const classes = this.child(at, at + 8, 'classDef', (c) => this.classDef(c)) + this.child(at, at + 10, 'classDef', (c) => this.classDef(c));
          const records = this.u16(at + 12) * this.u16(at + 14);
          const size = 2 * (fieldsOf(value1) + fieldsOf(value2));
          let work = coverage + 6 + classes + this.array(at + 16, records, size);
          if (hasDevices(value1) || hasDevices(value2))
            for (let r = 0; r < records; r++) work += this.devices(at + 16 + size * r, value1, at) + this.devices(at + 16 + size * r + 2 * fieldsOf(value1), value2, at);
          return work;
        }
        break;
      }
      case 3:
        if (format === 1) {
          const count = this.u16(at + 4);
          return coverage + 1 + this.offsets(at + 6, 2 * count, at, 'anchor', (a) => this.anchor(a));
        }
        break;
      case 4:
      case 5:
      case 6:
        if (format === 1) {
          const classCount = this.u16(at + 6);
          const marks = 1 + this.child(at, at + 8, 'markArray', (m) => {
            const count = this.u16(m);
            this.array(m + 2, count, 4);
            let work = 1 + 2 * count;
            for (let i = 0; i < count; i++) work += this.child(m, m + 4 + 4 * i, 'anchor', (a) => this.anchor(a));
            return work;
          });
          const anchorRows = (array: number) => 1 + this.offsets(array + 2, this.u16(array) * classCount, array, 'anchor', (a) => this.anchor(a));
          const bases = type === 5
            ? this.child(at, at + 10, 'ligatureArray', (l) => 1 + this.offsets(l + 2, this.u16(l), l, 'ligatureAttach', anchorRows, classCount))
            : this.child(at, at + 10, 'baseArray', anchorRows, classCount);
          return coverage + 2 + this.child(at, at + 4, 'coverage', (c) => this.coverage(c)) + marks + bases;
        }
        break;
    }
    throw this.damaged(`has a subtable of format ${format} (at byte ${at})`);
  }

  /** A contextual subtable (GSUB 5, GPOS 7). */
  private context(at: number): number {
    const format = this.u16(at);
    const rule = (r: number) => 2 + this.array(r + 4, this.u16(r) - 1, 2) + this.lookupRecords(r + 4 + 2 * Math.max(this.u16(r) - 1, 0), this.u16(r + 2));
    const ruleSets = (field: number) => 1 + this.offsets(field + 2, this.u16(field), at, 'ruleSet', (set) => 1 + this.offsets(set + 2, this.u16(set), set, 'rule', rule));
    const coverage = () => this.child(at, at + 2, 'coverage', (c) => this.coverage(c));
    if (format === 1) return 2 + coverage() + ruleSets(at + 4);
    if (format === 2) return 3 + coverage() + this.child(at, at + 4, 'classDef', (c) => this.classDef(c)) + ruleSets(at + 6);
    if (format === 3) {
      const glyphs = this.u16(at + 2);
      return 3 + this.coverages(at + 6, glyphs, at) + this.lookupRecords(at + 6 + 2 * glyphs, this.u16(at + 4));
    }
    throw this.damaged(`has a subtable of format ${format} (at byte ${at})`);
  }

  /** A chaining contextual subtable (GSUB 6, GPOS 8). */
  private chainingContext(at: number): number {
    const format = this.u16(at);
    const rule = (r: number) => {
      let a = r;
      let work = 0;
      for (const less of [0, 1, 0]) {
        const count = Math.max(this.u16(a) - less, 0);
        work += 1 + this.array(a + 2, count, 2);
        a += 2 + 2 * count;
      }
      return work + this.lookupRecords(a + 2, this.u16(a)) + 1;
    };
    const ruleSets = (field: number) => 1 + this.offsets(field + 2, this.u16(field), at, 'chainRuleSet', (set) => 1 + this.offsets(set + 2, this.u16(set), set, 'chainRule', rule));
    const coverage = () => this.child(at, at + 2, 'coverage', (c) => this.coverage(c));
    if (format === 1) return 2 + coverage() + ruleSets(at + 4);
    if (format === 2) {
      let classes = 0;
      for (const field of [4, 6, 8]) classes += this.child(at, at + field, 'classDef', (c) => this.classDef(c));
      return 5 + coverage() + classes + ruleSets(at + 10);
    }
    if (format === 3) {
      let a = at + 2;
      let work = 1;
      for (let side = 0; side < 3; side++) {
        const count = this.u16(a);
        work += 1 + this.coverages(a + 2, count, at);
        a += 2 + 2 * count;
      }
      return work + this.lookupRecords(a + 2, this.u16(a)) + 1;
    }
    throw this.damaged(`has a subtable of format ${format} (at byte ${at})`);
  }

  /** `count` (sequence index, lookup index) records at `at`: each lookup one the table has. */
  private lookupRecords(at: number, count: number): number {
    this.array(at, count, 4);
    for (let i = 0; i < count; i++) this.lookupIndex(this.u16(at + 4 * i + 2));
    return 2 * count;
  }

  private lookupIndex(index: number): void {
    if (index >= this.lookupCount) throw this.damaged(`names lookup ${index} of its ${this.lookupCount}`);
  }

  private featureList(at: number): number {
    this.featureCount = this.u16(at);
    this.array(at + 2, this.featureCount, 6);
    let work = 1 + 3 * this.featureCount;
    for (let i = 0; i < this.featureCount; i++) {
      const field = at + 2 + 6 * i + 4;
      work += this.child(at, field, 'feature', (f) => this.feature(f));
      this.featureSubtables.push(this.u16(field) === 0 ? 0 : this.subtablesListed(at + this.u16(field)));
    }
    return work;
  }

  /** A feature (its lookups checked to be the table's). */
  private feature(at: number): number {
    const count = this.u16(at + 2);
    this.array(at + 4, count, 2);
    for (let i = 0; i < count; i++) this.lookupIndex(this.u16(at + 4 + 2 * i));
    return 2 + count + this.child(at, at, 'featureParams', (p) => this.array(p, 2, 2));
  }

  /** The subtables of the lookups the feature at `at` lists, a lookup as often as listed (checked by `feature`). */
  private subtablesListed(at: number): number {
    let subtables = 0;
    for (let i = 0, n = this.u16(at + 2); i < n; i++) subtables += 1 + this.lookupSubtables[this.u16(at + 4 + 2 * i)];
    return subtables;
  }

  private script(at: number): number {
    const langSys = (l: number) => {
      const count = this.u16(l + 4);
      this.array(l + 6, count, 2);
      let applied = 0;
      for (let i = 0; i < count; i++) applied += this.featureIndex(this.u16(l + 6 + 2 * i));
      const required = this.u16(l + 2);
      if (required !== 0xffff) applied += this.featureIndex(required);
      if (applied > MAX_SUBTABLES_APPLIED) throw this.damaged(`has a language system (at byte ${l}) whose features list ${applied} lookup subtables`);
      return 3 + count;
    };
    return 1 + this.child(at, at, 'langSys', langSys) + this.records(at + 2, (l) => this.node('langSys', l, langSys), at);
  }

  /** The subtables listed by the feature at `index` (of the feature list, read before the scripts). */
  private featureIndex(index: number): number {
    if (index >= this.featureCount) throw this.damaged(`names feature ${index} of its ${this.featureCount}`);
    return this.featureSubtables[index];
  }

  private featureVariations(at: number): number {
    const count = this.u32(at + 4);
    this.array(at + 8, count, 8);
    let work = 4 + 4 * count;
    for (let i = 0; i < count; i++) {
      const record = at + 8 + 8 * i;
      work += this.child32(at, record, 'conditionSet', (c) => {
        const conditions = this.u16(c);
        this.array(c + 2, conditions, 4);
        let set = 1 + 2 * conditions;
        for (let k = 0; k < conditions; k++)
          set += this.child32(c, c + 2 + 4 * k, 'condition', (t) => {
            if (this.u16(t) !== 1) throw this.damaged(`has a condition of format ${this.u16(t)} (at byte ${t})`);
            return this.array(t, 4, 2);
          });
        return set;
      });
      work += this.child32(at, record + 4, 'featureSubstitution', (s) => {
        const substitutions = this.u16(s + 4);
        this.array(s + 6, substitutions, 6);
        let subs = 3 + 3 * substitutions;
        for (let k = 0; k < substitutions; k++) {
          this.featureIndex(this.u16(s + 6 + 6 * k));
          subs += this.child32(s, s + 8 + 6 * k, 'feature', (f) => this.feature(f));
        }
        return subs;
      });
    }
    return work;
  }

  private variationStore(at: number): number {
    let work = 4 + this.child32(at, at + 2, 'regionList', (r) => 2 + this.array(r + 4, this.u16(r) * this.u16(r + 2), 6));
    const count = this.u16(at + 6);
    this.array(at + 8, count, 4);
    for (let i = 0; i < count; i++)
      work += 2 + this.child32(at, at + 8 + 4 * i, 'variationData', (v) => {
        const [items, shorts, regions] = [this.u16(v), this.u16(v + 2), this.u16(v + 4)];
        if (shorts > regions) throw this.damaged(`has variation data of ${shorts} short deltas in ${regions} (at byte ${v})`);
        return 3 + this.array(v + 6, regions, 2) + this.array(v + 6 + 2 * regions, items, 2 * shorts + (regions - shorts));
      });
    return work;
  }

  private coverage(at: number): number {
    const format = this.u16(at);
    if (format === 1) return 2 + this.array(at + 4, this.u16(at + 2), 2);
    if (format === 2) return 2 + this.array(at + 4, this.u16(at + 2), 6);
    throw this.damaged(`has a coverage of format ${format} (at byte ${at})`);
  }

  /** A subtable that starts with a coverage offset, then a count, then `rest(count)`. */
  private coverageAnd(at: number, rest: (count: number) => number): number {
    return 1 + this.child(at, at, 'coverage', (c) => this.coverage(c)) + rest(this.u16(at + 2));
  }

  private classDef(at: number): number {
    const format = this.u16(at);
    if (format === 1) return 3 + this.array(at + 6, this.u16(at + 4), 2);
    if (format === 2) return 2 + this.array(at + 4, this.u16(at + 2), 6);
    throw this.damaged(`has a class definition of format ${format} (at byte ${at})`);
  }

  private anchor(at: number): number {
    const format = this.u16(at);
    if (format === 1) return this.array(at, 3, 2);
    if (format === 2) return this.array(at, 4, 2);
    if (format === 3) return this.array(at, 5, 2) + this.child(at, at + 6, 'device', (d) => this.array(d, 3, 2)) + this.child(at, at + 8, 'device', (d) => this.array(d, 3, 2));
    throw this.damaged(`has an anchor of format ${format} (at byte ${at})`);
  }

  private caret(at: number): number {
    const format = this.u16(at);
    if (format === 1 || format === 2) return this.array(at, 2, 2);
    if (format === 3) return this.array(at, 3, 2) + this.child(at, at + 4, 'device', (d) => this.array(d, 3, 2));
    throw this.damaged(`has a caret of format ${format} (at byte ${at})`);
  }

  /** `count` value records of format `format` at `at`, their device offsets from `base`. */
  private valueRecords(at: number, count: number, format: number, base: number): number {
    const size = 2 * fieldsOf(format);
    let work = this.array(at, count, size);
    if (hasDevices(format)) for (let i = 0; i < count; i++) work += this.devices(at + size * i, format, base);
    return work;
  }

  /** The device tables of the value record at `at` (format `format`), offsets from `base`. */
  private devices(at: number, format: number, base: number): number {
    let work = 0;
    let field = at;
    for (let bit = 0; bit < 8; bit++) {
      if (!(format & (1 << bit))) continue;
      if (bit >= 4) work += this.child(base, field, 'device', (d) => this.array(d, 3, 2));
      field += 2;
    }
    return work;
  }

  /** `count` coverage offsets at `at`, from `base`. */
  private coverages(at: number, count: number, base: number): number {
    return this.offsets(at, count, base, 'coverage', (c) => this.coverage(c));
  }

  /** A list of `count` offsets at `at` (from `base`) to subtables of one kind (and `shape`: see `node`); null offsets skipped. */
  private offsets(at: number, count: number, base: number, kind: string, read: (at: number) => number, shape = 0): number {
    let work = this.array(at, count, 2);
    for (let i = 0; i < count; i++) work += this.child(base, at + 2 * i, kind, read, shape);
    return work;
  }

  /** A list of (tag, offset) records at `at` with its count before it (offsets from `base`, the list by default). */
  private records(at: number, read: (at: number) => number, base = at): number {
    const count = this.u16(at);
    let work = 1 + this.array(at + 2, count, 6);
    for (let i = 0; i < count; i++) {
      const to = this.offset(base, at + 2 + 6 * i + 4);
      if (to !== null) work += read(to);
    }
    return work;
  }

  /** The subtable of the 16-bit offset at `field` (from `base`), walked once; no work for a null offset. */
  private child(base: number, field: number, kind: string, read: (at: number) => number, shape = 0): number {
    const at = this.offset(base, field);
    return at === null ? 0 : this.node(kind, at, read, shape);
  }

  /** As `child`, for a 32-bit offset. */
  private child32(base: number, field: number, kind: string, read: (at: number) => number, shape = 0): number {
    const at = this.offset32(base, field);
    return at === null ? 0 : this.node(kind, at, read, shape);
  }

  /**
   * The work of the subtable of a kind at `at`, walked on first meeting. `shape`: what else
   * its layout depends on (a lookup type, a class count), 0 to 65,535.
   */
  private node(kind: string, at: number, read: (at: number) => number, shape = 0): number {
    let k = this.kinds.get(kind);
    if (k === undefined) this.kinds.set(kind, (k = this.kinds.size));
    let index = this.shapes.get(k * 0x10000 + shape);
    if (index === undefined) {
      this.shapes.set(k * 0x10000 + shape, (index = this.work.length));
      this.work.push(new Map());
    }
    const walked = this.work[index];
    let work = walked.get(at);
    if (work === undefined) walked.set(at, (work = read(at)));
    return work;
  }

  /** Where the 16-bit offset at `field` points (from `base`); null for 0. */
  private offset(base: number, field: number): number | null {
    const off = this.u16(field);
    return off === 0 ? null : this.inside(base + off, field);
  }

  private offset32(base: number, field: number): number | null {
    const off = this.u32(field);
    return off === 0 ? null : this.inside(base + off, field);
  }

  private inside(at: number, field: number): number {
    if (at + 2 > this.d.length) throw this.damaged(`has an offset (at byte ${field}) past its end`);
    return at;
  }

  /** Checks that `count` items of `size` bytes at `at` lie in the table; their work, fields. */
  private array(at: number, count: number, size: number): number {
    if (count <= 0) return 0;
    if (at + count * size > this.d.length) throw this.damaged(`has ${count} items (at byte ${at}) that run past its end`);
    return (count * size) / 2;
  }

  private u16(at: number): number {
    if (at + 2 > this.d.length) throw this.damaged(`runs past its end (at byte ${at})`);
    return this.d.readUInt16BE(at);
  }

  private u32(at: number): number {
    if (at + 4 > this.d.length) throw this.damaged(`runs past its end (at byte ${at})`);
    return this.d.readUInt32BE(at);
  }

  /** The damage, in words that follow "the font file is damaged: ". */
  private damaged(what: string): DamagedFont {
    return new DamagedFont(`its table "${this.tag}" ${what}`);
  }
}

/** Whether value records of a format have device table offsets (bits 4–7). */
function hasDevices(format: number): boolean {
  return (format & 0xf0) !== 0;
}

/** Fields of a value record of a format (its bits 0–7 each a 16-bit field). */
function fieldsOf(format: number): number {
  let n = 0;
  for (let f = format & 0xff; f; f >>= 1) n += f & 1;
  return n;
}
