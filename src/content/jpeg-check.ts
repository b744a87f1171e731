/**
 * A JPEG checked to be one a PDF carries as it is (pdfkit embeds the file's bytes, for the
 * viewer to decode with DCTDecode): segments in order from SOI, a frame header (SOF) of a kind
 * PDF decodes (Huffman-coded baseline, extended or progressive DCT; 8-bit; grey, RGB or CMYK),
 * then scans up to the end marker (EOI): a file cut short has none. The entropy-coded data is
 * skipped, not decoded: damage inside it shows as a blemish, never as a failed build.
 * The size is the one shown: pdfkit turns the image as its Exif orientation says. The ICC profile
 * its APP2 segments carry is checked for its colours (see icc-profile.ts): one that does not fit
 * is ignored, with why.
 */
import { carriedProfile, type CarriedProfile, type IccSpace } from './icc-profile.js';
import { sizeProblem, type ImageSize } from './image-size.js';

const TRUNCATED = 'image damaged: JPEG data ends early (truncated file?)';

const SOS = 0xda;
const EOI = 0xd9;
const APP1 = 0xe1;
const APP2 = 0xe2;

/** What an APP2 segment holding a piece of an ICC profile begins with (ICC.1, annex B.4), then the piece's number (from 1) and the count. */
const ICC_SIGNATURE = 'ICC_PROFILE\0';

/**
 * The markers pdfkit takes for the frame header (the first one it meets is used), by kind:
 * only the first three are decoded in a PDF.
 */
const FRAME_KINDS = new Map<number, string>([
  [0xc0, 'a baseline'],
  [0xc1, 'an extended'],
  [0xc2, 'a progressive'],
  [0xc3, 'a lossless'],
  [0xc5, 'a hierarchical'],
  [0xc6, 'a hierarchical progressive'],
  [0xc7, 'a hierarchical lossless'],
  [0xc8, 'an unknown (marker C8)'],
  [0xc9, 'an arithmetic-coded'],
  [0xca, 'an arithmetic-coded progressive'],
  [0xcb, 'an arithmetic-coded lossless'],
  [0xcc, 'an arithmetic-coded'], // DAC: arithmetic coding conditioning, which pdfkit takes for a frame
  [0xcd, 'an arithmetic-coded hierarchical'],
  [0xce, 'an arithmetic-coded hierarchical progressive'],
  [0xcf, 'an arithmetic-coded hierarchical lossless'],
]);
const DECODED_FRAMES = [0xc0, 0xc1, 0xc2];

/** A JPEG's size as shown, whether it is CMYK (four colour components), and the ICC profile it carries (or why that is ignored). */
export interface JpegSize extends ImageSize, CarriedProfile {
  cmyk?: boolean;
}

/** The colour space of a JPEG's colours by its components, as an ICC profile's header spells it. */
const SPACES: Record<number, IccSpace> = { 1: 'GRAY', 3: 'RGB ', 4: 'CMYK' };

/** The JPEG's size as shown, or why a PDF could not show it. The data begins with SOI (FF D8). */
export function checkJpeg(data: Buffer): JpegSize | string {
  let size: JpegSize | undefined;
  let space: IccSpace = 'GRAY';
  let orientation: number | undefined;
  let scanned = false;
  const iccPieces: Buffer[] = [];
  for (let pos = 2; ; ) {
    if (pos + 2 > data.length) return TRUNCATED;
    const marker = data[pos + 1];
    if (data[pos] !== 0xff || marker === 0xff || marker === 0x00) return `image damaged: no JPEG marker where one should be (byte ${pos})`;
    if (marker === EOI) {
      if (!size || !scanned) return 'image damaged: a JPEG without image data';
      const shown = iccPieces.length ? { ...size, ...carriedProfile(wholeProfile(iccPieces), space) } : size;
      return (orientation ?? 1) > 4 ? { ...shown, width: size.height, height: size.width } : shown; // turned a quarter
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2; // RSTn, TEM: markers without a segment
      continue;
    }
    if (pos + 4 > data.length) return TRUNCATED;
    const length = data.readUInt16BE(pos + 2);
    if (length < 2) return `image damaged: a JPEG segment with a wrong length (byte ${pos})`;
    const end = pos + 2 + length;
    if (end > data.length) return TRUNCATED;
    if (FRAME_KINDS.has(marker)) {
      if (size) return 'image not supported: a JPEG with more than one frame header (re-save it as a baseline or progressive JPEG)';
      const frame = readFrame(marker, data.subarray(pos + 4, end));
      if (typeof frame === 'string') return frame;
      size = frame;
      space = SPACES[data[pos + 9]]; // (the frame's count of components)
    }
    if (marker === APP1 && !scanned && orientation === undefined && data.toString('latin1', pos + 4, pos + 10) === 'Exif\0\0') orientation = exifOrientation(data, pos + 10);
    if (marker === APP2 && data.toString('latin1', pos + 4, pos + 4 + ICC_SIGNATURE.length) === ICC_SIGNATURE) iccPieces.push(data.subarray(pos + 4 + ICC_SIGNATURE.length, end));
    if (marker === SOS) {
      if (!size) return 'image damaged: JPEG image data before its frame header (SOF)';
      scanned = true;
      pos = endOfScan(data, end);
    } else pos = end;
  }
}

