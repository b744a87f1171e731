/**
 * Column widths that make a table shorter: a cell that wraps within its row's height costs
 * nothing, and the room it gives saves lines elsewhere (shorter-rows.ts, and the tables of the
 * typesetter's review laid out).
 */
import { describe, expect, it } from 'vitest';
import { cellLinesOf, oneTable } from '../helpers/table-cells.js';
import { rowsHeight, shorterRows, type RowsSpec } from '../../src/block/shorter-rows.js';

/** The GB/T review's schedule of a reading festival: dates, a long text, the units responsible. */
const SCHEDULE = [
  'title: 读书节活动日程安排',
  'columns: [阶段, 时间, 主要内容, 责任单位]',
  'rows:',
  '  - [启动阶段, 4 月 1 日—4 月 23 日, 各校制定方案；4 月 23 日“世界读书日”举行全区启动仪式, 区教育局、各学校]',
  '  - [实施阶段, 4 月 24 日—5 月 31 日, 开展“晨诵·午读·暮省”校园阅读活动, 各学校]',
  '  - [展示阶段, 6 月 1 日—6 月 30 日, 决赛、成果展示与表彰, 区教育局、区少年宫]',
];

describe('rows laid out (shorter-rows.ts)', () => {
  // two body rows of two columns, 10 pt lines, no padding
  const spec: RowsSpec = {
    padX: 0,
    padY: 0,
    cells: [
      { header: false, row: 0, col: 0, colspan: 1, rowspan: 1, lineHeight: 10 },
      { header: false, row: 0, col: 1, colspan: 1, rowspan: 1, lineHeight: 10 },
      { header: false, row: 1, col: 0, colspan: 1, rowspan: 1, lineHeight: 10 },
      { header: false, row: 1, col: 1, colspan: 1, rowspan: 1, lineHeight: 10 },
    ],
  };
  // text of these widths, pt, set at so many lines: its width over the column's, rounded up
  const natural = [100, 300, 40, 20];
  const lines = (k: number, inner: number) => Math.ceil(natural[k] / inner - 1e-9);

  it('are as tall as their tallest cells, a merged cell adding what its rows lack to the last', () => {
    expect(rowsHeight(spec, (k) => [2, 3, 1, 1][k])).toBe(40);
    const merged: RowsSpec = { ...spec, cells: [{ ...spec.cells[0], rowspan: 2 }, spec.cells[1], spec.cells[3]] };
    expect(rowsHeight(merged, (k) => [4, 1, 1][k])).toBe(40);
    expect(rowsHeight(merged, (k) => [2, 1, 1][k])).toBe(20);
  });

  it('take room from a column whose cells wrap within their rows for one whose rows it shortens', () => {
    // 100 | 100: the first row 3 lines (its second cell), its first cell 1 line; 50 | 150 sets
    // both in 2 lines, the second row still 1: the table 10 pt shorter
    const widths = shorterRows(spec, [100, 100], [20, 20], [true, true], lines);
    expect(rowsHeight(spec, (k) => lines(k, widths[spec.cells[k].col]))).toBeLessThan(40);
    expect(widths[0] + widths[1]).toBeCloseTo(200, 6);
    // a column kept alike (a twin) neither gives nor takes; nor does any go below its floor
    expect(shorterRows(spec, [100, 100], [20, 20], [false, true], lines)).toEqual([100, 100]);
    expect(shorterRows(spec, [100, 100], [100, 20], [true, true], lines)).toEqual([100, 100]);
  });
});

