/**
 * An ICC profile an image carries is checked before a PDF draws the image in it
 * (content/icc-profile.ts): whole, of version 2 to 4, of a class and colour space that describe
 * the image's colours, with a tag table inside it and the tags that convert its colours.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iccComponents, iccProblem } from '../../src/content/icc-profile.js';
import { iccProfile } from '../helpers/icc.js';

/** `profile` with `bytes` written at `at` (latin1 text, or a byte). */
function changed(profile: Buffer, at: number, bytes: string | number): Buffer {
  const copy = Buffer.from(profile);
  if (typeof bytes === 'number') copy[at] = bytes;
  else copy.write(bytes, at, 'latin1');
  return copy;
}

describe('an ICC profile', () => {
  it('of grey, RGB or CMYK, versions 2 to 4, of a device or colour space class, is taken for an image of its colours, with its components', () => {
    for (const version of [2, 3, 4]) {
      expect(iccProblem(iccProfile('RGB ', { version }), 'RGB ')).toBeUndefined();
      expect(iccProblem(iccProfile('GRAY', { version }), 'GRAY')).toBeUndefined();
      expect(iccProblem(iccProfile('CMYK', { version }), 'CMYK')).toBeUndefined();
    }
    for (const deviceClass of ['scnr', 'mntr', 'prtr', 'spac']) expect(iccProblem(iccProfile('RGB ', { deviceClass }), 'RGB ')).toBeUndefined();
    expect([iccComponents(iccProfile('GRAY')), iccComponents(iccProfile('RGB ')), iccComponents(iccProfile('CMYK'))]).toEqual([1, 3, 4]);
  });

  it('that does not fit the image, or is damaged, is refused with why', () => {
    const rgb = iccProfile('RGB ');
    expect(iccProblem(iccProfile('CMYK'), 'RGB ')).toBe('it is a CMYK profile, for an RGB image');
    expect(iccProblem(rgb, 'GRAY')).toBe('it is an RGB profile, for a grey image');
    expect(iccProblem(changed(rgb, 16, 'Lab '), 'RGB ')).toBe("it is a Lab profile, for an RGB image");
    expect(iccProblem(iccProfile('RGB ', { version: 5 }), 'RGB ')).toBe('it is of ICC version 5.0, and a PDF takes versions 2 to 4');
    expect(iccProblem(iccProfile('RGB ', { version: 1 }), 'RGB ')).toBe('it is of ICC version 1.0, and a PDF takes versions 2 to 4');
    expect(iccProblem(iccProfile('RGB ', { deviceClass: 'link' }), 'RGB ')).toBe('it is a device link profile, which does not describe the colours of an image');
    expect(iccProblem(iccProfile('RGB ', { deviceClass: 'abst' }), 'RGB ')).toBe('it is an abstract profile, which does not describe the colours of an image');
    expect(iccProblem(iccProfile('RGB ', { deviceClass: 'nmcl' }), 'RGB ')).toBe('it is a named colour profile, which does not describe the colours of an image');
    expect(iccProblem(changed(rgb, 36, 'xxxx'), 'RGB ')).toBe("it is not an ICC profile (no 'acsp' signature)");
    expect(iccProblem(rgb.subarray(0, 100), 'RGB ')).toBe('it is cut short: 100 bytes, fewer than the header of a profile');
    expect(iccProblem(rgb.subarray(0, rgb.length - 4), 'RGB ')).toBe(`its size field says ${rgb.length} bytes, and it has ${rgb.length - 4} (damaged or cut short)`);
    const sized = (p: Buffer, size: number) => {
      const copy = Buffer.from(p);
      copy.writeUInt32BE(size, 0);
      return copy;
    };
    expect(iccProblem(sized(rgb, 0xffffffff), 'RGB ')).toBe(`its size field says 4294967295 bytes, and it has ${rgb.length} (damaged or cut short)`);
    expect(iccProblem(changed(rgb, 20, 'RGB '), 'RGB ')).toBe("its connection space is 'RGB ', neither XYZ nor Lab (damaged)");
    // a tag pointing past the end, or a tag table longer than the profile
    const pastEnd = Buffer.from(rgb);
    pastEnd.writeUInt32BE(rgb.length - 4, 128 + 4 + 4);
    expect(iccProblem(pastEnd, 'RGB ')).toBe('its tag table points past its end (damaged)');
    const manyTags = Buffer.from(rgb);
    manyTags.writeUInt32BE(1000, 128);
    expect(iccProblem(manyTags, 'RGB ')).toBe('its tag table points past its end (damaged)');
    // the tags that convert colours
    expect(iccProblem(changed(rgb, 128 + 4, 'desc'), 'RGB ')).toBe('it lacks the tags that convert its colours (A2B0, or rXYZ, gXYZ, bXYZ, rTRC, gTRC and bTRC)');
    expect(iccProblem(changed(iccProfile('GRAY'), 128 + 4, 'desc'), 'GRAY')).toBe('it lacks the tags that convert its colours (A2B0, or kTRC)');
    expect(iccProblem(changed(iccProfile('CMYK'), 128 + 4, 'desc'), 'CMYK')).toBe('it lacks the tags that convert its colours (A2B0)');
    // (a table-based RGB profile, with A2B0 where the matrix and curves were, is one)
    const table = Buffer.from(rgb);
    table.write('A2B0', 128 + 4, 'latin1');
    expect(iccProblem(table, 'RGB ')).toBeUndefined();
  });

  it('damaged anywhere, or cut anywhere, is told apart without a throw', () => {
    const rgb = iccProfile('RGB ');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(rgb.length - 1), fc.nat(255)), { minLength: 1, maxLength: 8 }), fc.nat(rgb.length), (damage, cut) => {
        const damaged = Buffer.from(rgb);
        for (const [at, byte] of damage) damaged[at] = byte;
        for (const p of [damaged, rgb.subarray(0, cut)]) expect(['string', 'undefined']).toContain(typeof iccProblem(p, 'RGB '));
      }),
      { numRuns: 2000 },
    );
  });
});
