/**
 * SVG figures in the PDF (dist/bin.cjs, read back with pdf.js): drawn as vector paths, never an
 * image; as wide as `width:` asks (a share of the type area, a length) within 0.5 pt; the SVG's
 * text set in Imprint's fonts (extractable); the note after the caption; tagged as a Figure.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/pdf-reader.js';
import { makePng } from '../helpers/png.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');
const PT_PER_MM = 72 / 25.4;
/** The official theme's type area on A4: its left edge and width, pt (27 mm margins). */
const LEFT = 27 * PT_PER_MM;
const MEASURE = 595.28 - 2 * LEFT;
/** The chart's paths run from x = 50 to x = 380 of its 400 units wide viewBox. */
const INK_SHARE = 330 / 400;

/** Runs `imprint build` on a one-figure report of `svg` (the bar chart unless given; `extra`: lines in the figure). */
function run(extra = '', svg?: string, image = 'chart.svg'): { dir: string; code: number | null; err: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'imprint-svg-e2e-'));
  if (svg === undefined) copyFileSync(path.join(root, 'tests/fixtures/bar-chart.svg'), path.join(dir, 'chart.svg'));
  else writeFileSync(path.join(dir, 'chart.svg'), svg);
  writeFileSync(path.join(dir, 'photo.png'), makePng(120, 80));
  const yaml = `report:\n  title: 测试报告\nchapters:\n  - title: 第一章\n    body:\n      - 这是一个段落。\n      - figure:\n          title: 各年级学生人数\n          image: ${image}\n${extra}`;
  writeFileSync(path.join(dir, 'r.yaml'), yaml);
  const r = spawnSync(process.execPath, [cli, 'build', 'r.yaml', '-o', 'r.pdf'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { dir, code: r.status, err: r.stderr };
}

/** The PDF of a one-figure report of the bar chart (or of a 120 × 80 PNG, `photo.png`). */
function build(extra = '', image = 'chart.svg'): Buffer {
  const r = run(extra, undefined, image);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return readFileSync(path.join(r.dir, 'r.pdf'));
}

/** The last page's drawing: how many images it paints, the box of its paths (pt, PDF space), and the boxes it clips to. */
async function lastPageDrawing(pdf: Buffer): Promise<{ images: number; imageWidths: number[]; paths: number; x0: number; x1: number; clips: number[][] }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const ops = await (await doc.getPage(doc.numPages)).getOperatorList();
  await doc.destroy();
  let ctm = [1, 0, 0, 1, 0, 0];
  const saved: number[][] = [];
  let images = 0;
  const imageWidths: number[] = [];
  /** Each path's box on the page: x0, y0, x1, y1. */
  const boxes: number[][] = [];
  const clips: number[][] = [];
  let clipping = false; // (pdf.js gives `W n` as a clip, then the path it clips to)
  ops.fnArray.forEach((fn, i) => {
    const args = ops.argsArray[i] as number[] & unknown[];
    if (fn === OPS.save) saved.push(ctm);
    else if (fn === OPS.restore) ctm = saved.pop()!;
    else if (fn === OPS.transform) {
      const [a, b, c, d, e, f] = args;
      const m = ctm;
      ctm = [m[0] * a + m[2] * b, m[1] * a + m[3] * b, m[0] * c + m[2] * d, m[1] * c + m[3] * d, m[0] * e + m[2] * f + m[4], m[1] * e + m[3] * f + m[5]];
    } else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject) {
      images++;
      imageWidths.push(Math.hypot(ctm[0], ctm[1])); // an image fills the unit square
    } else if (fn === OPS.constructPath) {
      const box = Object.values(args[2] as Record<string, number>);
      const xs = [box[0], box[2]].flatMap((x) => [box[1], box[3]].map((y) => ctm[0] * x + ctm[2] * y + ctm[4]));
      const ys = [box[0], box[2]].flatMap((x) => [box[1], box[3]].map((y) => ctm[1] * x + ctm[3] * y + ctm[5]));
      (clipping ? clips : boxes).push([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
      clipping = false;
    } else if (fn === OPS.clip) clipping = true;
  });
  return { images, imageWidths, paths: boxes.length, x0: Math.min(...boxes.map((b) => b[0])), x1: Math.max(...boxes.map((b) => b[2])), clips };
}

describe('an SVG figure', () => {
  it('is drawn as vector paths (no image), at its natural size, centred, its text set in the fonts', async () => {
    const pdf = build();
    const drawing = await lastPageDrawing(pdf);
    expect(drawing.images).toBe(0);
    expect(drawing.paths).toBeGreaterThanOrEqual(9); // 4 bars, 3 rules, a circle, a line
    // natural: 400 CSS px = 300 pt
    expect(Math.abs(drawing.x1 - drawing.x0 - 300 * INK_SHARE)).toBeLessThan(0.5);
    // centred in the type area: the ink starts 50 of the 400 units in
    expect(Math.abs(drawing.x0 - (LEFT + (MEASURE - 300) / 2 + (50 / 400) * 300))).toBeLessThan(0.5);
    const page = (await readPdf(pdf)).pages.at(-1)!;
    const text = page.lines.map((l) => l.text).join('\n');
    for (const label of ['各年级学生人数（人）', '一年级', '二年级', '三年级', '四年级', '人数', '200']) expect(text).toContain(label);
  });

  it('draws nothing outside its own box, as its viewport clips it (a rect far larger than the image painted the page)', async () => {
    const r = run('', '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100"><rect x="-500" y="-500" width="2000" height="2000" fill="red"/><text x="50" y="50">内</text><text x="500" y="50">外</text></svg>');
    expect(r.code).toBe(0);
    const pdf = readFileSync(path.join(r.dir, 'r.pdf'));
    const drawing = await lastPageDrawing(pdf);
    // natural size: 100 CSS px = 75 pt, centred in the type area
    expect(drawing.clips).toHaveLength(1);
    const [clip] = drawing.clips;
    expect(clip[2] - clip[0]).toBeCloseTo(75, 1);
    expect(clip[3] - clip[1]).toBeCloseTo(75, 1);
    expect((clip[0] + clip[2]) / 2).toBeCloseTo(LEFT + MEASURE / 2, 1);
    // a text set at a point outside the image is not drawn (its viewport hides it)
    const text = (await readPdf(pdf)).pages.at(-1)!.lines.map((l) => l.text).join('\n');
    expect(text).toContain('内');
    expect(text).not.toContain('外');
  });


  it('is as wide as width: asks, a share of the type area or a length, within 0.5 pt', async () => {
    const half = await lastPageDrawing(build('          width: 50%\n'));
    expect(Math.abs(half.x1 - half.x0 - 0.5 * MEASURE * INK_SHARE)).toBeLessThan(0.5);
    const mm = await lastPageDrawing(build('          width: 80mm\n'));
    expect(Math.abs(mm.x1 - mm.x0 - 80 * PT_PER_MM * INK_SHARE)).toBeLessThan(0.5);
    const full = await lastPageDrawing(build('          width: 100%\n'));
    expect(Math.abs(full.x1 - full.x0 - MEASURE * INK_SHARE)).toBeLessThan(0.5);
  });

  it('wider than the type area (200mm on A4): a warning at its image:, with the width it is drawn at (it was made smaller without a word)', async () => {
    const wide = run('          width: 200mm\n');
    expect(wide.code).toBe(0);
    expect(wide.err).toBe('r.yaml:9:18: warning: width: 200mm of this image is wider than the type area here (156mm): it is drawn 156mm wide\n');
    const drawn = await lastPageDrawing(readFileSync(path.join(wide.dir, 'r.pdf')));
    expect(Math.abs(drawn.x1 - drawn.x0 - MEASURE * INK_SHARE)).toBeLessThan(0.5);
    // as wide as the type area, or a share of it: nothing to say
    expect(run('          width: 156mm\n').err).toBe('');
  });

  it('of a PNG: width: sets its width too; without it, one pt a pixel as before', async () => {
    const natural = run('', undefined, 'photo.png');
    expect((await lastPageDrawing(readFileSync(path.join(natural.dir, 'r.pdf')))).imageWidths).toEqual([120]);
    const half = run('          width: 50%\n', undefined, 'photo.png');
    const [halfWidth] = (await lastPageDrawing(readFileSync(path.join(half.dir, 'r.pdf')))).imageWidths;
    expect(Math.abs(halfWidth - 0.5 * MEASURE)).toBeLessThan(0.5);
  });

  it('of a PNG printed below 150 pixels per inch: a warning at its image: line, with the pixels it needs; at 150 or more, none', () => {
    // 120 pixels over 120 pt is 72 ppi; over 0.5 × MEASURE (78 mm) 39
    const natural = run('', undefined, 'photo.png');
    expect(natural.code).toBe(0);
    expect(natural.err).toBe(
      'r.yaml:9:18: warning: this image is printed at 72 pixels per inch (120 pixels across 42 mm): print wants at least 150, 300 for a photograph; give it `width: 20mm` or less, or an image with more pixels\n',
    );
    expect(run('          width: 50%\n', undefined, 'photo.png').err).toMatch(/^r\.yaml:9:18: warning: this image is printed at 39 pixels per inch/);
    // 120 pixels over 20 mm: 152 ppi
    expect(run('          width: 20mm\n', undefined, 'photo.png').err).toBe('');
  });

  it('has its note below its caption', async () => {
    const page = (await readPdf(build('          note: 资料来源：学校统计。\n'))).pages.at(-1)!;
    const texts = page.lines.map((l) => l.text.replace(/\s+/g, ''));
    const caption = texts.indexOf('图1各年级学生人数');
    expect(caption).toBeGreaterThan(0);
    expect(texts[caption + 1]).toBe('资料来源：学校统计。');
  });

  it('has its note under the image, at its left edge: not at the margin beside a centred image', async () => {
    const page = (await readPdf(build('          width: 60%\n          note: 资料来源：2025 年社会认可度问卷调查。\n'))).pages.at(-1)!;
    const note = page.items.find((i) => i.str.startsWith('资料来源'))!;
    expect(note.x).toBeCloseTo(LEFT + 0.2 * MEASURE, 0);
    // a note under a narrow image takes half the measure at least, centred under it
    const narrow = (await readPdf(build('          width: 20%\n          note: 资料来源：2025 年社会认可度问卷调查。\n'))).pages.at(-1)!;
    expect(narrow.items.find((i) => i.str.startsWith('资料来源'))!.x).toBeCloseTo(LEFT + 0.25 * MEASURE, 0);
  });

  it('is tagged as a Figure whose alternative text is its caption, holding its drawing', async () => {
    const doc = await getDocument({ data: new Uint8Array(build()), verbosity: 0 }).promise;
    type Node = { role?: string; alt?: string; type?: string; children?: Node[] };
    const figures = (n: Node): Node[] => [...(n.role === 'Figure' ? [n] : []), ...(n.children ?? []).flatMap(figures)];
    const found = figures((await (await doc.getPage(doc.numPages)).getStructTree()) as Node);
    await doc.destroy();
    expect(found.map((f) => f.alt)).toEqual(['图 1　各年级学生人数']);
    expect(found[0].children?.some((c) => c.type === 'content')).toBe(true);
  });

  it('with a text of 100,000 characters builds in seconds (it took 17 s, a line 1e5 pt wide broken as a paragraph), and with more is refused at its image: line', () => {
    const svg = (chars: number) => `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><text x="1" y="50" font-size="4">${'字'.repeat(chars)}</text></svg>`;
    const started = Date.now();
    const r = run('', svg(100_000));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(8_000);
    const more = run('', `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">${'<text x="1" y="50">字字字字字字字字字字</text>'.repeat(10_001)}</svg>`);
    expect(more.code).toBe(1);
    expect(more.err).toMatch(/^r\.yaml:9:18: SVG too complex: more than 100000 characters of text \(<text>\): .* \(line 1 of the SVG\): chart\.svg\n$/);
  });

  it('when damaged, fails the build with exit 1 and one line at its image: value, no stack trace', () => {
    const r = run('', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="5"');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^r\.yaml:9:18: damaged SVG: .* \(line 1, column \d+ of the SVG\): chart\.svg\n$/);
  });

  it.skipIf(spawnSync('pdftoppm', ['-v']).status !== 0)('is drawn in build --png page images as poppler draws the PDF (skipped without pdftoppm)', async () => {
    const r = run('', undefined, 'chart.svg');
    expect(spawnSync(process.execPath, [cli, 'build', 'r.yaml', '-o', 'r.pdf', '--png', '--dpi', '72', '--pages', '4'], { cwd: r.dir }).status).toBe(0);
    expect(spawnSync('pdftoppm', ['-r', '72', '-f', '4', '-l', '4', '-png', 'r.pdf', 'poppler'], { cwd: r.dir }).status).toBe(0);
    const [mine, poppler] = await Promise.all([grey(path.join(r.dir, 'r-004.png')), grey(path.join(r.dir, 'poppler-4.png'))]);
    expect(mine.length).toBe(poppler.length);
    let sum = 0;
    for (let i = 0; i < mine.length; i++) sum += Math.abs(mine[i] - poppler[i]);
    // as page-images.test.ts holds every page: without the chart the mean is about 4
    expect(sum / mine.length).toBeLessThan(2.5);
  });
});

/** A PNG's grey levels (0–255). */
async function grey(file: string): Promise<Float64Array> {
  const { createCanvas, loadImage } = createRequire(import.meta.url)('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
  const image = await loadImage(readFileSync(file));
  const ctx = createCanvas(image.width, image.height).getContext('2d');
  ctx.drawImage(image, 0, 0);
  const rgba = ctx.getImageData(0, 0, image.width, image.height).data;
  return Float64Array.from({ length: image.width * image.height }, (_, i) => 0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]);
}
