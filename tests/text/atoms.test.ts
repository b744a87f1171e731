import { describe, expect, it } from 'vitest';
import { atomize, DEFAULT_LOOK } from '../../src/text/atoms.js';
import { foldWhitespace } from '../../src/text/inline.js';
import { setParagraph } from '../../src/text/paragraph.js';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { FakeFont, fakeStyle } from '../helpers/fake-font.js';

type Scheme = 'gb' | 'none' | 'kaiming' | 'banjiao';
const atoms = (text: string, punctuation: Scheme = 'gb') => atomize(foldWhitespace(parseInlineMarkup(text)), fakeStyle(10, 0, punctuation)).atoms;
const width = (text: string, punctuation: Scheme = 'gb') => atoms(text, punctuation).reduce((w, a) => w + a.width, 0) / 10;

describe('atoms', () => {
  it('quote-pair-compressed: ”。 takes 1.5 em', () => expect(width('”。')).toBe(1.5));
  it('bracket-pair-compressed: ）、 and 》《 take 1.5 em', () => {
    expect(width('）、')).toBe(1.5);
    expect(width('》《')).toBe(1.5);
  });
  it('stop-then-opening-quote-compressed: 。“ takes 1.5 em', () => expect(width('。“')).toBe(1.5));
  it('no-compression-in-none-scheme', () => expect(width('”。', 'none')).toBe(2));
  it('kaiming-scheme: pause marks half width, end marks full', () => {
    expect(width('，', 'kaiming')).toBe(0.5);
    expect(width('“', 'kaiming')).toBe(0.5);
    expect(width('。', 'kaiming')).toBe(1);
    expect(width('！', 'kaiming')).toBe(1);
  });
  it('banjiao-scheme: every mark half width', () => expect(width('。，“', 'banjiao')).toBe(1.5));
  it('opening mark after compression is drawn shifted left by the removed blank', () => {
    const [, open] = atoms('“（');
    expect(open.shift).toBe(-5);
  });
  it('han-latin space is folded into the gap', () => {
    expect(atoms('2025 年').map((a) => a.text)).toEqual(['2025', '年']);
    expect(atoms('2025年').map((a) => a.text)).toEqual(['2025', '年']);
  });
  it('latin spaces are kept, ideographic space is a character', () => {
    expect(atoms('Kimi and Deepseek').map((a) => a.kind)).toEqual(['latin', 'space', 'latin', 'space', 'latin']);
    expect(atoms('1　人才').map((a) => a.text)).toEqual(['1', '　', '人', '才']);
  });
  it('doubled marks are one atom', () => expect(atoms('甲——乙……').map((a) => a.text)).toEqual(['甲', '——', '乙', '……']));
  it('bold runs are marked', () => {
    const a = atomize(parseInlineMarkup('甲**乙**丙'), fakeStyle(10));
    expect(a.atoms.map((x) => x.marks.bold)).toEqual([false, true, false]);
  });
  it('a URL printed whole is cut after / . - _ ? & = (not inside // nor right after it), whatever its length', () => {
    const a = atomize(parseInlineMarkup('<https://a.org/x-y_z?q=1&r=2>'), fakeStyle(10)).atoms;
    expect(a.map((x) => x.text)).toEqual(['https://a.', 'org/', 'x-', 'y_', 'z?', 'q=', '1&', 'r=', '2']);
    expect(a.map((x) => x.continuesWord)).toEqual([false, ...new Array(8).fill(true)]);
    // the same text not written as a URL is one word (short words are never cut)
    expect(atomize(parseInlineMarkup('a.org/x-y'), fakeStyle(10)).atoms.map((x) => x.text)).toEqual(['a.org/x-y']);
  });
  it('inline code is its words and spaces: a space of its own width, fixed, where a line may end; a word cut per character only when wider than the measure', () => {
    const a = atomize(parseInlineMarkup('甲`ls -l /tmp`乙'), fakeStyle(10)).atoms;
    expect(a.map((x) => x.text)).toEqual(['甲', 'ls', ' ', '-l', ' ', '/tmp', '乙']);
    expect(a.map((x) => x.kind)).toEqual(['han', 'latin', 'space', 'latin', 'space', 'latin', 'han']);
    // a code space is as wide as the code font's space (never 0: a typed space of text takes its width from the glue)
    expect(a[2].width).toBeGreaterThan(0);
    expect(atomize(parseInlineMarkup('`ls -l`'), fakeStyle(10), 12).atoms.map((x) => x.text)).toEqual(['ls', ' ', '-l']);
    expect(atomize(parseInlineMarkup('`lsblk`'), fakeStyle(10), 20).atoms.map((x) => x.text)).toEqual(['l', 's', 'b', 'l', 'k']);
  });
  it('inline code is cut where a long word of text is, and at its spaces', () => {
    const a = atomize(parseInlineMarkup('`cd /usr/local/lib/node_modules && ls`'), fakeStyle(10)).atoms;
    expect(a.map((x) => x.text)).toEqual(['cd', ' ', '/usr/', 'local/', 'lib/', 'node_', 'modules', ' ', '&&', ' ', 'ls']);
    expect(a.map((x) => x.continuesWord)).toEqual([false, false, false, true, true, true, true, false, false, false, false]);
    expect(atomize(parseInlineMarkup('`getUserPreferences`'), fakeStyle(10)).atoms.map((x) => x.text)).toEqual(['get', 'User', 'Preferences']);
  });
  it('a long identifier is cut at its camelCase humps and before a run of digits, at least three characters of the run on each side, never inside a number', () => {
    const parts = (word: string) => atomize(parseInlineMarkup(word), fakeStyle(10)).atoms.map((x) => x.text);
    expect(parts('calculateOptimalLineBreaks')).toEqual(['calculate', 'Optimal', 'Line', 'Breaks']);
    expect(parts('XMLHttpRequestFactory')).toEqual(['XML', 'Http', 'Request', 'Factory']);
    expect(parts('loadUserAccountById')).toEqual(['load', 'User', 'Account', 'ById']);
    expect(parts('iPhoneSimulatorApp')).toEqual(['iPhone', 'Simulator', 'App']);
    expect(parts('release20260115')).toEqual(['release', '20260115']);
    expect(parts('org.imprint.PenaltyTable')).toEqual(['org.', 'imprint.', 'Penalty', 'Table']);
    // never inside a number, hexadecimal included (three hex letters before digits); no lone digit cut off
    for (const word of ['0xABCD12345678', 'utf8mb4general', '10.0.19045.3803', '31010119900101123456789', 'calculateoptimallinebreaks']) expect(parts(word)).toEqual([word]);
    // a run of letters and digits mixed, 20 or more (a hash): between any two characters, three on each side
    const hash = 'e3b0c44298fc1c149afbf4c8996fb924';
    expect(parts(hash)).toEqual(['e3b', ...hash.slice(3, -3), 'b924'.slice(1)]);
    // a letter word before digits after a hyphen (CVE-|2024-3094); never in a date or a telephone number
    expect(parts('CVE-2024-3094xx')).toEqual(['CVE-', '2024-3094xx']);
    for (const word of ['2024-12-01-0930', '021-5787-1043-88']) expect(parts(word)).toEqual([word]);
    // after the dash of a range of numbers of two digits or more, in a word of any length
    expect(parts('2025—2027')).toEqual(['2025—', '2027']);
    expect(parts('9:00—17:00')).toEqual(['9:00—', '17:00']);
    expect(parts('2020–2025')).toEqual(['2020–', '2025']);
    for (const word of ['3—5', 'a—b']) expect(parts(word)).toEqual([word]);
    // a short word is never cut
    expect(parts('getUserName')).toEqual(['getUserName']);
  });
  it('a standard\'s designation is one word: never cut at the space after its code nor at the dash before its year (GB/T|9704—2012, GB/T 9704—|2012)', () => {
    const parts = (text: string) => atoms(text).filter((a) => a.kind === 'latin').map((x) => x.text);
    expect(parts('参照 GB/T 9704—2012《党政机关公文格式》')).toEqual(['GB/T 9704—2012']);
    expect(parts('达到《上海市中小学校建设标准》（DG/TJ 08-12—2020）的要求')).toEqual(['DG/TJ 08-12—2020']);
    expect(parts('符合 GB 50099—2011 和 DB31/T 1234—2020，以及 ISO 9001:2015 的要求')).toEqual(['GB 50099—2011', 'DB31/T 1234—2020', 'ISO 9001:2015']);
    // its space is a number's (a quarter em, fixed), not a word space
    expect(atoms('GB/T 9704—2012').map((a) => a.kind)).toEqual(['latin']);
    // a range is still one where no code stands before it; a word that is no code keeps its space
    expect(parts('2023—2025 年')).toEqual(['2023—', '2025']);
    expect(parts('于 2023—2025 年')).toEqual(['2023—', '2025']);
    expect(parts('Windows 11 终端')).toEqual(['Windows', '11']);
    expect(parts('HP/GB/T 12')).toEqual(['HP/GB/T', '12']);
  });
  it('a URL written in the text is never cut right after its scheme (https://|xj.…, as <https://…> is not)', () => {
    const parts = (text: string) => atoms(text).filter((a) => a.kind === 'latin').map((x) => x.text);
    // the new user's table cell: 学籍管理系统（https://|xj.shedu.example.cn）
    expect(parts('学籍管理系统（https://xj.shedu.example.cn）')).toEqual(['https://xj.', 'shedu.', 'example.cn']);
    expect(parts('见 ftp://files.example.org/pub/data.csv')).toEqual(['ftp://files.', 'example.', 'org/', 'pub/', 'data.csv']);
    // a path's slashes still break (after each, not inside //)
    expect(parts('/usr/local/share/imprint')).toEqual(['/usr/', 'local/', 'share/', 'imprint']);
  });
  it('a long word is never cut before the extension or domain that ends it (report.|pdf, example.|com)', () => {
    const parts = (word: string) => atomize(parseInlineMarkup(word), fakeStyle(10)).atoms.map((x) => x.text);
    expect(parts('annual-quality-report.pdf')).toEqual(['annual-', 'quality-', 'report.pdf']);
    expect(parts('www.example-organisation.com')).toEqual(['www.', 'example-', 'organisation.com']);
    expect(parts('docs.example.com/report.html),')).toEqual(['docs.', 'example.', 'com/', 'report.html),']);
    // inside the word a dot still breaks
    expect(parts('org.imprint.typesetting.Engine')).toEqual(['org.', 'imprint.', 'typesetting.', 'Engine']);
    // nor before a domain of two short labels that ends it (pujiang.|gov.cn)
    expect(parts('edu-it@pujiang.gov.cn')).toEqual(['edu-', 'it@', 'pujiang.gov.cn']);
    // an e-mail address's domain never breaks: after its @ instead
    expect(parts('zhangsan.office@jaedu.sh.gov.cn')).toEqual(['zhangsan.', 'office@', 'jaedu.sh.gov.cn']);
    // unless the domain is wider than the measure (a narrow column): then at its marks, not into letters
    const narrow = (word: string) => atomize(parseInlineMarkup(word), fakeStyle(10), 80).atoms.map((x) => x.text);
    expect(narrow('zhangsan@jiaoyu-xinxi-zhongxin.gov.cn')).toEqual(['zhangsan@', 'jiaoyu-', 'xinxi-', 'zhongxin.gov.cn']);
  });
  it('a URL printed whole breaks after its marks, but not after its scheme nor before the extension that ends it', () => {
    const parts = (url: string) => atomize(parseInlineMarkup(`<${url}>`), fakeStyle(10)).atoms.map((x) => x.text);
    expect(parts('https://edu.pujiang.gov.cn/digital/annual-report/index.html')).toEqual(['https://edu.', 'pujiang.', 'gov.', 'cn/', 'digital/', 'annual-', 'report/', 'index.html']);
    expect(parts('https://example.org/a/report.pdf')).toEqual(['https://example.', 'org/', 'a/', 'report.pdf']);
  });
  it('superscripts and subscripts are set smaller, at the theme\'s size', () => {
    const a = atomize(parseInlineMarkup('m^2^CO~2~'), { ...fakeStyle(10), look: { ...DEFAULT_LOOK, scriptSize: 0.6 } }).atoms;
    expect(a.map((x) => [x.text, x.size])).toEqual([['m', 10], ['2', 6], ['CO', 10], ['2', 6]]);
  });
  it('a character no font has is reported, and the next font in the stack is used when it has it', () => {
    const lacking = new FakeFont('a', new Set(['乙']));
    const full = new FakeFont('b');
    const style = { ...fakeStyle(10), regular: [lacking, full] };
    const r = atomize(parseInlineMarkup('甲乙'), style);
    expect(r.atoms.map((a) => a.font.key)).toEqual(['a', 'b']);
    expect(r.missing).toEqual([]);
    const only = atomize(parseInlineMarkup('甲乙'), { ...style, regular: [lacking] });
    expect(only.missing).toEqual(['乙']);
  });
});

