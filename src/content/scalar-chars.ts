/**
 * Where each character of a YAML scalar's value was written in the file. YAML folds line
 * breaks and indentation away, `''` in single quotes is one quote, and a double-quoted scalar
 * has escapes (`\e`, `\u00A0`), so a character's place cannot be counted from the scalar's
 * start: it is read from the scalar's source.
 */
import type { Scalar } from 'yaml';

/** Whitespace that YAML folds or trims: never one of the characters a message points at. */
const FOLDED = /[ \t\n]/;

/** The one-letter escapes of a double-quoted scalar (YAML 1.2, 5.7), and the characters they stand for. */
const ESCAPED: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\', '\t': '\t',
};
/** The escapes by code point, and their number of hexadecimal digits. */
const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * For a scalar with a string value: the file offset of its value's character at a UTF-16
 * index (the offset of the backslash for an escaped one). Characters YAML folds (space, tab,
 * line feed) and scalars read differently than expected give the scalar's start.
 */
export function valueOffsets(text: string, node: Scalar): (index: number) => number {
  const [start, end] = node.range ?? [0, 0];
  const value = String(node.value);
  const written = writtenChars(text.slice(start, end), node.type);
  // the characters read must be the value's, other than folded whitespace; else no guessing
  const expected = value.replace(new RegExp(FOLDED.source, 'g'), '');
  if (written.chars !== expected) return () => start;
  // for each UTF-16 index of the value, its index among the characters read
  const index = new Int32Array(value.length);
  for (let i = 0, k = 0; i < value.length; i++) index[i] = FOLDED.test(value[i]) ? -1 : k++;
  return (i) => (index[i] >= 0 ? start + written.offsets[index[i]] : start);
}

/**
 * The characters of a scalar's source other than folded whitespace, as YAML reads them
 * (escapes decoded), each with its offset in `source` (UTF-16 units, one per unit).
 */
function writtenChars(source: string, type: Scalar['type']): { chars: string; offsets: number[] } {
  let chars = '';
  const offsets: number[] = [];
  const add = (s: string, at: number) => {
    for (let k = 0; k < s.length; k++) {
      if (FOLDED.test(s[k])) continue;
      chars += s[k];
      offsets.push(at);
    }
  };
  const literal = (i: number) => {
    // a carriage return before a line feed is part of the line break
    if (!(source[i] === '\r' && source[i + 1] === '\n')) add(source[i], i);
  };
  if (type === 'QUOTE_DOUBLE') {
    for (let i = 1; i < source.length - 1; i++) {
      if (source[i] !== '\\') {
        literal(i);
        continue;
      }
      const next = source[i + 1];
      const digits = HEX_DIGITS[next];
      if (digits) {
        const code = parseInt(source.substr(i + 2, digits), 16);
        add(Number.isNaN(code) ? source.substr(i, digits + 2) : safeFromCodePoint(code, source.substr(i, digits + 2)), i);
        i += 1 + digits;
      } else if (next in ESCAPED) {
        add(ESCAPED[next], i);
        i += 1;
      } else {
        i += 1; // an escaped line break (or a bad escape: an error of its own)
      }
    }
  } else if (type === 'QUOTE_SINGLE') {
    for (let i = 1; i < source.length - 1; i++) {
      literal(i);
      if (source[i] === "'") i++; // '' is one quote
    }
  } else {
    // a block scalar's header line (| or > with indicators, maybe a comment) is not content
    const from = type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED' ? source.indexOf('\n') + 1 : 0;
    for (let i = from; i < source.length; i++) literal(i);
  }
  return { chars, offsets };
}

function safeFromCodePoint(code: number, raw: string): string {
  return code <= 0x10ffff ? String.fromCodePoint(code) : raw;
}
