import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { SfntFile } from '../../src/font/sfnt-file.js';
import { TrueTypeSubset } from '../../src/render/truetype-subset.js';
import { assemble } from '../../src/font/sfnt-writer.js';

const SERIF = path.resolve('node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');

/** Each glyph's outline and advance as fontkit reads them. */
const shape = (font: Font, id: number) => ({ path: font.getGlyph(id).path.toSVG(), advance: font.getGlyph(id).advanceWidth });

describe('TrueType subset', () => {
  it('keeps every included glyph of a real font: same outline, same advance, ids in order of inclusion', () => {
    const full = fontkit.openSync(SERIF) as Font;
    const text = '教育质量报告，（2025 年度）“双减”：AI 与 STEAM。——';
    const ids = [...new Set([...text].map((c) => full.glyphForCodePoint(c.codePointAt(0)!).id))];
    const file = SfntFile.open(SERIF)!;
    const subset = new TrueTypeSubset(file);
    const cids = ids.map((id) => subset.include(id));
    expect(cids).toEqual(ids.map((_, i) => i + 1)); // .notdef is CID 0
    const bytes = subset.encode();
    file.close();
    expect(bytes.length).toBeLessThan(60_000); // not the 14 MB font
    const sub = fontkit.create(bytes) as Font;
    expect(sub.numGlyphs).toBe(ids.length + 1);
    expect(shape(sub, 0)).toEqual(shape(full, 0));
    ids.forEach((id, i) => expect(shape(sub, i + 1)).toEqual(shape(full, id)));
    expect(sub.unitsPerEm).toBe(full.unitsPerEm);
  });

  it('brings along the components of a composite glyph and renumbers them', () => {
    // a font of three glyphs: .notdef (empty), a square, and a composite of the square shifted
    const square = Buffer.alloc(10 + 2 + 2 + 1 + 4 * 2 * 2);
    square.writeInt16BE(1, 0); // one contour
    [0, 0, 500, 500].forEach((v, i) => square.writeInt16BE(v, 2 + 2 * i)); // bbox
    square.writeUInt16BE(3, 10); // endPtsOfContours[0]
    square.writeUInt16BE(0, 12); // no instructions
    // 4 points, flags "on curve" and 16-bit coordinates (flags 0x01), written as 4 flag bytes
    const flags = Buffer.from([1, 1, 1, 1]);
    const coords = Buffer.alloc(16);
    [0, 500, 0, -500].forEach((v, i) => coords.writeInt16BE(v, 2 * i)); // x deltas
    [0, 0, 500, 0].forEach((v, i) => coords.writeInt16BE(v, 8 + 2 * i)); // y deltas
    const simple = Buffer.concat([square.subarray(0, 14), flags, coords]);
    const composite = Buffer.alloc(10 + 8);
    composite.writeInt16BE(-1, 0);
    [100, 0, 600, 500].forEach((v, i) => composite.writeInt16BE(v, 2 + 2 * i));
    composite.writeUInt16BE(0x0001 | 0x0002, 10); // ARG_1_AND_2_ARE_WORDS | ARGS_ARE_XY_VALUES
    composite.writeUInt16BE(1, 12); // component: glyph 1
    composite.writeInt16BE(100, 14);
    composite.writeInt16BE(0, 16);
    const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
    const glyf = Buffer.concat([pad(simple), pad(composite)]);
    const loca = Buffer.alloc(16);
    [0, 0, pad(simple).length, glyf.length].forEach((v, i) => loca.writeUInt32BE(v, 4 * i));
    const head = Buffer.alloc(54);
    head.writeUInt32BE(0x00010000, 0);
    head.writeUInt32BE(0x5f0f3cf5, 12); // magic
    head.writeUInt16BE(1000, 18); // unitsPerEm
    head.writeInt16BE(1, 50); // long loca
    const hhea = Buffer.alloc(36);
    hhea.writeUInt32BE(0x00010000, 0);
    hhea.writeUInt16BE(3, 34);
    const maxp = Buffer.alloc(32);
    maxp.writeUInt32BE(0x00010000, 0);
    maxp.writeUInt16BE(3, 4);
    const hmtx = Buffer.alloc(12);
    [500, 600, 700].forEach((v, i) => hmtx.writeUInt16BE(v, 4 * i));
    const font = assemble(new Map([['head', head], ['hhea', hhea], ['maxp', maxp], ['hmtx', hmtx], ['loca', loca], ['glyf', glyf]]));
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'imprint-subset-')), 'composite.ttf');
    writeFileSync(file, font);

    const sfnt = SfntFile.open(file)!;
    const subset = new TrueTypeSubset(sfnt);
    expect(subset.include(2)).toBe(1);
    const sub = fontkit.create(subset.encode()) as Font;
    sfnt.close();
    expect(subset.glyphs).toEqual([0, 2, 1]); // the component came along as CID 2
    const original = fontkit.create(font) as Font;
    expect(shape(sub, 1)).toEqual(shape(original, 2)); // the composite draws the same square, shifted
    expect(shape(sub, 2)).toEqual(shape(original, 1));
    expect(sub.getGlyph(1).path.toSVG()).toContain('M100 0');
  });
});
