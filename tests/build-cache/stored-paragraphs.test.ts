/**
 * Set paragraphs through the build cache's flat form and a structured clone (as to disk and
 * back): every field of every line and atom comes back, atoms in the fonts of the build that
 * reads them, and what atoms shared (a run's marks, a glyph list) still shared.
 */
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { readParagraphs, storeParagraphs, type StoredParagraphs } from '../../src/build-cache/stored-paragraphs.js';
import { DEFAULT_LOOK } from '../../src/text/atoms.js';
import type { Inline } from '../../src/text/inline.js';
import { setParagraph, type SetParagraph } from '../../src/text/paragraph.js';
import { FakeFont, fakeStyle } from '../helpers/fake-font.js';

const RUNS: Inline[] = [
  { text: '静安区现有中等职业学校 5 所，“质量提升年”', bold: false },
  { text: '重点强调', bold: false, emphasis: true },
  { text: '见 https://example.com/reports/2025/jingan/vocational-education/quality.pdf 与', bold: false, link: { uri: 'https://example.com' } },
  { text: '2', bold: false, script: 'sup', link: { dest: 'fn-1' }, footnote: 1 },
  { text: '，加粗的 IT 与 AI 类专业 12 个，Ω 字符此字体没有，均值 x\u0304。', bold: true },
];

function paragraphs(): Map<string, SetParagraph> {
  const style = { ...fakeStyle(17, 2), look: DEFAULT_LOOK };
  const font = new FakeFont('fake', new Set(['Ω']));
  const latin = new FakeFont('latin');
  style.regular = [font];
  style.bold = [font];
  return new Map([
    ['a', setParagraph(RUNS, style)],
    ['b', setParagraph(RUNS, { ...style, latin: { regular: [latin], bold: [latin] }, align: 'left', width: 230 })],
    ['empty', setParagraph([], style)],
  ]);
}

/** Stored, cloned as the cache file holds it, and read with the fonts `fonts` gives by key. */
function roundTrip(set: Map<string, SetParagraph>, fonts: Map<string, FakeFont>): Map<string, SetParagraph> {
  const stored = deserialize(serialize(storeParagraphs(set).stored)) as StoredParagraphs;
  return readParagraphs(stored, (key) => fonts.get(key)!).paragraphs;
}

