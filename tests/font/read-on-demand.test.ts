/**
 * A font file is read on demand: opening a face and setting text reads its directory, the
 * tables asked for and the outlines of punctuation, not the file, and holds no buffer of the
 * file's size (which the garbage collector would count as memory in use). fontkit's view of the
 * small tables gives what fontkit's whole face gives for what embedding asks.
 */
import path from 'node:path';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fontkitFaceSummary } from '../../src/font/face-summary.js';
import { FaceSet } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import { FaceTextFont } from '../../src/text/text-font.js';

const root = path.resolve(import.meta.dirname, '../..');
const TEXT = '静安区2025年度报告：全区生产总值（GDP）增长5.2%——较上年提高0.3个百分点……“十四五”规划，Shanghai Jing’an District.';

describe('a face read on demand', () => {
  it('reads and holds far less than the file when text is set', () => {
    const faces = new FaceSet(loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]));
    const key = faces.keyOf('serif');
    const size = statSync(key).size;
    const held = process.memoryUsage().arrayBuffers;
    const font = new FaceTextFont(key, (k) => faces.byKey(k));
    for (const c of TEXT.match(/[A-Za-z0-9.%]+|——|……|./gu)!) font.shape(c);
    const face = faces.byKey(key);
    expect(size).toBeGreaterThan(10_000_000);
    expect(face.file!.bytesRead).toBeLessThan(size / 10);
    expect(process.memoryUsage().arrayBuffers - held).toBeLessThan(size / 10);
    faces.close();
  });

  it("gives fontkit's names and metrics from its small tables", () => {
    const faces = new FaceSet(loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]));
    for (const role of ['serif', 'sans', 'mono']) {
      const face = faces.face(role);
      expect(face.summary).toEqual(fontkitFaceSummary(face.font));
    }
    faces.close();
  });
});
