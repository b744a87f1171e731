/**
 * A damaged font file through the command as a new user meets it (a project of `imprint init`
 * whose cover title has a role of its own): exit 1 with one line at the line of
 * `fonts/fonts.yaml` that names the file, no stack trace, no internal error, no PDF with the
 * title left blank; found when the face is opened (a file cut short, not a font) or when a
 * glyph is drawn (an outline outside `glyf`); `imprint fonts` shows the face as damaged.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');
const sans = readFileSync(path.join(root, 'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'));

function imprint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A starter project whose cover title's role `title` (its file named at line 5 of fonts.yaml) is the font `bytes`, as `fonts/t.ttf`. */
function projectWith(bytes: Buffer): string {
  const dir = path.join(realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-damaged-font-'))), 'proj');
  expect(imprint(root, 'init', dir).code).toBe(0);
  writeFileSync(path.join(dir, 'fonts/t.ttf'), bytes);
  writeFileSync(path.join(dir, 'fonts/fonts.yaml'), 'roles:\n  title:\n    aliases: [标题]\n    # the cover title\n    regular: t.ttf\n');
  return dir;
}

/** The sans font with the outline of the first glyph of `text` put past the end of `glyf` (its `loca` entry). */
function outlineOutside(text: string): Buffer {
  const font = Buffer.from(sans);
  const id = (fontkit.create(sans) as fontkit.Font).glyphForCodePoint(text.codePointAt(0)!).id;
  for (let i = 0; i < font.readUInt16BE(4); i++) {
    const rec = 12 + 16 * i;
    if (font.toString('latin1', rec, rec + 4) === 'loca') font.writeUInt32BE(0xfffffff0, font.readUInt32BE(rec + 8) + 4 * (id + 1)); // long offsets
  }
  return font;
}

/** Where table `tag` lies in a font file's bytes. */
function tableRange(font: Buffer, tag: string): { offset: number; length: number } {
  for (let i = 0; i < font.readUInt16BE(4); i++) {
    const rec = 12 + 16 * i;
    if (font.toString('latin1', rec, rec + 4) === tag) return { offset: font.readUInt32BE(rec + 8), length: font.readUInt32BE(rec + 12) };
  }
  throw new Error(`no ${tag}`);
}

describe('a damaged font file of a role', () => {
  it('cut short: exit 1, one line at the registry line that names it, no PDF', () => {
    const dir = projectWith(sans.subarray(0, 1_000_000));
    const r = imprint(dir, 'build');
    expect(r).toEqual({
      code: 1,
      out: '',
      err: 'fonts/fonts.yaml:5:14: font file of role "title" is damaged: its table "glyf" (bytes 441580 to 10559282) runs past the end of the file (1000000 bytes): fonts/t.ttf\n',
    });
    expect(existsSync(path.join(dir, 'out/report.pdf'))).toBe(false);
  });

  it('cut short to its first 100 KB, or overwritten at bytes 300 to 4000: exit 1 at its line, not a crash', () => {
    const overwritten = Buffer.from(sans);
    let seed = 7;
    for (let i = 300; i < 4000; i++) overwritten[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    for (const bytes of [sans.subarray(0, 100_000), overwritten]) {
      const r = imprint(projectWith(bytes), 'build');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^fonts\/fonts\.yaml:5:14: font file of role "title" is damaged: [^\n]*: fonts\/t\.ttf\n$/);
    }
  });

  it('with an outline outside its glyph table: exit 1 when the cover title is drawn', () => {
    const title = readFileSync(path.join(projectWith(sans), 'content/report.yaml'), 'utf8').match(/^ {2}title: (.+)$/m)![1];
    const dir = projectWith(outlineOutside(title));
    const r = imprint(dir, 'build');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^fonts\/fonts\.yaml:5:14: font file of role "title" is damaged: its glyph \d+ lies outside its table "glyf": fonts\/t\.ttf\n$/);
  });

  it('whose GPOS is overwritten, also after a good build whose cache knew the file as it was: exit 1 at once, at its line', () => {
    const dir = projectWith(sans);
    expect(imprint(dir, 'build').code).toBe(0); // (its build cache vouches for the font file as it was)
    const font = Buffer.from(sans);
    const gpos = tableRange(font, 'GPOS');
    let seed = 1;
    for (let i = gpos.offset; i < gpos.offset + gpos.length; i++) font[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    writeFileSync(path.join(dir, 'fonts/t.ttf'), font);
    const started = Date.now();
    const r = imprint(dir, 'build');
    expect(r).toEqual({ code: 1, out: '', err: expect.stringMatching(/^fonts\/fonts\.yaml:5:14: font file of role "title" is damaged: its table "GPOS" has version 0x[0-9a-f]+: fonts\/t\.ttf\n$/) });
    expect(Date.now() - started).toBeLessThan(20_000); // (it spun ~73 s and died out of memory)
  });

  it('that is not a font (a PNG): exit 1 at the registry line that names it', () => {
    const dir = projectWith(readFileSync(path.join(root, 'starter/content/images/chart.png')));
    expect(imprint(dir, 'build')).toEqual({
      code: 1,
      out: '',
      err: 'fonts/fonts.yaml:5:14: font file of role "title" is not a font file (TrueType, OpenType, WOFF or a collection): fonts/t.ttf\n',
    });
  });

  it('is shown as damaged by `imprint fonts`', () => {
    const dir = projectWith(sans.subarray(0, 5_000_000));
    const r = imprint(dir, 'fonts');
    expect(r.err).toBe('');
    expect(r.out.split('\n')).toContain(
      `  regular ${dir}/fonts/t.ttf  font file of role "title" is damaged: its table "glyf" (bytes 441580 to 10559282) runs past the end of the file (5000000 bytes): fonts/t.ttf`,
    );
  });
});

describe('a fallback to a role no registry has', () => {
  it('says there is no such role, with the likely one', () => {
    const dir = projectWith(sans);
    writeFileSync(path.join(dir, 'fonts/fonts.yaml'), 'roles:\n  title:\n    aliases: [标题]\n    fallback: snas\n');
    expect(imprint(dir, 'build')).toEqual({ code: 1, out: '', err: 'fonts/fonts.yaml:4:15: `fallback:` of role "title" names no role "snas" (did you mean "sans"?)\n' });
  });
});
