/**
 * A number and the Chinese character after it (its unit or measure word: `3860.5万元`, `18所`,
 * `2025年`) part at a line's end only when keeping them together would make the lines loose.
 * A number's sign and unit sign are the number's: `和 -0.18㎡ 和`, with the Han–Latin gap and a
 * break allowed on each side as beside any number.
 */
import { describe, expect, it } from 'vitest';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { setParagraph } from '../../src/text/paragraph.js';
import { fakeStyle } from '../helpers/fake-font.js';
import { atomize, type Atom } from '../../src/text/atoms.js';
import { breakOpportunities, unitBreakPenalty } from '../../src/text/breakpoints.js';
import path from 'node:path';
import { FaceSet } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import { FaceTextFont } from '../../src/text/text-font.js';
import { lineTexts } from './line-text.js';

const FIGURES =
  '2025年全区教育经费投入3860.5万元，比上年增长12.6%，其中新建校舍投入1347万元，改扩建学校18所，新增学位4200个，' +
  '引进骨干教师126名，培训教师3.2万人次，完成课题立项57项，覆盖学生2.8万人。';

/** `text` set on one line: each joint of a Han character and a Latin word or number, `a|b`, with the white between them, em. */
function hanLatinGaps(text: string): string[] {
  const { lines } = setParagraph(parseInlineMarkup(text), fakeStyle(80));
  expect(lines.length).toBe(1);
  const line = lines[0];
  const gaps: string[] = [];
  for (let k = 0; k + 1 < line.atoms.length; k++) {
    const [a, b] = [line.atoms[k], line.atoms[k + 1]];
    if ((a.kind === 'han' && b.kind === 'latin') || (a.kind === 'latin' && b.kind === 'han')) gaps.push(`${a.text}|${b.text} ${(line.xs[k + 1] - b.shift - (line.xs[k] - a.shift + a.width)) / a.size}`);
  }
  return gaps;
}

/** The line ends of `text` set at 12 to 34 em that part two atoms so (`parts(last atom of a line, first of the next)`), as `W em: end|next`. */
function partings(text: string, parts: (end: Atom, next: Atom) => boolean): string[] {
  const parted: string[] = [];
  for (let width = 12; width <= 34; width++) {
    const { lines } = setParagraph(parseInlineMarkup(text), fakeStyle(width));
    for (let i = 0; i + 1 < lines.length; i++) {
      const end = lines[i].atoms.filter((a) => a.kind !== 'space').at(-1)!;
      const next = lines[i + 1].atoms[0];
      if (parts(end, next)) parted.push(`${width} em: ${end.text}|${next.text}`);
    }
  }
  return parted;
}

describe('a number and its unit', () => {
  it('stay on one line at most measures (the breaker charges for parting them)', () => {
    const parted = partings(FIGURES, (end, next) => /\d$/.test(end.text) && next.kind === 'han');
    // free to part, the breaker did at 14 of these 23 measures; charged, only where the lines
    // around would otherwise be loose (9: this text's many marks stand against their words, so
    // its lines have fewer places to widen than most; 5 when the joints before its commas widened)
    expect(parted.length, parted.join(', ')).toBeLessThanOrEqual(9);
  });
});

describe('a number and its unit on the GB/T 9704 grid', () => {
  // the sample's paragraph, set as the gbt9704 template sets it: 28 cells of 16 pt 仿宋
  const GRADUATES =
    '毕业去向落实率保持在高位水平，构建了以升学为主要去向，优质就业为亮点的学生发展格局。2025 年静安中职学生毕业生总数 643 人，毕业去向落实人数 629 人，毕业生本省去向落实率为 98.3%。毕业生升学人数 562 人，占比 87.4%，其中 85 人升入本科院校，较上年提升 26.9%；面向第三产业就业 66 人，较上年提升 106.3%。两校升学与职业发展优质多元，市北职高 2025 年毕业生去向落实率 100%，其中升学 166 人（含本科 6 人），应急救援管理专业首批毕业生就业质量高。';

  it('stay together where the line that gives up the number is spread little (含本科 6|人 parted)', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const faces = new FaceSet(loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]));
    const font = new FaceTextFont(faces.keyOf('仿宋'), (k) => faces.byKey(k));
    const { lines } = setParagraph(parseInlineMarkup(GRADUATES), { regular: [font], bold: [font], size: 16, punctuation: 'gb', width: 28 * 16, indent: 32, align: 'justify', cell: 16 });
    const texts = lineTexts(lines);
    const parted = texts.slice(0, -1).filter((t, k) => /\d$/.test(t) && /^\p{Script=Han}/u.test(texts[k + 1]));
    expect(parted, texts.join(' | ')).toEqual([]);
    // every line but the last still fills its cells
    lines.slice(0, -1).forEach((l, k) => expect(l.used, texts[k]).toBeCloseTo(28 * 16 - (k === 0 ? 32 : 0), 1));
  });
});

