/**
 * The build cache on disk (see src/build-cache/): a build in a new process reads what the last
 * good build of the report kept, and its PDF is the same byte for byte as a build without it,
 * whatever changed in between (the content, a font file, the theme) and whatever became of the
 * cache (damaged, made by another Imprint or Node, its folder unwritable). Each project lives in
 * the temporary folder, with a `node_modules` folder of its own (where its cache goes).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCacheFile, writeCacheFile } from '../../src/build-cache/cache-file.js';
import type { CacheMaker } from '../../src/build-cache/cache-identity.js';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'dist/bin.cjs');
const liberation = (name: string) => path.join(root, 'node_modules/pdfjs-dist/standard_fonts', `LiberationSans-${name}.ttf`);

/** A report of a few pages: Chinese with Latin words, inline code and a footnote in its paragraphs. */
function report(edited = ''): string {
  const paragraph = (c: number, p: number) =>
    `      - 第${c}章第${p}段：静安区中等职业教育坚持 Quick brown foxes ${c * 100 + p} 与 \`npm run build\` 并行，两所学校在办学定位、规模结构、专业布局上各具特色，共同构成了服务区域产业发展的职业教育体系${p === 2 ? '^[注：数据来自 2025 年统计。]' : ''}。${c === 2 && p === 3 ? edited : ''}\n`;
  const chapter = (c: number) => `  - title: 第${c}章\n    body:\n${[1, 2, 3, 4, 5, 6].map((p) => paragraph(c, p)).join('')}`;
  return `report:\n  title: 缓存\nchapters:\n${[1, 2, 3].map(chapter).join('')}`;
}

interface Project {
  dir: string;
  input: string;
  theme: string;
  font: string;
}