/** The frame header (SOF) after its length: precision, height, width, components. */
function readFrame(marker: number, body: Buffer): JpegSize | string {
  if (!DECODED_FRAMES.includes(marker)) return `image not supported: ${FRAME_KINDS.get(marker)} JPEG (re-save it as a baseline or progressive JPEG)`;
  if (body.length < 6 || body.length !== 6 + 3 * body[5]) return 'image damaged: a JPEG frame header (SOF) with a wrong length';
  const [precision, components] = [body[0], body[5]];
  if (precision !== 8) return `image not supported: a JPEG with ${precision}-bit samples (re-save it as an 8-bit JPEG)`;
  if (![1, 3, 4].includes(components)) return `image not supported: a JPEG with ${components} colour components (grey, RGB or CMYK only)`;
  const size = { width: body.readUInt16BE(3), height: body.readUInt16BE(1), ...(components === 4 ? { cmyk: true } : {}) };
  return sizeProblem(size) ?? size;
}

/**
 * The ICC profile the APP2 pieces (each: its number from 1, the count, its bytes) make, in the
 * order of their numbers, when they are all there, once each; else why they do not make one.
 */
function wholeProfile(pieces: readonly Buffer[]): Buffer | string {
  const notWhole = `its pieces (APP2 ICC_PROFILE segments, ${pieces.length} of them) do not make one profile (one missing, repeated or numbered wrong)`;
  const count = pieces[0][1];
  if (!count || pieces.length !== count || pieces.some((p) => p.length < 2 || p[1] !== count)) return notWhole;
  const ordered = [...pieces].sort((a, b) => a[0] - b[0]);
  if (ordered.some((p, i) => p[0] !== i + 1)) return notWhole;
  return Buffer.concat(ordered.map((p) => p.subarray(2)));
}

/**
 * Where the marker after a scan's entropy-coded data begins (in it, FF 00 is a data byte, RSTn
 * mark restart intervals and FF may repeat as fill), or the end of the data when none does.
 */
function endOfScan(data: Buffer, from: number): number {
  for (let pos = data.indexOf(0xff, from); pos >= 0 && pos + 1 < data.length; pos = data.indexOf(0xff, pos + 1)) {
    const next = data[pos + 1];
    if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return pos;
  }
  return data.length;
}

/**
 * The orientation (1–8) in the Exif data whose TIFF header is at `tiff`, read as pdfkit reads it
 * (the first directory's tag 0112, offsets within the whole file), else 1.
 */
function exifOrientation(data: Buffer, tiff: number): number {
  if (tiff + 8 > data.length) return 1;
  const order = data.toString('latin1', tiff, tiff + 2);
  if (order !== 'II' && order !== 'MM') return 1;
  const u16 = (at: number) => (order === 'II' ? data.readUInt16LE(at) : data.readUInt16BE(at));
  const u32 = (at: number) => (order === 'II' ? data.readUInt32LE(at) : data.readUInt32BE(at));
  if (u16(tiff + 2) !== 42) return 1;
  const directory = tiff + u32(tiff + 4);
  if (directory + 2 > data.length) return 1;
  for (let i = 0, entries = u16(directory); i < entries; i++) {
    const entry = directory + 2 + i * 12;
    if (entry + 12 > data.length) return 1;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}
