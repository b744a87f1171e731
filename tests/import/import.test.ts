/**
 * `imprint import`: Word drafts written in code (the `docx` package) imported into the
 * content format, one mapping per test; what cannot be carried is reported, never lost (a
 * property over every fixture); and a draft of the sample report gives back its paragraphs,
 * tables and case boxes, and builds with the same contents entries.
 */
import { mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { parse } from 'yaml';
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  InsertedTextRun,
  LevelFormat,
  MathRun,
  Math as DocxMath,
  Paragraph,
  SimpleField,
  TextRun,
  Textbox,
} from 'docx';
import { describe, expect, it } from 'vitest';
import { importDraft } from '../../src/commands/import/import-command.js';
import { parseInline, inlinePlainText } from '../../src/content/inline-markup.js';
import { bold, draftDocx, draftDocxWithXml, framed, heading, p, pictureRelationship, pictureXml, runs, table, type DraftChild } from '../helpers/draft-docx.js';
import { makePng } from '../helpers/png.js';

const root = path.resolve(import.meta.dirname, '../..');
const schema = JSON.parse(readFileSync(path.join(root, 'schema/report.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** Every draft imported by the tests below, for the property test at the end. */
const imported: { docx: Buffer; yaml: string; notCarried: string[]; engineMade: string[] }[] = [];

async function importOf(children: DraftChild[], options = {}) {
  return importBytes(await draftDocx(children, options));
}

async function importBytes(docx: Buffer) {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-import-')));
  writeFileSync(path.join(dir, 'draft.docx'), docx);
  const result = await importDraft(path.join(dir, 'draft.docx'), path.join(dir, 'draft.yaml'));
  imported.push({ docx, yaml: result.yaml, notCarried: result.notCarried, engineMade: result.engineMade });
  return { ...result, dir, data: parse(result.yaml) };
}

describe('imprint import: structure', () => {
  it('takes chapters, sections and third-level sections from heading styles, without their typed numbers; the cover, contents and preface recognised', async () => {
    const r = await importOf([
      p('上海市静安区中等职业教育质量报告'),
      p('（2025 年度）'),
      p('静安区教育局'),
      p('2026 年 1 月'),
      p('目 录'),
      p('前 言\t1'),
      p('第一章 总则.....2'),
      heading(1, '前 言'),
      p('前言的正文。'),
      heading(1, '第一章 总则'),
      p('章的正文。'),
      heading(2, '1.1 基本情况'),
      p('节的正文。'),
      bold('一、管理引领与专业共建相结合'),
      p('帮扶的正文。'),
      heading(3, '1.1.1 细节'),
      p('- 3 -'),
      p('细节的正文。'),
    ]);
    expect(r.data).toEqual({
      report: { title: '上海市静安区中等职业教育质量报告', subtitle: '（2025 年度）', issuer: '静安区教育局', date: '2026 年 1 月' },
      preface: { title: '前言', body: ['前言的正文。'] },
      chapters: [
        {
          title: '总则',
          body: ['章的正文。'],
          sections: [{ title: '基本情况', body: ['节的正文。', { heading: '一、管理引领与专业共建相结合' }, '帮扶的正文。'], sections: [{ title: '细节', body: ['细节的正文。'] }] }],
        },
      ],
    });
    expect(validate(r.data)).toBe(true);
  });

  it('takes as the title the cover line that names the report, also below the issuer (上海市静安区教育局 over 2024年度…质量报告)', async () => {
    const r = await importOf([p('上海市静安区教育局'), p('2024年度静安区教育发展质量报告'), p('（征求意见稿）'), p('2025年3月'), heading(1, '总体情况'), p('正文。')]);
    expect(r.data.report).toEqual({ title: '2024年度静安区教育发展质量报告', subtitle: '（征求意见稿）', issuer: '上海市静安区教育局', date: '2025年3月' });
    const plain = await importOf([p('静安区教育局'), p('基础教育工作回顾'), heading(1, '总体情况'), p('正文。')]);
    expect(plain.data.report).toEqual({ title: '静安区教育局', issuer: '基础教育工作回顾' }); // no line names a report: the first is the title
  });

  it('takes the levels from the typed numbers in a draft without heading styles (一、 / （一） / 1.), deeper ones run in', async () => {
    const r = await importOf([p('一、总则'), p('正文一。'), p('（一）基本情况'), p('正文二。'), p('1. 细节'), p('（1）更细'), p('正文三。'), p('二、保障'), p('正文四。')]);
    expect(r.data.chapters).toEqual([
      { title: '总则', body: ['正文一。'], sections: [{ title: '基本情况', body: ['正文二。'], sections: [{ title: '细节', body: [{ heading: '（1）更细' }, '正文三。'] }] }] },
      { title: '保障', body: ['正文四。'] },
    ]);
    const chapters = await importOf([p('第一章 总则'), p('正文。'), p('第二章 保障'), p('1 小节'), p('正文。')]);
    expect(chapters.data.chapters.map((c: { title: string }) => c.title)).toEqual(['总则', '保障']);
    expect(chapters.data.chapters[1].sections[0].title).toBe('小节');
  });
});

describe('imprint import: a draft without chapters', () => {
  it('says what it did with the text of a draft without headings (one chapter 正文), and with a preface and no chapter (an empty chapter 正文)', async () => {
    const plain = await importOf([p('第一段正文。'), p('第二段正文。')]);
    expect(plain.data).toEqual({ report: { title: 'draft' }, chapters: [{ title: '正文', body: ['第一段正文。', '第二段正文。'] }] });
    expect(plain.notCarried).toEqual(['the draft: no chapter heading found (a heading style or a typed number such as 第一章, 1, 一、): the text is one chapter titled 正文']);
    const preface = await importOf([heading(1, '前言'), p('前言的正文。')]);
    expect(preface.data).toEqual({ report: { title: 'draft' }, preface: { title: '前言', body: ['前言的正文。'] }, chapters: [{ title: '正文' }] });
    expect(preface.notCarried).toEqual(['the draft: no chapter heading found (a heading style or a typed number such as 第一章, 1, 一、): the text stays in the preface, and an empty chapter titled 正文 follows it (a report has at least one chapter)']);
    expect(validate(preface.data)).toBe(true);
  });

  it('puts text between the typed contents and the preface\'s title at the start of the preface, and says so (it was lost)', async () => {
    const r = await importOf([p('质量报告'), p('目 录'), p('前言\t1'), p('开头的话。'), heading(1, '前 言'), p('前言的正文。'), heading(1, '总则'), p('正文。')]);
    expect(r.data).toEqual({ report: { title: '质量报告' }, preface: { title: '前言', body: ['开头的话。', '前言的正文。'] }, chapters: [{ title: '总则', body: ['正文。'] }] });
    expect(r.notCarried.filter((l) => !l.startsWith('left to the engine'))).toEqual(['paragraph 4 «开头的话。»: text before the title of the preface (前言): put at the start of the preface']);
  });
});

describe('imprint import: appendices', () => {
  it('takes 附录 / 附件 headings after the chapters as appendices, without their labels, by style or by typed numbers', async () => {
    const styled = await importOf([heading(1, '总则'), p('正文。'), heading(1, '附录 A 名词解释'), p('附录的正文。'), heading(2, '术语'), p('术语的正文。'), heading(1, '附件2：数据表'), p('数据。')]);
    expect(styled.data.chapters).toEqual([{ title: '总则', body: ['正文。'] }]);
    expect(styled.data.appendices).toEqual([
      { title: '名词解释', body: ['附录的正文。'], sections: [{ title: '术语', body: ['术语的正文。'] }] },
      { title: '数据表', body: ['数据。'] },
    ]);
    expect(validate(styled.data)).toBe(true);
    const typed = await importOf([p('一、总则'), p('正文。'), p('（一）基本情况'), p('附件中的说明见后。'), p('附录一 调查问卷'), p('问卷。'), p('附录'), p('其他。')]);
    expect(typed.data.chapters).toEqual([{ title: '总则', body: ['正文。'], sections: [{ title: '基本情况', body: ['附件中的说明见后。'] }] }]);
    expect(typed.data.appendices).toEqual([
      { title: '调查问卷', body: ['问卷。'] },
      { title: '附录', body: ['其他。'] },
    ]);
  });
});

describe('imprint import: articles of a 规章', () => {
  it('makes the 第一条　… paragraphs of a 办法 articles without their typed labels, their 款 following as paragraphs, counted afresh in an appendix (its 实施细则)', async () => {
    const r = await importOf([
      heading(1, '总则'),
      p('第一条　为了规范管理，制定本办法。'),
      p('第二条 本办法适用于本区公办学校。'),
      p('民办学校参照本办法执行。'),
      heading(1, '附则'),
      p('第三条本办法自发布之日起施行。'),
      heading(1, '附件 实施细则'),
      p('第一条　本细则依据办法制定。'),
      p('第二条　本细则自发布之日起施行。'),
    ]);
    expect(r.data.chapters).toEqual([
      { title: '总则', body: [{ article: '为了规范管理，制定本办法。' }, { article: '本办法适用于本区公办学校。' }, '民办学校参照本办法执行。'] },
      { title: '附则', body: [{ article: '本办法自发布之日起施行。' }] },
    ]);
    expect(r.data.appendices).toEqual([{ title: '实施细则', body: [{ article: '本细则依据办法制定。' }, { article: '本细则自发布之日起施行。' }] }]);
    expect(r.engineMade).toEqual(expect.arrayContaining(['第一条　', '第二条 ', '第三条']));
    expect(r.notCarried.filter((l) => !l.startsWith('left to the engine'))).toEqual([]);
    expect(validate(r.data)).toBe(true);
  });
  it('keeps them as paragraphs with their typed numbers, and says so at the first out of order, when the numbers do not run 第一条, 第二条 … (the engine would renumber them); a lone 第一条线路 stays a paragraph', async () => {
    const r = await importOf([heading(1, '总则'), p('第一条　为了规范管理。'), p('第三条　本办法适用于本区。'), p('第四条　自发布之日起施行。')]);
    expect(r.data.chapters).toEqual([{ title: '总则', body: ['第一条　为了规范管理。', '第三条　本办法适用于本区。', '第四条　自发布之日起施行。'] }]);
    expect(r.notCarried.filter((l) => !l.startsWith('left to the engine'))).toEqual([
      'paragraph 3 «第三条 本办法适用于本区…»: an article numbered 第三条 where 第二条 comes: the articles of this part are kept as paragraphs with their typed numbers (Imprint numbers articles 第一条, 第二条 … in order: mend the numbers in the draft and import it again, or write each as `- article:` without its number)',
    ]);
    const lone = await importOf([heading(1, '交通'), p('第一条线路于 2010 年建成。'), p('其后的正文。')]);
    expect(lone.data.chapters).toEqual([{ title: '交通', body: ['第一条线路于 2010 年建成。', '其后的正文。'] }]);
  });
});

describe('imprint import: inline markup', () => {
  it('keeps the words of a link the format refuses (file:, a path), unlinked: the imported report builds', async () => {
    const r = await importOf([
      heading(1, '总则'),
      runs(
        new TextRun('见'),
        new ExternalHyperlink({ link: 'file:///C:/报告/附件.pdf', children: [new TextRun('附件')] }),
        new TextRun('和'),
        new ExternalHyperlink({ link: 'https://example.org/a', children: [new TextRun('网站')] }),
      ),
    ]);
    const text = r.data.chapters[0].body[0];
    expect(text).toBe('见附件和[网站](https://example.org/a)');
    expect(parseInline(text).problems).toEqual([]);
  });

  it('carries bold, emphasis, superscript, subscript, links and footnotes into §6.2 markup, joins soft breaks, and escapes markup characters', async () => {
    const r = await importOf(
      [
        heading(1, '总则'),
        runs(
          new TextRun({ text: '粗体', bold: true }),
          new TextRun('与'),
          new TextRun({ text: '着重', italics: true }),
          new TextRun('，面积 m'),
          new TextRun({ text: '2', superScript: true }),
          new TextRun('、CO'),
          new TextRun({ text: '2', subScript: true }),
          new TextRun('，见'),
          new ExternalHyperlink({ link: 'https://example.org/a', children: [new TextRun('网站')] }),
          new FootnoteReferenceRun(1),
          new TextRun('，星号 * 与 [括号] 和 3~5 年，换'),
          new TextRun({ text: '行继续', break: 1 }),
          new TextRun({ text: 'and', break: 1 }),
        ),
      ],
      { footnotes: { 1: { children: [new Paragraph('脚注的文字')] } } },
    );
    const text = r.data.chapters[0].body[0];
    expect(text).toBe('**粗体**与*着重*，面积 m^2^、CO~2~，见[网站](https://example.org/a)^[脚注的文字]，星号 \\* 与 \\[括号\\] 和 3\\~5 年，换行继续 and');
    const parsed = parseInline(text);
    expect(parsed.problems).toEqual([]);
    expect(inlinePlainText(parsed.nodes)).toBe('粗体与着重，面积 m2、CO2，见网站，星号 * 与 [括号] 和 3~5 年，换行继续 and');
  });
  it("carries Word's emphasis marks (着重号, w:em: dots under the characters) as emphasis, *…*, which the engine prints with its dots, also in footnotes; w:em none is plain", async () => {
    const r = await importOf([
      heading(1, '总则'),
      runs(new TextRun('推进'), new TextRun({ text: '教育优质均衡', emphasisMark: { type: 'dot' } }), new TextRun('发展，'), new TextRun({ text: '不加点', emphasisMark: { type: 'none' as 'dot' } }), new TextRun('。'), new FootnoteReferenceRun(1)),
    ], { footnotes: { 1: { children: [new Paragraph({ children: [new TextRun('注中的'), new TextRun({ text: '重点', emphasisMark: { type: 'dot' } })] })] } } });
    expect(r.data.chapters[0].body).toEqual(['推进*教育优质均衡*发展，不加点。^[注中的*重点*]']);
  });

  it('keeps the footnotes of titles (cover, headings, preface, appendix, run-in headings, captions) as ^[…], with markup characters escaped and Word\'s bold and links left to the theme', async () => {
    const note = (id: number) => new FootnoteReferenceRun(id);
    const titled = (level: 1 | 2, ...children: TextRun[]) => new Paragraph({ heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [...children] });
    const picture = new Paragraph({ children: [new ImageRun({ type: 'png', data: makePng(4, 3), transformation: { width: 40, height: 30 } })] });
    const notes = Object.fromEntries(['封面注', '前言注', '章注', '小标题注', '表注', '案例注', '图注', '附录注'].map((text, i) => [i + 1, { children: [new Paragraph(text)] }]));
    const r = await importOf(
      [
        runs(new TextRun({ text: '质量报告', bold: true }), note(1)),
        titled(1, new TextRun('前 言'), note(2)),
        p('前言的正文。'),
        titled(1, new TextRun('第一章 总体'), new TextRun({ text: '情况', bold: true }), note(3)),
        titled(2, new TextRun('1.1 星号*与[括号]')),
        runs(new TextRun({ text: '一、小标题', bold: true }), note(4)),
        p('正文。'),
        runs(new TextRun('表 1 指标'), note(5)),
        table([['年', '人数'], ['2025', '12']], 1),
        runs(new TextRun('案例 1 帮扶'), note(6)),
        framed([p('案例的正文。')]),
        picture,
        runs(new TextRun('图 1 示意'), note(7)),
        titled(1, new TextRun('附录 A 数据'), note(8)),
        p('附录的正文。'),
      ],
      { footnotes: notes },
    );
    expect(r.data).toEqual({
      report: { title: '质量报告^[封面注]' },
      preface: { title: '前言^[前言注]', body: ['前言的正文。'] },
      chapters: [
        {
          title: '总体情况^[章注]',
          sections: [
            {
              title: '星号\\*与\\[括号\\]',
              body: [
                { heading: '一、小标题^[小标题注]' },
                '正文。',
                { table: { title: '指标^[表注]', columns: ['年', '人数'], rows: [[2025, 12]] } },
                { case: { title: '帮扶^[案例注]', body: ['案例的正文。'] } },
                { figure: { title: '示意^[图注]', image: 'draft-images/fig-1.png' } },
              ],
            },
          ],
        },
      ],
      appendices: [{ title: '数据^[附录注]', body: ['附录的正文。'] }],
    });
    expect(validate(r.data)).toBe(true);
    expect(parseInline(r.data.chapters[0].sections[0].title).problems).toEqual([]);
    expect(inlinePlainText(parseInline(r.data.chapters[0].sections[0].title).nodes)).toBe('星号*与[括号]');
  });
});

describe('imprint import: tables, cases, figures, lists', () => {
  it('reads a table with merged cells under its caption, with the note below', async () => {
    const r = await importOf([
      heading(1, '师资'),
      p('表 1 静安区中职校师资队伍结构情况'),
      table(
        [
          [{ text: '指标', rowSpan: 2 }, { text: '人数', columnSpan: 2 }],
          ['2024 年', '2025 年'],
          ['本科学历', '197', '183'],
          ['硕士', '43', '55.5'],
        ],
        1,
      ),
      p('数据来源：静安区教育局'),
      p('表后的正文。'),
    ]);
    expect(r.data.chapters[0].body).toEqual([
      {
        table: {
          title: '静安区中职校师资队伍结构情况',
          head: [
            [{ text: '指标', rowspan: 2 }, { text: '人数', colspan: 2 }],
            ['2024 年', '2025 年'],
          ],
          rows: [
            ['本科学历', 197, 183],
            ['硕士', 43, 55.5],
          ],
          note: '数据来源：静安区教育局',
        },
      },
      '表后的正文。',
    ]);
    expect(r.yaml).toContain('- [ { text: 指标, rowspan: 2 }, { text: 人数, colspan: 2 } ]');
    expect(r.engineMade).toContain('表 1');
  });

  it('keeps the cells of a row that skips grid columns (w:gridBefore, w:gridAfter) in their columns, the skipped ones empty, also under cells merged from above', async () => {
    const cell = (text: string, merge = '') => `<w:tc>${merge ? `<w:tcPr><w:vMerge${merge === 'restart' ? ' w:val="restart"' : ''}/></w:tcPr>` : ''}<w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
    const row = (skip: string, ...cells: string[]) => `<w:tr>${skip ? `<w:trPr>${skip}</w:trPr>` : ''}${cells.join('')}</w:tr>`;
    const grid = '<w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>';
    const before = (n: number) => `<w:gridBefore w:val="${n}"/><w:wBefore w:w="${2000 * n}" w:type="dxa"/>`;
    const r = await importBytes(
      await draftDocxWithXml([heading(1, '表'), p('表 1 指标'), p('@@SKIPS@@'), p('表 2 合并'), p('@@MERGED@@'), p('@@UNTITLED@@')], {
        UNTITLED: `<w:tbl>${grid}${row(before(2), cell('丁'))}${row('', cell('1'), cell('2'), cell('3'))}</w:tbl>`,
        SKIPS: `<w:tbl>${grid}${row('', cell('指标'), cell('2024'), cell('2025'))}${row(before(1), cell('100'), cell('200'))}${row('<w:gridAfter w:val="1"/>', cell('合计'), cell('300'))}</w:tbl>`,
        MERGED: `<w:tbl>${grid}${row('', cell('甲'), cell('乙'), cell('丙'))}${row('', cell('X'), cell('A', 'restart'), cell('B'))}${row(before(1), cell('', 'continue'), cell('C'))}</w:tbl>`,
      }),
    );
    expect(r.data.chapters[0].body).toEqual([
      { table: { title: '指标', columns: ['指标', 2024, 2025], rows: [['', 100, 200], ['合计', 300, '']] } },
      { table: { title: '合并', columns: ['甲', '乙', '丙'], rows: [['X', { text: 'A', rowspan: 2 }, 'B'], ['', 'C']] } },
      { table: { title: '（无标题）', columns: ['', '', '丁'], rows: [[1, 2, 3]] } },
    ]);
    // (the first paragraph of a table is its place, also after a column skipped)
    expect(r.notCarried.filter((l) => l.includes('caption'))).toEqual(['paragraph 19 «丁»: a table without a caption (表 N … above it): titled （无标题）, write its title']);
    expect(validate(r.data)).toBe(true);
  });

  it('reads case boxes: a caption over a framed one-cell table, or over a text box', async () => {
    const r = await importOf([
      heading(1, '案例'),
      p('案例 1 立德树人：双路径实践'),
      framed([bold('一、内化精神'), p('市北职高——“火焰蓝”精神铸魂。'), p('逸夫职校——“红色文创”。')]),
      p('案例 2 区域协同'),
      new Paragraph({ children: [new Textbox({ children: [p('框里的第一段。'), p('框里的第二段。')], style: { width: '4in', height: 'auto' } })] }),
      p('之后的正文。'),
    ]);
    expect(r.data.chapters[0].body).toEqual([
      { case: { title: '立德树人：双路径实践', body: [{ heading: '一、内化精神' }, '市北职高——“火焰蓝”精神铸魂。', '逸夫职校——“红色文创”。'] } },
      { case: { title: '区域协同', body: ['框里的第一段。', '框里的第二段。'] } },
      '之后的正文。',
    ]);
    expect(r.notCarried.filter((l) => l.includes('text box'))).toEqual([]);
    expect(validate(r.data)).toBe(true);
  });

  it('reads a case written as its caption and plain paragraphs, up to the next caption or heading; its own 一、 are run-in headings, also where the outline is by typed numbers; a sentence that starts 案例 N opens none', async () => {
    const r = await importOf([
      p('1 总则'),
      p('1.1 基本情况'),
      p('案例 1 组团式帮扶'),
      p('案例的第一段。'),
      p('一、管理引领'),
      p('案例的第二段。'),
      p('表 1 人数'),
      table([['年', '人数'], ['2025', '12']], 1),
      p('案例 2 区域协同'),
      p('第二个案例。'),
      p('1.2 保障'),
      p('节的正文。'),
      p('案例 2 的做法值得推广。'),
      p('其后的正文。'),
    ]);
    expect(r.data.chapters).toEqual([
      {
        title: '总则',
        sections: [
          {
            title: '基本情况',
            body: [
              { case: { title: '组团式帮扶', body: ['案例的第一段。', { heading: '一、管理引领' }, '案例的第二段。'] } },
              { table: { title: '人数', columns: ['年', '人数'], rows: [[2025, 12]] } },
              { case: { title: '区域协同', body: ['第二个案例。'] } },
            ],
          },
          { title: '保障', body: ['节的正文。', '案例 2 的做法值得推广。', '其后的正文。'] },
        ],
      },
    ]);
    expect(validate(r.data)).toBe(true);
  });

  it('writes a picture beside the YAML with its caption as the figure title', async () => {
    const picture = makePng(4, 3);
    const r = await importOf([heading(1, '图'), new Paragraph({ children: [new ImageRun({ type: 'png', data: picture, transformation: { width: 40, height: 30 } })] }), p('图 1 在校生人数')]);
    expect(r.data.chapters[0].body).toEqual([{ figure: { title: '在校生人数', image: 'draft-images/fig-1.png' } }]);
    expect(readFileSync(path.join(r.dir, 'draft-images/fig-1.png')).equals(picture)).toBe(true);
    expect(validate(r.data)).toBe(true);
  });

  it('leaves out a picture the draft does not hold (linked to a file, or its part missing), reported at its place with its caption; the others are written', async () => {
    const picture = () => new Paragraph({ children: [new ImageRun({ type: 'png', data: makePng(4, 3), transformation: { width: 40, height: 30 } })] });
    const r = await importBytes(
      await draftDocxWithXml(
        [heading(1, '图'), picture(), p('图 1 第一张'), p('@@LINKED@@'), p('图 2 链接的图片'), p('@@MISSING@@'), p('图 3 缺失的图片'), picture(), p('图 4 第四张'), p('@@UNCAPTIONED@@')],
        { LINKED: pictureXml('r:link="rIdLinked"'), MISSING: pictureXml('r:embed="rIdMissing"'), UNCAPTIONED: pictureXml('r:link="rIdOther"') },
        pictureRelationship('rIdLinked', 'file:///C:/pics/photo.png', true) + pictureRelationship('rIdMissing', 'media/none.png') + pictureRelationship('rIdOther', 'other.png', true),
      ),
    );
    expect(r.data.chapters[0].body).toEqual([
      { figure: { title: '第一张', image: 'draft-images/fig-1.png' } },
      { figure: { title: '第四张', image: 'draft-images/fig-2.png' } },
    ]);
    expect(r.images).toEqual(['draft-images/fig-1.png', 'draft-images/fig-2.png']);
    expect(r.notCarried.filter((l) => !l.startsWith('left to the engine'))).toEqual([
      'paragraph 4: a picture linked to file:///C:/pics/photo.png, not held in the draft, left out (insert the picture itself: in Word, Insert > Pictures, not Insert and Link): «链接的图片»',
      'paragraph 6: a picture whose part the draft lacks (a damaged .docx), left out: «缺失的图片»',
      'paragraph 10: a picture linked to other.png, not held in the draft, left out (insert the picture itself: in Word, Insert > Pictures, not Insert and Link)',
    ]);
    expect(readdirSync(path.join(r.dir, 'draft-images'))).toEqual(['fig-1.png', 'fig-2.png']);
  });

  it('reads lists with their styles from Word numbering, nested by level', async () => {
    const numbering = {
      config: [
        { reference: 'cn', levels: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、' }, { level: 1, format: LevelFormat.DECIMAL, text: '（%2）' }] },
        { reference: 'dots', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•' }] },
      ],
    };
    const item = (text: string, reference: string, level = 0) => new Paragraph({ text, numbering: { reference, level } });
    const r = await importOf([heading(1, '列表'), item('甲', 'cn'), item('甲一', 'cn', 1), item('乙', 'cn'), p('之间。'), item('点一', 'dots'), item('点二', 'dots')], { numbering });
    expect(r.data.chapters[0].body).toEqual([
      { list: { style: '一、', items: [{ text: '甲', list: { style: '（1）', items: ['甲一'] } }, '乙'] } },
      '之间。',
      { list: ['点一', '点二'] },
    ]);
    expect(validate(r.data)).toBe(true);
  });

  it('keeps the list styles of a draft with a symbol (w:sym: a Wingdings ✓) or a non-breaking hyphen inside a paragraph', async () => {
    const numbering = { config: [{ reference: 'cn', levels: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、' }, { level: 1, format: LevelFormat.DECIMAL, text: '（%2）' }] }] };
    const item = (text: string, level = 0) => new Paragraph({ text, numbering: { reference: 'cn', level } });
    const docx = await draftDocxWithXml([heading(1, '列表'), p('@@SYM@@'), item('甲'), item('甲一', 1), p('@@HYPHEN@@')], {
      SYM: '<w:p><w:r><w:t>已完成</w:t></w:r><w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r><w:r><w:t>的事项：</w:t></w:r></w:p>',
      HYPHEN: '<w:p><w:r><w:t>2024</w:t></w:r><w:r><w:noBreakHyphen/></w:r><w:r><w:t>2025学年。</w:t></w:r></w:p>',
    }, '', { numbering });
    const r = await importBytes(docx);
    expect(r.data.chapters[0].body).toEqual(['已完成✓的事项：', { list: { style: '一、', items: [{ text: '甲', list: { style: '（1）', items: ['甲一'] } }] } }, '2024‑2025学年。']);
    expect(r.notCarried.filter((l) => l.includes('could not be matched'))).toEqual([]);
  });
});

describe('imprint import: what is not carried is reported with its place', () => {
  it('counts what it left to the engine in words that agree with the count: 1 text, 2 texts', async () => {
    const one = await importOf([heading(1, '第一章 总则'), p('正文。')]);
    expect(one.notCarried.at(-1)).toBe('left to the engine (it numbers headings, tables, cases and figures, and makes the contents): 1 text (a typed number, label, contents line or page number)');
    const two = await importOf([heading(1, '第一章 总则'), p('正文。'), heading(1, '第二章 附则'), p('正文。')]);
    expect(two.notCarried.at(-1)).toBe('left to the engine (it numbers headings, tables, cases and figures, and makes the contents): 2 texts (typed numbers, labels, contents lines and page numbers)');
  });
  it('reports a text box, tracked changes, a field and an equation, at their paragraphs, on stderr lines and atop the YAML', async () => {
    const change = { author: '审稿人', date: '2025-01-01T00:00:00Z' };
    const r = await importOf([
      heading(1, '总则'),
      p('第一段正文。'),
      runs(new TextRun('旁注在此'), new Textbox({ children: [p('框中的旁注文字')], style: { width: '2in', height: 'auto' } })),
      runs(new TextRun('修订：'), new InsertedTextRun({ id: 1, ...change, text: '新加的字' }), new DeletedTextRun({ id: 2, ...change, text: '删掉的字' })),
      new Paragraph({ children: [new DocxMath({ children: [new MathRun('E=mc²')] })] }),
      runs(new TextRun('见第'), new SimpleField('PAGE', '7'), new TextRun('页')),
    ]);
    expect(r.notCarried).toEqual([
      'paragraph 3 «旁注在此»: a text box, left out: «框中的旁注文字»',
      'paragraph 4 «修订：新加的字»: a tracked insertion, kept as if accepted: «新加的字»',
      'paragraph 4 «修订：新加的字»: a tracked deletion, left out: «删掉的字»',
      'paragraph 5: an equation, left out: «E=mc²»',
      'paragraph 6 «见第页»: a field (PAGE), left out with the text Word shows for it: «7»',
    ]);
    expect(r.data.chapters[0].body).toEqual(['第一段正文。', '旁注在此', '修订：新加的字', '见第页']);
    for (const line of r.notCarried) expect(r.yaml).toContain(`#   ${line}`);
  });

  it('reports a reference to a footnote or endnote the draft does not hold (a damaged .docx) at its paragraph, and goes on', async () => {
    const reference = (kind: 'footnote' | 'endnote', id: number) => `<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:${kind}Reference w:id="${id}"/></w:r>`;
    const r = await importBytes(
      await draftDocxWithXml([heading(1, '总则'), p('@@REFS@@'), p('其后的正文。')], {
        REFS: `<w:p><w:r><w:t>正文</w:t></w:r>${reference('footnote', 1)}${reference('footnote', 7)}<w:r><w:t>继续</w:t></w:r>${reference('endnote', 3)}</w:p>`,
      }).then(async (docx) => {
        const zip = await JSZip.loadAsync(docx);
        const notes = await zip.file('word/footnotes.xml')!.async('string');
        zip.file('word/footnotes.xml', notes.replace('</w:footnotes>', '<w:footnote w:id="1"><w:p><w:r><w:t>有的脚注</w:t></w:r></w:p></w:footnote></w:footnotes>'));
        return zip.generateAsync({ type: 'nodebuffer' });
      }),
    );
    expect(r.data.chapters[0].body).toEqual(['正文^[有的脚注]继续', '其后的正文。']);
    expect(r.notCarried).toEqual([
      'paragraph 2 «正文继续»: footnote 7 is referenced, but word/footnotes.xml has no note 7 (a damaged .docx): the reference is left out',
      'paragraph 2 «正文继续»: endnote 3 is referenced, but word/endnotes.xml has no note 3 (a damaged .docx): the reference is left out',
    ]);
  });

  it('leaves out hidden text (w:vanish: Word neither shows nor prints it), reported with its words at its paragraph', async () => {
    const r = await importOf([
      heading(1, '总则'),
      runs(new TextRun('在校学生'), new TextRun({ text: '（待核实，去年为11.8万）', vanish: true }), new TextRun('12.3万人。')),
      runs(new TextRun({ text: '整段隐藏。', vanish: true })),
      runs(new TextRun('之后的正文，'), new TextRun({ text: '并非隐藏', vanish: false }), new TextRun('。')),
      new Paragraph({ numbering: { reference: 'cn', level: 0 }, text: '列表项' }),
    ], { numbering: { config: [{ reference: 'cn', levels: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、' }] }] } });
    expect(r.data.chapters[0].body).toEqual(['在校学生12.3万人。', '之后的正文，并非隐藏。', { list: { style: '一、', items: ['列表项'] } }]);
    expect(r.notCarried).toEqual([
      'paragraph 2 «在校学生12.3万人。»: hidden text (Word neither shows nor prints it), left out: «（待核实，去年为11.8万）»',
      'paragraph 3: hidden text (Word neither shows nor prints it), left out: «整段隐藏。»',
    ]);
  });

  it('reports the tracked changes and hidden text of a footnote at the paragraph of its marker, and leaves the hidden text out of the note', async () => {
    const change = { author: '审稿人', date: '2025-01-01T00:00:00Z' };
    const r = await importOf([heading(1, '总则'), p('第一段。'), runs(new TextRun('数据见注'), new FootnoteReferenceRun(1), new TextRun('。'))], {
      footnotes: {
        1: {
          children: [
            new Paragraph({
              children: [new TextRun('来自年鉴'), new DeletedTextRun({ id: 1, ...change, text: '（2023）' }), new InsertedTextRun({ id: 2, ...change, text: '（2024）' }), new TextRun({ text: '待核', vanish: true }), new TextRun('。')],
            }),
          ],
        },
      },
    });
    expect(r.data.chapters[0].body).toEqual(['第一段。', '数据见注^[来自年鉴（2024）。]。']);
    expect(r.notCarried).toEqual([
      'paragraph 3 «数据见注。»: in its footnote «来自年鉴（2024）。»: a tracked deletion, left out: «（2023）»',
      'paragraph 3 «数据见注。»: in its footnote «来自年鉴（2024）。»: a tracked insertion, kept as if accepted: «（2024）»',
      'paragraph 3 «数据见注。»: in its footnote «来自年鉴（2024）。»: hidden text (Word neither shows nor prints it), left out: «待核»',
    ]);
  });

  it('reports a comment with its author and text, at its paragraph', async () => {
    const r = await importOf(
      [heading(1, '总则'), runs(new CommentRangeStart(0), new TextRun('在校生 2261 人。'), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] }))],
      { comments: { children: [{ id: 0, author: '审稿人', date: new Date('2025-01-01'), children: [new Paragraph('请核对人数')] }] } },
    );
    expect(r.data.chapters[0].body).toEqual(['在校生 2261 人。']);
    expect(r.notCarried).toEqual(['paragraph 2 «在校生 2261 人。»: a comment, left out (by 审稿人): «请核对人数»']);
  });

  it('drops the contents Word made (a TOC field with its page references), reported once; a page reference in the text is kept as its text and reported', async () => {
    const field = (instruction: string, result: string) =>
      `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ${instruction} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>${result}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    const entry = (title: string, page: string, anchor: string) => `<w:hyperlink w:anchor="${anchor}"><w:r><w:t xml:space="preserve">${title}</w:t></w:r><w:r><w:tab/></w:r>${field(`PAGEREF ${anchor} \\h`, page)}</w:hyperlink>`;
    const toc =
      `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${entry('第一章 总则', '1', '_Toc1')}</w:p>` +
      `<w:p>${entry('第二章 保障', '2', '_Toc2')}</w:p><w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`;
    const reference = `<w:p><w:r><w:t xml:space="preserve">详见第 </w:t></w:r>${field('PAGEREF _Toc2 \\h', '2')}<w:r><w:t xml:space="preserve"> 页。</w:t></w:r></w:p>`;
    const r = await importBytes(await draftDocxWithXml([p('@@TOC@@'), heading(1, '第一章 总则'), p('@@REF@@'), heading(1, '第二章 保障'), p('正文。')], { TOC: toc, REF: reference }));
    expect(r.data.chapters).toEqual([
      { title: '总则', body: ['详见第 2 页。'] },
      { title: '保障', body: ['正文。'] },
    ]);
    expect(r.notCarried.filter((l) => !l.startsWith('left to the engine'))).toEqual([
      'paragraph 1 «第一章 总则1»: the contents Word made (a TOC field), left to the engine, which makes its own',
      'paragraph 5 «详见第 2 页。»: a field (PAGEREF _Toc2 \\h): the text Word shows for it is kept as plain text: «2»',
    ]);
    expect(r.engineMade).toEqual(expect.arrayContaining(['第一章 总则\t1', '第二章 保障\t2']));
  });

  it('reports a shape (a DrawingML drawing without a picture or text) at its paragraph', async () => {
    const shape = `<w:p><w:r><w:t>流程如下：</w:t></w:r><w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/><wp:docPr id="1" name="Shape 1"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:spPr/><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
    const r = await importBytes(await draftDocxWithXml([heading(1, '总则'), p('@@SHAPE@@')], { SHAPE: shape }));
    expect(r.data.chapters[0].body).toEqual(['流程如下：']);
    expect(r.notCarried.filter((l) => !l.startsWith('the Word reader'))).toEqual(['paragraph 2 «流程如下：»: a drawing (a shape, chart or SmartArt), left out']);
  });

  it('keeps the text of DrawingML-only text boxes (no VML fallback mammoth could read): as a case box under a 案例 caption, else in the report', async () => {
    const box = (text: string) =>
      `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="2" name="Text Box 2"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>${text}</w:t></w:r></w:p><w:p><w:r><w:t>第二段${text}</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>`;
    const r = await importBytes(
      await draftDocxWithXml([heading(1, '总则'), p('案例 1 组团帮扶'), p('@@CASE@@'), p('之后的正文。'), p('@@LOOSE@@')], {
        CASE: `<w:p>${box('框中的案例')}</w:p>`,
        LOOSE: `<w:p><w:r><w:t>旁注在此</w:t></w:r>${box('框中的旁注')}</w:p>`,
      }),
    );
    expect(r.data.chapters[0].body).toEqual([{ case: { title: '组团帮扶', body: ['框中的案例', '第二段框中的案例'] } }, '之后的正文。', '旁注在此']);
    expect(r.notCarried.filter((l) => !l.startsWith('left to the engine'))).toEqual(['paragraph 5 «旁注在此»: a text box, left out: «框中的旁注 第二段框中的旁注»']);
  });

  it('loses no character of any draft: each is in the YAML, in the report, or left to the engine (typed numbers, labels, contents)', async () => {
    expect(imported.length).toBeGreaterThan(8);
    for (const draft of imported) {
      const drafted = await draftCharacters(draft.docx);
      const kept = new Set([...draft.yaml, ...draft.notCarried.join(''), ...draft.engineMade.join('')]);
      const lost = [...drafted].filter((c) => !kept.has(c));
      expect(lost).toEqual([]);
    }
  });
});

/** The characters shown in a draft: its text, deleted text, equations and footnotes (whitespace aside). */
async function draftCharacters(docx: Buffer): Promise<Set<string>> {
  const zip = await JSZip.loadAsync(docx);
  const chars = new Set<string>();
  for (const part of ['word/document.xml', 'word/footnotes.xml']) {
    const xml = await zip.file(part)?.async('string');
    if (!xml) continue;
    const parser = new SaxesParser();
    let inText = false;
    parser.on('opentag', (t) => (inText = ['w:t', 'w:delText', 'm:t'].includes(t.name)));
    parser.on('closetag', () => (inText = false));
    parser.on('text', (t) => inText && [...t].filter((c) => c.trim()).forEach((c) => chars.add(c)));
    parser.write(xml).close();
  }
  return chars;
}

