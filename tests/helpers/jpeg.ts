/**
 * A tiny baseline JPEG encoder for test images: mid-grey, every 8 × 8 block coded as "no
 * difference, end of block" with one-code Huffman tables. Valid for any size and 1, 3 or 4
 * components; `frame` sets the frame marker (C0 baseline unless told) to make kinds a PDF cannot show;
 * `orientation` adds Exif data with that orientation (1–8); `icc` adds APP2 segments carrying
 * those pieces of an ICC profile (ICC.1 annex B.4: each numbered from 1, with the count; see
 * icc.ts for profiles).
 */
export function makeJpeg(width: number, height: number, { components = 1, frame = 0xc0, precision = 8, orientation = 0, icc = [] as Buffer[] } = {}): Buffer {
  const segment = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const ids = Array.from({ length: components }, (_, i) => i + 1);
  const sof = [precision, height >> 8, height & 0xff, width >> 8, width & 0xff, components, ...ids.flatMap((id) => [id, 0x11, 0])];
  const oneCode = (tableClass: number) => [tableClass << 4, 1, ...Array(15).fill(0), 0]; // one symbol, 0, coded "0"
  const sos = [components, ...ids.flatMap((id) => [id, 0x00]), 0, 63, 0];
  // two bits "00" a block (DC: no difference; AC: end of block), padded with ones
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8) * components;
  const bits = '00'.repeat(blocks).padEnd(Math.ceil((blocks * 2) / 8) * 8, '1');
  const scan = (bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2));
  return Buffer.from([
    0xff, 0xd8,
    // Exif (big-endian TIFF) with one tag, the orientation, when one is given
    ...(orientation ? segment(0xe1, [...Buffer.from('Exif\0\0MM\0\x2a\0\0\0\x08', 'latin1'), 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0]) : []),
    ...icc.flatMap((piece, i) => segment(0xe2, [...Buffer.from('ICC_PROFILE\0', 'latin1'), i + 1, icc.length, ...piece])),
    ...segment(0xdb, [0, ...Array(64).fill(1)]),
    ...segment(frame, sof),
    ...segment(0xc4, oneCode(0)),
    ...segment(0xc4, oneCode(1)),
    ...segment(0xda, sos),
    ...scan,
    0xff, 0xd9,
  ]);
}
