/**
 * ICC profiles for test images (ICC.1): a header, a tag table and the tags that convert the
 * profile's colours. A grey or RGB profile is a real one (a white point, a gamma curve a channel,
 * and for RGB the primaries' XYZ: a colour management module can convert with it); a CMYK
 * profile's A2B0 tag is a stand-in (a type signature and zeros), enough to be told one.
 */

/** What a test profile is made of; each field changes its bytes. */
export interface IccOptions {
  /** Major version, byte 8 of the header (2 to 4 in a PDF). */
  version?: number;
  /** Device class, bytes 12–15: `mntr` (display), `scnr` (input), `prtr` (output), `link` … */
  deviceClass?: string;
  /** The gamma of every channel's curve (a grey or RGB profile). */
  gamma?: number;
}

/** The colour spaces a test profile can be of, as the header spells them. */
export type IccSpace = 'GRAY' | 'RGB ' | 'CMYK';

/** The bytes of an XYZType (ICC.1 10.31): three s15Fixed16 numbers. */
function xyz(x: number, y: number, z: number): Buffer {
  const tag = Buffer.alloc(20);
  tag.write('XYZ ', 0, 'latin1');
  [x, y, z].forEach((v, i) => tag.writeInt32BE(Math.round(v * 65536), 8 + 4 * i));
  return tag;
}

/** The bytes of a curveType (ICC.1 10.6) of one gamma (u8Fixed8), padded to 4 bytes. */
function gammaCurve(gamma: number): Buffer {
  const tag = Buffer.alloc(16);
  tag.write('curv', 0, 'latin1');
  tag.writeUInt32BE(1, 8);
  tag.writeUInt16BE(Math.round(gamma * 256), 12);
  return tag;
}

/** An ICC profile of colour space `space`: header, tag table and tags (see the file's comment). */
export function iccProfile(space: IccSpace, { version = 4, deviceClass = space === 'CMYK' ? 'prtr' : 'mntr', gamma = 2.2 }: IccOptions = {}): Buffer {
  const d50 = xyz(0.9642, 1, 0.8249);
  const curve = gammaCurve(gamma);
  const stand = Buffer.alloc(32);
  stand.write('mft2', 0, 'latin1');
  const tags: [string, Buffer][] =
    space === 'CMYK'
      ? [['A2B0', stand], ['wtpt', d50]]
      : space === 'GRAY'
        ? [['kTRC', curve], ['wtpt', d50]]
        : [['rXYZ', xyz(0.6097, 0.3111, 0.0195)], ['gXYZ', xyz(0.2053, 0.6257, 0.0609)], ['bXYZ', xyz(0.1492, 0.0632, 0.7446)], ['rTRC', curve], ['gTRC', curve], ['bTRC', curve], ['wtpt', d50]];
  const table = Buffer.alloc(4 + 12 * tags.length);
  table.writeUInt32BE(tags.length, 0);
  let offset = 128 + table.length;
  tags.forEach(([signature, data], i) => {
    table.write(signature, 4 + 12 * i, 'latin1');
    table.writeUInt32BE(offset, 8 + 12 * i);
    table.writeUInt32BE(data.length, 12 + 12 * i);
    offset += data.length;
  });
  const header = Buffer.alloc(128);
  header[8] = version;
  header.write(deviceClass, 12, 'latin1');
  header.write(space, 16, 'latin1');
  header.write(space === 'CMYK' ? 'Lab ' : 'XYZ ', 20, 'latin1');
  header.write('acsp', 36, 'latin1');
  d50.copy(header, 68, 8); // the connection space's illuminant
  const profile = Buffer.concat([header, table, ...tags.map(([, data]) => data)]);
  profile.writeUInt32BE(profile.length, 0);
  return profile;
}
