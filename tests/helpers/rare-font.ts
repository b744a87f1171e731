/**
 * A real font file that has only the characters asked for, each drawn with another character's
 * glyph of an installed font (a stand-in for a font of rare characters, such as HanaMinB for
 * 𠮷 U+20BB7, which no shipped font has), under a name of its own.
 */
import { readFileSync } from 'node:fs';
import { openSync as openFont, type Font } from 'fontkit';
import { assemble } from '../../src/font/sfnt-writer.js';

/**
 * The font `base` (a TrueType file) with a cmap of `chars` only (each character → the glyph of
 * the base's character it maps to) and the PostScript name `name`.
 */
export function rareFont(base: string, chars: Record<string, string>, name: string): Buffer {
  const bytes = readFileSync(base);
  const font = openFont(base) as Font;
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < bytes.readUInt16BE(4); i++) {
    const rec = 12 + 16 * i;
    const [offset, length] = [bytes.readUInt32BE(rec + 8), bytes.readUInt32BE(rec + 12)];
    tables.set(bytes.toString('latin1', rec, rec + 4), Buffer.from(bytes.subarray(offset, offset + length)));
  }
  const pairs = Object.entries(chars)
    .map(([ch, like]) => [ch.codePointAt(0)!, font.glyphForCodePoint(like.codePointAt(0)!).id] as const)
    .sort((a, b) => a[0] - b[0]);
  tables.set('cmap', cmap12(pairs));
  tables.set('name', nameTable(name));
  for (const tag of ['GSUB', 'GPOS', 'DSIG']) tables.delete(tag); // (their lookups name characters this font no longer maps)
  return assemble(tables);
}

/** A cmap of one Windows UCS-4 subtable, format 12, a group per character. */
function cmap12(pairs: readonly (readonly [number, number])[]): Buffer {
  const sub = Buffer.alloc(16 + 12 * pairs.length);
  sub.writeUInt16BE(12, 0);
  sub.writeUInt32BE(sub.length, 4);
  sub.writeUInt32BE(pairs.length, 12);
  pairs.forEach(([cp, id], i) => {
    sub.writeUInt32BE(cp, 16 + 12 * i);
    sub.writeUInt32BE(cp, 20 + 12 * i);
    sub.writeUInt32BE(id, 24 + 12 * i);
  });
  const head = Buffer.alloc(12);
  head.writeUInt16BE(1, 2); // one subtable
  head.writeUInt16BE(3, 4); // Windows
  head.writeUInt16BE(10, 6); // UCS-4
  head.writeUInt32BE(12, 8);
  return Buffer.concat([head, sub]);
}

/** A name table (format 0, Windows, US English) of family `name`, style Regular and PostScript name `name`. */
function nameTable(name: string): Buffer {
  const records: [number, string][] = [[1, name], [2, 'Regular'], [4, name], [6, name]];
  const strings = records.map(([, s]) => Buffer.from(s, 'utf16le').swap16());
  const head = Buffer.alloc(6 + 12 * records.length);
  head.writeUInt16BE(records.length, 2);
  head.writeUInt16BE(head.length, 4);
  let at = 0;
  records.forEach(([id], i) => {
    const rec = 6 + 12 * i;
    head.writeUInt16BE(3, rec);
    head.writeUInt16BE(1, rec + 2);
    head.writeUInt16BE(0x409, rec + 4);
    head.writeUInt16BE(id, rec + 6);
    head.writeUInt16BE(strings[i].length, rec + 8);
    head.writeUInt16BE(at, rec + 10);
    at += strings[i].length;
  });
  return Buffer.concat([head, ...strings]);
}
