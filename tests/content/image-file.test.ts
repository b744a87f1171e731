/**
 * Images a report names, checked when the content is loaded: one the PDF writer could
 * not embed (damaged, too large, of a kind a PDF cannot show, not a regular file) is refused with
 * one message at the `image:` value, naming the path as written; a good one is accepted with its
 * size and the bytes the PDF will embed, and the renderer embeds it: a PNG with the pixels it has.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { FaceSet } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import { renderedPdf } from '../helpers/rendered-pdf.js';
import type { ImageOp } from '../../src/page/draw.js';
import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES, readImage } from '../../src/content/image-file.js';
import { MAX_IMAGE_PIXELS } from '../../src/content/image-size.js';
import { loadReport } from '../../src/content/load.js';
import type { Report } from '../../src/content/types.js';
import { formatProblem, InputError } from '../../src/problems.js';
import { iccProfile } from '../helpers/icc.js';
import { makeJpeg } from '../helpers/jpeg.js';
import { encodePng, iccpBody, makeBlackPng, makePng, PNG_SAMPLES, pngChunk, pngFile, pngHeader, type PngSpec } from '../helpers/png.js';
import { crc32 } from 'node:zlib';

const dir = mkdtempSync(path.join(tmpdir(), 'imprint-image-'));
mkdirSync(path.join(dir, 'pics'));
const yaml = path.join(dir, 'r.yaml');

/** Loads a report with one figure naming `name` (written with `bytes` when given): its problems, or the report. */
function load(name: string, bytes?: Buffer): string[] | Report {
  if (bytes) writeFileSync(path.join(dir, name), bytes);
  writeFileSync(yaml, `report:\n  title: 标题\nchapters:\n  - title: 一\n    body:\n      - figure:\n          title: 图\n          image: ${name}\n`);
  try {
    return loadReport(yaml);
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => formatProblem(p).replace(yaml, 'r.yaml'));
    throw e;
  }
}

/** The one message for an image that is refused (at the `image:` value, line 8 column 18). */
function refusal(name: string, bytes?: Buffer): string {
  const r = load(name, bytes);
  if (!Array.isArray(r)) throw new Error(`accepted: ${name}`);
  expect(r).toHaveLength(1);
  expect(r[0].startsWith('r.yaml:8:18: ')).toBe(true);
  expect(r[0].endsWith(`: ${name}`)).toBe(true);
  return r[0].slice('r.yaml:8:18: '.length, -`: ${name}`.length);
}

/** The image as the report holds it, once accepted. */
function accepted(name: string, bytes: Buffer) {
  const r = load(name, bytes);
  if (Array.isArray(r)) throw new Error(r.join('\n'));
  return r.images.get(path.join(dir, name))!;
}

const META = { title: 't', keywords: [], date: new Date(Date.UTC(2026, 0, 1)), creator: 'test', lang: 'zh-CN' };
const faces = new FaceSet(loadFontRegistry([{ file: path.resolve(import.meta.dirname, '../../fonts/fonts.yaml') }]));

/** A PDF of one page with the image, as Imprint renders it (its errors surface here), one pt a pixel when sized so. */
function embed(data: Buffer, width = 100, height = 100): Promise<Buffer> {
  const page = { width, height, label: '', anchors: [], outline: [], ops: [{ kind: 'image' as const, x: 0, y: 0, w: width, h: height, data }] };
  return renderedPdf({ pages: [page], document: META, faces });
}

const IEND = pngChunk('IEND', Buffer.alloc(0));
/** A PNG of zero samples (black), each row filter 0; `rowBytes` without the filter byte. */
function blankPng(width: number, height: number, rowBytes: number, options: Parameters<typeof pngHeader>[2] = {}, extra: Buffer[] = []): Buffer {
  return pngFile([pngHeader(width, height, options), ...extra, pngChunk('IDAT', deflateSync(Buffer.alloc((rowBytes + 1) * height))), IEND]);
}

const TRUNCATED_PNG = 'image damaged: PNG data ends early (truncated file?)';
const TRUNCATED_JPEG = 'image damaged: JPEG data ends early (truncated file?)';

