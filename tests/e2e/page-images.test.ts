/**
 * `imprint build --png`: page images beside the PDF, drawn from the same pages, agreeing with
 * poppler's rendering of the PDF (pdftoppm) within a small difference; `--pages` and `--dpi`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');
const { createCanvas, loadImage } = createRequire(import.meta.url)('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
const hasPdftoppm = spawnSync('pdftoppm', ['-v']).status === 0;

function imprint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The pages of the starter project. */
const STARTER_PAGES = 11;

/** A starter project (imprint init) in a temporary folder. */
function starter(): string {
  const dir = path.join(realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-png-'))), 'p');
  expect(imprint(tmpdir(), 'init', dir).code).toBe(0);
  return dir;
}

/** A PNG's size and grey levels (0–255), row by row. */
async function greyOf(file: string): Promise<{ width: number; height: number; grey: Float64Array }> {
  const image = await loadImage(readFileSync(file));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const rgba = ctx.getImageData(0, 0, image.width, image.height).data;
  const grey = new Float64Array(image.width * image.height);
  for (let i = 0; i < grey.length; i++) grey[i] = 0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2];
  return { width: image.width, height: image.height, grey };
}

describe('imprint build --png', () => {
  let dir: string;
  beforeAll(() => {
    dir = starter();
  });

  it('writes an image of every page beside the PDF', () => {
    const r = imprint(dir, 'build', '--png', '--dpi', '72');
    expect(r.err).toBe('');
    expect(r.out).toMatch(new RegExp(`^content/report\\.yaml -> out/report\\.pdf: ${STARTER_PAGES} pages, ${STARTER_PAGES} page images \\(out/report-001\\.png …\\), \\d+ ms\n$`));
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual([...Array.from({ length: STARTER_PAGES }, (_, i) => `report-${String(i + 1).padStart(3, '0')}.png`), 'report.pdf']);
  });

  it.skipIf(!hasPdftoppm)('agrees with poppler’s rendering of the PDF on every page (skipped without pdftoppm)', async () => {
    const out = path.join(dir, 'out');
    expect(spawnSync('pdftoppm', ['-r', '72', '-png', path.join(out, 'report.pdf'), path.join(out, 'poppler')]).status).toBe(0);
    for (let n = 1; n <= STARTER_PAGES; n++) {
      const mine = await greyOf(path.join(out, `report-${String(n).padStart(3, '0')}.png`));
      const poppler = await greyOf(path.join(out, `poppler-${String(n).padStart(String(STARTER_PAGES).length, '0')}.png`)); // pdftoppm pads to the last page's digits
      expect([mine.width, mine.height]).toEqual([poppler.width, poppler.height]);
      let sum = 0;
      let far = 0;
      for (let i = 0; i < mine.grey.length; i++) {
        const d = Math.abs(mine.grey[i] - poppler.grey[i]);
        sum += d;
        if (d > 96) far++;
      }
      // measured: at most 1.5 grey levels on average and 0.4 % of pixels far apart (edges of glyphs and image)
      expect(sum / mine.grey.length, `page ${n}: mean difference`).toBeLessThan(2.5);
      expect(far / mine.grey.length, `page ${n}: pixels far apart`).toBeLessThan(0.01);
    }
  });
  if (!hasPdftoppm) console.warn('page-images.test: pdftoppm (poppler-utils) is not installed: the comparison with poppler is skipped');

  it('draws only --pages, at --dpi, and says when the range passes the last page', async () => {
    const other = starter();
    const r = imprint(other, 'build', '--png', '--dpi', '36', '--pages', '10-14');
    expect(r.code).toBe(0);
    expect(r.err).toBe(`out/report.pdf: warning: --pages 10-14: the report has ${STARTER_PAGES} pages\n`);
    expect(readdirSync(path.join(other, 'out')).sort()).toEqual(['report-010.png', 'report-011.png', 'report.pdf']);
    const { width, height } = await greyOf(path.join(other, 'out/report-010.png'));
    expect([width, height]).toEqual([298, 421]); // A4 at 36 dpi, rounded up
  });

  it('echoes --pages as written when the report has fewer pages: 40, not 40-40', () => {
    const other = starter();
    const r = imprint(other, 'build', '--png', '--dpi', '36', '--pages', '40');
    expect(r.code).toBe(0);
    expect(r.err).toBe(`out/report.pdf: warning: --pages 40: the report has ${STARTER_PAGES} pages\n`);
    expect(readdirSync(path.join(other, 'out')).sort()).toEqual(['report.pdf']);
  });

  it('refuses wrong usage', () => {
    const other = starter();
    expect(imprint(other, 'build', '--dpi', '72').code).toBe(2);
    expect(imprint(other, 'build', '--png', '--pages', '0').code).toBe(2);
    expect(imprint(other, 'build', '--png', '--pages', '5-3').code).toBe(2);
    expect(imprint(other, 'build', '--png', '--dpi', '5000').code).toBe(2);
    expect(imprint(other, 'check', 'content/report.yaml', '--png').code).toBe(2);
  });

  it('refuses a page image over a file the build reads (the figure itself, or through a link): exit 2, one line, nothing written', () => {
    const other = starter();
    mkdirSync(path.join(other, 'out'));
    const figure = path.join(other, 'out/report-001.png');
    copyFileSync(path.join(other, 'content/images/chart.png'), figure);
    const yaml = path.join(other, 'content/report.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('image: images/chart.png', 'image: ../out/report-001.png'));
    const before = readFileSync(figure);
    const r = imprint(other, 'build', '--png', '--dpi', '20');
    expect(r).toEqual({ code: 2, out: '', err: 'out/report-001.png: --png would write the image of page 1 over a file the build reads: nothing was written (name another output with -o)\n' });
    expect(readFileSync(figure).equals(before)).toBe(true);
    expect(readdirSync(path.join(other, 'out'))).toEqual(['report-001.png']); // no PDF either

    // a link where a page image goes, to the figure the content names
    const linked = starter();
    mkdirSync(path.join(linked, 'out'));
    symlinkSync('../content/images/chart.png', path.join(linked, 'out/report-003.png'));
    const chart = readFileSync(path.join(linked, 'content/images/chart.png'));
    const l = imprint(linked, 'build', '--png', '--dpi', '20', '--pages', '2-4');
    expect(l).toEqual({ code: 2, out: '', err: 'out/report-003.png: --png would write the image of page 3 over a file the build reads (content/images/chart.png): nothing was written (name another output with -o)\n' });
    expect(readFileSync(path.join(linked, 'content/images/chart.png')).equals(chart)).toBe(true);
    expect(lstatSync(path.join(linked, 'out/report-003.png')).isSymbolicLink()).toBe(true);
    expect(readdirSync(path.join(linked, 'out'))).toEqual(['report-003.png']);
  });

  it('writes through a link where an image goes, to the PNG it leads to, and keeps the link; refuses one that leads nowhere or loops', () => {
    const other = starter();
    const elsewhere = path.join(other, 'elsewhere');
    mkdirSync(elsewhere);
    mkdirSync(path.join(other, 'out'));
    copyFileSync(path.join(other, 'content/images/chart.png'), path.join(elsewhere, 'kept.png'));
    symlinkSync('../elsewhere/kept.png', path.join(other, 'out/report-002.png'));
    const r = imprint(other, 'build', '--png', '--dpi', '20', '--pages', '2');
    expect(r.code, r.err).toBe(0);
    expect(lstatSync(path.join(other, 'out/report-002.png')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(elsewhere, 'kept.png')).equals(readFileSync(path.join(other, 'content/images/chart.png')))).toBe(false); // the page now
    expect(readdirSync(elsewhere)).toEqual(['kept.png']);
    symlinkSync('../elsewhere/gone.png', path.join(other, 'out/report-003.png'));
    symlinkSync('report-004.png', path.join(other, 'out/report-004.png'));
    const pdf = readFileSync(path.join(other, 'out/report.pdf'));
    const gone = imprint(other, 'build', '--png', '--dpi', '20', '--pages', '3');
    expect(gone).toEqual({ code: 2, out: '', err: 'out/report-003.png: --png cannot write the image of page 3 here (it is a link to ../elsewhere/gone.png, which does not exist): nothing was written (name another output with -o)\n' });
    const loop = imprint(other, 'build', '--png', '--dpi', '20', '--pages', '4');
    expect(loop).toEqual({ code: 2, out: '', err: 'out/report-004.png: --png cannot write the image of page 4 here (it is a link that loops): nothing was written (name another output with -o)\n' });
    expect(readFileSync(path.join(other, 'out/report.pdf')).equals(pdf)).toBe(true);
    expect(readdirSync(elsewhere)).toEqual(['kept.png']);
    expect(['report-003.png', 'report-004.png'].every((f) => lstatSync(path.join(other, 'out', f)).isSymbolicLink())).toBe(true);
  });

  it('refuses a file that is not a PNG or a folder where an image goes before writing anything, the last PDF kept', () => {
    const other = starter();
    expect(imprint(other, 'build').code).toBe(0);
    const pdf = readFileSync(path.join(other, 'out/report.pdf'));
    const yaml = path.join(other, 'content/report.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('章的正文', '章的新正文'));
    writeFileSync(path.join(other, 'out/report-002.png'), 'my notes');
    const r = imprint(other, 'build', '--png', '--dpi', '20');
    expect(r).toEqual({ code: 2, out: '', err: 'out/report-002.png: --png cannot write the image of page 2 here (a file that is not a PNG is there, and Imprint replaces only PNGs): nothing was written (name another output with -o)\n' });
    expect(readFileSync(path.join(other, 'out/report-002.png'), 'utf8')).toBe('my notes');
    expect(readFileSync(path.join(other, 'out/report.pdf')).equals(pdf)).toBe(true);
    rmSync(path.join(other, 'out/report-002.png'));
    mkdirSync(path.join(other, 'out/report-011.png'));
    const f = imprint(other, 'build', '--png', '--dpi', '20');
    expect(f).toEqual({ code: 2, out: '', err: 'out/report-011.png: --png cannot write the image of page 11 here (a folder is there): nothing was written (name another output with -o)\n' });
    expect(readdirSync(path.join(other, 'out')).sort()).toEqual(['report-011.png', 'report.pdf']);
    expect(readFileSync(path.join(other, 'out/report.pdf')).equals(pdf)).toBe(true);
  });
});

describe('imprint build --png stopped by a signal', () => {
  /**
   * Builds the sample with page images at 300 dpi (half a minute) into a new folder; once the
   * first image is there, sends `signal`. A temporary file of a page image, as one a thread
   * stopped while writing it leaves (named for the process), is put there first.
   */
  async function stopped(signal: 'SIGINT' | 'SIGTERM', ...args: string[]) {
    const out = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-png-stop-')));
    const child = spawn(process.execPath, [cli, 'build', '--no-cache', 'content/jingan-2025.yaml', '-o', path.join(out, 's.pdf'), '--png', '--dpi', '300', ...args], { cwd: root, stdio: 'ignore' });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    writeFileSync(path.join(out, `.s-002.png.${child.pid}.tmp`), 'half a PNG');
    const started = performance.now();
    while (!existsSync(path.join(out, 's-001.png')) && performance.now() - started < 60_000) await new Promise((resolve) => setTimeout(resolve, 50));
    const sent = performance.now();
    child.kill(signal);
    const status = await exited;
    return { ...status, after: performance.now() - sent, files: readdirSync(out).sort() };
  }

  it('stops between pages (it drew every page first), with 128 + the signal, and leaves no temporary file', async () => {
    const term = await stopped('SIGTERM');
    expect(term.code).toBe(143);
    expect(term.after).toBeLessThan(5000);
    expect(term.files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(term.files.length).toBeLessThan(29);
    const int = await stopped('SIGINT');
    expect(int.code).toBe(130);
    expect(int.files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 180_000);
});
