/**
 * An image that carries its ICC profile (checked: content/icc-profile.ts) is drawn in it: its
 * colour space ICCBased, the profile the space's stream, each profile embedded once a PDF
 * however many images carry it. A CMYK JPEG keeps DeviceCMYK but in a PDF/A (its press values
 * passed through); an image without a profile is drawn in the device's space, as before.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaceSet } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import type { ImageOp } from '../../src/page/draw.js';
import type { PdfaLevel } from '../../src/render/pdf.js';
import { renderedPdf } from '../helpers/rendered-pdf.js';
import { iccProfile } from '../helpers/icc.js';
import { makeJpeg } from '../helpers/jpeg.js';
import { dictValue, pdfImages, pdfObjects, type PdfObject } from '../helpers/pdf-objects.js';
import { encodePng, iccpBody, PNG_SAMPLES } from '../helpers/png.js';

const META = { title: 't', keywords: [], date: new Date(Date.UTC(2026, 0, 1)), creator: 'test', lang: 'zh-CN' };
const faces = new FaceSet(loadFontRegistry([{ file: path.resolve(import.meta.dirname, '../../fonts/fonts.yaml') }]));

/** An image to draw: its file's bytes and the profile it carries. */
type Drawn = Pick<ImageOp, 'data' | 'profile'>;

/** The PDF of one page with the images drawn one above another (a PDF/A of `pdfa` when given). */
function render(images: Drawn[], pdfa?: PdfaLevel): Promise<Buffer> {
  const ops = images.map((image, i) => ({ kind: 'image' as const, x: 0, y: 20 * i, w: 20, h: 20, ...image }));
  return renderedPdf({ pages: [{ width: 100, height: 400, label: '', anchors: [], outline: [], ops }], document: META, faces }, { pdfa });
}

/** A PNG of 3 × 2 pixels of colour type `colourType` (a palette of two colours), 8-bit, with an iCCP chunk of `profile` when given. */
function png(colourType: number, profile?: Buffer, interlace: 0 | 1 = 0): Buffer {
  const samples = Array.from({ length: 6 * PNG_SAMPLES[colourType] }, (_, i) => (colourType === 3 ? i % 2 : (i * 37) % 256));
  return encodePng({ width: 3, height: 2, colourType, bitDepth: 8, interlace, filters: [0], samples, palette: colourType === 3 ? Buffer.from([255, 0, 0, 0, 0, 255]) : undefined, iccp: profile && iccpBody(profile) });
}