describe('an ordinal: 第, its number and its unit', () => {
  const REFERENCES =
    '具体格式参见第 2 页，指标口径参见第 12 页和第 3 章，评估办法见第 4 节，数据来源见附表第 5 列，全文共 38 页，附录另起第 39 页，修订说明见第 7 条。';

  it('stay on one line at most measures, as a number and its unit do', () => {
    const parted = partings(REFERENCES, (end, next) => (end.text === '第' && /^\d/.test(next.text)) || (/\d$/.test(end.text) && next.kind === 'han'));
    // 第 free to part from its number, the breaker parted an ordinal 16 times at these 23 measures,
    // 12 of them after 第; charged as a number and its unit are, 12 times, 4 after 第 (this text is
    // all references: a line ending anywhere else stands loose by as much as a number's width)
    expect(parted.length, parted.join(', ')).toBeLessThanOrEqual(12);
    expect(parted.filter((p) => p.includes('第|')).length, parted.join(', ')).toBeLessThanOrEqual(4);
  });
});

describe('a number with its sign and unit sign', () => {
  const SIGNED = '增加0.21㎡和-0.18㎡，增长率为−1.4%，达12.6%的学校增幅为+2.5个点，备案号为京ICP备12345678号-1。';

  it('may start or end a line beside Chinese, as an unsigned number may', () => {
    const { atoms } = atomize(parseInlineMarkup(SIGNED), fakeStyle(40));
    const allowed = breakOpportunities(SIGNED, atoms);
    const before = (t: string) => allowed[atoms.findIndex((a) => a.text === t)];
    const after = (t: string) => allowed[atoms.findIndex((a) => a.text === t) + 1];
    for (const n of ['-0.18㎡', '−1.4%', '12.6%', '+2.5']) expect(before(n), `…|${n}`).toBe(true);
    // a hyphen before a bare whole number is no sign: it stays with what it joins
    expect(before('-1'), '号|-1').toBe(false);
    for (const n of ['0.21㎡', '12.6%']) expect(after(n), `${n}|…`).toBe(true);
  });

  it('stands ¼ em from the Chinese on each side', () => {
    expect(hanLatinGaps(SIGNED)).toEqual(['加|0.21㎡ 0.25', '0.21㎡|和 0.25', '和|-0.18㎡ 0.25', '为|−1.4% 0.25', '达|12.6% 0.25', '12.6%|的 0.25', '为|+2.5 0.25', '+2.5|个 0.25', '京|ICP 0.25', 'ICP|备 0.25', '备|12345678 0.25', '12345678|号 0.25', '号|-1 0']);
  });
});

describe('a whole number signed with + or - before its measure word (增加+420个)', () => {
  const TEXT = '增加+420个，减少-2人，增长−3.5个点，误差±2分；C++和a+b不变，思政+实践，备案号为京ICP备12345678号-1。';
  it('stands ¼ em from the Chinese before its sign, as a number does; a+b, C++, a joiner and a hyphen as before', () => {
    expect(hanLatinGaps(TEXT)).toEqual(['加|+420 0.25', '+420|个 0.25', '少|-2 0.25', '-2|人 0.25', '长|−3.5 0.25', '−3.5|个 0.25', '差|±2 0.25', '±2|分 0.25', 'C++|和 0', '和|a+b 0.25', 'a+b|不 0.25', '政|+ 0', '+|实 0', '京|ICP 0.25', 'ICP|备 0.25', '备|12345678 0.25', '12345678|号 0.25', '号|-1 0']);
  });
  it('stands ¼ em from the Chinese before a plus sign with a mark or nothing after its number (增加+420。); a hyphen so is none (号-1。)', () => {
    expect(hanLatinGaps('增加+420。减少+3，增长+5')).toEqual(['加|+420 0.25', '少|+3 0.25', '长|+5 0.25']);
    expect(hanLatinGaps('备案号为京ICP备12345678号-1。')).toEqual(['京|ICP 0.25', 'ICP|备 0.25', '备|12345678 0.25', '12345678|号 0.25', '号|-1 0']);
  });
  it('may start a line, as a number with a point may (增加|+420个)', () => {
    const { atoms } = atomize(parseInlineMarkup(TEXT), fakeStyle(40));
    const allowed = breakOpportunities(TEXT, atoms);
    const before = (t: string) => allowed[atoms.findIndex((a) => a.text === t)];
    for (const n of ['+420', '-2', '−3.5', '±2']) expect(before(n), `…|${n}`).toBe(true);
    expect(before('-1'), '号|-1').toBe(false);
  });
});

