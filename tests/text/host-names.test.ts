/**
 * A URL's host name is not parted at a line's end (`https://jyj.|pujiang.gov.cn/`, a new user's
 * trial): the URL breaks after a `/` of its path, or goes whole to the next line, the line before
 * it standing short; its host breaks only where nothing else fits. Set with the real fonts at the
 * official template's measure.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaceSet } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { setParagraph } from '../../src/text/paragraph.js';
import { FaceTextFont } from '../../src/text/text-font.js';
import { lineTexts } from './line-text.js';
import { fakeStyle } from '../helpers/fake-font.js';
import { urlBreaks } from '../../src/text/host-names.js';
import type { Atom } from '../../src/text/atoms.js';

const root = path.resolve(import.meta.dirname, '../..');
/** The official template's measure (A4 less 27 mm each side) and its body's first-line indent, pt. */
const [MEASURE, INDENT] = [442.2, 24];

describe("a URL's host name at a line's end", () => {
  const faces = new FaceSet(loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]));
  const font = new FaceTextFont(faces.keyOf('serif'), (k) => faces.byKey(k));
  const set = (text: string, width = MEASURE) => lineTexts(setParagraph(parseInlineMarkup(text), { regular: [font], bold: [font], size: 12, punctuation: 'gb', width, indent: INDENT, align: 'justify' }).lines);

  it('goes whole to the next line when its host has nothing else to break at (it broke after jyj.)', () => {
    const lines = set('对调查中反映的问题，区教育局已逐条建立整改台账，整改情况将在 <https://jyj.pujiang.gov.cn/> 公开。');
    expect(lines).toEqual(['对调查中反映的问题，区教育局已逐条建立整改台账，整改情况将在', 'https://jyj.pujiang.gov.cn/公开。']);
  });

  it('breaks after a / of the path rather than inside the host (it broke gov.|cn/jyky/…)', () => {
    const lines = set('区教研室编写了《浦江区跨学科主题学习案例集》（共 3 册），收录案例 126 个，并在区教育局网站公开：<https://jyj.pujiang.gov.cn/jyky/kxk/2025/anliji-shangce.html>。', 352);
    expect(lines.slice(1)).toEqual(['录案例126个，并在区教育局网站公开：https://jyj.pujiang.gov.cn/', 'jyky/kxk/2025/anliji-shangce.html。']);
  });

  it('still breaks inside a host name wider than the measure', () => {
    const lines = set('见 <https://a-very-long-host-name-for-testing.example-subdomain.another-long-label.pujiang.gov.cn/>。', 200);
    expect(lines.join('')).toBe('见https://a-very-long-host-name-for-testing.example-subdomain.another-long-label.pujiang.gov.cn/。');
    // (after a mark of the host: nothing else fits)
    expect(lines.slice(0, -1).every((l) => /[.-]$/.test(l)), lines.join('|')).toBe(true);
  });

  it('are found as their definition says, a character at a time, in a word of 150,000 characters too (the regex on the word so far at each piece took minutes: the timeout of the suite catches that)', () => {
    // the definition: the word up to the break is a URL's start that ends inside its host or
    // its mailbox, or the start of a mail address written alone that ends inside its mailbox
    const OPEN_HOST = /^(?:[a-z][a-z\d+.-]*:\/\/(?:[^/?#@]*@)?[^/?#]+|mailto:[^@?]*@[^?]+|mailto:[^@?]+)$/i;
    const MAILBOX = /^[\p{L}\p{N}._%+-]+$/u;
    const isOpen = (word: string, before: string) => OPEN_HOST.test(before) || (MAILBOX.test(before) && word.startsWith(`${before}`) && /^[\p{L}\p{N}._%+-]+@/u.test(word));
    const atomsOf = (pieces: string[]) => pieces.map((text, i) => ({ text, continuesWord: i > 0, marks: { bold: false } }) as Atom);
    const words = [
      ['https://', 'jyj.', 'pujiang.', 'gov.', 'cn/', 'jyky/', 'a.html'],
      ['HTTP://', 'user@', 'host.', 'cn?', 'q=1'],
      ['mailto:', 'zhang.', 'san@', 'jyj.', 'pujiang.', 'gov.', 'cn'],
      ['mailto:', 'a?', 'b@', 'c'],
      ['ftp:', '/', '/', 'a', '/', 'b'],
      ['example.', 'org/', 'a'],
      ['1http://', 'a.', 'b'],
      ['C:', '\\', 'Users'],
      ['https:', '/', 'a.', 'b'],
      ['zhang.', 'san@', 'jyj.pujiang.gov.cn'],
      ['zhang.', 'san.', 'li@', 'b.cn'],
      ['zhang.', 'san', ' '],
      ['a.', 'b', '#c@', 'd.cn'],
      ['张.', '三@', 'd.cn'],
    ];
    for (const pieces of words) {
      const word = pieces.join('');
      const expected = pieces.map((_, p) => p > 0 && isOpen(word, pieces.slice(0, p).join('')));
      expect(urlBreaks(atomsOf(pieces)).inHost.slice(0, pieces.length), pieces.join('')).toEqual(expected);
    }
    const long = atomsOf(['https://', ...Array.from({ length: 15_000 }, () => 'abcdefghi.'), '/path']);
    const inside = urlBreaks(long).inHost;
    expect(inside.slice(2, -1).every((x) => x) && !inside[1]).toBe(true); // (after the first piece of the host, up to the path)
  });

  it('a mail address breaks after its @ or goes whole to the next line, not inside its mailbox (it broke zhang.|san@, and so written in the text as mailto:zhang.san@…)', () => {
    // (written alone, as <mailto:…>, which prints the address alone, and as a URL in the text, which breaks after its mailto: too)
    for (const address of ['zhang.san@jyj.pujiang.gov.cn', '<mailto:zhang.san@jyj.pujiang.gov.cn>', 'mailto:zhang.san@jyj.pujiang.gov.cn']) {
      const text = `如对本报告有疑问，请与区教育局督导室联系，联系人邮箱 ${address}，欢迎来信垂询。`;
      for (let width = 280; width <= 450; width += 10) {
        const lines = set(text, width);
        expect(lines.join(''), `${width} pt`).toBe(text.replace(/<mailto:|[<> ]/g, ''));
        // the mailbox whole on one line: the address parted only after its @, if at all
        expect(lines.some((l) => l.includes('zhang.san@')), `${width} pt: ${lines.join(' | ')}`).toBe(true);
      }
    }
  });

  it('on a character grid (GB/T 9704), ends a line before the URL rather than inside its host, unless the host is longer than a line', () => {
    const text = '整改情况将在区教育局网站 <https://jyj.pujiang.gov.cn/zhenggai/2025.html> 公开，欢迎监督。';
    const grid = (em: number) => lineTexts(setParagraph(parseInlineMarkup(text), { ...fakeStyle(em, 0, 'gb'), cell: 10 }).lines);
    for (const em of [14, 16, 18, 20, 22, 24]) {
      const lines = grid(em);
      expect(lines.join(''), `${em} cells`).toBe(text.replace(/[<> ]/g, ''));
      // (no line ends inside jyj.pujiang.gov.cn: it went whole to the next line, the line before it stretched over its cells)
      expect(lines.some((l) => /https:\/\/jyj\.pujiang\.gov\.cn\//.test(l)), `${em} cells: ${lines.join(' | ')}`).toBe(true);
    }
    // 13.5 ems of https://jyj.pujiang.gov.cn/ in 12 cells: it breaks inside, where nothing else fits
    expect(grid(12).join('')).toBe(text.replace(/[<> ]/g, ''));
  });
});
