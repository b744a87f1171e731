/**
 * `imprint fonts [FILE.yaml]` in a project folder outside Imprint's checkout: the roles, their
 * files and faces (a collection's face index), which registry each comes from; with a report,
 * the coverage per role its theme uses and each character no font has, at its places.
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

/** A TrueType collection of the fonts `ttfs`, one after another (each one's table offsets moved to where it lies). */
function collectionOf(...ttfs: Buffer[]): Buffer {
  const header = Buffer.alloc(12 + 4 * ttfs.length);
  header.write('ttcf', 0, 'latin1');
  header.writeUInt32BE(0x00010000, 4);
  header.writeUInt32BE(ttfs.length, 8);
  const parts: Buffer[] = [header];
  let at = header.length;
  ttfs.forEach((ttf, i) => {
    header.writeUInt32BE(at, 12 + 4 * i);
    const font = Buffer.concat([ttf, Buffer.alloc((4 - (ttf.length % 4)) % 4)]);
    for (let t = 0; t < font.readUInt16BE(4); t++) font.writeUInt32BE(font.readUInt32BE(12 + 16 * t + 8) + at, 12 + 16 * t + 8);
    parts.push(font);
    at += font.length;
  });
  return Buffer.concat(parts);
}

const SERIF = path.join(NOTO, 'noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');
const SANS = path.join(NOTO, 'noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

function project(): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-fonts-')));
  mkdirSync(path.join(dir, 'fonts'));
  writeFileSync(path.join(dir, 'fonts/song.ttc'), collectionOf(readFileSync(SERIF), readFileSync(SERIF)));
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
    expect(lines).toContain('collections (a role takes one of their faces with `regular: {file: NAME, face: N}`):');
    expect(lines).toContain(`    face 1: Noto Serif SC Regular (NotoSerifSC-Regular, face 1 of 2 in the collection)`);
    expect(lines).toContain('broken: cannot be used');
    expect(lines).toContain(`  fonts/fonts.yaml:6:14: font file of role "broken" not found: fonts/nosuch.ttf`);
  });

  it('with a report: the coverage per role of its theme, and each character no font has at its places', () => {
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
        '  "𓀀" U+13000: r.yaml:6:8, r.yaml:6:10, r.yaml:10:10', // each place (a run of characters no font has: 二 parts the two), 𓀀 one column
        '',
      ].join('\n'),
    );
  });

  it('gives each character no font has of a run its own place (each was given the run\'s first)', () => {
    const dir = project();
    // one run (a space joins it), then 乙 ends it; U+E000 again, a run of its own
    writeFileSync(path.join(dir, 'r.yaml'), 'report:\n  title: 字体\nchapters:\n  - title: 一\n    body:\n      - 甲\uE000 \uE001乙\uE000\n');
    const r = imprint(dir, 'fonts', 'r.yaml');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.slice(lines.indexOf('no font of its style has 2 characters:'))).toEqual(['no font of its style has 2 characters:', '  "\uE000" U+E000: r.yaml:6:10, r.yaml:6:14', '  "\uE001" U+E001: r.yaml:6:12', '']);
  });

  it('a role takes any face of a collection; the build sets and embeds that face', () => {
    const dir = project();
    writeFileSync(path.join(dir, 'r.yaml'), 'report:\n  title: 字体 ABC\npreface:\n  title: 前言\n  body:\n    - 一二\nchapters:\n  - title: 一\n    body:\n      - 三\n');
    writeFileSync(path.join(dir, 'fonts/both.ttc'), collectionOf(readFileSync(SERIF), readFileSync(SANS)));
    writeFileSync(path.join(dir, 'fonts/fonts.yaml'), 'roles:\n  serif:\n    aliases: [宋体]\n    regular: {file: both.ttc, face: 1}\n    bold: both.ttc\n');
    // (the report is short: no bold 宋体 in it)
    const listed = imprint(dir, 'fonts').out.split('\n');
    expect(listed).toContain(`  regular ${dir}/fonts/both.ttc  Noto Sans SC Regular (NotoSansSC-Regular, face 1 of 2 in the collection)`);
    expect(listed).toContain(`  bold    ${dir}/fonts/both.ttc  Noto Serif SC Regular (NotoSerifSC-Regular, face 0 of 2 in the collection)`);
    expect(listed).toContain(`    face 0: Noto Serif SC Regular (NotoSerifSC-Regular, face 0 of 2 in the collection)`);
    /** The fonts embedded, by PostScript name (a subset's font and its descendant name it alike). */
    const baseFonts = (pdf: string) => [...new Set([...readFileSync(path.join(dir, pdf), 'latin1').matchAll(/\/BaseFont \/([A-Z]{6}\+[\w-]+)/g)].map((m) => m[1]))].map((n) => n.slice(7)).sort();
    expect(imprint(dir, 'build', 'r.yaml', '-o', 'r.pdf').code).toBe(0);
    // body text (宋体) in face 1 of the collection, beside the sans role's own file for headings
    expect(baseFonts('r.pdf')).toEqual(['NotoSansSC-Bold', 'NotoSansSC-Regular', 'NotoSansSC-Regular']);
    writeFileSync(path.join(dir, 'fonts/fonts.yaml'), 'roles:\n  serif:\n    aliases: [宋体]\n    regular: {file: both.ttc, face: 0}\n');
    expect(imprint(dir, 'build', 'r.yaml', '-o', 'r0.pdf').code).toBe(0);
    expect(baseFonts('r0.pdf')).toEqual(['NotoSansSC-Bold', 'NotoSansSC-Regular', 'NotoSerifSC-Regular']);

    writeFileSync(path.join(dir, 'fonts/fonts.yaml'), 'roles:\n  serif:\n    regular: {file: both.ttc, face: 2}\n  sans:\n    regular: {file: song.ttc, face: -1}\n  mono:\n    regular: {file: ../x.ttf, face: 0}\n');
    const bad = imprint(dir, 'build', 'r.yaml', '-o', 'r.pdf');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`fonts/fonts.yaml:3:37: font file of role "serif" is a collection of 2 faces, 0 to 1 (\`imprint fonts\` lists them)`);
    const roles = imprint(dir, 'fonts').out;
    expect(roles).toContain(`fonts/fonts.yaml:5:37: \`face:\` of role "sans" must be a face's number in the collection, from 0 (\`imprint fonts\` lists them)`);
    expect(roles).toContain(`fonts/fonts.yaml:7:21: font file of role "mono" must be inside fonts/ (or npm:PACKAGE/PATH): ../x.ttf`);
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

const hasFontconfig = spawnSync('fc-list', ['--version']).status === 0;

describe('system fonts (fontconfig), an opt-in of a registry', () => {
  /** A project whose fontconfig knows only Noto Sans SC (a configuration of its own), and a run of imprint with it. */
  function systemProject(registry: string) {
    const dir = project();
    mkdirSync(path.join(dir, 'installed'));
    for (const weight of ['400Regular/NotoSansSC_400Regular.ttf', '700Bold/NotoSansSC_700Bold.ttf']) writeFileSync(path.join(dir, 'installed', path.basename(weight)), readFileSync(path.join(NOTO, 'noto-sans-sc', weight)));
    writeFileSync(path.join(dir, 'fonts.conf'), `<?xml version="1.0"?>\n<fontconfig><dir>${dir}/installed</dir><cachedir>${dir}/fc-cache</cachedir></fontconfig>\n`);
    writeFileSync(path.join(dir, 'fonts/fonts.yaml'), registry);
    const env = { ...process.env, FONTCONFIG_FILE: path.join(dir, 'fonts.conf') };
    const run = (...args: string[]) => {
      const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', env, timeout: 120_000 });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    return { dir, run };
  }

  it.skipIf(!hasFontconfig)('a role names an installed family, its regular and bold faces found by style', () => {
    const { dir, run } = systemProject('roles:\n  serif:\n    aliases: [宋体]\n    regular: system:Noto Sans SC\n    bold: system:noto sans sc\n');
    const listed = run('fonts', '--system');
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(`Noto Sans SC | Bold | Noto Sans SC Bold (NotoSansSC-Bold)  ${dir}/installed/NotoSansSC_700Bold.ttf`);
    const roles = run('fonts').out.split('\n');
    expect(roles).toContain(`  regular ${dir}/installed/NotoSansSC_400Regular.ttf  Noto Sans SC Regular (NotoSansSC-Regular)`);
    expect(roles).toContain(`  bold    ${dir}/installed/NotoSansSC_700Bold.ttf  Noto Sans SC Bold (NotoSansSC-Bold)`);
    expect(run('build', 'r.yaml', '-o', 'r.pdf').code).toBe(0);
  });

  it.skipIf(!hasFontconfig)('a name not installed is a problem at its line, with the likely one', () => {
    const { run } = systemProject('roles:\n  serif:\n    regular: system:Noto Sans CS\n    bold: {file: system:Noto Sans SC, face: 1}\n');
    const r = run('build', 'r.yaml', '-o', 'r.pdf');
    expect(r.code).toBe(1);
    expect(r.err).toContain('fonts/fonts.yaml:3:14: system font "Noto Sans CS" of role "serif" is not installed on this system (did you mean "Noto Sans SC"? `imprint fonts --system` lists the 2 faces fontconfig knows)');
    expect(r.err).toContain('fonts/fonts.yaml:4:45: `face:` goes with a file; a system font is named by its face\'s own name (`imprint fonts --system` lists them)');
  });

  it('without fontconfig, says so at the line that asks for it', () => {
    const dir = project();
    writeFileSync(path.join(dir, 'fonts/fonts.yaml'), 'roles:\n  serif:\n    regular: system:宋体\n');
    const r = spawnSync(process.execPath, [cli, 'build', 'r.yaml', '-o', 'r.pdf'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: '/nonexistent' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('fonts/fonts.yaml:3:14: system font "宋体" of role "serif" cannot be looked up: fontconfig (`fc-list`) is not installed: system fonts cannot be found');
    const listed = spawnSync(process.execPath, [cli, 'fonts', '--system'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: '/nonexistent' } });
    expect([listed.status, listed.stderr]).toEqual([1, 'imprint: fontconfig (`fc-list`) is not installed: system fonts cannot be found\n']);
  });
});
