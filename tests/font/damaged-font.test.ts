/**
 * A damaged font file (cut short, overwritten, not a font at all) is the font's problem, at the
 * line of `fonts.yaml` that names it: found when the face is opened where the table directory
 * shows it (a table past the file's end, a table the build needs missing or too short), else
 * when the bytes are read (a glyph outside `glyf`, a cmap giving a glyph the font does not
 * have, a layout table that does not parse), never a RangeError, an internal error or a blank
 * glyph.
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { FaceSet } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import { formatProblem, InputError } from '../../src/problems.js';
import { EmbeddedFace, type PdfWriter } from '../../src/render/embedded-face.js';
import { FaceTextFont } from '../../src/text/text-font.js';
import { toWoff, toWoff2 } from '../helpers/woff.js';

const root = path.resolve(import.meta.dirname, '../..');
const SANS = path.join(root, 'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const sans = readFileSync(SANS);
const imprint = { file: path.join(root, 'fonts/fonts.yaml'), npmFrom: [root] };

/** A project whose `fonts/fonts.yaml` gives role `title` (line 4 names its file) the font `bytes`; its registry with Imprint's. */
function projectWith(bytes: Buffer, name = 't.ttf'): { faces: FaceSet; registry: string } {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-damaged-font-')));
  mkdirSync(path.join(dir, 'fonts'));
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  writeFileSync(path.join(dir, 'fonts', name), bytes);
  const registry = path.join(dir, 'fonts/fonts.yaml');
  writeFileSync(registry, `roles:\n  title:\n    aliases: [标题]\n    regular: ${name}\n`);
  return { faces: new FaceSet(loadFontRegistry([imprint, { file: registry, npmFrom: [path.dirname(registry), root] }])), registry };
}

/** The problems `run` throws, formatted; fails when it throws something else or nothing. */
function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem);
    throw e;
  }
  throw new Error('no problem');
}

/** Sets `text` in the title role's face, as the layout does (a glyph and its advance per character; the ink of punctuation), and draws it into a font subset. */
async function setAndDraw(faces: FaceSet, text: string): Promise<void> {
  const key = faces.keyOf('title');
  const font = new FaceTextFont(key, (k) => faces.byKey(k));
  const embedded = new EmbeddedFace({ ref: () => ({ data: {}, end: () => undefined }) } as PdfWriter, faces.byKey(key), 'F1');
  for (const cluster of text.match(/[A-Za-z]+|./gu)!) for (const g of font.shape(cluster)) embedded.cid(g.id, g.codePoints);
  await embedded.encodedProgram(new Map());
}