describe('column widths that make the table shorter', () => {
  it('give the longest text the room a short column needs only in rows that wrap anyway (读书节活动日程, GB/T)', () => {
    const cells = cellLinesOf(
      oneTable('gbt9704', SCHEDULE),
    );
    const body = cells.slice(4);
    const content = body.filter((_, i) => i % 4 === 2);
    // it was given the width of the dates' column and wrapped to 4 lines beside 区教育局、区少年宫 on one
    expect(content.map((lines) => lines.length).every((n) => n <= 2)).toBe(true);
    const rows = [0, 1, 2].map((r) => Math.max(...body.slice(4 * r, 4 * r + 4).map((lines) => lines.length)));
    expect(rows.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(7);
  });

  it('let a merged cell wrap into the rows it spans, between words, for the columns beside it (推荐阅读书目, GB/T)', () => {
    const cells = cellLinesOf(
      oneTable('gbt9704', [
        'title: 推荐阅读书目',
        'columns: [学段, 序号, 书名, 作者, 出版社]',
        'rows:',
        '  - [{text: 初中, rowspan: 3}, 14, 《红星照耀中国》, 〔美〕埃德加·斯诺 著 董乐山 译, 人民文学出版社]',
        '  - [15, 《昆虫记》, 〔法〕法布尔 著 陈筱卿 译, 人民文学出版社]',
        '  - [16, 《钢铁是怎样炼成的》, 〔苏〕奥斯特洛夫斯基 著 梅益 译, 人民文学出版社]',
        '  - [{text: 小学中高年级, rowspan: 2}, 6, 《稻草人》, 叶圣陶, 春风文艺出版社]',
        '  - [7, 《中国古代寓言故事》, 人民教育出版社编, 人民教育出版社]',
      ]),
    );
    // it asked for its one line (of two rows' height) and took a column the book titles needed
    expect(cells.find((lines) => lines.join('') === '小学中高年级')).toEqual(['小学', '中高年级']);
    const publishers = cells.slice(5).filter((lines) => lines.join('').endsWith('出版社'));
    expect(publishers.length).toBe(5);
    expect(publishers.filter((lines) => lines.some((line) => /^版?社|出版?$/.test(line)))).toEqual([]);
  });
});

/** Helper-91's manual, 附录 B: settings, their defaults (a URL among them) and what they are. */
const SETTINGS = [
  'title: 主要配置项',
  'columns: [配置项, 默认值, 说明]',
  'rows:',
  "  - ['`server.port`', '`8010`', '服务端口']",
  "  - ['`spring.datasource.hikari.maximum-pool-size`', '`32`', '数据库连接池上限']",
  "  - ['`spring.datasource.hikari.connection-timeout`', '`30000`', '获取连接的超时时间（毫秒）']",
  "  - ['`export.max-rows`', '`50000`', '单次导出的最大行数']",
  "  - ['`export.tmp-dir`', '`/data/{svc}/export/tmp`', '导出临时目录']",
  "  - ['`edu.security.jwt.public-key-location`', '`classpath:certs/jwt-public.pem`', 'JWT 公钥位置']",
  "  - ['`edu.notify.sms.gateway-url`', '`https://sms.example.gov.cn/api/v3/send`', '短信网关地址']",
  "  - ['`management.endpoints.web.exposure.include`', '`health,info,prometheus`', '暴露的监控端点；生产环境不得包含 `env` 和 `heapdump`']",
  'size: small',
];

describe('a column kept on one line', () => {
  it('gives up room for a long URL to break after a `/` where that saves lines in the columns beside it (主要配置项)', () => {
    const cells = cellLinesOf(oneTable('official', SETTINGS)).slice(3);
    const rows = [0, 1, 2, 3, 4, 5, 6, 7].map((r) => Math.max(...cells.slice(3 * r, 3 * r + 3).map((lines) => lines.length)));
    // the URL kept whole on one line, the names beside it in three lines each: 16 lines
    expect(rows.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(13);
    // (a name breaks only at its marks: its width over the column's said two lines where it took three)
    for (const name of ['spring.datasource.hikari.maximum-pool-size', 'spring.datasource.hikari.connection-timeout']) expect(cells.find((lines) => lines.join('') === name)?.length, name).toBe(2);
    const url = cells.find((lines) => lines.join('').includes('sms.example'));
    expect(url?.join('')).toBe('https://sms.example.gov.cn/api/v3/send');
    expect(url?.length).toBe(2);
    expect(url?.[0]).toMatch(/^https:\/\/sms\.example\.gov\.cn\/(.*\/)?$/);
    // the short defaults whole
    for (const value of ['8010', '32', '30000', '50000', '/data/{svc}/export/tmp', 'health,info,prometheus']) expect(cells.some((lines) => lines.length === 1 && lines[0] === value), value).toBe(true);
  });
});

describe('cells broken where a typesetter breaks them', () => {
  const books = oneTable('gbt9704', [
    'title: 推荐阅读书目',
    'columns: [学段, 序号, 书名, 作者, 出版社]',
    'rows:',
    '  - [{text: 初中, rowspan: 3}, 14, 《红星照耀中国》, 〔美〕埃德加·斯诺 著 董乐山 译, 人民文学出版社]',
    '  - [15, 《昆虫记》, 〔法〕法布尔 著 陈筱卿 译, 人民文学出版社]',
    '  - [16, 《钢铁是怎样炼成的》, 〔苏〕奥斯特洛夫斯基 著 梅益 译, 人民文学出版社]',
    '  - [{text: 小学中高年级, rowspan: 2}, 6, 《稻草人》, 曹雪芹 著 无名氏 续, 春风文艺出版社]',
    '  - [7, 《中国古代寓言故事》, 人民教育出版社编, 人民教育出版社]',
  ]);

  it('at the spaces typed between Chinese words: names whole (斯|诺, 董乐|山, 梅|益, 无|名氏 were broken)', () => {
    const cells = cellLinesOf(books);
    const authors = cells.filter((lines) => /[著编]/.test(lines.join('')));
    expect(authors.length).toBe(5);
    const pieces = ['〔美〕埃德加·斯诺', '〔法〕法布尔', '〔苏〕奥斯特洛夫斯基', '董乐山', '陈筱卿', '梅益', '曹雪芹', '无名氏', '著', '译', '续'];
    for (const lines of authors.filter((lines) => lines.length > 1)) {
      // each line a run of whole pieces
      for (const line of lines) expect(line.replace(new RegExp(pieces.join('|'), 'gu'), ''), lines.join('|')).toBe('');
    }
    expect(cells.find((lines) => lines.join('') === '人民教育出版社编')?.some((line) => /^社|出版$/.test(line))).toBe(false);
  });

  it('after the dash of a range of dates, never inside a date (4 月 1 日—4 月|23 日)', () => {
    const cells = cellLinesOf(
      oneTable('gbt9704', SCHEDULE),
    );
    const dates = cells.filter((lines) => lines.join('').includes('—'));
    expect(dates.length).toBe(3);
    for (const lines of dates) for (const line of lines) expect(line, lines.join('|')).toMatch(/^\d+月\d+日—?$/u);
    // and the text beside it not inside a date either (方案；4|月 23 日)
    expect(cells.flat().filter((line) => /^\d*月|\d$/u.test(line) && !/日—?$/u.test(line))).toEqual([]);
  });
});
