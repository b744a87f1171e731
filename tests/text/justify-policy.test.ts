/**
 * The justification policy on set lines (fake font): what may stretch, and how far, when a
 * line is justified.
 */
import { describe, expect, it } from 'vitest';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { setParagraph } from '../../src/text/paragraph.js';
import { fakeStyle } from '../helpers/fake-font.js';
import { atomize } from '../../src/text/atoms.js';

const TEXT =
  '静安区现有中等职业学校 5 所，2025 年在校学生 1926 名，教职工 407 人。区内学校开设 IT 与 AI 类专业 12 个，与 36 家企业共建实训基地，' +
  '学生参加 1+X 证书考试通过率达 96.5%，毕业生就业率 98% 以上，其中 CAD 与 PLC 方向的学生全部对口就业，三年来获得市级以上奖项 57 项。';

/** Technical text: few places to widen on some lines, so the last resort is needed. */
const MANUAL = '在 macOS 上为 ~/Library/Application Support/Imprint/settings.json，函数 calculateOptimalLineBreaks 与 getUserPreferences 不在驼峰处断开，参数 --save-dev --no-audit 原样保留。';

describe('justified lines', () => {
  it('keep a Han–Latin gap at ¼ em unless the last resort opens the other places past a whole em', () => {
    const settings = [...[17, 19, 21, 23, 26, 29, 31].map((w) => [TEXT, w] as const), ...[14, 16, 18, 20, 22].map((w) => [MANUAL, w] as const)];
    for (const [text, width] of settings) {
      const { lines } = setParagraph(parseInlineMarkup(text), fakeStyle(width));
      let gaps = 0;
      for (const line of lines.slice(0, -1)) {
        for (let k = 0; k + 1 < line.atoms.length; k++) {
          const [a, b] = [line.atoms[k], line.atoms[k + 1]];
          if (!((a.kind === 'han' && b.kind === 'latin') || (a.kind === 'latin' && b.kind === 'han'))) continue;
          const gap = line.xs[k + 1] - b.shift - (line.xs[k] - a.shift + a.width);
          // (past a whole em the gap widens with the others: by what the last resort's level passes it)
          expect(gap, `width ${width}: "${a.text}|${b.text}"`).toBeLessThanOrEqual(0.25 * a.size + Math.max(0, line.lastResortWidth - a.size) + 1e-6);
          gaps++;
        }
      }
      expect(gaps).toBeGreaterThan(3);
    }
  });
});

describe('Latin word spaces', () => {
  it('stretch to ½ em at most, unless the last resort evens the line out; the rest goes between Han characters', () => {
    let spaces = 0;
    for (const width of [14, 15, 16, 17, 18, 19, 20, 21, 22]) {
      const { lines } = setParagraph(parseInlineMarkup(MANUAL), fakeStyle(width));
      for (const line of lines.slice(0, -1)) {
        for (let k = 1; k + 1 < line.atoms.length; k++) {
          const [a, s, b] = [line.atoms[k - 1], line.atoms[k], line.atoms[k + 1]];
          if (s.kind !== 'space') continue;
          const gap = line.xs[k + 1] - b.shift - (line.xs[k - 1] - a.shift + a.width);
          expect(gap, `width ${width}: "${a.text} ${b.text}"`).toBeLessThanOrEqual(Math.max(0.5 * s.size, line.lastResortWidth) + 1e-6);
          spaces++;
        }
      }
    }
    expect(spaces).toBeGreaterThan(5);
  });
});

describe('inline code', () => {
  it('is set solid in a justified line: its spaces and the joints beside them never widen; a line may end at its spaces', () => {
    const code = '在配置文件中写入 `imprint build content/report.yaml -o out/report.pdf --pdfa 3b` 并运行，再执行 `npm install --save-dev @types/node` 安装依赖，最后用 `imprint watch content/report.yaml` 预览修改的结果。';
    let breaksAtSpace = 0;
    const codeSpace = atomize(parseInlineMarkup('`a b`'), fakeStyle(20)).atoms[1].width;
    expect(codeSpace).toBeGreaterThan(0);
    for (const width of [14, 16, 18, 20, 22, 25]) {
      const { lines } = setParagraph(parseInlineMarkup(code), fakeStyle(width));
      for (const line of lines) {
        for (let k = 0; k + 2 < line.atoms.length; k++) {
          const [a, space, b] = [line.atoms[k], line.atoms[k + 1], line.atoms[k + 2]];
          // (a code space between two code words)
          if (!(space.kind === 'space' && space.marks.code && a.marks.code && b.marks.code)) continue;
          // from the end of the word before to the start of the word after: the code space, no more
          expect(line.xs[k + 2] - b.shift - (line.xs[k] - a.shift + a.width), `width ${width}: "${a.text} ${b.text}"`).toBeCloseTo(codeSpace, 6);
        }
        if (line !== lines[lines.length - 1]) {
          const last = line.atoms[line.atoms.length - 1];
          const next = lines[lines.indexOf(line) + 1].atoms[0];
          if (last.marks.code && next.marks.code && !next.continuesWord) breaksAtSpace++;
        }
      }
    }
    expect(breaksAtSpace).toBeGreaterThan(0);
  });
});

describe('squeezing a line too long', () => {
  it('takes the blanks of pause marks (，、；) and brackets before those of a full stop, a question or exclamation mark, or a colon', () => {
    const text = '全区共有学校一百所，其中小学六十所。初中二十所，高中十所；职校十所。问题何在？答案是：投入不足，结构失衡。今后三年，将新建学校十所，改扩建二十所。';
    let pauseFirst = 0;
    for (let width = 10; width <= 30; width++) {
      const { lines } = setParagraph(parseInlineMarkup(text), fakeStyle(width));
      for (const line of lines.slice(0, -1)) {
        if (line.natural <= line.width) continue;
        const squeezed = (k: number) => line.atoms[k].width - (line.xs[k + 1] - line.atoms[k + 1].shift - (line.xs[k] - line.atoms[k].shift));
        const marks = line.atoms.slice(0, -1).map((a, k) => ({ text: a.text, squeezed: squeezed(k), blank: a.blankLeft + a.blankRight }));
        const late = marks.filter((m) => '。？！：'.includes(m.text));
        const early = marks.filter((m) => '，、；'.includes(m.text));
        if (late.some((m) => m.squeezed > 0.01)) for (const m of early) expect(m.squeezed, `width ${width}: ${m.text}`).toBeGreaterThan(m.blank - 0.01);
        if (early.some((m) => m.squeezed > 0.01) && late.some((m) => m.squeezed < 0.01)) pauseFirst++;
      }
    }
    expect(pauseFirst).toBeGreaterThan(0);
  });
});
