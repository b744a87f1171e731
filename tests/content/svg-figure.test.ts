/**
 * SVG figures and figure widths at load: a damaged SVG, one that reaches outside its file, one
 * with a script or no size, is one located problem at the `image:` value; what Imprint does not
 * draw is one warning there; `width:` is a share or a length, checked where it is written.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReport } from '../../src/content/load.js';
import { formatProblem, InputError } from '../../src/problems.js';
import type { FigureBlock } from '../../src/content/types.js';
import { readImage } from '../../src/content/image-file.js';

const dir = mkdtempSync(path.join(tmpdir(), 'imprint-svg-'));
const chart = readFileSync(path.join(import.meta.dirname, '../fixtures/bar-chart.svg'));

const report = (image: string, extra = '') => `report:\n  title: 标题\nchapters:\n  - title: 一\n    body:\n      - figure:\n          title: 图\n          image: ${image}\n${extra}`;

/** Loads a report whose figure names `svg` (written as fig.svg); its problems, or its figure and warnings. */
function load(svg: string | Buffer, extra = ''): { problems: string[]; figure?: FigureBlock; warnings: string[] } {
  writeFileSync(path.join(dir, 'fig.svg'), svg);
  const file = path.join(dir, 'r.yaml');
  writeFileSync(file, report('fig.svg', extra));
  const shown = (p: Parameters<typeof formatProblem>[0]) => formatProblem(p).replace(file, 'r.yaml');
  try {
    const r = loadReport(file);
    return { problems: [], figure: r.chapters[0].body[0] as FigureBlock, warnings: r.warnings.map(shown) };
  } catch (e) {
    if (e instanceof InputError) return { problems: e.problems.map(shown), warnings: [] };
    throw e;
  }
}