describe('a PNG', () => {
  it('is accepted with its size and the bytes of its file, and embedded', async () => {
    const png = makePng(40, 30);
    const image = accepted('pics/good.png', png);
    expect({ type: image.type, width: image.width, height: image.height }).toEqual({ type: 'png', width: 40, height: 30 });
    expect(image.data.equals(png)).toBe(true);
    await embed(image.data);
  });

  it('carries the ICC profile of its iCCP chunk when it fits its colours: grey for grey, RGB for RGB and palette, with or without alpha', () => {
    const kinds: [number, 'GRAY' | 'RGB '][] = [[0, 'GRAY'], [4, 'GRAY'], [2, 'RGB '], [6, 'RGB '], [3, 'RGB ']];
    for (const [colourType, space] of kinds) {
      const profile = iccProfile(space, { gamma: 1.8 });
      const png = encodePng({ width: 3, height: 2, colourType, bitDepth: 8, interlace: 0, filters: [0], samples: Array(6 * PNG_SAMPLES[colourType]).fill(0), palette: colourType === 3 ? Buffer.from([1, 2, 3]) : undefined, iccp: iccpBody(profile) });
      const image = accepted('pics/tagged.png', png);
      expect([image.profile?.equals(profile), image.profileIgnored], `colour type ${colourType}`).toEqual([true, undefined]);
    }
  });

  it('with an iCCP chunk that is damaged or not for its colours is accepted without the profile, saying why', () => {
    const ignored = (iccp: Buffer | Buffer[], colourType = 2) => {
      const chunks = (Array.isArray(iccp) ? iccp : [iccp]).map((body) => pngChunk('iCCP', body));
      const image = accepted('pics/tagged.png', blankPng(3, 2, 3 * PNG_SAMPLES[colourType], { colourType }, chunks));
      expect(image.profile).toBeUndefined();
      return image.profileIgnored;
    };
    const rgb = iccProfile('RGB ');
    expect(ignored(iccpBody(iccProfile('CMYK')))).toBe('it is a CMYK profile, for an RGB image');
    expect(ignored(iccpBody(rgb), 0)).toBe('it is an RGB profile, for a grey image');
    expect(ignored(iccpBody(iccProfile('GRAY')), 6)).toBe('it is a grey profile, for an RGB image');
    expect(ignored(iccpBody(rgb.subarray(0, 200)))).toBe(`its size field says ${rgb.length} bytes, and it has 200 (damaged or cut short)`);
    const body = iccpBody(rgb);
    expect(ignored(body.subarray(0, body.length - 10))).toBe('its iCCP chunk is damaged (the compressed profile is corrupt or cut short)');
    const method = Buffer.from(body);
    method[body.indexOf(0) + 1] = 1;
    expect(ignored(method)).toBe('its iCCP chunk names compression method 1, which the format does not have');
    expect(ignored(Buffer.from('no name ends'))).toBe('its iCCP chunk is damaged (its profile name has no end)');
    expect(ignored([body, body])).toBe('the PNG has more than one iCCP chunk');
  });

  it('is refused when cut short anywhere (at every byte), as when its image data is cut with the chunks whole', () => {
    const png = makePng(6, 4);
    for (let cut = 4; cut < png.length; cut++) expect(refusal('pics/cut.png', png.subarray(0, cut))).toBe(TRUNCATED_PNG);
    const rows = deflateSync(Buffer.alloc((6 * 3 + 1) * 4, 7));
    expect(refusal('pics/cut-data.png', pngFile([pngHeader(6, 4), pngChunk('IDAT', rows.subarray(0, rows.length - 6)), IEND]))).toBe(TRUNCATED_PNG);
  });

  it('is refused without its IEND chunk', () => {
    const png = makePng(6, 4);
    expect(refusal('pics/no-end.png', png.subarray(0, png.length - 12))).toBe(TRUNCATED_PNG);
  });

  it('is refused when a chunk does not match its checksum', () => {
    const png = Buffer.from(makePng(6, 4));
    png[png.length - 20] ^= 0x10; // in the image data
    expect(refusal('pics/crc.png', png)).toBe('image damaged: PNG chunk IDAT does not match its checksum');
  });

  it('is refused when its image data is corrupt, longer or shorter than its size, or has an unknown row filter', () => {
    const rows = (n: number, fill = 0) => deflateSync(Buffer.alloc(n, fill));
    const png = (idat: Buffer) => pngFile([pngHeader(6, 4), pngChunk('IDAT', idat), IEND]);
    const garbage = Buffer.from(rows(76, 9));
    garbage[4] ^= 0xff;
    expect(refusal('pics/corrupt.png', png(garbage))).toBe('image damaged: its PNG image data is corrupt');
    expect(refusal('pics/long.png', png(rows(77)))).toBe('image damaged: its PNG image data is longer than its size says');
    expect(refusal('pics/short.png', png(rows(75)))).toBe('image damaged: its PNG image data is shorter than its size says');
    expect(refusal('pics/filter.png', png(rows(76, 7)))).toBe('image damaged: its PNG image data is corrupt (row filter 7)');
    expect(refusal('pics/no-data.png', pngFile([pngHeader(6, 4), IEND]))).toBe('image damaged: the PNG has no image data (IDAT)');
  });

  it('is refused by the size in its header, before its data is read: 100000 × 100000, or 20000 × 20000 that compresses to 1.6 MB', () => {
    const huge = pngFile([pngHeader(100000, 100000, { colourType: 6 }), pngChunk('IDAT', deflateSync(Buffer.alloc(10))), IEND]);
    expect(refusal('pics/huge.png', huge)).toBe('image too large: 100000 × 100000 pixels (at most 50 megapixels; scale it down)');
    const black = makeBlackPng(20000, 20000);
    expect(black.length).toBeLessThan(2_000_000);
    expect(refusal('pics/black.png', black)).toBe('image too large: 20000 × 20000 pixels (at most 50 megapixels; scale it down)');
    // within the limit the same image is accepted
    expect(MAX_IMAGE_PIXELS).toBe(50_000_000);
    expect(accepted('pics/black-small.png', makeBlackPng(2000, 1000)).width).toBe(2000);
  });

  it('is refused with a width or height of 0', () => {
    expect(refusal('pics/zero.png', pngFile([pngHeader(0, 10), pngChunk('IDAT', deflateSync(Buffer.alloc(10))), IEND]))).toBe('image damaged: its width or height is 0 (0 × 10 pixels)');
  });

  it('is refused when its header or palette is not one the format has', () => {
    expect(refusal('pics/depth.png', blankPng(4, 4, 12, { bitDepth: 4 }))).toBe('image damaged: PNG header with colour type 2 and bit depth 4, which the format does not have');
    expect(refusal('pics/first.png', pngFile([pngChunk('tEXt', Buffer.from('a\0b')), pngHeader(4, 4), IEND]))).toBe('image damaged: its first PNG chunk is not the header (IHDR)');
    expect(refusal('pics/transparency.png', blankPng(4, 4, 12, {}, [pngChunk('tRNS', Buffer.alloc(0))]))).toBe('image damaged: its PNG transparency chunk (tRNS) has a wrong length');
    expect(refusal('pics/no-palette.png', blankPng(4, 4, 4, { colourType: 3 }))).toBe('image damaged: a palette PNG without its palette (PLTE)');
    expect(refusal('pics/signature.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0a, 0x1a, 0x0a]), makePng(4, 4).subarray(8)]))).toBe('image damaged: its PNG signature is wrong (was it copied as text?)');
  });

  it('is refused when a pixel names a palette entry past the end of its palette (PLTE): a viewer would show any colour, or reject the PDF', () => {
    // the index as stored is hidden under each row filter: the check undoes them
    const spec = (bitDepth: number, interlace: 0 | 1, entries: number, index: number): PngSpec => {
      const samples = Array.from({ length: 9 * 7 }, (_, i) => i % entries);
      samples[5 * 9 + 6] = index; // in the sixth row, the seventh pixel (interlaced: in pass 6)
      return { width: 9, height: 7, colourType: 3, bitDepth, interlace, filters: [0, 1, 2, 3, 4], samples, palette: Buffer.alloc(entries * 3, 90) };
    };
    for (const interlace of [0, 1] as const) {
      expect(refusal('pics/past-8.png', encodePng(spec(8, interlace, 200, 200)))).toBe('image damaged: a pixel uses palette entry 200, but its palette (PLTE) ends at entry 199');
      expect(refusal('pics/past-2.png', encodePng(spec(2, interlace, 3, 3)))).toBe('image damaged: a pixel uses palette entry 3, but its palette (PLTE) ends at entry 2');
      expect(refusal('pics/past-1.png', encodePng(spec(1, interlace, 1, 1)))).toBe('image damaged: a pixel uses palette entry 1, but its palette (PLTE) ends at entry 0');
      // its last entry is in it; bits past the last pixel of a row (padding) are no pixel
      expect(accepted('pics/last.png', encodePng(spec(8, interlace, 200, 199))).width).toBe(9);
    }
    const padded = Buffer.from([0, 0b0110_0000]); // one row of three 2-bit pixels 0, 1, 2, then padding 00: fine with 3 entries
    const paddedBad = Buffer.from([0, 0b0001_1011]); // pixels 0, 1, 2 and padding 3: the padding is no pixel
    expect(accepted('pics/padding.png', pngFile([pngHeader(3, 1, { colourType: 3, bitDepth: 2 }), pngChunk('PLTE', Buffer.alloc(9)), pngChunk('IDAT', deflateSync(padded)), IEND])).width).toBe(3);
    expect(accepted('pics/padding-3.png', pngFile([pngHeader(3, 1, { colourType: 3, bitDepth: 2 }), pngChunk('PLTE', Buffer.alloc(9)), pngChunk('IDAT', deflateSync(paddedBad)), IEND])).width).toBe(3);
  });

  it('that pdfkit garbled or crashed on is accepted: a suggested palette, interlaced below 8 bits or narrower than 5 pixels, a palette below 8 bits with transparency (their pixels: below)', () => {
    const palette = pngChunk('PLTE', Buffer.alloc(6));
    const alpha = pngChunk('tRNS', Buffer.from([0, 255]));
    const interlaced = (width: number, height: number, bitsPerPixel: number, options: Parameters<typeof pngHeader>[2]) =>
      pngFile([pngHeader(width, height, { ...options, interlace: 1 }), pngChunk('IDAT', deflateSync(Buffer.alloc(pngRows(width, height, bitsPerPixel, true).reduce((a, b) => a + b)))), IEND]);
    expect(accepted('pics/rgb-palette.png', blankPng(4, 4, 12, {}, [palette])).width).toBe(4);
    expect(accepted('pics/interlaced-4.png', interlaced(3, 9, 4, { colourType: 0, bitDepth: 4 })).width).toBe(3);
    expect(accepted('pics/interlaced-narrow.png', interlaced(4, 1, 32, { colourType: 6 })).width).toBe(4);
    expect(accepted('pics/palette-4-alpha.png', blankPng(4, 4, 2, { colourType: 3, bitDepth: 4 }, [palette, alpha])).width).toBe(4);
  });

  it('of every kind pdfkit drew is accepted, and embedded', async () => {
    const palette = pngChunk('PLTE', Buffer.from([0, 0, 0, 255, 255, 255]));
    const kinds: [string, Buffer][] = [
      ['grey-1', blankPng(9, 3, 2, { colourType: 0, bitDepth: 1 })],
      ['rgb-16', blankPng(5, 3, 30, { bitDepth: 16 })],
      ['palette-2', blankPng(5, 3, 2, { colourType: 3, bitDepth: 2 }, [palette])],
      ['palette-8-alpha', blankPng(5, 3, 5, { colourType: 3 }, [palette, pngChunk('tRNS', Buffer.from([0, 255]))])],
      ['grey-alpha', blankPng(5, 3, 10, { colourType: 4 })],
      ['rgba-16', blankPng(5, 3, 40, { colourType: 6, bitDepth: 16 })],
      ['rgba-interlaced', pngFile([pngHeader(9, 3, { colourType: 6, interlace: 1 }), pngChunk('IDAT', deflateSync(Buffer.alloc(pngRows(9, 3, 32, true).reduce((a, b) => a + b)))), IEND])],
    ];
    for (const [name, png] of kinds) await embed(accepted(`pics/${name}.png`, png).data);
  });
});

describe('a JPEG', () => {
  it('is accepted, grey, RGB or CMYK, with its size and the bytes of its file, and pdfkit embeds it', async () => {
    for (const components of [1, 3, 4]) {
      const jpeg = makeJpeg(20, 12, { components });
      const image = accepted('pics/good.jpg', jpeg);
      expect({ type: image.type, width: image.width, height: image.height }).toEqual({ type: 'jpeg', width: 20, height: 12 });
      expect(image.data.equals(jpeg)).toBe(true);
      await embed(image.data);
    }
    // bytes after the end marker (some cameras add them) are no damage
    expect(accepted('pics/trailing.jpg', Buffer.concat([makeJpeg(8, 8), Buffer.from('trailer')])).width).toBe(8);
  });

  it('has the size it is shown at: turned a quarter by its Exif orientation 5–8, as pdfkit turns it', async () => {
    for (const [orientation, size] of [[1, [20, 12]], [3, [20, 12]], [6, [12, 20]], [8, [12, 20]]] as const) {
      const image = accepted('pics/turned.jpg', makeJpeg(20, 12, { orientation }));
      expect([image.width, image.height]).toEqual(size);
      // pdfkit's own reading of the orientation agrees
      expect((new PDFDocument() as unknown as { openImage(d: Buffer): { orientation: number } }).openImage(image.data).orientation).toBe(orientation);
    }
  });

  it('carries the ICC profile its pieces make when they are all there and it fits its colours: grey, RGB or CMYK', () => {
    for (const [components, space] of [[1, 'GRAY'], [3, 'RGB '], [4, 'CMYK']] as const) {
      const profile = iccProfile(space);
      const pieces = [profile.subarray(0, 50), profile.subarray(50, 51), profile.subarray(51)];
      const image = accepted('pics/tagged.jpg', makeJpeg(8, 8, { components, icc: pieces }));
      expect([image.profile?.equals(profile), image.profileIgnored]).toEqual([true, undefined]);
      expect(accepted('pics/tagged.jpg', makeJpeg(8, 8, { components, icc: [profile] })).profile?.equals(profile)).toBe(true);
    }
    // one without a profile has none, and says nothing of it
    expect(Object.keys(accepted('pics/plain.jpg', makeJpeg(8, 8, { components: 3 })))).not.toContain('profileIgnored');
  });

  it('with an ICC profile that is not whole, damaged or not for its colours, is accepted without it, saying why', () => {
    const profile = iccProfile('RGB ');
    const ignored = (icc: Buffer[], components = 3) => {
      const image = accepted('pics/tagged.jpg', makeJpeg(8, 8, { components, icc }));
      expect(image.profile).toBeUndefined();
      return image.profileIgnored;
    };
    const notWhole = (n: number) => `its pieces (APP2 ICC_PROFILE segments, ${n} of them) do not make one profile (one missing, repeated or numbered wrong)`;
    expect(ignored([profile.subarray(0, 140)])).toBe(`its size field says ${profile.length} bytes, and it has 140 (damaged or cut short)`); // the count says 1
    const twoOfThree = makeJpeg(8, 8, { components: 3, icc: [profile.subarray(0, 50), profile.subarray(50, 60), profile.subarray(60)] });
    const third = twoOfThree.indexOf(Buffer.from('ICC_PROFILE\0\x03\x03', 'latin1'));
    twoOfThree[third + 12] = 2; // the third piece numbered 2, as the second is
    expect(accepted('pics/tagged.jpg', twoOfThree).profileIgnored).toBe(notWhole(3));
    expect(ignored([iccProfile('CMYK')])).toBe('it is a CMYK profile, for an RGB image');
    expect(ignored([iccProfile('RGB ')], 4)).toBe('it is an RGB profile, for a CMYK image');
    expect(ignored([iccProfile('RGB ')], 1)).toBe('it is an RGB profile, for a grey image');
    expect(ignored([iccProfile('RGB ', { version: 5 })])).toBe('it is of ICC version 5.0, and a PDF takes versions 2 to 4');
    const lying = Buffer.from(profile);
    lying.write('xxxx', 36, 'latin1');
    expect(ignored([lying])).toBe("it is not an ICC profile (no 'acsp' signature)");
  });

  it('is refused when cut short anywhere before the end of its end marker (EOI)', () => {
    const jpeg = makeJpeg(20, 12);
    for (let cut = 2; cut < jpeg.length; cut++) expect(refusal('pics/cut.jpg', jpeg.subarray(0, cut))).toBe(TRUNCATED_JPEG);
  });

  it('is refused when of a kind a PDF does not decode, with what to do', () => {
    const resave = '(re-save it as a baseline or progressive JPEG)';
    expect(refusal('pics/arith.jpg', makeJpeg(8, 8, { frame: 0xc9 }))).toBe(`image not supported: an arithmetic-coded JPEG ${resave}`);
    expect(refusal('pics/lossless.jpg', makeJpeg(8, 8, { frame: 0xc3 }))).toBe(`image not supported: a lossless JPEG ${resave}`);
    expect(refusal('pics/12-bit.jpg', makeJpeg(8, 8, { precision: 12 }))).toBe('image not supported: a JPEG with 12-bit samples (re-save it as an 8-bit JPEG)');
    expect(refusal('pics/two.jpg', makeJpeg(8, 8, { components: 2 }))).toBe('image not supported: a JPEG with 2 colour components (grey, RGB or CMYK only)');
    expect(refusal('pics/zero.jpg', makeJpeg(0, 8))).toBe('image damaged: its width or height is 0 (0 × 8 pixels)');
  });

  it('is refused when its segments are out of order or broken', () => {
    const jpeg = makeJpeg(8, 8);
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    expect(refusal('pics/garbage.jpg', Buffer.concat([jpeg.subarray(0, sof), Buffer.from([0x00]), jpeg.subarray(sof)]))).toBe(`image damaged: no JPEG marker where one should be (byte ${sof})`);
    const noFrame = Buffer.from(jpeg);
    noFrame[sof + 1] = 0xe0; // the frame header becomes an application segment
    expect(refusal('pics/no-frame.jpg', noFrame)).toBe('image damaged: JPEG image data before its frame header (SOF)');
  });
});

describe('an image file', () => {
  it('that is a pipe is refused without being opened (reading it would wait forever)', () => {
    const fifo = path.join(dir, 'pics/pipe.png');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(refusal('pics/pipe.png')).toBe('image is not a regular file (a pipe or a device)');
  });

  it('that is a folder is refused', () => {
    mkdirSync(path.join(dir, 'pics/folder.png'));
    expect(refusal('pics/folder.png')).toBe('image is a folder, not a file');
  });

  it('larger than the limit is refused before it is read', () => {
    const file = path.join(dir, 'pics/big.png');
    writeFileSync(file, makePng(4, 4));
    truncateSync(file, MAX_IMAGE_BYTES + 10 * 1024 * 1024); // sparse: no disk used
    expect(refusal('pics/big.png')).toBe('image too large (at most 50 MiB)');
  });

  it('that is neither PNG nor JPEG by its bytes is refused, named as written', () => {
    expect(refusal('pics/text.png', Buffer.from('not an image at all'))).toBe('not a PNG, JPEG or SVG image (by its content)');
    expect(refusal('pics/empty.jpg', Buffer.alloc(0))).toBe('not a PNG, JPEG or SVG image (by its content)');
    expect(refusal('pics/missing.png')).toBe('image not found');
  });

  it('not found: the name in its folder that differs only by case, or is nearest, is suggested', () => {
    writeFileSync(path.join(dir, 'pics/grad.png'), makePng(4, 4));
    expect(load('pics/Grad.png')).toEqual(['r.yaml:8:18: image not found: pics/Grad.png (did you mean pics/grad.png?)']);
    expect(load('pics/gard.png')).toEqual(['r.yaml:8:18: image not found: pics/gard.png (did you mean pics/grad.png?)']);
  });

  it('not found where written, but there from the project folder (content/images/… in content/r.yaml): the path from the YAML file is suggested', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'imprint-image-project-'));
    mkdirSync(path.join(project, 'content/images'), { recursive: true });
    writeFileSync(path.join(project, 'content/images/trend.png'), makePng(4, 4));
    const report = path.join(project, 'content/r.yaml');
    writeFileSync(report, `report:\n  title: 标题\nchapters:\n  - title: 一\n    body:\n      - figure:\n          title: 图\n          image: content/images/trend.png\n`);
    const was = process.cwd();
    process.chdir(project);
    try {
      const problems = (() => {
        try {
          loadReport(report);
          return [];
        } catch (e) {
          return (e as InputError).problems.map((p) => formatProblem(p));
        }
      })();
      expect(problems).toEqual(['content/r.yaml:8:18: image not found: content/images/trend.png (an image\'s path is from the folder of the YAML file, content: did you mean images/trend.png?)']);
    } finally {
      process.chdir(was);
    }
  });

  it('named by a template is checked the same way when read by its path', () => {
    const file = path.join(dir, 'pics/template.png');
    writeFileSync(file, makePng(6, 4).subarray(0, 50));
    expect(readImage(file)).toBe(`${TRUNCATED_PNG}: ${file}`);
    writeFileSync(file, makePng(6, 4));
    expect(readImage(file)).toMatchObject({ type: 'png', width: 6, height: 4, data: readFileSync(file) });
  });
});