describe('set paragraphs stored for the build cache', () => {
  it('come back field for field, in the fonts of the build that reads them', () => {
    const set = paragraphs();
    const fonts = new Map(['fake', 'latin'].map((k) => [k, new FakeFont(k, new Set(['Ω']))]));
    const back = roundTrip(set, fonts);
    expect([...back.keys()]).toEqual([...set.keys()]);
    const atoms = [...set.values()].flatMap((s) => s.lines.flatMap((l) => l.atoms));
    expect(atoms.some((a) => a.glyphs.some((g) => g.dx && g.dy))).toBe(true); // (x̄: a mark moved over its base)
    expect(atoms.some((a) => a.look) && atoms.some((a) => a.continuesWord) && atoms.some((a) => a.marks.link) && atoms.some((a) => a.font.key === 'latin')).toBe(true);
    expect(set.get('a')!.missing).toEqual(['Ω']);
    for (const [key, s] of set) {
      const b = back.get(key)!;
      expect({ ...b, lines: b.lines.map((l) => ({ ...l, atoms: l.atoms.map((a) => ({ ...a, font: a.font.key })) })) }).toEqual({
        ...s,
        lines: s.lines.map((l) => ({ ...l, atoms: l.atoms.map((a) => ({ ...a, font: a.font.key })) })),
      });
      b.lines.flatMap((l) => l.atoms).forEach((a) => expect(a.font).toBe(fonts.get(a.font.key)));
      // every own field of every atom and line is carried (a field added later must be stored too)
      s.lines.forEach((l, i) => {
        expect(Object.keys(b.lines[i]).sort()).toEqual(Object.keys(l).sort());
        l.atoms.forEach((a, k) => expect(Object.keys(b.lines[i].atoms[k]).sort()).toEqual(Object.keys(a).sort()));
      });
    }
  });

  it('keep what atoms shared: the marks of one run, one glyph list', () => {
    const set = paragraphs();
    const back = roundTrip(set, new Map(['fake', 'latin'].map((k) => [k, new FakeFont(k)])));
    const pairs = (s: SetParagraph) => {
      const atoms = s.lines.flatMap((l) => l.atoms);
      return atoms.flatMap((a, i) => atoms.slice(i + 1).map((b) => [a.marks === b.marks, a.glyphs === b.glyphs, a.look === b.look]));
    };
    expect(pairs(back.get('a')!)).toEqual(pairs(set.get('a')!));
    expect(pairs(back.get('b')!)).toEqual(pairs(set.get('b')!));
  });

  it('once read, are copied as they lie by the next store, the edited one alone flattened anew', () => {
    const fonts = new Map(['fake', 'latin'].map((k) => [k, new FakeFont(k, new Set(['Ω']))]));
    const fontOf = (key: string) => fonts.get(key)!;
    const clone = (stored: StoredParagraphs) => deserialize(serialize(stored)) as StoredParagraphs;
    const style = { ...fakeStyle(17, 2), look: DEFAULT_LOOK };
    const many = new Map(Array.from({ length: 8 }, (_, i) => [`p${i}`, setParagraph([{ ...RUNS[i % RUNS.length], text: `${RUNS[i % RUNS.length].text}${i}` }], style)]));
    let read = readParagraphs(clone(storeParagraphs(many).stored), fontOf);
    expect(read.placed.stored.copies).toBe(0);
    const seen: number[] = [];
    for (let edit = 1; edit <= 18; edit++) {
      // the build after an edit: the paragraphs read, one of them set again with new text
      const next = new Map(read.paragraphs);
      next.set('p3', setParagraph([{ ...RUNS[0], text: `改 ${edit} 次` }], style));
      const placed = storeParagraphs(next, read.placed);
      seen.push(placed.stored.copies);
      const again = readParagraphs(clone(placed.stored), fontOf);
      const fresh = readParagraphs(clone(storeParagraphs(next).stored), fontOf);
      const plain = (m: Map<string, SetParagraph>) => [...m].map(([k, s]) => [k, { ...s, lines: s.lines.map((l) => ({ ...l, atoms: l.atoms.map((a) => ({ ...a, font: a.font.key })) })) }]);
      expect(plain(again.paragraphs)).toEqual(plain(fresh.paragraphs));
      read = again;
    }
    // each store copies from the one before, until a store made anew leaves out what gone paragraphs used
    expect(seen).toEqual([...Array.from({ length: 16 }, (_, i) => i + 1), 0, 1]);
  });

  it('are stored anew when most of those read are gone', () => {
    const set = paragraphs();
    const read = readParagraphs(deserialize(serialize(storeParagraphs(set).stored)) as StoredParagraphs, () => new FakeFont());
    const fewer = new Map([...read.paragraphs].slice(0, 1));
    expect(storeParagraphs(fewer, read.placed).stored.copies).toBe(0);
    expect(storeParagraphs(read.paragraphs, read.placed).stored.copies).toBe(1);
  });

  it('that are cut short or run on are refused, not read', () => {
    const set = paragraphs();
    const { stored } = storeParagraphs(set);
    const font = () => new FakeFont();
    expect(() => readParagraphs({ ...stored, ints: stored.ints.subarray(0, stored.ints.length - 40) }, font)).toThrow();
    expect(() => readParagraphs({ ...stored, floats: stored.floats.subarray(0, stored.floats.length - 1) }, font)).toThrow();
    expect(() => readParagraphs({ ...stored, text: stored.text.slice(1) }, font)).toThrow();
    expect(() => readParagraphs({ ...stored, glyphLists: { ...stored.glyphLists, ints: stored.glyphLists.ints.subarray(0, stored.glyphLists.ints.length - 1) } }, font)).toThrow();
    const moreLines = Int32Array.from(stored.ints);
    moreLines[3 + set.get('a')!.missing.length] += 1; // the first paragraph's count of lines
    expect(() => readParagraphs({ ...stored, ints: moreLines }, font)).toThrow();
  });
});
