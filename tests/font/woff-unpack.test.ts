/**
 * WOFF and WOFF2 fonts unpacked into the TrueType file they pack (woff-unpack.ts): the same
 * tables as the file packed, the same outlines as fontkit decodes from the WOFF2 itself where
 * WOFF2 transformed them, and damage reported as damage.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { DamagedFont } from '../../src/font/sfnt-file.js';
import { unpackWoff } from '../../src/font/woff-unpack.js';
import { toWoff, toWoff2 } from '../helpers/woff.js';

const root = path.resolve(import.meta.dirname, '../..');
const MONO = readFileSync(path.join(root, 'node_modules/@expo-google-fonts/jetbrains-mono/400Regular/JetBrainsMono_400Regular.ttf'));
const WOFF2 = readFileSync(path.join(root, 'tests/fixtures/fonts/SourceCodePro-Medium.woff2'));
const LIMIT = 64 * 1024 * 1024;

/** The tables of an sfnt file, by tag. */
function tables(font: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (let i = 0; i < font.readUInt16BE(4); i++) {
    const rec = 12 + 16 * i;
    const [offset, length] = [font.readUInt32BE(rec + 8), font.readUInt32BE(rec + 12)];
    out.set(font.toString('latin1', rec, rec + 4), font.subarray(offset, offset + length));
  }
  return out;
}

describe('a WOFF or WOFF2 font unpacked', () => {
  it('WOFF 1.0, and WOFF2 with its tables as they are: the very tables packed', () => {
    for (const packed of [toWoff(MONO), toWoff2(MONO)]) {
      const unpacked = unpackWoff(packed, LIMIT);
      expect(unpacked.readUInt32BE(0)).toBe(0x00010000);
      expect(tables(unpacked)).toEqual(tables(MONO));
    }
  });

  it('WOFF2 with transformed outlines: every glyph as fontkit decodes it from the WOFF2, simple and composite', () => {
    const unpacked = unpackWoff(WOFF2, LIMIT);
    const woff = fontkit.create(WOFF2) as fontkit.Font;
    const ttf = fontkit.create(unpacked) as fontkit.Font;
    expect(ttf.numGlyphs).toBe(woff.numGlyphs);
    let composites = 0;
    for (let id = 0; id < woff.numGlyphs; id++) {
      const [a, b] = [woff.getGlyph(id), ttf.getGlyph(id)];
      expect(b.path.toSVG(), `glyph ${id}`).toBe(a.path.toSVG());
      expect(b.bbox).toEqual(a.bbox);
      if ((b as unknown as { _decode(): { numberOfContours: number } | null })._decode()?.numberOfContours === -1) composites++;
    }
    expect(composites).toBeGreaterThan(10);
  });

  it('damaged: a table that does not inflate, a file cut short, a stream that ends early', () => {
    const woff = toWoff(MONO);
    const broken = Buffer.from(woff);
    broken.fill(0xff, 44 + 20 * woff.readUInt16BE(12), 44 + 20 * woff.readUInt16BE(12) + 64);
    expect(() => unpackWoff(broken, LIMIT)).toThrow(DamagedFont);
    for (const size of [20, 100, 5000, WOFF2.length - 1000]) expect(() => unpackWoff(WOFF2.subarray(0, size), LIMIT)).toThrow(DamagedFont);
    expect(() => unpackWoff(WOFF2, 1000)).toThrow('it unpacks to more than 1000 bytes');
  });
});
