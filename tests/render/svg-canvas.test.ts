/**
 * An SVG on a page image (`--png`, `imprint diff`'s images) is clipped to the image's box as it
 * is in the PDF (svg-draw.ts): a path far larger than the SVG paints only the image's box.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { FaceSet } from '../../src/font/face.js';
import type { DrawPage } from '../../src/page/draw.js';
import { pageImage } from '../../src/render/page-image.js';

describe('an SVG on a page image', () => {
  it('paints nothing outside the image’s box', async () => {
    // a 72 pt page at 72 dpi: one pixel a pt; the image is the 20 pt square at (10, 10)
    const huge = { d: 'M-500 -500 L1500 -500 L1500 1500 L-500 1500 Z', matrix: [1, 0, 0, 1, 0, 0] as [number, number, number, number, number, number], fill: { color: '#ff0000', opacity: 1 }, fillRule: 'nonzero' as const };
    const page: DrawPage = { width: 72, height: 72, label: '', ops: [{ kind: 'svg', x: 10, y: 10, w: 20, h: 20, scale: 1, paths: [huge] }], anchors: [], outline: [], notes: [] };
    const png = await pageImage(page, new FaceSet({ roles: new Map(), broken: new Map(), files: [], file: '' }), 72);
    const image = await loadImage(png);
    const ctx = createCanvas(image.width, image.height).getContext('2d');
    ctx.drawImage(image, 0, 0);
    const red = (x: number, y: number) => ctx.getImageData(x, y, 1, 1).data[1] < 128;
    expect([red(20, 20), red(12, 28)]).toEqual([true, true]);
    expect([red(5, 5), red(40, 20), red(20, 40), red(60, 60)]).toEqual([false, false, false, false]);
  });
});
