/**
 * Lines beside URLs and e-mail addresses in the typesetter's review (r2, pp. 11 and 14), set with
 * the real fonts at their measures: the Chinese text before the word is never letter-spaced to
 * fill the line; the line stands short, flush left, and nothing opens between a mark and its word.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaceSet } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { setParagraph } from '../../src/text/paragraph.js';
import { FaceTextFont } from '../../src/text/text-font.js';
import type { Line } from '../../src/text/justify.js';

const root = path.resolve(import.meta.dirname, '../..');

/** The space between each atom of a line and the next beyond their natural advances, pt. */
function gaps(line: Line): { pair: string; gap: number }[] {
  return line.atoms.slice(1).map((b, k) => {
    const a = line.atoms[k];
    return { pair: `${a.text}|${b.text}`, gap: line.xs[k + 1] - b.shift - (line.xs[k] - a.shift + a.width) };
  });
}

describe('a line beside a URL or an e-mail address', () => {
  const faces = new FaceSet(loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]));
  const font = new FaceTextFont(faces.keyOf('serif'), (k) => faces.byKey(k));
  const set = (text: string, width: number, indent: number) =>
    setParagraph(parseInlineMarkup(text), { regular: [font], bold: [font], size: 12, punctuation: 'gb', width, indent, align: 'justify' }).lines;

  it.each([
    ['在数据开放方面，区教育局在上海市公共数据开放平台（<https://data.sh.gov.cn>）发布了 12 个教育数据集，包括全区学校名录、学位分布、体育场馆开放时间等。', 442, 24],
    ['静安 AI 教育实验中心预约平台：<https://aicenter.jingan.edu.sh.cn/booking/index.html>。', 402, 0],
    ['数据开放需求邮箱：opendata@jingan.edu.sh.cn；技术支持邮箱：helpdesk@jingan.edu.sh.cn。', 402, 0],
  ])('stands short rather than spaced out: %s', (text, width, indent) => {
    const [first] = set(text, width, indent);
    // Han characters, marks and words at their natural spacing (squeezed at most), the line short
    for (const { pair, gap } of gaps(first)) if (!pair.includes(' ')) expect(gap, pair).toBeLessThanOrEqual(3 + 1e-6); // (3 pt: a Han–Latin gap)
    expect(first.used).toBeLessThan(first.width - 12);
    const after = gaps(first).filter(({ pair }) => /[（：；]\|[a-z]|[a-z]\|[；]/.test(pair));
    for (const { pair, gap } of after) expect(gap, pair).toBeLessThanOrEqual(1e-6);
  });
});