describe('inline markup', () => {
  it('parses **bold**', () => expect(parseInlineMarkup('a**b**c')).toEqual([{ text: 'a', bold: false }, { text: 'b', bold: true }, { text: 'c', bold: false }]));
  it('keeps an unpaired ** as text', () => expect(parseInlineMarkup('a**b')).toEqual([{ text: 'a**b', bold: false }]));
  it('folds whitespace', () => expect(foldWhitespace([{ text: '  a \n\t b  ', bold: false }])).toEqual([{ text: 'a b', bold: false }]));
});

describe('kana and enclosed numbers', () => {
  it('an enclosed number or letter (①, ⑴, ⒈, ㈠, ㊀) or a Roman numeral of GB 2312 (Ⅱ, ⅳ) is set as a Han character: an atom, no gap beside Han', () => {
    for (const mark of ['①', '⑳', '⑴', '⒈', '㈠', '㊀', 'Ⓐ', 'Ⅱ', 'Ⅻ', 'ⅳ']) {
      const a = atoms(`包括${mark}加强`);
      expect(a.map((x) => `${x.kind}:${x.text}`), mark).toEqual(['han:包', 'han:括', `han:${mark}`, 'han:加', 'han:强']);
      const { lines } = setParagraph(parseInlineMarkup(`包括${mark}加强`), { ...fakeStyle(10), align: 'left' });
      expect(lines[0].xs.map((x) => x / 10), mark).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it('hiragana and katakana are set as Han characters are: an atom each, no Han–Latin gap beside Han, a line may break between them', () => {
    const a = atoms('日文こんにちは与カタカナ');
    expect(a.map((x) => x.text)).toEqual([...'日文こんにちは与カタカナ']);
    expect(a.every((x) => x.kind === 'han')).toBe(true);
    const { lines } = setParagraph(parseInlineMarkup('日文こんにちは与カタカナ混排'), { ...fakeStyle(5), align: 'left' });
    expect(lines.map((l) => l.atoms.map((x) => x.text).join(''))).toEqual(['日文こんに', 'ちは与カタ', 'カナ混排']);
    expect(lines[0].xs.map((x) => x / 10)).toEqual([0, 1, 2, 3, 4]);
  });
  it('a small kana or the prolonged sound mark ー never starts a line (JIS X 4051 line-start rules)', () => {
    const text = 'ちょっとラーメンとチャーシューをキャッシュレスで';
    for (let width = 3; width <= 9; width++) {
      const { lines } = setParagraph(parseInlineMarkup(text), { ...fakeStyle(width), align: 'left' });
      expect(lines.map((l) => l.atoms.map((a) => a.text).join('')).join(''), `${width} em`).toBe(text);
      expect(lines.filter((l) => 'ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー'.includes(l.atoms[0].text)).length, `${width} em`).toBe(0);
    }
  });
});

describe('font stacks', () => {
  it('a Latin font named by the style sets Latin words; Han stays in the CJK font', () => {
    const cjk = new FakeFont('cjk');
    const latin = new FakeFont('latin', new Set([...'中文']));
    const style = { ...fakeStyle(20), regular: [cjk], bold: [cjk], latin: { regular: [latin, cjk], bold: [latin, cjk] } };
    const r = atomize(parseInlineMarkup('中文 Word 2025'), style);
    expect(r.atoms.filter((a) => a.kind !== 'space').map((a) => `${a.text}:${a.font.key}`)).toEqual(['中:cjk', '文:cjk', 'Word:latin', '2025:latin']);
  });
});

describe('numbers and spaces of their own width', () => {
  it('two em spaces typed to open a paragraph stay, its indent (a space at a line break goes)', () => {
    const { lines } = setParagraph(parseInlineMarkup('\u2003\u2003本报告是示例，用来占位的文字。'), { ...fakeStyle(40), align: 'left' });
    expect(lines[0].atoms.slice(0, 2).map((a) => a.text)).toEqual(['\u2003', '\u2003']);
    expect(lines[0].xs[2]).toBeGreaterThanOrEqual(2 * 10 - 1e-6);
  });
  const texts = (text: string) => atoms(text).map((a) => a.text);
  /** The atom whose text is `text`, and its glyphs' advances in em of the 10 pt size. */
  const atom = (text: string, source = text, style = fakeStyle(10)) => atomize(foldWhitespace(parseInlineMarkup(source)), style).atoms.find((a) => a.text === text)!;
  const advances = (a: { glyphs: { advance: number }[] }) => a.glyphs.map((g) => g.advance / 10);

  it('a no-break space between Chinese characters keeps its own width (⅓ em) in a justified line: nothing beside it widens', () => {
    const { lines } = setParagraph(parseInlineMarkup('甲\u00a0乙丙丁戊己庚辛壬癸子丑寅卯'), fakeStyle(10.5));
    expect(lines.length).toBe(2);
    const [first] = lines;
    expect(first.atoms[1].text).toBe('\u00a0');
    expect(first.xs[2] - first.xs[0]).toBeCloseTo(10 + 10 / 3, 6);
    expect(first.xs[3] - first.xs[2]).toBeGreaterThan(10); // the line is spread elsewhere
  });
  it('a space between digit groups (GB/T 15835: threes from the decimal point) is inside the number: one atom, the gap ¼ em, written as a space', () => {
    expect(texts('预算为 3 860.5 万元')).toEqual(['预', '算', '为', '3 860.5', '万', '元']);
    const n = atom('3 860.5');
    expect(advances(n)).toEqual([0.5, 0.25, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(n.glyphs[1].codePoints).toEqual([0x20]);
    expect(n.width).toBe(32.5);
    for (const t of ['1 347', '45 312', '186 000', '1 000 000', '55 235 367.346 23', '0.123 45', '−1 250']) expect(texts(`共 ${t} 个`)).toEqual(['共', t, '个']);
  });
  it('a telephone number written with spaces is one word: area code and hyphen, mobile 3-4-4, +86', () => {
    for (const t of ['021-5888 6022', '(021) 5888 6022', '0571-8765 4321', '400-820 8820', '138 1234 5678', '+86 21 5888 6022', '+86 138 1234 5678']) expect(texts(`电话 ${t} 转`)).toEqual(['电', '话', t, '转']);
    expect(texts('电话（021）5888 6022')).not.toContain(' ');
    // not years side by side, nor three counts that look like a mobile's groups without a word that says it is one
    expect(texts('2024 2025')).toEqual(['2024', ' ', '2025']);
    expect(texts('分别为 150 2000 3000 人')).toContain(' ');
  });
  it('numbers that are not grouped keep their space: 4 digits before it, other than 3 after it, a point or a letter before, an ordinal 第', () => {
    expect(texts('2024 2025')).toEqual(['2024', ' ', '2025']);
    expect(texts('3 8600')).toEqual(['3', ' ', '8600']);
    expect(texts('12 34')).toEqual(['12', ' ', '34']);
    expect(texts('1.5 300')).toEqual(['1.5', ' ', '300']);
    expect(texts('v2 345')).toEqual(['v2', ' ', '345']);
    expect(texts('第 3 347 名')).toEqual(['第', '3', ' ', '347', '名']);
  });
  it('a space between a number and its unit symbol is inside the quantity, ¼ em; not before an ordinary word', () => {
    for (const t of ['20 Gbps', '12 ms', '3 200 m²', '8 GB', '36.5 ℃', '20 °C', '15 %', '60 km/h', '1.5 kWh', '5 mL'])
      expect(texts(`为 ${t}，`)).toEqual(['为', t, '，']);
    expect(advances(atom('20 Gbps'))[2]).toBe(0.25);
    expect(texts('5 mice')).toEqual(['5', ' ', 'mice']);
    expect(texts('20 minutes')).toEqual(['20', ' ', 'minutes']);
    expect(texts('v2 GB')).toEqual(['v2', ' ', 'GB']);
    expect(texts('Plan B')).toEqual(['Plan', ' ', 'B']);
  });
  it('thin, narrow no-break, figure and no-break spaces are set at their width with a space glyph, no font needing them', () => {
    const lacking = new FakeFont('lacking', new Set(['\u2009', '\u202f', '\u2007', '\u00a0']));
    const style = { ...fakeStyle(10), regular: [lacking], bold: [lacking] };
    const r = atomize(parseInlineMarkup('3\u202f860 45\u2009312 1\u2007000 a\u00a0b'), style);
    expect(r.missing).toEqual([]);
    expect(r.atoms.filter((a) => a.kind === 'latin').map((a) => [a.text, advances(a)])).toEqual([
      ['3\u202f860', [0.5, 0.2, 0.5, 0.5, 0.5]],
      ['45\u2009312', [0.5, 0.5, 0.2, 0.5, 0.5, 0.5]],
      ['1\u2007000', [0.5, 0.5, 0.5, 0.5, 0.5]],
      ['a\u00a0b', [0.5, 1 / 3, 0.5]],
    ]);
    expect(r.atoms.flatMap((a) => a.glyphs).filter((g) => g.codePoints[0] !== 0x20 && /\s/u.test(String.fromCodePoint(g.codePoints[0])))).toEqual([]);
  });
  it('a thin space outside a number is a space of its own width where a line may end, never folded beside Han', () => {
    const a = atoms('甲\u2009乙 x\u2009y');
    expect(a.map((x) => [x.text, x.kind, x.width])).toEqual([
      ['甲', 'han', 10],
      ['\u2009', 'space', 2],
      ['乙', 'han', 10],
      ['x', 'latin', 5],
      ['\u2009', 'space', 2],
      ['y', 'latin', 5],
    ]);
    expect(a[1].glyphs.map((g) => g.codePoints)).toEqual([[0x20]]);
  });
});