/** The PNG with every chunk's checksum made right again (as far as its chunk lengths lead). */
function withChecksums(png: Buffer): Buffer {
  const out = Buffer.from(png);
  for (let pos = 8; pos + 12 <= out.length; ) {
    const end = pos + 8 + out.readUInt32BE(pos);
    if (end + 4 > out.length) break;
    out.writeUInt32BE(crc32(out.subarray(pos + 4, end)) >>> 0, end);
    pos = end + 4;
  }
  return out;
}

/** Rows of a PNG's image data, bytes each with its filter byte: the passes of Adam7 when interlaced. */
function pngRows(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number[] {
  const passes = interlaced ? [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] : [[0, 0, 1, 1]];
  return passes.flatMap(([x0, y0, dx, dy]) => {
    const [columns, rows] = [Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)];
    return columns > 0 && rows > 0 ? Array<number>(rows).fill(1 + Math.ceil((columns * bitsPerPixel) / 8)) : [];
  });
}

/** Any PNG of a few pixels: every colour type and bit depth (some the format lacks), palettes, transparency, row filters 0–5. */
const anyPng = fc
  .record({
    width: fc.integer({ min: 1, max: 9 }),
    height: fc.integer({ min: 1, max: 9 }),
    colourType: fc.constantFrom(0, 2, 3, 4, 6),
    bitDepth: fc.constantFrom(1, 2, 4, 8, 16),
    interlace: fc.constantFrom(0, 1),
    palette: fc.option(fc.integer({ min: 1, max: 256 }), { freq: 1 }),
    transparency: fc.option(fc.integer({ min: 1, max: 6 }), { freq: 1 }),
    filters: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }),
    fill: fc.integer({ min: 0, max: 255 }),
  })
  .map((k) => {
    const samples = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[k.colourType]!;
    const rows = pngRows(k.width, k.height, samples * k.bitDepth, k.interlace === 1);
    const raw = Buffer.alloc(rows.reduce((a, b) => a + b, 0), k.fill);
    rows.reduce((at, bytes, i) => ((raw[at] = k.filters[i % k.filters.length]), at + bytes), 0);
    const extra = [
      ...(k.palette ? [pngChunk('PLTE', Buffer.alloc(k.palette * 3, 200))] : []),
      ...(k.transparency ? [pngChunk('tRNS', Buffer.alloc(k.transparency, 100))] : []),
    ];
    return pngFile([pngHeader(k.width, k.height, k), ...extra, pngChunk('IDAT', deflateSync(raw)), IEND]);
  });