/** The colour space of each image drawn (not soft masks), in the order of their objects: a device space's name, or the ICC profile's N and bytes; a palette's base likewise. */
function colourSpaces(pdf: Buffer): { space: string; n?: number; profile?: Buffer; base?: string }[] {
  const objects = pdfObjects(pdf);
  const iccOf = (ref: string) => {
    const icc = objects.get(Number(ref))!;
    return { n: Number(dictValue(icc.dict, 'N')), profile: icc.stream };
  };
  return [...pdfImages(objects).values()]
    .filter((o: PdfObject) => !o.dict.includes('/Decode [0 1]')) // a soft mask
    .map((o) => {
      const space = dictValue(o.dict, 'ColorSpace')!;
      const icc = /^\[\/ICCBased (\d+) 0 R\]$/.exec(space);
      if (icc) return { space: 'ICCBased', ...iccOf(icc[1]) };
      const indexed = /^\[\/Indexed (\/\w+|\[\/ICCBased (\d+) 0 R\]) /.exec(space);
      if (indexed) return { space: 'Indexed', base: indexed[2] ? 'ICCBased' : indexed[1], ...(indexed[2] ? iccOf(indexed[2]) : {}) };
      return { space };
    });
}

/** The ICC profiles (the streams of ICCBased spaces) a PDF embeds, the output intent's left out. */
function iccStreams(pdf: Buffer): Buffer[] {
  const objects = pdfObjects(pdf);
  const used = new Set([...pdf.toString('latin1').matchAll(/\/ICCBased (\d+) 0 R/g)].map((m) => Number(m[1])));
  return [...used].map((n) => objects.get(n)!.stream!);
}

describe('an image with its ICC profile', () => {
  const rgb = iccProfile('RGB ');
  const grey = iccProfile('GRAY');
  const cmyk = iccProfile('CMYK');

  it('is drawn in it, a JPEG of grey or RGB with or without PDF/A: ICCBased, N its components, the profile its stream', async () => {
    for (const pdfa of [undefined, '2b'] as const) {
      const spaces = colourSpaces(await render([{ data: makeJpeg(8, 8, { components: 3, icc: [rgb] }), profile: rgb }, { data: makeJpeg(8, 8, { components: 1, icc: [grey] }), profile: grey }], pdfa));
      expect(spaces.map(({ space, n, profile }) => ({ space, n, profile: profile?.toString('hex') }))).toEqual([
        { space: 'ICCBased', n: 3, profile: rgb.toString('hex') },
        { space: 'ICCBased', n: 1, profile: grey.toString('hex') },
      ]);
    }
  });

  it('is drawn in it, a PNG of every colour type: a palette on the profile as its base, an alpha channel as a soft mask beside it', async () => {
    const kinds: [number, Buffer, number][] = [[0, grey, 1], [4, grey, 1], [2, rgb, 3], [6, rgb, 3], [3, rgb, 3]];
    for (const pdfa of [undefined, '3b'] as const) {
      for (const [colourType, profile, n] of kinds) {
        for (const interlace of [0, 1] as const) {
          const pdf = await render([{ data: png(colourType, profile, interlace), profile }], pdfa);
          const [space] = colourSpaces(pdf);
          expect({ ...space, profile: space.profile?.equals(profile) }, `colour type ${colourType}`).toEqual(colourType === 3 ? { space: 'Indexed', base: 'ICCBased', n, profile: true } : { space: 'ICCBased', n, profile: true });
          // the alpha: a soft mask in DeviceGray, as without a profile
          const masks = [...pdfImages(pdfObjects(pdf)).values()].filter((o) => o.dict.includes('/Decode [0 1]'));
          expect(masks.map((m) => dictValue(m.dict, 'ColorSpace'))).toEqual(colourType === 4 || colourType === 6 ? ['/DeviceGray'] : []);
        }
      }
    }
  });

  it('of the same bytes as another image\'s embeds it once in the PDF; another profile once more', async () => {
    const other = iccProfile('RGB ', { gamma: 1.8 });
    const pdf = await render([
      { data: makeJpeg(8, 8, { components: 3, icc: [rgb] }), profile: rgb },
      { data: png(2, rgb), profile: rgb },
      { data: png(3, rgb), profile: rgb },
      { data: makeJpeg(16, 8, { components: 3, icc: [other] }), profile: other },
      { data: png(6, other), profile: other },
    ]);
    expect(iccStreams(pdf).map((p) => p.toString('hex')).sort()).toEqual([rgb.toString('hex'), other.toString('hex')].sort());
    expect(colourSpaces(pdf).map((s) => s.profile?.equals(rgb))).toEqual([true, true, true, false, false]);
  });

  it('that is a CMYK JPEG keeps DeviceCMYK (its values go to the press as they are), but in a PDF/A, where it is drawn in its profile', async () => {
    const data = makeJpeg(8, 8, { components: 4, icc: [cmyk] });
    expect(colourSpaces(await render([{ data, profile: cmyk }]))).toEqual([{ space: '/DeviceCMYK' }]);
    const [space] = colourSpaces(await render([{ data, profile: cmyk }], '2b'));
    expect({ ...space, profile: space.profile?.equals(cmyk) }).toEqual({ space: 'ICCBased', n: 4, profile: true });
  });

  it('that carries none is drawn in the device space of its colours, as before', async () => {
    const spaces = colourSpaces(await render([{ data: makeJpeg(8, 8, { components: 3 }) }, { data: makeJpeg(8, 8, { components: 1 }) }, { data: png(2) }, { data: png(0) }, { data: png(3) }]));
    expect(spaces).toEqual([{ space: '/DeviceRGB' }, { space: '/DeviceGray' }, { space: '/DeviceRGB' }, { space: '/DeviceGray' }, { space: 'Indexed', base: '/DeviceRGB' }]);
  });
});
