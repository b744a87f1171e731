/**
 * Images a report names, checked when the content is loaded: one the PDF writer (pdfkit) could
 * not embed (damaged, too large, of a kind a PDF cannot show, not a regular file) is refused with
 * one message at the `image:` value, naming the path as written; a good one is accepted with its
 * size and the bytes the PDF will embed, and pdfkit embeds it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES, readImage } from '../../src/content/image-file.js';
import { MAX_IMAGE_PIXELS } from '../../src/content/image-size.js';
import { loadReport } from '../../src/content/load.js';
import type { Report } from '../../src/content/types.js';
import { formatProblem, InputError } from '../../src/problems.js';
import { makeJpeg } from '../helpers/jpeg.js';
import { makeBlackPng, makePng, pngChunk, pngFile, pngHeader } from '../helpers/png.js';
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

/** A PDF of one page with the image, as the renderer draws it (pdfkit; its errors surface here). */
function embed(data: Buffer): Promise<Buffer> {
  const doc = new PDFDocument({ size: [200, 200] });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.image(data, 0, 0, { width: 100, height: 100 });
  doc.end();
  return done;
}

const IEND = pngChunk('IEND', Buffer.alloc(0));
/** A PNG of zero samples (black), each row filter 0; `rowBytes` without the filter byte. */
function blankPng(width: number, height: number, rowBytes: number, options: Parameters<typeof pngHeader>[2] = {}, extra: Buffer[] = []): Buffer {
  return pngFile([pngHeader(width, height, options), ...extra, pngChunk('IDAT', deflateSync(Buffer.alloc((rowBytes + 1) * height))), IEND]);
}

const TRUNCATED_PNG = 'image damaged: PNG data ends early (truncated file?)';
const TRUNCATED_JPEG = 'image damaged: JPEG data ends early (truncated file?)';

describe('a PNG', () => {
  it('is accepted with its size and the bytes of its file, and pdfkit embeds it', async () => {
    const png = makePng(40, 30);
    const image = accepted('pics/good.png', png);
    expect({ type: image.type, width: image.width, height: image.height }).toEqual({ type: 'png', width: 40, height: 30 });
    expect(image.data.equals(png)).toBe(true);
    await embed(image.data);
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

  it('is refused when pdfkit would garble it or crash on it, with what to do', () => {
    const palette = pngChunk('PLTE', Buffer.alloc(6));
    const alpha = pngChunk('tRNS', Buffer.from([0, 255]));
    expect(refusal('pics/rgb-palette.png', blankPng(4, 4, 12, {}, [palette]))).toBe('image not supported: a true-colour PNG with a palette (PLTE) (re-save it as an 8-bit PNG without one)');
    expect(refusal('pics/interlaced-4.png', blankPng(1, 1, 1, { colourType: 0, bitDepth: 4, interlace: 1 }))).toBe('image not supported: an interlaced PNG with 4-bit samples (re-save it as an 8-bit PNG, not interlaced)');
    expect(refusal('pics/interlaced-narrow.png', blankPng(4, 1, 16, { colourType: 6, interlace: 1 }))).toBe('image not supported: an interlaced PNG narrower than 5 pixels (re-save it not interlaced)');
    expect(refusal('pics/palette-4-alpha.png', blankPng(4, 4, 2, { colourType: 3, bitDepth: 4 }, [palette, alpha]))).toBe('image not supported: a 4-bit palette PNG with transparency (re-save it as an 8-bit PNG)');
  });

  it('of every kind pdfkit draws is accepted, and pdfkit embeds it', async () => {
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
    expect(refusal('pics/text.png', Buffer.from('not an image at all'))).toBe('not a PNG or JPEG image (by its content)');
    expect(refusal('pics/empty.jpg', Buffer.alloc(0))).toBe('not a PNG or JPEG image (by its content)');
    expect(refusal('pics/missing.png')).toBe('image not found');
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
  it('of every PNG kind, each refused or embedded by pdfkit without an error', async () => {
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

  it('randomly damaged are refused, or embedded by pdfkit without an error (PNG checksums made right, so the damage reaches the data)', async () => {
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
