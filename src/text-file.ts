/**
 * A file's bytes as text: UTF-8 (a report, a theme, a font registry, a template), else where and
 * why not, in words: another kind of file given in its place (a .docx, a PDF, an image, UTF-16,
 * by its first bytes), or the first byte that is not UTF-8, saying so when the file reads as GBK
 * (GB18030), as a Chinese Windows editor saves it, or ends inside a character (cut short); or
 * binary data that happens to be UTF-8 (a file of NUL bytes), by its share of control characters.
 */
import { codePointName } from './code-point-name.js';
import { notTextKind } from './file-kind.js';
import type { SourcePos } from './problems.js';

/** `bytes` of `file` as text, or where and why they are not UTF-8 text. */
export function decodeText(file: string, bytes: Buffer): string | { pos: SourcePos; message: string } {
  const other = notTextKind(bytes);
  if (other) return { pos: { file, line: 1, col: 1 }, message: `this file is ${other}` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    if (endsInsideCharacter(bytes)) return { pos: invalidUtf8At(file, bytes), message: 'the file ends inside a character (its last bytes are the start of one): it seems cut short; save or copy it again whole' };
    const gbk = gbkText(bytes);
    return { pos: invalidUtf8At(file, bytes), message: gbk ? `invalid UTF-8: the file seems saved as GBK (GB18030), as Chinese Windows saves it (its first Chinese read so: "${gbk}"); save it as UTF-8` : 'invalid UTF-8 (save the file as UTF-8)' };
  }
  const binary = binaryText(text);
  return binary ? { pos: { file, line: 1, col: 1 }, message: `this file is binary, not text: ${binary}` } : text;
}

/** How many of a file's first UTF-16 units are looked at to tell binary data from text. */
const BINARY_SAMPLE_CHARS = 8000;

/**
 * The share of control characters at a file's start from which it is binary data, not text (a
 * text holds none but tab and line ends; a stray one or two in a report are told at their place).
 */
const BINARY_CONTROL_SHARE = 0.1;

/** Control characters no text file holds: all but tab, line feed and carriage return. */
const BINARY_CONTROLS = /(?![\t\n\r])\p{Cc}/gu;

/** Why `text` is binary data, not text, in words (`7 of its first 10 characters are control characters (U+0001 …), …`); undefined for a text. */
function binaryText(text: string): string | undefined {
  const sample = text.slice(0, BINARY_SAMPLE_CHARS);
  const controls = sample.match(BINARY_CONTROLS) ?? [];
  const chars = [...sample].length;
  if (!controls.length || controls.length < chars * BINARY_CONTROL_SHARE) return undefined;
  return `${controls.length} of its first ${chars} characters are control characters (${codePointName(controls[0]!)} …), which a text file does not hold`;
}

/**
 * Whether `bytes`, not UTF-8 as a whole, are UTF-8 but for their last one to three, which start
 * a character and stop (a file cut short: a copy or download stopped early), not a byte that no
 * UTF-8 has.
 */
function endsInsideCharacter(bytes: Buffer): boolean {
  try {
    // streaming, the decoder keeps a character's start at the end for the bytes to come
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The first words beyond ASCII of `bytes` read as GB18030 (GBK's superset), up to 12 characters,
 * when the whole reads so and they are Chinese; else undefined.
 */
function gbkText(bytes: Buffer): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const first = /[^\x00-\x7f]+/.exec(text)?.[0];
  return first && /\p{Script=Han}/u.test(first) ? [...first].slice(0, 12).join('') : undefined;
}

/** The line and column of the first byte that is not valid UTF-8. */
function invalidUtf8At(file: string, bytes: Buffer): SourcePos {
  let lo = 0;
  let hi = bytes.length;
  const valid = (n: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n));
      return true;
    } catch {
      return false;
    }
  };
  // the longest valid prefix, give or take an incomplete character at its end
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (valid(mid) || valid(mid - 1) || valid(mid - 2) || valid(mid - 3)) lo = mid;
    else hi = mid - 1;
  }
  while (lo > 0 && !valid(lo)) lo--;
  const before = bytes.subarray(0, lo).toString('utf8').split('\n');
  return { file, line: before.length, col: [...before[before.length - 1]].length + 1 };
}
