/**
 * `imprint fonts [FILE.yaml]` in a project folder outside Imprint's checkout: the roles, their
 * files and faces (a collection's face index), which registry each comes from; with a report,
 * the coverage per role its theme uses and each character no font has, at its first places.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');
const NOTO = path.join(root, 'node_modules/@expo-google-fonts');

function imprint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A TrueType collection of two faces, both the font `ttf` (the table offsets moved past the collection's header). */
function collectionOf(ttf: Buffer): Buffer {
  const header = Buffer.alloc(20);
  header.write('ttcf', 0, 'latin1');
  header.writeUInt32BE(0x00010000, 4);
  header.writeUInt32BE(2, 8);
  header.writeUInt32BE(20, 12);
  header.writeUInt32BE(20, 16);
  const font = Buffer.from(ttf);
  for (let i = 0; i < font.readUInt16BE(4); i++) font.writeUInt32BE(font.readUInt32BE(12 + 16 * i + 8) + 20, 12 + 16 * i + 8);
  return Buffer.concat([header, font]);
}

function project(): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-fonts-')));
  mkdirSync(path.join(dir, 'fonts'));
  writeFileSync(path.join(dir, 'fonts/song.ttc'), collectionOf(readFileSync(path.join(NOTO, 'noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'))));
  writeFileSync(path.join(dir, 'fonts/fonts.yaml'), 'roles:\n  song:\n    aliases: [书宋]\n    regular: song.ttc\n  broken:\n    regular: nosuch.ttf\n');
  // 𓀀 (U+13000) is in no font: twice in a paragraph of the preface, once in a chapter
  writeFileSync(path.join(dir, 'r.yaml'), 'report:\n  title: 字体 ABC\npreface:\n  title: 前言\n  body:\n    - 一𓀀二𓀀\nchapters:\n  - title: 一\n    body:\n      - 三𓀀\n');
  return dir;
}

describe('imprint fonts', () => {
  it('lists the roles, their files and faces, and where each comes from', () => {
    const dir = project();
    const r = imprint(dir, 'fonts');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(`font roles (registries: ${root}/fonts/fonts.yaml (Imprint), ${dir}/fonts/fonts.yaml (project))`);
    expect(lines).toContain('serif (宋体): Imprint'); // `song` now names the project's role
    expect(lines).toContain(`  regular ${NOTO}/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf  Noto Serif SC Regular (NotoSerifSC-Regular)`);
    expect(lines).toContain('kai (楷体): Imprint, falls back to serif');
    expect(lines).toContain('song (书宋): project');
    expect(lines).toContain(`  regular ${dir}/fonts/song.ttc  Noto Serif SC Regular (NotoSerifSC-Regular, face 0 of 2 in the collection)`);
    expect(lines).toContain('broken: cannot be used');
    expect(lines).toContain(`  ${dir}/fonts/fonts.yaml:6:14: font file of role "broken" not found: ${dir}/fonts/nosuch.ttf`);
  });

  it('with a report: the coverage per role of its theme, and each character no font has at its first places', () => {
    const dir = project();
    const r = imprint(dir, 'fonts', 'r.yaml');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = r.out.slice(r.out.indexOf('\n\nr.yaml'));
    expect(report).toBe(
      [
        '',
        '',
        'r.yaml: 11 distinct characters (template official)', // 字体ABC前言一二三𓀀
        '  宋体 (serif): 10 of 11',
        '  mono: 3 of 11', // the code style's, which the theme has whether or not the report uses it
        '  黑体 (sans): 10 of 11',
        'no font of its style has 1 character:',
        '  "𓀀" U+13000: r.yaml:6:8, r.yaml:10:10', // the first in each text
        '',
      ].join('\n'),
    );
  });

  it('reports a problem of the report as check does, exit 1', () => {
    const dir = project();
    writeFileSync(path.join(dir, 'bad.yaml'), 'report:\n  title: 坏\n');
    const r = imprint(dir, 'fonts', 'bad.yaml');
    expect(r.code).toBe(1);
    expect(r.err).toBe('bad.yaml:1:1: missing `chapters:` in the report\n');
    expect(imprint(dir, 'fonts', 'a.yaml', 'b.yaml').code).toBe(2);
  });
});