describe('random images', () => {
  it('of every PNG kind, each refused or embedded without an error', async () => {
    const file = path.join(dir, 'pics/any.png');
    let embedded = 0;
    await fc.assert(
      fc.asyncProperty(anyPng, async (png) => {
        writeFileSync(file, png);
        const image = readImage(file);
        if (typeof image === 'string') return;
        await embed(image.data);
        embedded++;
      }),
      { numRuns: 1000 },
    );
    expect(embedded).toBeGreaterThan(100); // not only refusals
  });

  it('randomly damaged are refused, or embedded without an error (PNG checksums made right, so the damage reaches the data)', async () => {
    const palette = pngChunk('PLTE', Buffer.from([0, 0, 0, 255, 255, 255, 9, 9, 9]));
    const seeds = [
      makePng(6, 4),
      blankPng(5, 3, 5, { colourType: 3 }, [palette, pngChunk('tRNS', Buffer.from([0, 255]))]),
      blankPng(5, 3, 30, { bitDepth: 16 }),
      makeJpeg(20, 12, { components: 3 }),
    ];
    const file = path.join(dir, 'pics/fuzz.png');
    let embedded = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(seeds.length - 1), fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 3 }), async (seed, edits) => {
        const bytes = Buffer.from(seeds[seed]);
        for (const e of edits) bytes[e.at % bytes.length] = e.byte;
        writeFileSync(file, bytes[0] === 0x89 ? withChecksums(bytes) : bytes);
        const image = readImage(file);
        if (typeof image === 'string') return;
        await embed(image.data);
        embedded++;
      }),
      { numRuns: 1000 },
    );
    expect(embedded).toBeGreaterThan(100); // not only refusals
  });
});

