/**
 * 横排表 (`landscape: true`) end to end: tests/fixtures/juesuan-landscape.yaml, a 决算 report
 * whose 12-column, 46-row 支出决算表 is set turned on pages of its own, built by the CLI and read
 * back with pdf.js: the turned pages carry /Rotate 90 and every cell in reading order; the header
 * rows repeat under 续表 2; the contents, the list of tables and `[[spending#page]]` name the
 * first turned page; the running head and page number stay upright; the same table squeezed
 * into the portrait measure (the key left out) breaks its names and numbers, turned it does not;
 * `--png` draws a turned page as poppler shows it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const input = path.join(root, 'tests/fixtures/juesuan-landscape.yaml');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-turned-'));
const hasPdftoppm = spawnSync('pdftoppm', ['-v']).status === 0;

/** A piece of text as pdf.js reads it, in the order of its page's content: its text matrix (pdf.js's `transform`, y up). */
interface Piece {
  str: string;
  transform: number[];
}

interface ReadPage {
  rotate: number;
  label: string;
  pieces: Piece[];
  /** Link annotations: their rectangles (PDF space, y up) and named destinations. */
  links: { rect: number[]; dest: unknown }[];
  /** The page's text in content order. */
  text: string;
}

function build(file: string, output: string, ...args: string[]) {
  return spawnSync(process.execPath, [path.join(root, 'dist/bin.cjs'), 'build', file, '-o', output, ...args], { cwd: root, encoding: 'utf8' });
}

async function pagesOf(file: string): Promise<ReadPage[]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const labels = (await doc.getPageLabels()) ?? [];
  const out: ReadPage[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const pieces = (await page.getTextContent()).items.filter((it): it is typeof it & Piece => 'str' in it && it.str.length > 0).map((it) => ({ str: it.str, transform: it.transform }));
    const links = ((await page.getAnnotations()) as { subtype: string; rect: number[]; dest: unknown }[]).filter((a) => a.subtype === 'Link').map(({ rect, dest }) => ({ rect, dest }));
    out.push({ rotate: page.rotate, label: labels[i - 1] ?? '', pieces, links, text: pieces.map((p) => p.str).join('') });
  }
  await doc.destroy();
  return out;
}

/** The fixture's table: its body rows as plain cell texts (a footnote's markup left out). */
const table = (() => {
  const report = parse(readFileSync(input, 'utf8')) as { chapters: { sections: { body: unknown[] }[] }[] };
  const found = report.chapters[1].sections[0].body.find((b): b is { table: { rows: unknown[][] } } => typeof b === 'object' && b !== null && 'table' in b)!;
  return found.table.rows.map((row) => row.map((c) => (typeof c === 'object' && c !== null ? String((c as { text: unknown }).text) : String(c)).replace(/\^\[[^\]]*\]/, '')));
})();

/** Where each of `tokens` is found in `text`, each after the one before (-1 from the first not found on). */
function inOrder(text: string, tokens: string[]): number {
  let at = 0;
  for (const [i, t] of tokens.entries()) {
    const k = text.indexOf(t, at);
    if (k < 0) return i;
    at = k + t.length;
  }
  return -1;
}

let turned: { pages: ReadPage[]; stderr: string; status: number | null };
let portrait: { pages: ReadPage[]; stderr: string };
const turnedPdf = path.join(dir, 'turned.pdf');

beforeAll(async () => {
  const t = build(input, turnedPdf, '--png', '--dpi', '50');
  turned = { pages: t.status === 0 ? await pagesOf(turnedPdf) : [], stderr: t.stderr, status: t.status };
  // the same report with the table set within the portrait measure, as it had to be
  const squeezed = path.join(dir, 'portrait.yaml');
  writeFileSync(squeezed, readFileSync(input, 'utf8').replace(/^\s*landscape: true\n/m, ''));
  const p = build(squeezed, path.join(dir, 'portrait.pdf'));
  portrait = { pages: p.status === 0 ? await pagesOf(path.join(dir, 'portrait.pdf')) : [], stderr: p.stderr };
}, 120_000);