describe('a blank to fill in and a number with a square unit sign', () => {
  it('keep a run of ＿ whole and 460 ㎡ on one line, at every measure', () => {
    const text = '请填写姓名＿＿＿＿＿＿和学校＿＿＿＿＿＿，校舍面积为 460 ㎡，绿化面积为 1200 ㎡，运动场面积为 3.5 ㎞。';
    const { atoms } = atomize(parseInlineMarkup(text), fakeStyle(40));
    const allowed = breakOpportunities(text, atoms);
    const parted = atoms.flatMap((a, p) => (p > 0 && allowed[p] && ((a.text === '＿' && atoms[p - 1].text === '＿') || (/^[㎡㎞]/.test(a.text) && atoms[p - 1].kind === 'space')) ? [p] : []));
    expect(parted).toEqual([]);
  });
  it('part a run of ＿ wider than the measure rather than overflow (every character kept)', () => {
    const text = `签名${'＿'.repeat(30)}。`;
    const { lines } = setParagraph(parseInlineMarkup(text), fakeStyle(12));
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.map((l) => l.atoms.map((a) => a.text).join('')).join('')).toBe(text);
  });
});


describe('a value written with 万 or 亿 (9.86万, 12.87亿元) and a range of years (2024—2025)', () => {
  const VALUES =
    '全区在校生9.86万人，校舍面积增加5.3万㎡，达到312.46万m²，运动场地168.2 万 m²，教育经费投入12.87亿元，累计3万亿元，' +
    '统计时段为2024—2025学年（即2024–2025学年），图书1,436.8万册，学位增加1.24万个，投资9.42亿元。';

  it('never part at a line end: the number from its 万 or 亿, 万 from a unit symbol after it, a range of years at its dash', () => {
    const parted = partings(VALUES, (end, next) => (/\d$/.test(end.text) && /^[万亿]/.test(next.text)) || (/^[万亿]$/.test(end.text) && (next.kind === 'latin' || next.text === '亿')) || (/\d[—–]$/.test(end.text) && /^\d/.test(next.text)));
    expect(parted, parted.join(', ')).toEqual([]);
  });

  it('charge a break between the value and the Chinese unit after it (9.86万|人) as between a number and its unit', () => {
    const { atoms } = atomize(parseInlineMarkup(VALUES), fakeStyle(40));
    const at = (t: string, next: string) => atoms.findIndex((a, p) => a.text === next && atoms[p - 1].text === t && /\d/.test(atoms[p - 2]?.text ?? ''));
    for (const [t, next] of [['万', '人'], ['亿', '元']]) expect(unitBreakPenalty(atoms, at(t, next)), `${t}|${next}`).toBe(unitBreakPenalty(atoms, at('1,436.8', '万') + 2) || 50);
    // a plain 万 in words is no value (千万|不要), and a range of dates written in Chinese breaks after its dash (日—|4) at no cost
    expect(unitBreakPenalty(atomize(parseInlineMarkup('千万不要'), fakeStyle(40)).atoms, 2)).toBe(0);
    const dates = atomize(parseInlineMarkup('4月1日—4月23日'), fakeStyle(40)).atoms;
    expect(unitBreakPenalty(dates, dates.findIndex((a) => a.text === '—') + 1)).toBe(0);
  });
});

describe('a bound before a number (≥99.0%, ≤1.5 km)', () => {
  const BOUNDS = '高中阶段毛入学率≥99.0%，服务半径≤1.5 km的小学占94.1%。';
  it('is the number\'s sign: a line may start at it, ¼ em from the Chinese before it (率|≥99.0% was bound to 率, and the line before stood letter-spaced by 0.18 em)', () => {
    const { atoms } = atomize(parseInlineMarkup(BOUNDS), fakeStyle(40));
    const allowed = breakOpportunities(BOUNDS, atoms);
    const before = (t: string) => allowed[atoms.findIndex((a) => a.text.startsWith(t))];
    for (const n of ['≥99.0%', '≤1.5']) expect(before(n), `…|${n}`).toBe(true);
    expect(hanLatinGaps(BOUNDS).slice(0, 2)).toEqual(['率|≥99.0% 0.25', '径|≤1.5 km 0.25']);
  });
});
