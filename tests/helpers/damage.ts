/** Random damage to a YAML text, as an editor's slip or a broken file would do it (fast-check). */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';

export type Damage =
  | { op: 'delete'; line: number }
  | { op: 'indent'; line: number; by: number }
  | { op: 'bytes'; at: number; bytes: number[] }
  | { op: 'duplicate'; line: number }
  | { op: 'swap'; a: number; b: number }
  | { op: 'truncate'; at: number }
  | { op: 'char'; at: number; code: number }
  | { op: 'escape'; line: number; at: number; code: number }
  | { op: 'word'; line: number; length: number; unit: string }
  | { op: 'figure'; line: number; image: string }
  | { op: 'value'; line: number; value: string }
  | { op: 'punctuation'; line: number; length: number; mark: string };

/**
 * Values of the wrong type or out of range, put in place of a key's (`width: 60%` → `width: -1`):
 * a list, a mapping, nothing, numbers too large, negative, zero or not a number, text where a
 * number or a switch goes, a cross-reference to nothing or a footnote where an id goes.
 */
export const WRONG_VALUES = ['[]', '{}', '""', '~', '-1', '0', '1.5', '1e308', '.nan', '-.inf', '999999999', 'true', '"0%"', '"1000%"', '"-3mm"', '[[], {}]', '{text: x, colspan: 0}', '"[[nothing]]"', '"^[注]"', 'abc'];

/**
 * Image paths a careless or hostile edit may point a figure at, relative to the YAML file:
 * the test's folder is to hold each (see `makeHostileImages`), or nothing for the missing one.
 */
export const HOSTILE_IMAGES = ['pipe.png', 'folder.png', 'missing.png', '../../../../etc/passwd', 'outside.png', 'truncated.png', 'huge-header.png', 'zero-size.png', 'not-an-image.png', '/dev/zero'];

/**
 * Characters text cannot carry, as a paste or a broken editor puts them in: C0 controls (a
 * terminal colour code's ESC), DEL, C1 controls, noncharacters; lone surrogates come as escapes.
 */
const unprintable = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }),
  fc.integer({ min: 0x7f, max: 0x9f }),
  fc.integer({ min: 0xfdd0, max: 0xfdef }),
  fc.constantFrom(0xfffe, 0xffff, 0x1fffe, 0x10ffff),
);
const unprintableOrSurrogate = fc.oneof(unprintable, fc.integer({ min: 0xd800, max: 0xdfff }));

export const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ op: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }) }),
  fc.record({ op: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('char' as const), at: fc.nat(), code: unprintable }),
  fc.record({ op: fc.constant('escape' as const), line: fc.nat(), at: fc.nat(), code: unprintableOrSurrogate }),
  // a word with no break in it: a URL, a hash or a path pasted whole
  fc.record({ op: fc.constant('word' as const), line: fc.nat(), length: fc.integer({ min: 100, max: 20_000 }), unit: fc.constantFrom('a', '9', 'ab/', 'x-', '汉', '——') }),
  fc.record({ op: fc.constant('figure' as const), line: fc.nat(), image: fc.constantFrom(...HOSTILE_IMAGES) }),
  fc.record({ op: fc.constant('value' as const), line: fc.nat(), value: fc.constantFrom(...WRONG_VALUES) }),
  // a run of one punctuation mark, or a text of nothing else: 。。。。, ——————, ……
  fc.record({ op: fc.constant('punctuation' as const), line: fc.nat(), length: fc.integer({ min: 1, max: 2000 }), mark: fc.constantFrom('。', '—', '…', '，', '（', '）', '《', '“', '！', '、', '.') }),
);