describe('a table of landscape: true (横排表)', () => {
  const turnedPages = () => turned.pages.filter((p) => p.rotate === 90);

  it('builds without a word, on pages shown turned (/Rotate 90), the others upright', () => {
    expect(turned.stderr).toBe('');
    expect(turned.status).toBe(0);
    const rotated = turned.pages.flatMap((p, i) => (p.rotate === 90 ? [i] : []));
    expect(rotated.length).toBeGreaterThanOrEqual(2);
    // one run of pages, the table's alone: the caption on the first, nothing of the text around it
    expect(rotated).toEqual(Array.from({ length: rotated.length }, (_, k) => rotated[0] + k));
    expect(turned.pages[rotated[0]].text).toMatch(/表 2\s2025 年度支出决算表/);
    for (const p of turned.pages.filter((p) => p.rotate === 0)) expect(p.text).not.toContain('2050101');
    expect(turned.pages[rotated[rotated.length - 1] + 1].text).toContain('以上支出决算中');
  });

  it('holds every cell of the table, in reading order, each code and amount whole on its line', () => {
    const text = turnedPages()
      .map((p) => p.text)
      .join('');
    expect(inOrder(text, table.flat())).toBe(-1);
    const pieces = turnedPages().flatMap((p) => p.pieces.map((x) => x.str));
    const broken = table.flatMap((row) => [row[0], ...row.slice(2)]).filter((cell) => !pieces.some((s) => s.includes(cell)));
    expect(broken).toEqual([]);
    // the table's note after its last row, the footnote at the foot of its page
    expect(inOrder(text, ['合计', table[table.length - 1].at(-1)!, '注：', '本表金额单位为万元'])).toBe(-1);
    expect(text).toContain('含区级教育专项转移支付');
  });

  it('repeats the header rows under 续表 2 on every page it continues on', () => {
    const header = ['项目', '年初结转', '本年收入', '本年支出', '结余分配', '年末结转', '科目编码', '科目名称', '合计', '基本支出', '项目支出', '上缴上级', '经营支出', '对附属'];
    const [first, ...rest] = turnedPages();
    expect(inOrder(first.text, ['表 2', ...header, table[0][0]])).toBe(-1);
    expect(rest.length).toBeGreaterThan(0);
    for (const p of rest) {
      expect(p.text.startsWith('续表 2')).toBe(true);
      expect(inOrder(p.text, header)).toBe(-1);
    }
  });

  it('is listed, and referred to, with the number of its first turned page', () => {
    const label = turnedPages()[0].label;
    expect(label).toMatch(/^\d+$/);
    const listing = turned.pages.find((p) => p.text.includes('表格目录'))!;
    expect(listing.text).toMatch(new RegExp(`2025 年度支出决算表[ ·]*${label}(?!\\d)`));
    const contents = turned.pages.find((p) => p.text.includes('目') && p.text.includes('2.2'))!;
    expect(contents.text).toMatch(new RegExp(`2\\.1 支出决算表[ ·]*${label}2\\.2`));
    expect(turned.pages.some((p) => p.text.includes(`见表 2（第 ${label} 页）`))).toBe(true);
  });

  it('turns the table but not the page: its running head and page number are set upright', () => {
    expect(turnedPages().length).toBeGreaterThan(0);
    for (const p of turnedPages()) {
      const number = p.pieces.find((x) => x.str === `— ${p.label} —`)!;
      expect(number, `page ${p.label}: its number`).toBeDefined();
      // upright: no rotation in its text matrix
      expect([number.transform[1], number.transform[2]]).toEqual([0, 0]);
      expect(number.transform[0]).toBeGreaterThan(0);
      // the table's text turned a quarter counter-clockwise: its baseline runs up the page
      const cell = p.pieces.find((x) => x.str.includes('科目编码'))!;
      expect(cell.transform[0]).toBeCloseTo(0, 6);
      expect(cell.transform[1]).toBeGreaterThan(0);
      expect(cell.transform[2]).toBeLessThan(0);
    }
  });

  it('links a footnote marker in a turned cell where it stands, and its note back to it', () => {
    const page = turnedPages().find((p) => p.text.includes('含区级教育专项转移支付'))!;
    const marker = page.pieces.find((x) => x.str.includes('①') && Math.abs(x.transform[0]) < 1e-6)!;
    // the note's own marker, on its line at the turned page's foot
    const line = page.pieces.find((x) => x.str.includes('含区级教育专项转移支付'))!;
    const note = page.pieces.find((x) => x.str.includes('①') && Math.abs(x.transform[4] - line.transform[4]) < 1)!;
    const holds = (dest: RegExp, at: Piece) => page.links.some((l) => dest.test(String(l.dest)) && l.rect[0] - 1 <= at.transform[4] && at.transform[4] <= l.rect[2] + 1 && l.rect[1] - 1 <= at.transform[5] && at.transform[5] <= l.rect[3] + 1);
    expect(holds(/^fn-\d+$/, marker)).toBe(true);
    expect(holds(/^fnref-\d+$/, note)).toBe(true);
  });

  it('gives the columns room: squeezed into the portrait measure its names and numbers broke, turned none does, in fewer lines a row', () => {
    expect(portrait.stderr).toContain('the table is too wide for the type area');
    const pieces = portrait.pages.flatMap((p) => p.pieces.map((x) => x.str));
    const names = table.slice(0, -1).map((row) => row[1]);
    const whole = names.filter((name) => pieces.some((s) => s.includes(name)));
    expect(whole.length).toBeLessThan(names.length / 2);
    // rows' pitch: the distance between the baselines of successive rows' codes on a page
    const pitch = (pages: ReadPage[], across: 4 | 5) => {
      const steps: number[] = [];
      for (const p of pages) {
        const at = table.slice(0, -1).flatMap((row) => p.pieces.filter((x) => x.str.startsWith(row[0]) || x.str === row[0]).map((x) => x.transform[across]).slice(0, 1));
        for (let k = 1; k < at.length; k++) steps.push(Math.abs(at[k] - at[k - 1]));
      }
      return steps.reduce((a, b) => a + b, 0) / steps.length;
    };
    expect(pitch(turnedPages(), 4)).toBeLessThan(0.6 * pitch(portrait.pages, 5));
    expect(turnedPages().length).toBeLessThan(portrait.pages.length - 4);
  });

  it.skipIf(!hasPdftoppm)('draws its page images as poppler shows the turned pages (skipped without pdftoppm)', async () => {
    const { createCanvas, loadImage } = createRequire(import.meta.url)('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
    const grey = async (file: string) => {
      const image = await loadImage(readFileSync(file));
      const ctx = createCanvas(image.width, image.height).getContext('2d');
      ctx.drawImage(image, 0, 0);
      const rgba = ctx.getImageData(0, 0, image.width, image.height).data;
      return { width: image.width, height: image.height, grey: Array.from({ length: image.width * image.height }, (_, i) => 0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]) };
    };
    expect(spawnSync('pdftoppm', ['-r', '50', '-png', turnedPdf, path.join(dir, 'poppler')]).status).toBe(0);
    const digits = String(turned.pages.length).length;
    /** Page n's image and poppler's: their sizes and mean difference in grey levels. */
    const compared = async (n: number) => {
      const mine = await grey(path.join(dir, `turned-${String(n).padStart(3, '0')}.png`));
      const poppler = await grey(path.join(dir, `poppler-${String(n).padStart(digits, '0')}.png`));
      expect([mine.width, mine.height]).toEqual([poppler.width, poppler.height]);
      let sum = 0;
      for (let i = 0; i < mine.grey.length; i++) sum += Math.abs(mine.grey[i] - poppler.grey[i]);
      return { width: mine.width, height: mine.height, mean: sum / mine.grey.length };
    };
    // the page of table 1, upright, for how near a page of tables comes at this resolution (measured 5.0; the turned ones 3.7–4.8)
    const upright = await compared(turned.pages.findIndex((p) => p.text.includes('决算单位构成') && p.text.includes('静安区教育学院')) + 1);
    for (const [i, p] of turned.pages.entries()) {
      if (p.rotate !== 90) continue;
      const shown = await compared(i + 1);
      // shown turned: as wide as the A4 page is tall
      expect([shown.width, shown.height]).toEqual([upright.height, upright.width]);
      expect(shown.mean, `page ${i + 1}`).toBeLessThan(1.25 * upright.mean);
    }
  });
});