/** Bit depths the format has for each colour type. */
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/**
 * Any PNG of a few random pixels the format allows: every colour type and bit depth, row filters
 * 0–4, interlaced or not, a palette PNG's transparency for some of its entries, a grey or RGB
 * PNG's transparent colour (one its first pixel has), a true-colour PNG's suggested palette.
 */
const anyPixels = fc
  .record({
    width: fc.integer({ min: 1, max: 11 }),
    height: fc.integer({ min: 1, max: 11 }),
    colourType: fc.constantFrom(0, 2, 3, 4, 6),
    depth: fc.nat(),
    interlace: fc.constantFrom<0 | 1>(0, 1),
    filters: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 5 }),
    bytes: fc.uint8Array({ minLength: 11 * 11 * 4 * 2, maxLength: 11 * 11 * 4 * 2 }),
    transparent: fc.nat(256),
    suggested: fc.boolean(),
  })
  .map((k): PngSpec => {
    const bitDepth = DEPTHS[k.colourType][k.depth % DEPTHS[k.colourType].length];
    const count = k.width * k.height * PNG_SAMPLES[k.colourType];
    const samples = Array.from({ length: count }, (_, i) => (bitDepth === 16 ? (k.bytes[2 * i] << 8) | k.bytes[2 * i + 1] : k.bytes[i] & ((1 << bitDepth) - 1)));
    const spec: PngSpec = { width: k.width, height: k.height, colourType: k.colourType, bitDepth, interlace: k.interlace, filters: k.filters, samples };
    const entries = 1 << Math.min(bitDepth, 8);
    const bytes = (n: number, from: number) => Buffer.from(Array.from({ length: n }, (_, i) => k.bytes[(from + i) % k.bytes.length]));
    if (k.colourType === 3) {
      spec.palette = bytes(entries * 3, 7);
      if (k.transparent % (entries + 1) > 0) spec.transparency = bytes(k.transparent % (entries + 1), 100);
    } else if ((k.colourType === 0 || k.colourType === 2) && k.transparent % 2 === 0) {
      spec.transparency = Buffer.alloc(2 * PNG_SAMPLES[k.colourType]);
      for (let s = 0; s < PNG_SAMPLES[k.colourType]; s++) spec.transparency.writeUInt16BE(samples[s], 2 * s);
    } else if (k.suggested && (k.colourType === 2 || k.colourType === 6)) spec.palette = bytes(3 * (1 + (k.transparent % 256)), 3);
    return spec;
  });

