/**
 * Damaged images through the command as users run it (dist/bin.cjs): exit 1 with one line at
 * the `image:` value and no stack trace, the last good PDF untouched; in a batch the other
 * reports are still built; `watch` reports the problem and goes on. A damaged colour profile
 * is only a warning there: the image is drawn without it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { iccProfile } from '../helpers/icc.js';
import { makeJpeg } from '../helpers/jpeg.js';
import { dictValue, pdfImages, pdfObjects } from '../helpers/pdf-objects.js';
import { encodePng, iccpBody, makePng } from '../helpers/png.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');

const report = (image: string) => `report:\n  title: 测试报告\nchapters:\n  - title: 第一章\n    body:\n      - 这是一个段落。\n      - figure:\n          title: 示意图\n          image: ${image}\n`;
const png = makePng(120, 80);
const truncated = png.subarray(0, png.length - 40);
const TRUNCATED = 'image damaged: PNG data ends early (truncated file?)';

/** A folder with `pics/`, run from: messages name files as given. */
function project(): { dir: string; run: (...args: string[]) => { code: number | null; out: string; err: string } } {
  const dir = mkdtempSync(path.join(tmpdir(), 'imprint-image-cli-'));
  mkdirSync(path.join(dir, 'pics'));
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  return { dir, run };
}

describe('a damaged image', () => {
  it('fails the build with exit 1 and one line at its image: value, no stack trace, the last good PDF untouched', () => {
    const { dir, run } = project();
    writeFileSync(path.join(dir, 'pics/a.png'), png);
    writeFileSync(path.join(dir, 'report.yaml'), report('pics/a.png'));
    expect(run('build', 'report.yaml', '-o', 'out.pdf').code).toBe(0);
    const good = readFileSync(path.join(dir, 'out.pdf'));
    writeFileSync(path.join(dir, 'pics/a.png'), truncated);
    const r = run('build', 'report.yaml', '-o', 'out.pdf');
    expect(r.code).toBe(1);
    expect(r.err).toBe(`report.yaml:9:18: ${TRUNCATED}: pics/a.png\n`);
    expect(readFileSync(path.join(dir, 'out.pdf')).equals(good)).toBe(true);
  });

  it('in a batch, in turn or in parallel, does not stop the other reports (exit 1); a pipe does not block', () => {
    const { dir, run } = project();
    writeFileSync(path.join(dir, 'pics/good.png'), png);
    writeFileSync(path.join(dir, 'pics/bad.png'), truncated);
    expect(spawnSync('mkfifo', [path.join(dir, 'pics/pipe.png')]).status).toBe(0);
    writeFileSync(path.join(dir, 'good.yaml'), report('pics/good.png'));
    writeFileSync(path.join(dir, 'bad.yaml'), report('pics/bad.png'));
    writeFileSync(path.join(dir, 'pipe.yaml'), report('pics/pipe.png'));
    for (const jobs of ['1', '2']) {
      const out = path.join(dir, `out-${jobs}`);
      const r = run('build', 'bad.yaml', 'pipe.yaml', 'good.yaml', '-o', out, '--jobs', jobs);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`bad.yaml:9:18: ${TRUNCATED}: pics/bad.png\n`);
      expect(r.err).toContain('pipe.yaml:9:18: image is not a regular file (a pipe or a device): pics/pipe.png\n');
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(readFileSync(path.join(out, 'good.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
      expect(existsSync(path.join(out, 'bad.pdf')) || existsSync(path.join(out, 'pipe.pdf'))).toBe(false);
    }
  });

  it('in watch: the problem is printed, the watcher goes on and builds once the image is good again', async () => {
    const { dir } = project();
    const input = path.join(dir, 'w.yaml');
    const output = path.join(dir, 'w.pdf');
    writeFileSync(path.join(dir, 'pics/a.png'), png);
    writeFileSync(input, report('pics/a.png'));
    const child = spawn(process.execPath, [cli, 'watch', input, '-o', output], { cwd: dir });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const waitFor = async (pattern: RegExp, count: number) => {
      for (let i = 0; i < 300 && (out.match(pattern) ?? []).length < count; i++) await new Promise((r) => setTimeout(r, 50));
      expect((out.match(pattern) ?? []).length, out).toBeGreaterThanOrEqual(count);
    };
    try {
      await waitFor(/built in \d+ ms/g, 1);
      const pdf = readFileSync(output);
      // images are not watched: the damage shows at the next edit of the content
      writeFileSync(path.join(dir, 'pics/a.png'), truncated);
      writeFileSync(input, report('pics/a.png') + '      - 第二段。\n');
      await waitFor(/not (?:re)?built/g, 1);
      expect(out).toContain(`w.yaml:9:18: ${TRUNCATED}: pics/a.png`);
      expect(readFileSync(output).equals(pdf)).toBe(true);
      writeFileSync(path.join(dir, 'pics/a.png'), png);
      writeFileSync(input, report('pics/a.png'));
      await waitFor(/built in \d+ ms/g, 2);
      expect(child.exitCode).toBe(null);
    } finally {
      child.kill();
    }
  });
});

describe('an image whose colour profile is damaged or not for its colours', () => {
  it('is drawn as if it carried none, with one warning at its image: value saying why (exit 0); with a good profile, no such warning', () => {
    const { dir, run } = project();
    const rgb = iccProfile('RGB ');
    const shown = (name: string, bytes: Buffer, ...args: string[]) => {
      writeFileSync(path.join(dir, `pics/${name}`), bytes);
      writeFileSync(path.join(dir, 'report.yaml'), report(`pics/${name}`));
      const r = run('build', 'report.yaml', '-o', 'out.pdf', ...args);
      expect(r.code, r.err).toBe(0);
      const spaces = [...pdfImages(pdfObjects(readFileSync(path.join(dir, 'out.pdf')))).values()].map((o) => dictValue(o.dict, 'ColorSpace'));
      return { warnings: r.err.split('\n').filter((l) => l.includes('colour profile')), spaces };
    };
    const ignored = (why: string) => [`report.yaml:9:18: warning: the colour profile this image carries is ignored (${why}): it is drawn as if it carried none`];
    const cut = rgb.subarray(0, 200);
    for (const pdfa of [[], ['--pdfa', '2b']]) {
      expect(shown('cut.jpg', makeJpeg(64, 64, { components: 3, icc: [cut] }), ...pdfa)).toEqual({ warnings: ignored(`its size field says ${rgb.length} bytes, and it has 200 (damaged or cut short)`), spaces: ['/DeviceRGB'] });
      expect(shown('cmyk-on-rgb.png', encodePng({ width: 4, height: 4, colourType: 2, bitDepth: 8, interlace: 0, filters: [0], samples: Array(48).fill(9), iccp: iccpBody(iccProfile('CMYK')) }), ...pdfa)).toEqual({ warnings: ignored('it is a CMYK profile, for an RGB image'), spaces: ['/DeviceRGB'] });
      const good = shown('good.jpg', makeJpeg(64, 64, { components: 3, icc: [rgb] }), ...pdfa);
      expect(good.warnings).toEqual([]);
      expect(good.spaces).toEqual([expect.stringMatching(/^\[\/ICCBased \d+ 0 R\]$/)]);
    }
  });
});
