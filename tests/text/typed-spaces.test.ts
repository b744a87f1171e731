/**
 * A space typed between Chinese words (typed-spaces.ts): one definition for where a table cell
 * breaks first and for what its column's width asks (block/table.ts).
 */
import { describe, expect, it } from 'vitest';
import { setParagraph } from '../../src/text/paragraph.js';
import { afterTypedSpaces } from '../../src/text/typed-spaces.js';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { fakeStyle } from '../helpers/fake-font.js';
import { lineTexts } from './line-text.js';

/** The lines of `text` set `widthEm` wide, breaking first at typed spaces (a table's body cell). */
const cell = (text: string, widthEm: number) => lineTexts(setParagraph(parseInlineMarkup(text), { ...fakeStyle(widthEm, 0), between: 'spaces' }).lines);

describe('a space typed between Chinese words', () => {
  it('stands between a Han character or a Chinese mark each side, as typed (not an ideographic or no-break space)', () => {
    expect(afterTypedSpaces('〔美〕埃德加·斯诺 著 董乐山 译')).toEqual([10, 12, 16]);
    expect(afterTypedSpaces('《西游记》 改编 著 《红楼梦》')).toEqual([6, 9, 11]);
    expect(afterTypedSpaces('中\u3000文 中\u00a0文 Edgar 著 2025 年')).toEqual([4]);
    expect(afterTypedSpaces('𠀀 𠀁')).toEqual([3]);
  });
  it('is where a cell breaks first, beside a mark too, as its column asks (a line broke inside 《西游记》)', () => {
    expect(cell('著作者 《西游记》 改编', 6)).toEqual(['著作者', '《西游记》改编']);
  });
});