/** The colour a pixel of the PNG shows on white paper, 0–255 a channel (not rounded). */
function shownColour(spec: PngSpec, x: number, y: number): number[] {
  const n = PNG_SAMPLES[spec.colourType];
  const s = spec.samples.slice((y * spec.width + x) * n, (y * spec.width + x + 1) * n);
  // with alpha, 16-bit samples are written with their high byte, as pdfkit writes them
  const reduced = spec.bitDepth === 16 && (spec.colourType === 4 || spec.colourType === 6);
  const to8 = (v: number) => (reduced ? v >> 8 : (v * 255) / ((1 << spec.bitDepth) - 1));
  let colour: number[];
  let alpha = 1;
  if (spec.colourType === 3) {
    colour = [...spec.palette!.subarray(3 * s[0], 3 * s[0] + 3)];
    alpha = (spec.transparency && s[0] < spec.transparency.length ? spec.transparency[s[0]] : 255) / 255;
  } else {
    const colours = spec.colourType === 2 || spec.colourType === 6 ? 3 : 1;
    colour = s.slice(0, colours).map(to8);
    if (colours === 1) colour = [colour[0], colour[0], colour[0]];
    if (colours < n) alpha = to8(s[colours]) / 255;
    if (spec.transparency && s.every((v, i) => v === spec.transparency!.readUInt16BE(2 * i))) alpha = 0;
  }
  return colour.map((c) => c * alpha + 255 * (1 - alpha));
}

