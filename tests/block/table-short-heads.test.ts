/**
 * Short headers (`教辅用房`, `达标项数`, `多媒体教室|（间）`) kept on one line where the table has room
 * to spare elsewhere: in a number column wider than its numbers under a long header, or a column
 * of text that wraps anyway (short-heads.ts); broken only when the table has no such room. Numbers
 * are never broken.
 */
import { describe, expect, it } from 'vitest';
import { cellLinesOf } from '../helpers/table-cells.js';
import { shortHeadsWhole } from '../../src/block/short-heads.js';

const oneTable = (table: string[]) => ['report:', '  title: 表', 'chapters:', '  - title: 一', '    body:', '      - table:', ...table.map((l) => `          ${l}`), ''].join('\n');

/** The lines of the cells whose text (lines joined) is `t`. */
const cellsOf = (cells: string[][], t: string) => cells.filter((lines) => lines.join('') === t);

/** Seven measures of schools under two rows of headers, 小五 (the typesetter's 各校资源配置 table). */
const RESOURCES = [
  'title: 各校资源配置七项指标达标情况',
  'head:',
  '  - [{text: 街镇, rowspan: 2}, {text: 学校, rowspan: 2}, {text: 学段, rowspan: 2}, {text: 生均面积（m^2^）, colspan: 2}, {text: 生均仪器设备值（元）, rowspan: 2}, {text: 多媒体教室（间）, rowspan: 2}, {text: 达标项数, rowspan: 2}]',
  '  - [教辅用房, 体育场馆]',
  'rows:',
  '  - [{text: 浦东街道, rowspan: 2}, 浦东第二中学, 初中, 6.4, 3.4, "9 327", 3.69, 7]',
  '  - [浦东实验学校, 九年一贯制, 8.8, 3.8, "4 428", 3.94, 7]',
  '  - [江川街道, 江川青少年中学, 初中, 5.0, 3.7, "5 127", 3.76, 7]',
  'size: small',
];

/** Schools, a column of long text that wraps anyway, and four number columns under short headers. */
const MEASURES = [
  'title: 各校资源配置与主要举措',
  'columns: [学校, 主要举措, 教辅用房, 体育场馆, 图书册数, 达标项数]',
  'rows:',
  '  - [浦东第二中学, 完善人才培养方案，推进校企合作与产教融合，建设实训基地，开展课程改革与教师培训, 6.4, 3.4, "12 345", 7]',
  '  - [浦东实验学校, 推进校企合作与产教融合，建设实训基地, 8.8, 3.8, "9 876", 7]',
  '  - [江川青少年中学, 开展课程改革与教师培训，完善人才培养方案, 5.0, 3.7, "10 234", 6]',
];

describe('short headers', () => {
  it('stand on one line, taking the room a number column has under a long header (教辅用房, not 教辅|用房)', () => {
    const cells = cellLinesOf(oneTable(RESOURCES));
    for (const head of ['教辅用房', '体育场馆', '达标项数']) expect(cellsOf(cells, head), head).toEqual([[head]]);
    // a short header over its unit: the words whole, the unit on a line of its own
    expect(cellsOf(cells, '多媒体教室（间）')).toEqual([['多媒体教室', '（间）']]);
    // the long header takes the lines (between words, its unit apart), the body cells none
    expect(cellsOf(cells, '生均仪器设备值（元）')[0].length).toBeGreaterThan(1);
    expect(cells.slice(10).filter((lines) => lines.length > 1)).toEqual([]);
  });

  it('stand on one line, taking the room from a column of text that wraps anyway', () => {
    const cells = cellLinesOf(oneTable(MEASURES));
    for (const head of ['教辅用房', '体育场馆', '图书册数', '达标项数']) expect(cellsOf(cells, head), head).toEqual([[head]]);
    expect(cellsOf(cells, '主要举措')).toEqual([['主要举措']]);
    // the schools and every number stay whole
    for (const t of ['浦东第二中学', '江川青少年中学', '12 345', '9 876', '10 234']) expect(cellsOf(cells, t), t).toEqual([[t]]);
  });

  it('still break where the table has no room: twelve number columns under short headers, their numbers whole', () => {
    const heads = ['教辅用房', '体育场馆', '图书册数', '达标项数', '专任教师', '行政人员', '教学用房', '实训场地', '计算机数', '多媒体室', '学生人数', '班级数量'];
    const cells = cellLinesOf(oneTable(['title: 十二项', `columns: [${heads.join(', ')}]`, 'rows:', `  - [${heads.map((_, i) => `"${10_000 + i * 1_111}"`).join(', ')}]`]));
    expect(cells.slice(0, 12).some((lines) => lines.length > 1)).toBe(true);
    expect(cells.slice(12).every((lines) => lines.length === 1)).toBe(true);
  });
});

describe('headers in two lines', () => {
  it('take them when the table misses that by a hair, from the padding: 高级职称|教师占比, not four lines for 0.3 pt', () => {
    const cells = cellLinesOf(
      oneTable([
        'title: 各义务教育学校主要办学条件',
        'columns: [学校, 在校生（人）, 专任教师（人）, 生师比, 高级职称教师占比, 生均用房（m^2^）, 设备值（元）, 评估结论]',
        'rows:',
        '  - [第一中心小学, 1083, 70, "15.5:1", 23.5%, 5.57, "8,370", 基本达标]',
        '  - [南京西路第二小学, 1578, 134, "11.8:1", 19.4%, 11.25, "9,382", 达标]',
        '  - [彭浦新村第三小学, 692, 55, "12.6:1", 17.5%, 6.25, "4,268", 基本达标]',
      ]),
    );
    expect(cellsOf(cells, '高级职称教师占比')).toEqual([['高级职称', '教师占比']]);
    // and what kept the others whole still does
    expect(cells.find((lines) => lines[0] === '生均用房')).toBeDefined();
    expect(cellsOf(cells, '南京西路第二小学')).toEqual([['南京西路第二小学']]);
  });
});

describe('shortHeadsWhole', () => {
  // four columns, pt: a short header broken at 30 of the 48 it asks; a text column of 300 that
  // wraps at 200; a number column at what it asks; twins under short headers
  const asks = { body: [30, 300, 40, 30, 30], heads: [48, 300, 40, 48, 48] };
  const twins = [[0], [1], [2], [3, 4], [3, 4]];
  const floor = [30, 100, 40, 30, 30];

  it('gives a broken short header what it asks from a column that wraps anyway, twins all or none', () => {
    const { widths, kept } = shortHeadsWhole([30, 200, 40, 30, 30], asks, floor, 100, twins);
    expect(widths).toEqual([48, 146, 40, 48, 48]);
    expect([...kept].sort()).toEqual([0, 3, 4]);
  });

  it('takes no more than the text column has above its readable width (or its floor), and none from a column at what it asks', () => {
    // 150 readable leaves 50 to give: the least lacking first (18 for column 0), the twins' 36 then passing what is left
    const { widths, kept } = shortHeadsWhole([30, 200, 40, 30, 30], asks, floor, 150, twins);
    expect(widths).toEqual([48, 182, 40, 30, 30]);
    expect([...kept]).toEqual([0]);
    expect(shortHeadsWhole([30, 200, 40, 30, 30], asks, [30, 200, 40, 30, 30], 100, twins).widths).toEqual([30, 200, 40, 30, 30]);
  });
});