const svg = (body: string, attrs = 'viewBox="0 0 100 50"') => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${attrs}>${body}</svg>`;

describe('an SVG figure at load', () => {
  it('accepts a chart, with its natural size in pt (CSS px at 0.75 pt)', () => {
    const { problems, warnings } = load(chart);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    const size = (svgText: string) => {
      writeFileSync(path.join(dir, 'size.svg'), svgText);
      const image = readImage(path.join(dir, 'size.svg'));
      return typeof image === 'string' ? image : [image.type, +image.width.toFixed(3), +image.height.toFixed(3)];
    };
    expect(size(chart.toString())).toEqual(['svg', 300, 180]);
    expect(size(svg('', 'width="80mm" height="40mm"'))).toEqual(['svg', 226.772, 113.386]);
    expect(size(svg('', 'width="200pt" viewBox="0 0 100 50"'))).toEqual(['svg', 200, 100]);
  });

  it('reports a damaged SVG once, at the image: value, with the line in the SVG', () => {
    expect(load(svg('<rect width="10" height="10">')).problems).toEqual([expect.stringMatching(/^r\.yaml:8:18: damaged SVG: unexpected close tag \(line 1, column 139 of the SVG\): fig\.svg$/)]);
    expect(load(chart.subarray(0, 300)).problems).toEqual([expect.stringMatching(/^r\.yaml:8:18: damaged SVG: .*: fig\.svg$/)]);
    expect(load('<html><body/></html>').problems).toEqual(['r.yaml:8:18: not an SVG image: its root element is <html>, not <svg>: fig.svg']);
  });

  it('reads SVG in UTF-8 only: another encoding (declared, UTF-16, bytes that are not UTF-8) is one problem that says so', () => {
    const only = 'Imprint reads SVG in UTF-8 only (save it as UTF-8)';
    const gbk = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="GBK"?>' + svg('<text x="1" y="9">')), Buffer.from([0xd6, 0xd0]), Buffer.from('</text>', 'utf8'), Buffer.from('</svg>')]);
    expect(load(Buffer.concat([gbk.subarray(0, -6), Buffer.from('</svg>')])).problems).toEqual([`r.yaml:8:18: SVG encoded as GBK: ${only}: fig.svg`]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?xml version="1.0" encoding="UTF-16"?>' + svg(''), 'utf16le')]);
    expect(load(utf16).problems).toEqual([`r.yaml:8:18: SVG encoded as UTF-16: ${only}: fig.svg`]);
    expect(load(Buffer.from(svg(''), 'utf16le')).problems).toEqual([`r.yaml:8:18: SVG encoded as UTF-16: ${only}: fig.svg`]);
    expect(load(Buffer.concat([Buffer.from(svg('<text x="1" y="9">')), Buffer.from([0xd6, 0xd0]), Buffer.from('</text></svg>')])).problems).toEqual([`r.yaml:8:18: SVG is not valid UTF-8 (line 1 of the SVG): ${only}: fig.svg`]);
    // UTF-8 declared in any spelling, or US-ASCII (a part of it), is read
    expect(load('<?xml version="1.0" encoding="utf8"?>' + svg('')).problems).toEqual([]);
    expect(load("<?xml version='1.0' encoding='US-ASCII'?>" + svg('')).problems).toEqual([]);
  });
  it('refuses what reaches outside the file: an image, a use of another file, a url(), a script, a DOCTYPE', () => {
    const refused = (body: string) => load(svg(body)).problems;
    expect(refused('<image href="https://example.com/a.png" width="10" height="10"/>')).toEqual([
      'r.yaml:8:18: SVG refers to another file or address (<image href="https://example.com/a.png">): an SVG must be whole in itself (line 1 of the SVG): fig.svg',
    ]);
    expect(refused('\n<use xlink:href="other.svg#icon"/>')).toEqual([
      'r.yaml:8:18: SVG refers to another file or address (<use xlink:href="other.svg#icon">): an SVG must be whole in itself (line 2 of the SVG): fig.svg',
    ]);
    expect(refused('<rect width="10" height="10" fill="url(file:///etc/passwd)"/>')[0]).toMatch(/^r\.yaml:8:18: SVG refers to another file or address \(fill=/);
    expect(refused('<script>alert(1)</script>')).toEqual(['r.yaml:8:18: SVG has a <script>: scripts are not run (remove it) (line 1 of the SVG): fig.svg']);
    expect(refused('<rect width="1" height="1" onclick="x()"/>')[0]).toMatch(/^r\.yaml:8:18: SVG has an event handler \(onclick="…"\)/);
    expect(load('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg viewBox="0 0 1 1"/>').problems[0]).toMatch(/^r\.yaml:8:18: SVG with a <!DOCTYPE> \(entities\) is not accepted/);
  });

  it('refuses an SVG without a size, with a broken viewBox or transform, or too many elements', () => {
    expect(load(svg('', '')).problems).toEqual(['r.yaml:8:18: SVG has no size: give its <svg> a viewBox="0 0 W H", or a width and height: fig.svg']);
    expect(load(svg('', 'viewBox="0 0 0 10"')).problems[0]).toMatch(/^r\.yaml:8:18: SVG viewBox is not four numbers/);
    expect(load(svg('<g transform="spin(3)"/>')).problems[0]).toMatch(/^r\.yaml:8:18: SVG transform is not one: transform="spin\(3\)"/);
    expect(load(svg('<path d="M0 0L1e999 5"/>')).problems[0]).toMatch(/^r\.yaml:8:18: SVG number out of range \(above 1000000000\): d="M0 0L1e999 5"/);
    expect(load(svg('<rect width="10" style="height: 1e12; fill: #1e9e4f"/>')).problems[0]).toMatch(/^r\.yaml:8:18: SVG number out of range \(above 1000000000\): height=" 1e12"/);
    expect(load(svg('<rect id="pd7b4e9e5e1" width="10" height="10" fill="#1e9e4f"/>')).problems).toEqual([]); // an id and a colour are not numbers
    expect(load(svg('<g/>'.repeat(20_001))).problems[0]).toMatch(/^r\.yaml:8:18: SVG too complex: more than 20000 elements/);
    expect(load(svg('<g>'.repeat(70) + '</g>'.repeat(70))).problems[0]).toMatch(/^r\.yaml:8:18: SVG nested too deep: more than 64 levels/);
  });

  it('refuses more than 100,000 numbers of path data (d, points) in all: drawing a path of crossing edges takes the square of their count (an 11.6 MB path: 104 s for page images)', () => {
    const lines = (n: number) => 'M0 0' + 'L3 4'.repeat(n / 2 - 1); // n numbers
    const tooMany = 'r.yaml:8:18: SVG too complex: more than 100000 numbers in its paths (d="…", points="…"): simplify them (fewer points), or use a PNG (line 1 of the SVG): fig.svg';
    expect(load(svg(`<path d="${lines(100_000)}"/>`)).problems).toEqual([]);
    expect(load(svg(`<path d="${lines(100_002)}"/>`)).problems).toEqual([tooMany]);
    // counted over the whole SVG, polygons and polylines too
    expect(load(svg(`<path d="${lines(60_000)}"/><polyline points="${'1,2 '.repeat(20_001)}"/>`)).problems).toEqual([tooMany]);
    // the hostile trial's: refused at once, before its numbers are read one by one
    const started = performance.now();
    expect(load(svg(`<path d="${lines(1_000_000)}"/>`)).problems).toEqual([tooMany]);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('refuses dashed lines of more than 100,000 dashes in all, by their length over the dash pattern (2,000 lines dashed 0.0005 ran more than 10 minutes in Skia)', () => {
    const grid = (n: number, dash: string, attrs = '') => svg(`<g stroke="black" stroke-dasharray="${dash}"${attrs}>\n${'<line x1="0" y1="1" x2="100" y2="1"/>'.repeat(n)}</g>`);
    // a chart's dashed grid: 40 lines of 100 units, dashes of 2 and gaps of 2 (1,000 dashes)
    expect(load(grid(40, '2 2')).problems).toEqual([]);
    // 2,000 lines of 100 units dashed 0.0005 (one number: dashes and gaps of it, a period of 0.001): 200,000,000 dashes
    const hostile = load(grid(2000, '0.0005'));
    expect(hostile.problems).toEqual(['r.yaml:8:18: SVG too complex: its dashed lines make about 200,000,000 dashes (most on line 2 of the SVG, dashed 0.0005 0.0005; at most 100,000 in all): lengthen the dashes (stroke-dasharray), or draw the lines solid: fig.svg']);
    // in all, inherited or in style="…", on paths, curves and shapes alike; none when not stroked
    expect(load(grid(1100, '7', ' style="stroke-dasharray: 0.5"')).problems[0]).toMatch(/^r\.yaml:8:18: SVG too complex: its dashed lines make about 110,000 dashes/);
    expect(load(svg('<path stroke="red" stroke-dasharray="0.0001" d="M0 0C50 0 50 50 100 50"/>')).problems[0]).toMatch(/SVG too complex: its dashed lines make about [\d,]+ dashes/);
    expect(load(svg('<circle r="40" cx="50" cy="25" stroke="red" stroke-dasharray="0.001"/>')).problems[0]).toMatch(/SVG too complex/);
    expect(load(grid(2000, '0.0005', ' stroke-width="0"')).problems).toEqual([]);
  });

  it('warns once, at the image: value, of what it does not draw, and takes internal references', () => {
    const body = '<style>rect{fill:red}</style><defs><linearGradient id="g"/></defs><rect width="10" height="10" fill="url(#g)"/><use href="#g"/>';
    const { problems, warnings } = load(svg(body));
    expect(problems).toEqual([]);
    expect(warnings).toEqual(['r.yaml:8:18: warning: left out of this SVG (Imprint does not draw them): <style> sheets (use attributes or style="…"), gradients, gradient or pattern paint (drawn as none), <use>']);
  });
});

describe('a figure width', () => {
  it('reads a share of the type area or a length', () => {
    expect(load(chart, '          width: 60%\n').figure?.width).toEqual({ share: 0.6 });
    expect(load(chart, '          width: 80mm\n').figure?.width?.pt).toBeCloseTo((80 * 72) / 25.4, 6);
    expect(load(chart, '          width: 200pt\n').figure?.width).toEqual({ pt: 200 });
    expect(load(chart).figure?.width).toBeUndefined();
  });
  it('reports a width that is neither, or out of range, where it is written', () => {
    expect(load(chart, '          width: wide\n').problems).toEqual(['r.yaml:9:18: width must be a share of the type area up to 100% (60%) or a length above 0 in mm, cm, pt or in (80mm, 6cm, 200pt), not "wide"']);
    // px and em are not taken, a misspelt unit is named (each was only "must be a share … or a length")
    expect(load(chart, '          width: 480px\n').problems).toEqual(['r.yaml:9:18: width must be a share of the type area up to 100% (60%) or a length above 0 in mm, cm, pt or in (80mm, 6cm, 200pt), not "480px": px is not taken here (a PNG or JPEG without width: is drawn one pt a pixel)']);
    expect(load(chart, '          width: 2em\n').problems).toEqual(['r.yaml:9:18: width must be a share of the type area up to 100% (60%) or a length above 0 in mm, cm, pt or in (80mm, 6cm, 200pt), not "2em": em is not taken here: it is a share of a font size, and a figure has none']);
    expect(load(chart, '          width: 80mn\n').problems).toEqual(['r.yaml:9:18: width must be a share of the type area up to 100% (60%) or a length above 0 in mm, cm, pt or in (80mm, 6cm, 200pt), not "80mn": "mn" is not a unit: did you mean mm?']);
    // a number alone: it was told to write "80" in quotes, which is refused in turn
    expect(load(chart, '          width: 80\n').problems).toEqual(['r.yaml:9:18: `width:` must be text (a length needs its unit: 80mm, 80pt; or a share: 80%)']);
    expect(load(chart, '          width: 150%\n').problems).toEqual(['r.yaml:9:18: width must be a share of the type area up to 100% (60%) or a length above 0 in mm, cm, pt or in (80mm, 6cm, 200pt), not "150%"']);
    expect(load(chart, '          width: 0mm\n').problems).toEqual(['r.yaml:9:18: width must be a share of the type area up to 100% (60%) or a length above 0 in mm, cm, pt or in (80mm, 6cm, 200pt), not "0mm"']);
  });
  it('reads a note', () => {
    expect(load(chart, '          note: 资料来源：学校统计。\n').figure?.note?.text).toBe('资料来源：学校统计。');
  });
});
