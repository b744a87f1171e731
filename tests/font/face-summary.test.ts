/**
 * A face's names and overall metrics read from its tables agree with fontkit's, on every font
 * file at hand (Imprint's packages, the system's), and names in a form the reader does not
 * decode are left to fontkit.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fontkitFaceSummary, readFaceSummary } from '../../src/font/face-summary.js';
import { SfntFile } from '../../src/font/sfnt-file.js';

const root = path.resolve(import.meta.dirname, '../..');

/** Font files under `dir` (TrueType/OpenType), at any depth. */
function fontFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const full = path.join(dir, e);
    if (statSync(full).isDirectory()) return fontFiles(full);
    return /\.(ttf|otf)$/i.test(e) ? [full] : [];
  });
}

describe('face summary', () => {
  const files = [...fontFiles(path.join(root, 'node_modules/@expo-google-fonts')), ...fontFiles('/usr/share/fonts')];

  it('reads what fontkit reads, on every font at hand', () => {
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const sfnt = SfntFile.open(file)!;
      try {
        const ours = readFaceSummary((tag) => sfnt.table(tag));
        expect(ours, file).toBeDefined();
        expect(ours, file).toEqual(fontkitFaceSummary(fontkit.create(readFileSync(file)) as Font));
      } finally {
        sfnt.close();
      }
    }
  });

  it('leaves to fontkit names that are not in English, or not in UTF-16 or ASCII', () => {
    const file = path.join(root, 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');
    const sfnt = SfntFile.open(file)!;
    try {
      const tables = (name: Buffer) => (tag: string) => (tag === 'name' ? name : sfnt.table(tag));
      expect(readFaceSummary(tables(nameTable([[3, 1, 0x804, 1, utf16('思源宋体')]])))).toBeUndefined(); // Chinese only: fontkit takes it
      expect(readFaceSummary(tables(nameTable([[1, 0, 0, 1, Buffer.from([0x8a, 0x41])]])))).toBeUndefined(); // Mac Roman beyond ASCII
      expect(readFaceSummary(tables(nameTable([[3, 1, 0x409, 1, Buffer.from([0, 0x41, 0])]])))).toBeUndefined(); // odd UTF-16
      expect(readFaceSummary(tables(nameTable([[3, 1, 0x409, 6, utf16('')]])))).toBeUndefined(); // empty: fontkit takes another language
      // the last English record wins (Windows after Mac), as in fontkit
      const both = readFaceSummary(tables(nameTable([[1, 0, 0, 6, Buffer.from('Mac-Name')], [3, 1, 0x409, 6, utf16('Win-Name')]])));
      expect(both?.postscriptName).toBe('Win-Name');
    } finally {
      sfnt.close();
    }
  });
});

function utf16(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/** A `name` table (format 0) of records [platform, encoding, language, name ID, bytes]. */
function nameTable(records: [number, number, number, number, Buffer][]): Buffer {
  const head = Buffer.alloc(6 + 12 * records.length);
  head.writeUInt16BE(records.length, 2);
  head.writeUInt16BE(head.length, 4);
  let offset = 0;
  records.forEach(([platform, encoding, language, id, bytes], i) => {
    [platform, encoding, language, id, bytes.length, offset].forEach((v, k) => head.writeUInt16BE(v, 6 + 12 * i + 2 * k));
    offset += bytes.length;
  });
  return Buffer.concat([head, ...records.map((r) => r[4])]);
}
