/**
 * `imprint diff OLD.pdf NEW.pdf [-o DIR]` on builds of the sample in a temporary folder: the
 * same print is no change (exit 0); a word edited in place is that page with the words; a
 * paragraph inserted early is the pages it changed (its words first, quoted as printed) and the
 * rest moved by one page, the contents' page numbers that followed them a line per page at the
 * end; the images mark where the change is; bad inputs get one line and exit 2. On builds of the
 * starter: a contents title lengthened is its words, not the leader dots that made room; a
 * footnote gone to the next page with its line is no change, nor a table's repeated header.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');
const { createCanvas, loadImage } = createRequire(import.meta.url)('@napi-rs/canvas') as typeof import('@napi-rs/canvas');

function imprint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The sample's paragraph edited in place (one word) and the paragraph inserted before another. */
const EDITED = ['两所学校均以提升教学质量为核心', '两所学校均以提高教学质量为核心'];
const INSERTED_BEFORE = '          - 2025 年静安区中职校办学规模保持稳定增长';
const PARAGRAPH = '静安区新增职业教育数字化转型专项行动，推动人工智能、虚拟仿真等技术全面融入专业教学与实训，建设智慧课堂与数字资源库。'.repeat(18);
const INSERTED = `          - ${PARAGRAPH}\n`;
/** The preface's second paragraph, before which the paragraph is inserted in the preface. */
const PREFACE_BEFORE = '    - 2025 年静安区属中职校 2 所';
/** The paragraph as diff quotes it: its start and end, with the full-width comma as printed. */
const QUOTED = /added “静安区新增职业教育数字化转型专项行动，推…堂与数字资源库。” \(1044 characters\)$/;
/** A sentence that, repeated in a paragraph inserted early in the starter, pushes what follows down. */
const PADDING = '这是为了把后面的内容推到下一页而插入的一段较长的文字，用来检查脚注换页后的比较结果。';
/** The line of a page whose page numbers changed, no other words. */
const PAGE_NUMBERS = /^p\. [^ ]+: \d+ page numbers? changed \(the pages? (they|it) refers? to moved\)$/;

/** A starter project `name` in `dir` (its report first edited by `before`) built as one.pdf, then, its report edited by `edit`, as two.pdf; its folder. */
function starterEdited(dir: string, name: string, edit: (yaml: string) => string, before?: (yaml: string) => string): string {
  const project = path.join(dir, name);
  expect(imprint(dir, 'init', project).code).toBe(0);
  const report = path.join(project, 'content/report.yaml');
  if (before) writeFileSync(report, before(readFileSync(report, 'utf8')));
  expect(imprint(project, 'build', '-o', 'one.pdf').code).toBe(0);
  const edited = edit(readFileSync(report, 'utf8'));
  expect(edited).not.toBe(readFileSync(report, 'utf8'));
  writeFileSync(report, edited);
  expect(imprint(project, 'build', '-o', 'two.pdf').code).toBe(0);
  return project;
}

