/** A font file read on demand: outlines read in the background are the file's bytes. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SfntFile } from '../../src/font/sfnt-file.js';

const FONT = path.resolve('node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const whole = readFileSync(FONT);
const fds = () => readdirSync('/proc/self/fd').length;

describe('outlines read in the background', () => {
  it('are the bytes of the file, and are not read again', async () => {
    const file = SfntFile.open(FONT)!;
    const ids = [1, 2, 3, 500, 501, 10_000, 20_000, 30_000];
    file.prefetchGlyphs(ids);
    await file.settled();
    for (const id of ids) {
      const [start, end] = file.glyphRange(id)!;
      expect(file.buffer.subarray(start, end).equals(whole.subarray(start, end))).toBe(true);
    }
    const [start] = file.glyphRange(20_000)!;
    file.buffer.fill(0xee, start, start + 4); // a second read would put the file's bytes back
    file.ensureGlyphs(ids);
    expect(file.buffer.readUInt32BE(start)).toBe(0xeeeeeeee);
    file.close();
  });

  it('end before the file is closed, however soon it is closed', async () => {
    const before = fds();
    const file = SfntFile.open(FONT)!;
    file.prefetchGlyphs(Array.from({ length: 300 }, (_, i) => 100 + i * 200));
    file.close();
    await file.settled();
    await new Promise((r) => setTimeout(r, 10));
    expect(fds()).toBe(before);
  });
});