/** Applies damages in order to the bytes of a file. */
export function applyDamage(source: Buffer, damages: Damage[]): Buffer {
  let buf = source;
  for (const d of damages) {
    const lines = buf.toString('latin1').split('\n');
    const n = lines.length;
    switch (d.op) {
      case 'delete':
        lines.splice(d.line % n, 1);
        break;
      case 'indent': {
        const i = d.line % n;
        lines[i] = d.by >= 0 ? ' '.repeat(d.by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-d.by}}`), '');
        break;
      }
      case 'duplicate':
        lines.splice(d.line % n, 0, lines[d.line % n]);
        break;
      case 'swap': {
        const [a, b] = [d.a % n, d.b % n];
        [lines[a], lines[b]] = [lines[b], lines[a]];
        break;
      }
      case 'bytes': {
        const at = d.at % (buf.length + 1);
        buf = Buffer.concat([buf.subarray(0, at), Buffer.from(d.bytes), buf.subarray(at)]);
        continue;
      }
      case 'truncate':
        buf = buf.subarray(0, d.at % (buf.length + 1));
        continue;
      case 'char': {
        // at a character's start, so the file stays valid UTF-8
        let at = d.at % (buf.length + 1);
        while (at < buf.length && (buf[at] & 0xc0) === 0x80) at++;
        buf = Buffer.concat([buf.subarray(0, at), Buffer.from(String.fromCodePoint(d.code), 'utf8'), buf.subarray(at)]);
        continue;
      }
      case 'escape': {
        // a list item's text rewritten in double quotes, with an escape (\uXXXX) put in it
        const i = d.line % n;
        const item = /^(\s*- )([^"'\s].*)$/.exec(Buffer.from(lines[i], 'latin1').toString('utf8'));
        if (!item) break;
        const chars = [...item[2]];
        const at = d.at % (chars.length + 1);
        const quoted = (s: string[]) => s.join('').replace(/[\\"]/g, '\\$&');
        const escape = d.code > 0xffff ? `\\U${d.code.toString(16).padStart(8, '0')}` : `\\u${d.code.toString(16).padStart(4, '0')}`;
        lines[i] = Buffer.from(`${item[1]}"${quoted(chars.slice(0, at))}${escape}${quoted(chars.slice(at))}"`, 'utf8').toString('latin1');
        break;
      }
      case 'word': {
        // appended to a list item's text (a paragraph, a list entry or a cell)
        const i = d.line % n;
        if (/^\s*- [^"'\s]/.test(lines[i])) lines[i] += ` ${d.unit.repeat(Math.ceil(d.length / d.unit.length))}`;
        break;
      }
      case 'figure': {
        // a paragraph turned into a figure naming the image
        const i = d.line % n;
        const item = /^(\s*- )[^"'\s{[]/.exec(lines[i]);
        if (item) lines[i] = `${item[1]}figure: {title: 图, image: "${d.image}"}`;
        break;
      }
      case 'value': {
        // the value of a key (`width: 60%`, `colspan: 2`, `id: x`) replaced by one of the wrong type or range
        const i = d.line % n;
        lines[i] = lines[i].replace(/^(\s*(?:- )?[\w-]+: ).*$/, `$1${d.value}`);
        break;
      }
      case 'punctuation': {
        // appended to a list item's text, or in place of it
        const i = d.line % n;
        const item = /^(\s*- )([^"'\s].*)$/.exec(lines[i]);
        const run = Buffer.from(d.mark.repeat(d.length), 'utf8').toString('latin1');
        if (item) lines[i] = d.length % 2 ? `${item[1]}${item[2]}${run}` : `${item[1]}"${run}"`;
        break;
      }
    }
    buf = Buffer.from(lines.join('\n'), 'latin1');
  }
  return buf;
}

/** Makes the files of HOSTILE_IMAGES in `dir`: a pipe, a folder, a link out of it, damaged PNGs, a text. */
export function makeHostileImages(dir: string, png: Buffer): void {
  spawnSync('mkfifo', [path.join(dir, 'pipe.png')]);
  mkdirSync(path.join(dir, 'folder.png'), { recursive: true });
  symlinkSync('/etc/hostname', path.join(dir, 'outside.png'));
  writeFileSync(path.join(dir, 'truncated.png'), png.subarray(0, Math.floor(png.length / 2)));
  const huge = Buffer.from(png);
  huge.writeUInt32BE(100_000, 16);
  huge.writeUInt32BE(100_000, 20);
  writeFileSync(path.join(dir, 'huge-header.png'), huge);
  const zero = Buffer.from(png);
  zero.writeUInt32BE(0, 16);
  writeFileSync(path.join(dir, 'zero-size.png'), zero);
  writeFileSync(path.join(dir, 'not-an-image.png'), 'report:\n  title: x\n');
}