describe('imprint diff', () => {
  let dir: string;
  beforeAll(() => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-diff-')));
    mkdirSync(path.join(dir, 'content'));
    const sample = readFileSync(path.join(root, 'content/jingan-2025.yaml'), 'utf8');
    expect(sample).toContain(EDITED[0]);
    expect(sample).toContain(INSERTED_BEFORE);
    expect(sample).toContain(PREFACE_BEFORE);
    copyFileSync(path.join(root, 'content/jingan-2025.yaml'), path.join(dir, 'content/old.yaml'));
    writeFileSync(path.join(dir, 'content/edited.yaml'), sample.replace(EDITED[0], EDITED[1]));
    writeFileSync(path.join(dir, 'content/inserted.yaml'), sample.replace(INSERTED_BEFORE, INSERTED + INSERTED_BEFORE));
    writeFileSync(path.join(dir, 'content/preface.yaml'), sample.replace(PREFACE_BEFORE, `    - ${PARAGRAPH}\n${PREFACE_BEFORE}`));
    for (const name of ['old', 'edited', 'inserted', 'preface']) expect(imprint(dir, 'build', `content/${name}.yaml`, '-o', `${name}.pdf`).code).toBe(0);
    expect(imprint(dir, 'build', 'content/old.yaml', '-o', 'again.pdf').code).toBe(0);
    expect(imprint(dir, 'build', 'content/old.yaml', '-o', 'archive.pdf', '--pdfa', '2b').code).toBe(0);
  }, 120_000);

  it('finds no change between two builds of the same report, exit 0', () => {
    const r = imprint(dir, 'diff', 'old.pdf', 'again.pdf');
    expect(r).toEqual({ code: 0, out: 'no change: again.pdf prints the same as old.pdf (29 pages)\n', err: '' });
  });

  it('finds no change between files of other bytes that print the same (a PDF/A of it), exit 0', () => {
    expect(readFileSync(path.join(dir, 'archive.pdf')).equals(readFileSync(path.join(dir, 'old.pdf')))).toBe(false);
    expect(imprint(dir, 'diff', 'old.pdf', 'archive.pdf')).toEqual({ code: 0, out: 'no change: archive.pdf prints the same as old.pdf (29 pages)\n', err: '' });
  });

  it('reports a word edited in place: that page (by its printed label) and the words, exit 1', () => {
    const r = imprint(dir, 'diff', 'old.pdf', 'edited.pdf');
    expect(r.err).toBe('');
    expect(r.out).toBe('old.pdf (29 pages) -> edited.pdf (29 pages)\np. 4 changed\n  p. 4: removed “提升”, added “提高”\n');
    expect(r.code).toBe(1);
  });

  it('reports a paragraph inserted early as the pages it changed and the pages after it moved by one page, the contents\' page numbers last', () => {
    const r = imprint(dir, 'diff', 'old.pdf', 'inserted.pdf');
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('old.pdf (29 pages) -> inserted.pdf (30 pages)');
    // the chapter of the new paragraph: one page longer, the paragraph on its pages, the rest reflowed
    expect(lines[1]).toBe('p. 2–8 (now 2–9) changed');
    expect(lines[2]).toMatch(/^ {2}p\. 2–3: /);
    expect(lines[2]).toMatch(QUOTED);
    expect(lines[3]).toBe('  p. 4–9: the same words, broken into pages differently');
    // every later chapter: the same pages, one further
    expect(lines[4]).toBe('p. 9–26 moved by one page (now 10–27)');
    // the contents pages: only their page numbers changed, a line per page, after the words
    expect(lines.slice(5, -1)).toHaveLength(2);
    expect(lines[5]).toMatch(/^p\. i: /);
    expect(lines[6]).toMatch(/^p\. ii: /);
    for (const line of lines.slice(5, -1)) expect(line).toMatch(PAGE_NUMBERS);
    expect(lines.at(-1)).toBe('');
  });

  it('does not merge the contents with the body into one run, nor let their page numbers crowd out the words', () => {
    const r = imprint(dir, 'diff', 'old.pdf', 'preface.pdf');
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    // the preface (page 1 of the body) is the run of the paragraph, the contents (i, ii) not with it
    expect(lines.slice(0, 2)).toEqual(['old.pdf (29 pages) -> preface.pdf (30 pages)', 'p. 1 (now 1–2) changed']);
    expect(lines[2]).toMatch(/^ {2}p\. 1–2: /);
    expect(lines[2]).toMatch(QUOTED);
    expect(lines[3]).toBe('p. 2–26 moved by one page (now 3–27)');
    // the contents' page numbers (all of them moved: more than the 12 changes listed of a run), a line per page
    expect(lines.slice(4)).toEqual([expect.stringMatching(PAGE_NUMBERS), expect.stringMatching(PAGE_NUMBERS), '']);
    expect(lines[4]).toMatch(/^p\. i: \d\d page numbers/);
    expect(lines[5]).toMatch(/^p\. ii: /);
  });

  it('writes an image of the changed page with the change marked in red, and old and new side by side', async () => {
    const r = imprint(dir, 'diff', 'old.pdf', 'edited.pdf', '-o', 'changes');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/\n2 images in changes \(page-007\.png, page-007-side\.png\)\n$/);
    const image = await loadImage(readFileSync(path.join(dir, 'changes/page-007.png')));
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const pixel = (xPt: number, yPt: number) => [...ctx.getImageData(Math.round((xPt * 144) / 72), Math.round((yPt * 144) / 72), 1, 1).data];
    const reddish = ([red, green, blue]: number[]) => red > green + 60 && red > blue + 60;
    // “提高” stands on the first line of section 1.3 (pdf.js: the line from x 100.5 pt, its 7th and
    // 8th characters; baseline 308 pt from the top): its strokes and the white between them are tinted
    for (let x = 174; x < 190; x += 1) expect(reddish(pixel(x, 303)), `${x},303`).toBe(true);
    // and the rest of the page is not: the same line further right, lines further down
    for (const [x, y] of [[400, 303], [200, 500], [300, 700]]) expect(reddish(pixel(x, y)), `${x},${y}`).toBe(false);
    const side = await loadImage(readFileSync(path.join(dir, 'changes/page-007-side.png')));
    expect([side.width, side.height]).toEqual([2 * image.width + 24, image.height]);
  });

  it('reports a page of the same text drawn differently (a case box tinted anew), exit 1', () => {
    const project = path.join(dir, 'starter');
    expect(imprint(dir, 'init', project).code).toBe(0);
    expect(imprint(project, 'build', '-o', 'one.pdf').code).toBe(0);
    const theme = path.join(project, 'templates/mine/theme.yaml');
    expect(readFileSync(theme, 'utf8')).toContain('#eaf2fb');
    writeFileSync(theme, readFileSync(theme, 'utf8').replace('#eaf2fb', '#fbeaea'));
    expect(imprint(project, 'build', '-o', 'two.pdf').code).toBe(0);
    // a light tint: every channel within 17 of the old one (a tolerance of 64 saw no change)
    expect(imprint(project, 'diff', 'one.pdf', 'two.pdf')).toEqual({ code: 1, out: 'one.pdf (11 pages) -> two.pdf (11 pages)\np. 3: the same text, drawn differently\n', err: '' });
  });

  it('reports a contents title lengthened by its words, not by the leader dots that made room for them (an artifact)', () => {
    const project = starterEdited(dir, 'titled', (yaml) => yaml.replace('  - title: 下一步工作\n', '  - title: 下一步工作安排\n'));
    expect(imprint(project, 'diff', 'one.pdf', 'two.pdf')).toEqual({
      code: 1,
      out: 'one.pdf (11 pages) -> two.pdf (11 pages)\np. i changed\n  p. i: added “安排”\np. 6 changed\n  p. 6: added “安排”\n',
      err: '',
    });
  });

  it('finds a footnote that moved to the next page with its line no change, its pages the same words broken into pages differently', async () => {
    const project = starterEdited(dir, 'footnote', (yaml) => yaml.replace(/^ {6}- 章的正文可以写在第一节之前.*\n/m, (line) => `${line}      - ${PADDING.repeat(8)}\n`));
    // the case's footnote stands on the next page now, with the line of its marker
    const footnotePage = async (file: string) => (await readPdf(readFileSync(path.join(project, file)))).pages.findIndex((p) => p.lines.some((l) => l.text.includes('案例中的脚注与正文脚注一样')));
    expect(await footnotePage('two.pdf')).toBe((await footnotePage('one.pdf')) + 1);
    expect(imprint(project, 'diff', 'one.pdf', 'two.pdf')).toEqual({
      code: 1,
      out: [
        'one.pdf (11 pages) -> two.pdf (11 pages)',
        'p. 2–4 changed',
        '  p. 2: added “这是为了把后面的内容推到下一页而插入的一…页后的比较结果。” (336 characters)',
        '  p. 3–4: the same words, broken into pages differently',
        'p. ii: 2 page numbers changed (the pages they refer to moved)',
        '',
      ].join('\n'),
      err: '',
    });
  });

  it('finds a table now broken across two pages no change: its repeated caption and header are artifacts', async () => {
    // (two rows more: a table of five rows or fewer is never broken)
    const longer = (yaml: string) => yaml.replace('                - [{text: 合计, colspan: 3}, 100%]\n', '                - [特殊教育, 40, 42, 0.5%]\n                - [工读教育, 12, 10, 0.1%]\n$&');
    const project = starterEdited(dir, 'table', (yaml) => yaml.replace(/^ {6}- 章的正文可以写在第一节之前.*\n/m, (line) => `${line}      - ${PADDING.repeat(6)}\n`), longer);
    const continued = async (file: string) => (await readPdf(readFileSync(path.join(project, file)))).pages.some((p) => p.lines.some((l) => l.text.startsWith('续表')));
    expect([await continued('one.pdf'), await continued('two.pdf')]).toEqual([false, true]);
    expect(imprint(project, 'diff', 'one.pdf', 'two.pdf')).toEqual({
      code: 1,
      out: [
        'one.pdf (11 pages) -> two.pdf (11 pages)',
        'p. 2–4 changed',
        '  p. 2: added “这是为了把后面的内容推到下一页而插入的一…页后的比较结果。” (252 characters)',
        '  p. 3–4: the same words, broken into pages differently',
        'p. ii: 1 page number changed (the page it refers to moved)',
        '',
      ].join('\n'),
      err: '',
    });
  });

  it('quotes a table cell and a number with spaces as printed, and marks that cell only: no word runs across cells', async () => {
    // a new user's trial: one cell "9 327" -> "9 372" was “3273.697” -> “3723.697” (the cells 3.69 and 7 run into it) and "2 360" was “360”
    const report = (body: string, cell: string) =>
      `report:\n  title: 差异测试\nchapters:\n  - title: 资源配置\n    body:\n      - ${body}\n      - table:\n          title: 各校情况\n          columns: [学校, 生均仪器设备值（元）, 多媒体教室（间）, 达标项数]\n          rows:\n            - [浦东第二中学, "${cell}", 3.69, 7]\n            - [浦东实验学校, "4 428", 3.94, 7]\n`;
    mkdirSync(path.join(dir, 'cells'));
    writeFileSync(path.join(dir, 'cells/old.yaml'), report('共查阅资料 2 360 余份，有效率 97.0%。', '9 327'));
    writeFileSync(path.join(dir, 'cells/new.yaml'), report('共查阅资料 2 630 余份，有效率 97.0%。', '9 372'));
    for (const name of ['old', 'new']) expect(imprint(dir, 'build', `cells/${name}.yaml`, '-o', `cells/${name}.pdf`).code).toBe(0);
    const r = imprint(dir, 'diff', 'cells/old.pdf', 'cells/new.pdf', '-o', 'cells/images');
    expect(r.err).toBe('');
    expect(r.out.split('\n').slice(0, 4)).toEqual(['cells/old.pdf (4 pages) -> cells/new.pdf (4 pages)', 'p. 1 changed', '  p. 1: removed “2 360”, added “2 630”', '  p. 1: removed “9 327”, added “9 372”']);
    expect(r.code).toBe(1);
    // the image: the changed cell tinted, the cells beside it (3.69, 7) not
    const page = (await readPdf(readFileSync(path.join(dir, 'cells/new.pdf')))).pages[3];
    const image = await loadImage(readFileSync(path.join(dir, 'cells/images/page-004.png')));
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const tinted = (str: string) => {
      const item = page.items.find((i) => i.str === str)!;
      const [red, green, blue] = ctx.getImageData(Math.round(((item.x + 0.25 * item.size) * 144) / 72), Math.round(((item.y - 0.3 * item.size) * 144) / 72), 1, 1).data;
      return red > green + 60 && red > blue + 60;
    };
    expect(['9 372', '3.69', '7'].map(tinted)).toEqual([true, false, false]);
  });

  it('refuses bad inputs with one line at the file, exit 2', () => {
    writeFileSync(path.join(dir, 'notes.pdf'), 'not a PDF at all');
    writeFileSync(path.join(dir, 'cut.pdf'), readFileSync(path.join(dir, 'old.pdf')).subarray(0, 40_000));
    spawnSync('mkfifo', [path.join(dir, 'pipe.pdf')]);
    const cases: [string[], string][] = [
      [['nosuch.pdf', 'old.pdf'], 'imprint: nosuch.pdf: no such file'],
      [['old.pdf', 'content'], 'imprint: content: not a regular file'],
      [['notes.pdf', 'old.pdf'], 'imprint: notes.pdf: not a PDF (it does not start as one)'],
      [['old.pdf', 'cut.pdf'], 'imprint: cut.pdf: not a PDF, or damaged (Invalid PDF structure.)'],
      [['pipe.pdf', 'old.pdf'], 'imprint: pipe.pdf: not a regular file'],
      [['old.pdf'], 'imprint: diff takes two PDFs: OLD.pdf NEW.pdf (`imprint help` shows the usage)'],
      [['old.pdf', 'old.pdf', '-o'], 'imprint: -o needs a folder for the page images (`imprint help` shows the usage)'],
    ];
    for (const [args, message] of cases) expect(imprint(dir, 'diff', ...args), args.join(' ')).toEqual({ code: 2, out: '', err: `${message}\n` });
  });

  it('refuses a file where -o names the folder for the images, changing nothing, exit 2', () => {
    const yaml = readFileSync(path.join(dir, 'content/old.yaml'));
    const r = imprint(dir, 'diff', 'old.pdf', 'edited.pdf', '-o', 'content/old.yaml');
    expect(r).toEqual({ code: 2, out: '', err: 'imprint: -o content/old.yaml: not a folder; -o names the folder for the images of the changed pages, and nothing was written (`imprint help` shows the usage)\n' });
    expect(readFileSync(path.join(dir, 'content/old.yaml')).equals(yaml)).toBe(true);
  });

  it('says which image could not be written, and that no other file changed, exit 2', () => {
    mkdirSync(path.join(dir, 'kept'));
    writeFileSync(path.join(dir, 'kept/page-007.png'), 'my notes');
    const r = imprint(dir, 'diff', 'old.pdf', 'edited.pdf', '-o', 'kept');
    expect(r.code).toBe(2);
    expect(r.err).toBe('imprint: kept/page-007.png: cannot write this image of the changes (a file that is not a PNG is there, and Imprint replaces only PNGs); no image was written, no other file changed\n');
    expect(readFileSync(path.join(dir, 'kept/page-007.png'), 'utf8')).toBe('my notes');
    mkdirSync(path.join(dir, 'folder/page-007.png'), { recursive: true });
    const f = imprint(dir, 'diff', 'old.pdf', 'edited.pdf', '-o', 'folder');
    expect(f.err).toBe('imprint: folder/page-007.png: cannot write this image of the changes (a folder is there); no image was written, no other file changed\n');
  });
});
