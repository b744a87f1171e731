/**
 * What a PDF's font descriptor and `imprint fonts` say of a face: its names and overall
 * metrics, read straight from its small tables (`name`, `head`, `hhea`, `OS/2`, `post`): a few
 * hundred bytes, where handing the tables to fontkit cost ~1–2 ms a face at every build. The
 * values are fontkit's (its `Font` getters), which the reader is tested to agree with; a face
 * whose English names are in a form the reader does not decode (a legacy Mac or East Asian
 * encoding) is summarised from fontkit instead.
 */
import type { Font } from 'fontkit';

/** A face's names and overall metrics. Metrics in font units. */
export interface FaceSummary {
  /** The PostScript name (name ID 6); null when the font has none. */
  postscriptName: string | null;
  /** The family name (name ID 1). */
  familyName: string | null;
  /** The style within the family (name ID 2): Regular, Bold … */
  subfamilyName: string | null;
  /** The box of all glyphs (`head`). */
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  /** Degrees, counter-clockwise from vertical (`post`). */
  italicAngle: number;
  /** Above the baseline (`hhea`). */
  ascent: number;
  /** Below the baseline, negative (`hhea`). */
  descent: number;
  /** Height of capitals (`OS/2` version 2 and later; the ascent without `OS/2`). */
  capHeight: number | undefined;
  /** Height of lower-case x (`OS/2` version 2 and later; 0 without `OS/2`). */
  xHeight: number | undefined;
  /** All glyphs have one advance (`post`). */
  fixedPitch: boolean;
  /** The IBM font class (`OS/2` sFamilyClass's high byte): 1–7 serif, 10 script. */
  familyClass: number;
  /** The italic bit of `head`'s macStyle. */
  italic: boolean;
}

/** Name IDs read. */
const FAMILY = 1;
const SUBFAMILY = 2;
const POSTSCRIPT = 6;

/**
 * The summary of a face from its tables (`table(tag)`: the bytes, or undefined for a table the
 * face lacks); undefined when a name is in a form only fontkit decodes, or a table is missing.
 */
export function readFaceSummary(table: (tag: string) => Buffer | undefined): FaceSummary | undefined {
  const head = table('head');
  const hhea = table('hhea');
  const post = table('post');
  const os2 = table('OS/2');
  const names = englishNames(table('name'));
  if (!head || head.length < 54 || !hhea || hhea.length < 8 || !post || post.length < 16 || !names || (os2 && os2.length < 32)) return undefined;
  const os2Version = os2 ? os2.readUInt16BE(0) : 0;
  const ascent = hhea.readInt16BE(4);
  const modern = os2 && os2Version >= 2 && os2.length >= 90;
  return {
    postscriptName: names.get(POSTSCRIPT) ?? null,
    familyName: names.get(FAMILY) ?? null,
    subfamilyName: names.get(SUBFAMILY) ?? null,
    bbox: { minX: head.readInt16BE(36), minY: head.readInt16BE(38), maxX: head.readInt16BE(40), maxY: head.readInt16BE(42) },
    italicAngle: post.readInt32BE(4) / 65536,
    ascent,
    descent: hhea.readInt16BE(6),
    capHeight: os2 ? (modern ? os2.readInt16BE(88) : undefined) : ascent,
    xHeight: os2 ? (modern ? os2.readInt16BE(86) : undefined) : 0,
    fixedPitch: post.readUInt32BE(12) !== 0,
    familyClass: os2 ? os2.readInt16BE(30) >> 8 : 0,
    italic: (head.readUInt16BE(44) & 2) !== 0,
  };
}

/** The summary of a face fontkit opened (formats Imprint does not read, names it does not decode). */
export function fontkitFaceSummary(font: Font): FaceSummary {
  const f = font as unknown as { 'OS/2'?: { sFamilyClass?: number }; post: { isFixedPitch: number }; head: { macStyle: { italic: boolean } } };
  const { minX, minY, maxX, maxY } = font.bbox;
  return {
    postscriptName: font.postscriptName ?? null,
    familyName: font.familyName ?? null,
    subfamilyName: font.subfamilyName ?? null,
    bbox: { minX, minY, maxX, maxY },
    italicAngle: font.italicAngle,
    ascent: font.ascent,
    descent: font.descent,
    capHeight: font.capHeight,
    xHeight: font.xHeight,
    fixedPitch: !!f.post.isFixedPitch,
    familyClass: (f['OS/2']?.sFamilyClass ?? 0) >> 8,
    italic: f.head.macStyle.italic,
  };
}

/**
 * The English names (by name ID: family, subfamily, PostScript) as fontkit picks them: of the
 * records in English (Windows 0x409, Mac 0), the last in the table. Undefined when the record
 * picked for one of them is not UTF-16 (Windows, Unicode) or ASCII (Mac Roman), or a name has
 * no English record but has others (fontkit then takes any language: left to it).
 */
function englishNames(name: Buffer | undefined): Map<number, string> | undefined {
  if (!name || name.length < 6) return undefined;
  const count = name.readUInt16BE(2);
  const strings = name.readUInt16BE(4);
  if (6 + 12 * count > name.length) return undefined;
  const picked = new Map<number, { platform: number; encoding: number; start: number; end: number }>();
  const others = new Set<number>();
  for (let i = 0; i < count; i++) {
    const r = 6 + 12 * i;
    const [platform, encoding, language, id, length, offset] = [0, 2, 4, 6, 8, 10].map((o) => name.readUInt16BE(r + o));
    if (id !== FAMILY && id !== SUBFAMILY && id !== POSTSCRIPT) continue;
    const english = (platform === 3 && language === 0x409) || (platform === 1 && language === 0);
    if (!english) {
      others.add(id);
      continue;
    }
    const start = strings + offset;
    if (start + length > name.length) return undefined;
    picked.set(id, { platform, encoding, start, end: start + length });
  }
  const out = new Map<number, string>();
  for (const id of [FAMILY, SUBFAMILY, POSTSCRIPT]) {
    const r = picked.get(id);
    if (!r) {
      if (others.has(id)) return undefined;
      continue;
    }
    const bytes = name.subarray(r.start, r.end);
    let text: string | undefined;
    if (r.platform === 3 && (r.encoding === 0 || r.encoding === 1 || r.encoding === 10)) text = utf16be(bytes);
    else if (r.platform === 1 && r.encoding === 0 && bytes.every((b) => b < 0x80)) text = bytes.toString('latin1');
    // an empty English name: fontkit then takes another language's
    if (!text) return undefined;
    out.set(id, text);
  }
  return out;
}

/** UTF-16 big-endian text; undefined for an odd length or a lone surrogate (TextDecoder, which fontkit uses, would replace them). */
function utf16be(bytes: Buffer): string | undefined {
  if (bytes.length % 2) return undefined;
  const swapped = Buffer.from(bytes);
  swapped.swap16();
  const text = swapped.toString('utf16le');
  return /\p{Cs}/u.test(text) ? undefined : text; // (with the u flag only a lone surrogate is a code point of class Cs)
}