/**
 * Device pixels a pt when rasterising: poppler smooths an image (and its soft mask) drawn at
 * less than 4 device pixels a pixel, so each pixel is drawn 6 × 6 and read at its centre.
 */
const DEVICE_PIXELS = 6;

/** The PDF's first page rendered by poppler at DEVICE_PIXELS a pt, RGB, or undefined without pdftoppm. */
function rasterise(pdf: Buffer): { width: number; height: number; rgb: Buffer } | undefined {
  const run = spawnSync('pdftoppm', ['-r', String(72 * DEVICE_PIXELS), '-f', '1', '-l', '1', '-'], { input: pdf, maxBuffer: 1 << 26 });
  if (run.error) return undefined;
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(run.stdout.toString('latin1', 0, 40));
  if (!header) throw new Error(`pdftoppm: ${run.stderr.toString()}`);
  return { width: Number(header[1]), height: Number(header[2]), rgb: run.stdout.subarray(header[0].length) };
}

const hasPoppler = !spawnSync('pdftoppm', ['-v']).error;

describe('random PNGs, accepted and rendered', () => {
  it.skipIf(!hasPoppler)('are all accepted, and show their own pixels (rendered by poppler, pdftoppm: each within 2 of 255 a channel, for 16-bit samples and alpha)', async () => {
    const file = path.join(dir, 'pics/pixels.png');
    await fc.assert(
      fc.asyncProperty(fc.array(anyPixels, { minLength: 1, maxLength: 12 }), async (specs) => {
        // the images side by side, a pt apart, each drawn at one pt a pixel
        const ops: ImageOp[] = [];
        for (const spec of specs) {
          writeFileSync(file, encodePng(spec));
          const image = readImage(file);
          if (typeof image === 'string') throw new Error(image);
          const x = ops.length ? ops[ops.length - 1].x + ops[ops.length - 1].w + 1 : 0;
          ops.push({ kind: 'image', x, y: 0, w: spec.width, h: spec.height, data: image.data });
        }
        const width = ops[ops.length - 1].x + ops[ops.length - 1].w;
        const height = Math.max(...specs.map((s) => s.height));
        const pdf = await renderedPdf({ pages: [{ width, height, label: '', anchors: [], outline: [], ops }], document: META, faces });
        const page = rasterise(pdf)!;
        expect([page.width, page.height]).toEqual([width * DEVICE_PIXELS, height * DEVICE_PIXELS]);
        specs.forEach((spec, n) => {
          for (let y = 0; y < spec.height; y++) {
            for (let x = 0; x < spec.width; x++) {
              const centre = (v: number) => v * DEVICE_PIXELS + DEVICE_PIXELS / 2;
              const at = 3 * (centre(y) * width * DEVICE_PIXELS + centre(ops[n].x + x));
              const shown = [...page.rgb.subarray(at, at + 3)];
              const expected = shownColour(spec, x, y);
              if (shown.some((c, i) => Math.abs(c - expected[i]) > 2)) throw new Error(`image ${n}, pixel ${x},${y}: ${shown} shown, ${expected.map(Math.round)} expected`);
            }
          }
        });
      }),
      { numRuns: 60 },
    );
  });
  if (!hasPoppler) it.skip('show their own pixels: skipped, poppler-utils (pdftoppm) is not installed', () => {});
});