/** A project with its own templates, and a Latin font of its own (`fonts/latin.ttf`) for body text. */
function newProject(): Project {
  const dir = mkdtempSync(path.join(tmpdir(), 'imprint-build-cache-'));
  mkdirSync(path.join(dir, 'node_modules'));
  mkdirSync(path.join(dir, 'fonts'));
  const font = path.join(dir, 'fonts/latin.ttf');
  cpSync(liberation('Regular'), font);
  writeFileSync(path.join(dir, 'fonts/fonts.yaml'), `${readFileSync(path.join(root, 'fonts/fonts.yaml'), 'utf8')}\n  latin:\n    regular: latin.ttf\n    bold: latin.ttf\n`);
  cpSync(path.join(root, 'templates/official'), path.join(dir, 'templates/official'), { recursive: true });
  const theme = path.join(dir, 'templates/official/theme.yaml');
  writeFileSync(theme, readFileSync(theme, 'utf8').replace(/^( {2}body: +\{ font: 宋体,)/m, '$1 latin-font: latin,'));
  const input = path.join(dir, 'r.yaml');
  writeFileSync(input, report());
  return { dir, input, theme, font };
}

/** `imprint build` of the project's report into `name` (with IMPRINT_DEBUG: the line saying what it took from the cache). */
function build(p: Project, name: string, ...options: string[]): { pdf: Buffer; stderr: string } {
  const output = path.join(p.dir, name);
  const env = { ...process.env, IMPRINT_DEBUG: '1', XDG_CACHE_HOME: path.join(p.dir, 'xdg') };
  const r = spawnSync(process.execPath, [bin, 'build', p.input, '-o', output, ...options], { cwd: p.dir, encoding: 'utf8', env });
  expect(r.status, r.stderr).toBe(0);
  return { pdf: readFileSync(output), stderr: r.stderr };
}

/** Paragraphs the build took from the cache, and paragraphs it set in all (from its IMPRINT_DEBUG line). */
function paragraphsRead(stderr: string): { read: number; of: number } {
  const m = /(\d+) of (\d+) paragraphs read from it/.exec(stderr);
  expect(m, stderr).not.toBeNull();
  return { read: Number(m![1]), of: Number(m![2]) };
}

function cacheFile(p: Project): string {
  const folder = path.join(p.dir, 'node_modules/.cache/imprint');
  const files = readdirSync(folder).filter((f) => f.endsWith('.imprint-cache'));
  expect(files).toHaveLength(1);
  return path.join(folder, files[0]);
}

/** Rewrites the project's cache so that a build trusting it draws blank pages: every stream it holds deflates `0 0 m`. */
function poisonCache(p: Project, maker: (m: CacheMaker) => CacheMaker = (m) => m): void {
  const file = cacheFile(p);
  const read = readCacheFile(file)!;
  expect(read).toBeDefined();
  const entries = read.entries();
  for (const hash of entries.contents.keys()) entries.contents.set(hash, deflateSync(Buffer.from('0 0 m\n', 'latin1')));
  writeCacheFile(file, maker(read.header.maker), read.header.madeFrom, entries);
}

/**
 * Runs `imprint watch` on the project's report until its first build is written and `done` holds
 * (polled for up to 15 s), or for `patience` polls of 50 ms after that build (2 s) when `done` does not hold; returns what it printed.
 */
async function watchUntil(p: Project, name: string, options: string[], done: () => boolean, patience = 40): Promise<string> {
  const child = spawn(process.execPath, [bin, 'watch', p.input, '-o', path.join(p.dir, name), ...options], { cwd: p.dir, env: { ...process.env, XDG_CACHE_HOME: path.join(p.dir, 'xdg') } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  try {
    let built = -1;
    for (let i = 0; i < 300; i++) {
      await new Promise((r) => setTimeout(r, 50));
      if (built < 0 && /built in \d+ ms/.test(out)) built = i;
      if (built >= 0 && (done() || i - built >= patience)) break;
    }
    return out;
  } finally {
    child.kill();
  }
}

describe('the build cache on disk', () => {
  it('is read by the next build, in a new process, which writes the same bytes', () => {
    const p = newProject();
    const first = build(p, 'a.pdf');
    expect(paragraphsRead(first.stderr).read).toBe(0);
    const written = statSync(cacheFile(p), { bigint: true }).mtimeNs;
    const second = build(p, 'b.pdf');
    expect(statSync(cacheFile(p), { bigint: true }).mtimeNs).toBe(written); // (it took all from the cache: nothing to write)
    const { read, of } = paragraphsRead(second.stderr);
    expect(read).toBeGreaterThan(10);
    expect(read).toBe(of);
    expect(second.pdf.equals(first.pdf)).toBe(true);
    expect(build(p, 'c.pdf', '--no-cache').pdf.equals(first.pdf)).toBe(true);
  });

  it('is saved and read when a role takes a later face of a collection (.ttc)', () => {
    const p = newProject();
    // a collection of two faces, the Latin font twice; the role takes the second
    const ttf = readFileSync(liberation('Regular'));
    const header = Buffer.alloc(20);
    header.write('ttcf', 0, 'latin1');
    header.writeUInt32BE(0x00010000, 4);
    header.writeUInt32BE(2, 8);
    const padded = Buffer.concat([ttf, Buffer.alloc((4 - (ttf.length % 4)) % 4)]);
    const faces = [20, 20 + padded.length].map((at, i) => {
      header.writeUInt32BE(at, 12 + 4 * i);
      const font = Buffer.from(padded);
      for (let t = 0; t < font.readUInt16BE(4); t++) font.writeUInt32BE(font.readUInt32BE(12 + 16 * t + 8) + at, 12 + 16 * t + 8);
      return font;
    });
    writeFileSync(path.join(p.dir, 'fonts/latin.ttc'), Buffer.concat([header, ...faces]));
    const registry = path.join(p.dir, 'fonts/fonts.yaml');
    writeFileSync(registry, readFileSync(registry, 'utf8').replace('    regular: latin.ttf\n    bold: latin.ttf\n', '    regular: {file: latin.ttc, face: 1}\n    bold: {file: latin.ttc, face: 1}\n'));
    const first = build(p, 'a.pdf');
    const second = build(p, 'b.pdf');
    expect(paragraphsRead(second.stderr).read).toBeGreaterThan(10);
    expect(second.pdf.equals(first.pdf)).toBe(true);
  });

  it('after a paragraph is edited, sets only that one and writes what a build without cache writes', () => {
    const p = newProject();
    build(p, 'a.pdf');
    const before = readFileSync(cacheFile(p));
    writeFileSync(p.input, report('新增一句话，改变了这一段。'));
    const edited = build(p, 'b.pdf');
    expect(readFileSync(cacheFile(p)).equals(before)).toBe(false);
    const { read, of } = paragraphsRead(edited.stderr);
    expect(read).toBeGreaterThan(10);
    expect(read).toBe(of - 1);
    expect(edited.pdf.equals(build(p, 'c.pdf', '--no-cache').pdf)).toBe(true);
  });

  it('is not used once a font file changed', () => {
    const p = newProject();
    build(p, 'a.pdf');
    cpSync(liberation('Bold'), p.font); // other advances: the Latin words set otherwise
    const after = build(p, 'b.pdf');
    expect(paragraphsRead(after.stderr).read).toBe(0);
    const fresh = build(p, 'c.pdf', '--no-cache').pdf;
    expect(fresh.equals(build(p, 'a.pdf', '--no-cache').pdf)).toBe(true); // (the font was taken up)
    expect(after.pdf.equals(fresh)).toBe(true);
  });

  it('is not used once the theme changed', () => {
    const p = newProject();
    const before = build(p, 'a.pdf').pdf;
    // inline code in bold: the font of `npm run build` changes, though no style's key does
    writeFileSync(p.theme, readFileSync(p.theme, 'utf8').replace(/^( {2}code-inline: +\{ font: mono,)/m, '$1 bold: true,'));
    const after = build(p, 'b.pdf');
    expect(paragraphsRead(after.stderr).read).toBe(0);
    const fresh = build(p, 'c.pdf', '--no-cache').pdf;
    expect(fresh.equals(before)).toBe(false); // (the theme was taken up)
    expect(after.pdf.equals(fresh)).toBe(true);
  });

  it('is trusted only when made by the same Imprint, built code and Node', () => {
    const p = newProject();
    const fresh = build(p, 'a.pdf').pdf;
    poisonCache(p);
    expect(build(p, 'b.pdf').pdf.equals(fresh)).toBe(false); // (a cache of its own maker is read)
    for (const other of [(m: CacheMaker) => ({ ...m, imprint: '0.0.1' }), (m: CacheMaker) => ({ ...m, code: 'other' }), (m: CacheMaker) => ({ ...m, node: 'v18.0.0 x64' })]) {
      build(p, 'c.pdf');
      poisonCache(p, other);
      const built = build(p, 'c.pdf');
      expect(paragraphsRead(built.stderr).read).toBe(0);
      expect(built.pdf.equals(fresh)).toBe(true);
    }
  });

  it('is ignored when damaged, and the build neither fails nor says anything of it', () => {
    const p = newProject();
    const fresh = build(p, 'a.pdf').pdf;
    const file = cacheFile(p);
    const bytes = readFileSync(file);
    truncateSync(file, Math.floor(bytes.length / 2));
    const truncated = build(p, 'b.pdf');
    expect(truncated.pdf.equals(fresh)).toBe(true);
    expect(truncated.stderr).not.toMatch(/error|warning|not saved/i);
    // the bytes of a page's deflated contents changed in place (the header and the length intact)
    const stream = [...readCacheFile(file)!.entries().contents.values()][0];
    const at = bytes.indexOf(stream);
    expect(at).toBeGreaterThan(0);
    const flipped = Buffer.from(bytes);
    for (let i = at; i < at + stream.length; i++) flipped[i] ^= 0x55;
    writeFileSync(file, flipped);
    const damaged = build(p, 'c.pdf');
    expect(paragraphsRead(damaged.stderr).read).toBe(0);
    expect(damaged.pdf.equals(fresh)).toBe(true);
    writeFileSync(file, 'not a cache');
    expect(build(p, 'd.pdf').pdf.equals(fresh)).toBe(true);
  });

  it('follows no link in its place, to a file of the user or a named pipe: neither read (a pipe would wait for ever) nor written through', () => {
    const p = newProject();
    const fresh = build(p, 'a.pdf').pdf;
    const file = cacheFile(p);
    const notes = path.join(p.dir, 'notes.txt');
    writeFileSync(notes, '会议记录');
    rmSync(file);
    symlinkSync(notes, file);
    expect(build(p, 'b.pdf').pdf.equals(fresh)).toBe(true);
    expect(readFileSync(notes, 'utf8')).toBe('会议记录');
    const pipe = path.join(p.dir, 'pipe');
    execFileSync('mkfifo', [pipe]);
    for (const place of ['link', 'pipe'] as const) {
      rmSync(file, { force: true });
      if (place === 'link') symlinkSync(pipe, file);
      else execFileSync('mkfifo', [file]);
      const r = spawnSync(process.execPath, [bin, 'build', p.input, '-o', path.join(p.dir, 'c.pdf')], { cwd: p.dir, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
      expect({ place, status: r.status, stderr: r.stderr }).toEqual({ place, status: 0, stderr: '' });
      expect(readFileSync(path.join(p.dir, 'c.pdf')).equals(fresh)).toBe(true);
    }
  });

  it('that cannot be written is a warning: the build succeeds', () => {
    const p = newProject();
    writeFileSync(path.join(p.dir, 'node_modules/.cache'), 'a file where the cache folder would go');
    const built = build(p, 'a.pdf');
    expect(built.stderr).toMatch(/imprint: build cache not saved \(.+\): /);
    expect(built.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(built.pdf.equals(build(p, 'b.pdf', '--no-cache').pdf)).toBe(true);
  });

  it('is saved by watch once its builds pause, and read by the next build; never with watch --no-cache', async () => {
    const p = newProject();
    const folder = path.join(p.dir, 'node_modules/.cache/imprint');
    const watched = await watchUntil(p, 'w.pdf', ['--no-cache'], () => false);
    expect(watched).toMatch(/built in \d+ ms/);
    expect(existsSync(folder)).toBe(false);
    // (the save waits for a second's pause after the build: on a loaded machine it came after the 2 s watchUntil gives by default)
    const saved = () => existsSync(folder) && readdirSync(folder).some((f) => f.endsWith('.imprint-cache'));
    await watchUntil(p, 'w.pdf', [], saved, 280);
    expect(saved()).toBe(true);
    const built = build(p, 'b.pdf');
    const { read, of } = paragraphsRead(built.stderr);
    expect(read).toBe(of);
    expect(built.pdf.equals(readFileSync(path.join(p.dir, 'w.pdf')))).toBe(true);
  });

  it('goes to the user cache folder for a project without node_modules, is never made with --no-cache, and `imprint clean` removes it', () => {
    const p = newProject();
    rmSync(path.join(p.dir, 'node_modules'), { recursive: true });
    build(p, 'a.pdf', '--no-cache');
    expect(existsSync(path.join(p.dir, 'xdg'))).toBe(false);
    build(p, 'a.pdf');
    const folders = readdirSync(path.join(p.dir, 'xdg/imprint'));
    expect(folders).toHaveLength(1);
    expect(readdirSync(path.join(p.dir, 'xdg/imprint', folders[0])).filter((f) => f.endsWith('.imprint-cache'))).toHaveLength(1);
    const env = { ...process.env, XDG_CACHE_HOME: path.join(p.dir, 'xdg') };
    const clean = spawnSync(process.execPath, [bin, 'clean', p.dir], { encoding: 'utf8', env });
    expect(clean.status, clean.stderr).toBe(0);
    expect(clean.stdout).toContain('build cache removed');
    expect(existsSync(path.join(p.dir, 'xdg/imprint', folders[0]))).toBe(false);
    expect(readdirSync(p.dir).sort()).toEqual(['a.pdf', 'fonts', 'r.yaml', 'templates', 'xdg']);
  });
});
