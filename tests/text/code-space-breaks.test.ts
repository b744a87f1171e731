/**
 * Inline code may break at any of its spaces, also before a word that starts with a mark UAX #14
 * keeps off a line start (a path's `/` or `.`: `GET /api/…`, `cd ./conf`), which running text
 * never breaks before.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { fakeStyle } from '../helpers/fake-font.js';
import { atomize, DEFAULT_LOOK } from '../../src/text/atoms.js';
import { foldWhitespace } from '../../src/text/inline.js';
import { breakOpportunities } from '../../src/text/breakpoints.js';
import { setParagraph } from '../../src/text/paragraph.js';
import { FaceSet } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import { FaceTextFont } from '../../src/text/text-font.js';

const root = path.resolve(import.meta.dirname, '../..');

/** Whether a line may end before the first atom whose text is `word`. */
function breaksBefore(markup: string, word: string): boolean {
  const { text, atoms } = atomize(foldWhitespace(parseInlineMarkup(markup)), fakeStyle(40));
  const p = atoms.findIndex((a) => a.text.startsWith(word));
  expect(p, word).toBeGreaterThan(0);
  return breakOpportunities(text, atoms)[p];
}

describe('a space of inline code', () => {
  it('is a place to break before a path', () => {
    expect(breaksBefore('请求 `GET /api/v2/users` 返回', '/api/')).toBe(true);
    expect(breaksBefore('执行 `bash ./deploy.sh` 即可', './')).toBe(true);
    expect(breaksBefore('执行 `ls -l ../conf` 即可', '../')).toBe(true);
  });

  it('is not one before a closing or pause mark, nor is a space of running text before a slash', () => {
    expect(breaksBefore('写作 `f(a, b )` 即可', ')')).toBe(false);
    expect(breaksBefore('写作 `a ,b` 即可', ',b')).toBe(false);
    expect(breaksBefore('单位为 km /h 左右', '/h')).toBe(false);
  });

  it('lets a paragraph of requests set without letter-spacing its Chinese (the manual, p. 7)', () => {
    const faces = new FaceSet(loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]));
    const font = new FaceTextFont(faces.keyOf('serif'), (k) => faces.byKey(k));
    const mono = new FaceTextFont(faces.keyOf('mono'), (k) => faces.byKey(k));
    const look = { ...DEFAULT_LOOK, code: { regular: [mono], bold: [mono] } };
    const text = '以 `getUserInfoByIdAsync` 为例说明调用方法。该接口对应 HTTP 请求 `GET /api/v2/auth/users/{userId}`，调用方须在请求头中携带 `Authorization: Bearer <token>`，令牌的获取方法见 2.6 节。';
    const { lines } = setParagraph(parseInlineMarkup(text), { regular: [font], bold: [font], size: 12, punctuation: 'gb', width: 442, indent: 24, align: 'justify', look });
    // (it was spaced out to 0.35 em between Han characters on two lines, by the last resort)
    for (const line of lines) expect(line.lastResortWidth, line.atoms.map((a) => a.text).join('')).toBe(0);
    expect(lines[0].atoms.at(-1)!.text).toBe('GET');
  });
});
