/**
 * The layout tables' structure checked at open (layout-table-check.ts): the shipped fonts'
 * tables pass, and a table that would make fontkit decode without end is refused at once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLayoutTable } from '../../src/font/layout-table-check.js';

const root = path.resolve(import.meta.dirname, '../..');
const families = path.join(root, 'node_modules/@expo-google-fonts');

/** Table `tag` of a font file's bytes, or undefined. */
function tableOf(font: Buffer, tag: string): Buffer | undefined {
  for (let i = 0; i < font.readUInt16BE(4); i++) {
    const rec = 12 + 16 * i;
    if (font.toString('latin1', rec, rec + 4) === tag) return font.subarray(font.readUInt32BE(rec + 8), font.readUInt32BE(rec + 8) + font.readUInt32BE(rec + 12));
  }
  return undefined;
}

/** Big-endian 16-bit words as bytes. */
const words = (...w: number[]) => Buffer.from(w.flatMap((x) => [x >> 8, x & 0xff]));

describe('the layout tables checked at open', () => {
  it('pass for every shipped font', () => {
    const files = readdirSync(families).flatMap((family) =>
      readdirSync(path.join(families, family), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .flatMap((d) => readdirSync(path.join(families, family, d.name)).filter((f) => f.endsWith('.ttf')).map((f) => path.join(families, family, d.name, f))),
    );
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const font = readFileSync(file);
      for (const tag of ['GSUB', 'GPOS', 'GDEF'] as const) {
        const table = tableOf(font, tag);
        if (table) expect(checkLayoutTable(tag, table)).toBeLessThan(50_000);
      }
    }
  });

  it('refuses a lookup list whose lookups and subtables name one subtable over and over (8 KB that fontkit would decode 4 million times)', () => {
    const n = 2000;
    const lookup = 10 + 2 + 2 * n; // every lookup offset names one lookup
    const subtable = 6 + 2 * n; // and its every subtable offset one single adjustment
    const table = Buffer.concat([
      words(1, 0, 0, 0, 10), // version 1.0, no scripts or features, the lookup list at 10
      words(n, ...Array(n).fill(2 + 2 * n)),
      words(1, 0, n, ...Array(n).fill(subtable)),
      words(1, 6, 0, 1, 0), // format 1, coverage at 6, no value; the coverage: no glyph
    ]);
    expect(lookup + subtable).toBeLessThan(table.length);
    expect(() => checkLayoutTable('GPOS', table)).toThrow(/^its table "GPOS" would take too long to read/);
  });

  it('refuses offsets and counts past its end, unknown versions, formats and lookups', () => {
    expect(() => checkLayoutTable('GPOS', words(1, 0, 0, 0, 10, 1, 0xfff0))).toThrow('its table "GPOS" has an offset (at byte 12) past its end');
    expect(() => checkLayoutTable('GSUB', words(2, 0, 0, 0, 0))).toThrow('its table "GSUB" has version 0x20000');
    expect(() => checkLayoutTable('GSUB', words(1, 0, 0, 0, 10, 1, 4, 1, 0, 9))).toThrow('its table "GSUB" has 9 items (at byte 20) that run past its end');
    expect(() => checkLayoutTable('GPOS', words(1, 0, 0, 0, 10, 1, 4, 10, 0, 1, 8, 1, 6, 0, 0))).toThrow('its table "GPOS" has a lookup of type 10 (at byte 22)');
    expect(() => checkLayoutTable('GDEF', words(1, 0, 12, 0, 0, 0, 3, 0))).toThrow('its table "GDEF" has a class definition of format 3 (at byte 12)');
  });
});