/** The problems setting and drawing `text` gives, formatted. */
async function problemsSetting(faces: FaceSet, text: string): Promise<string[]> {
  try {
    await setAndDraw(faces, text);
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

/** Where table `tag` lies in a font file's bytes. */
function tableOf(font: Buffer, tag: string): { offset: number; length: number } {
  for (let i = 0; i < font.readUInt16BE(4); i++) {
    const rec = 12 + 16 * i;
    if (font.toString('latin1', rec, rec + 4) === tag) return { offset: font.readUInt32BE(rec + 8), length: font.readUInt32BE(rec + 12) };
  }
  throw new Error(`no ${tag}`);
}

/** The glyph of a character in the shipped sans font. */
const glyphOfSans = (ch: string) => (fontkit.create(sans) as fontkit.Font).glyphForCodePoint(ch.codePointAt(0)!).id;

describe('a damaged font file', () => {
  it('cut short (at 100 KB, 1 MB, 5 MB) is reported when opened, at the registry line that names it', async () => {
    for (const size of [100_000, 1_000_000, 5_000_000]) {
      const { faces, registry } = projectWith(sans.subarray(0, size));
      expect(await problemsSetting(faces, '封面标题')).toEqual([
        expect.stringMatching(new RegExp(`^${registry}:4:14: font file of role "title" is damaged: its table "\\w+ ?" \\(bytes \\d+ to \\d+\\) runs past the end of the file \\(${size} bytes\\): `)),
      ]);
      faces.close();
    }
    const { faces, registry } = projectWith(sans.subarray(0, 1_000_000));
    expect(problemsOf(() => faces.face('标题'))).toEqual([
      `${registry}:4:14: font file of role "title" is damaged: its table "glyf" (bytes 441580 to 10559282) runs past the end of the file (1000000 bytes): ${path.dirname(registry)}/t.ttf`,
    ]);
  });

  it('with garbage over its table directory and first tables is reported, not a crash', async () => {
    const font = Buffer.from(sans);
    let seed = 1;
    for (let i = 300; i < 4000; i++) font[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    const { faces, registry } = projectWith(font);
    expect(await problemsSetting(faces, '封面标题')).toEqual([expect.stringMatching(new RegExp(`^${registry}:4:14: font file of role "title" is damaged: `))]);
  });

  it('whose `head` is overwritten, or lacks a table the build needs, is reported when opened', () => {
    const font = Buffer.from(sans);
    font.fill(0, tableOf(font, 'head').offset, tableOf(font, 'head').offset + 54);
    const { faces, registry } = projectWith(font);
    expect(problemsOf(() => faces.face('title'))).toEqual([`${registry}:4:14: font file of role "title" is damaged: its table "head" is not a font header: ${path.dirname(registry)}/t.ttf`]);
    const noCmap = Buffer.from(sans);
    noCmap.write('cmaq', 12 + 16 * 6, 'latin1'); // the directory's 7th record, cmap's (by tag)
    const other = projectWith(noCmap);
    expect(problemsOf(() => other.faces.face('title'))).toEqual([`${other.registry}:4:14: font file of role "title" is damaged: it has no table "cmap": ${path.dirname(other.registry)}/t.ttf`]);
  });

  it('whose glyph lies outside `glyf` is reported when the glyph is drawn', async () => {
    const font = Buffer.from(sans);
    const loca = tableOf(font, 'loca');
    font.writeUInt32BE(0xfffffff0, loca.offset + 4 * (glyphOfSans('标') + 1)); // long offsets
    const { faces, registry } = projectWith(font);
    expect(await problemsSetting(faces, '封面标题')).toEqual([`${registry}:4:14: font file of role "title" is damaged: its glyph ${glyphOfSans('标')} lies outside its table "glyf": ${path.dirname(registry)}/t.ttf`]);
  });

  it('whose cmap gives a glyph past its last is reported when the character is set', async () => {
    const font = Buffer.from(sans);
    const id = glyphOfSans('标');
    font.writeUInt16BE(id, tableOf(font, 'maxp').offset + 4); // numGlyphs: 标's and the glyphs after it are gone
    const { faces, registry } = projectWith(font);
    expect(await problemsSetting(faces, '标')).toEqual([
      `${registry}:4:14: font file of role "title" is damaged: its cmap gives U+6807 glyph ${id}, past its last glyph (${id - 1}): ${path.dirname(registry)}/t.ttf`,
    ]);
  });

  it('whose layout tables do not parse is reported when Latin text is set', async () => {
    const font = Buffer.from(sans);
    font.writeUInt16BE(0xfff0, tableOf(font, 'GSUB').offset + 8); // its lookup list, past its end
    const { faces, registry } = projectWith(font);
    expect(await problemsSetting(faces, 'Title')).toEqual([expect.stringMatching(new RegExp(`^${registry}:4:14: font file of role "title" is damaged: `))]);
  });

  it('whose GPOS, GSUB or GDEF is overwritten is reported when opened, at once (fontkit spun on such a GPOS until out of memory)', () => {
    for (const tag of ['GPOS', 'GSUB', 'GDEF']) {
      for (const from of [0, 10]) {
        // the whole table, or all but its header (version and list offsets)
        const font = Buffer.from(sans);
        const { offset, length } = tableOf(font, tag);
        let seed = 1;
        for (let i = offset + from; i < offset + length; i++) font[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
        const { faces, registry } = projectWith(font);
        const started = performance.now();
        expect(problemsOf(() => faces.face('title'))).toEqual([
          expect.stringMatching(new RegExp(`^${registry}:4:14: font file of role "title" is damaged: its table "${tag}" [^\\n]+: ${path.dirname(registry)}/t\\.ttf$`)),
        ]);
        expect(performance.now() - started).toBeLessThan(1000);
      }
    }
  });

  it('a WOFF or WOFF2 whose tables do not unpack, or that packs no font, is reported when opened', () => {
    const mono = readFileSync(path.join(root, 'node_modules/@expo-google-fonts/jetbrains-mono/400Regular/JetBrainsMono_400Regular.ttf'));
    const woff = toWoff(mono.subarray(0, 50_000)); // its tables past 50 KB cut short: fewer bytes than it says
    const flavor = toWoff2(mono);
    flavor.write('abcd', 4, 'latin1');
    const cut = toWoff2(mono).subarray(0, 5000);
    const cases: [Buffer, string][] = [
      [woff, 'its table "glyf" unpacks to \\d+ bytes, not the 65278 it says'],
      [flavor, 'it packs no TrueType or OpenType font'],
      [cut, 'its compressed tables run past the end of the file'],
    ];
    for (const [bytes, message] of cases) {
      const { faces, registry } = projectWith(bytes, 'w.woff');
      expect(problemsOf(() => faces.face('title'))).toEqual([expect.stringMatching(new RegExp(`^${registry}:4:14: font file of role "title" is damaged: ${message}: `))]);
    }
  });

  it('that is no font (a PNG) is reported at the registry line that names it', () => {
    const png = readFileSync(path.join(root, 'starter/content/images/chart.png'));
    const { faces, registry } = projectWith(png, 'bad.ttf');
    expect(problemsOf(() => faces.face('title'))).toEqual([
      `${registry}:4:14: font file of role "title" is not a font file (TrueType, OpenType, WOFF or a collection): ${path.dirname(registry)}/bad.ttf`,
    ]);
  });

  it('that is a PostScript Type 1 font (.pfb, .pfa) says so, and what to use', () => {
    const text = '%!PS-AdobeFont-1.0: Foo 001.000\n/FontName /Foo def\n';
    const pfb = Buffer.concat([Buffer.from([0x80, 0x01, text.length, 0, 0, 0]), Buffer.from(text, 'latin1')]);
    for (const [bytes, name] of [[pfb, 'foo.pfb'], [Buffer.from(text, 'latin1'), 'foo.pfa']] as const) {
      const { faces, registry } = projectWith(bytes, name);
      expect(problemsOf(() => faces.face('title'))).toEqual([
        `${registry}:4:14: font file of role "title" is a PostScript Type 1 font, which Imprint does not read: use the OpenType (.otf) or TrueType (.ttf) version of the font: ${path.dirname(registry)}/${name}`,
      ]);
    }
  });

  it('that is empty is no font', () => {
    const { faces, registry } = projectWith(Buffer.alloc(0), 'zero.ttf');
    expect(problemsOf(() => faces.face('title'))).toEqual([
      `${registry}:4:14: font file of role "title" is not a font file (TrueType, OpenType, WOFF or a collection): ${path.dirname(registry)}/zero.ttf`,
    ]);
  });

  it('the shipped fonts open and set text as before', async () => {
    const { faces } = projectWith(sans);
    expect(await problemsSetting(faces, '封面标题 Title，')).toEqual([]);
  });
});
