/**
 * Where `imprint build` may write: never over its input or another file of the user, never a
 * device or a folder, never two reports into one file; a write that fails is one line with
 * exit 1 and leaves the last good PDF and no temporary file (a stopped build: stopped-build.test.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-out-'));

function imprint(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const good = 'report:\n  title: 测试报告\nchapters:\n  - title: 第一章\n    body:\n      - 这是一个段落。\n';

/** A fresh folder holding `name` with the good content. */
function project(name = 'r.yaml'): { folder: string; input: string } {
  const folder = mkdtempSync(path.join(dir, 'p-'));
  const input = path.join(folder, name);
  writeFileSync(input, good);
  return { folder, input };
}

/**
 * Makes a folder unwritable and returns how to undo it: its mode for a user, a read-only bind
 * mount for root (whom modes do not stop).
 */
function makeReadOnly(folder: string): () => void {
  if (process.getuid?.() !== 0) {
    chmodSync(folder, 0o555);
    return () => chmodSync(folder, 0o755);
  }
  const mount = spawnSync('mount', ['-o', 'bind,ro', folder, folder]);
  if (mount.status !== 0) throw new Error(`cannot make ${folder} read-only: ${mount.stderr}`);
  return () => void spawnSync('umount', [folder]);
}

/** The message, checked to be one line with no stack trace. */
function oneLine(err: string): string {
  expect(err.trimEnd().split('\n')).toHaveLength(1);
  return err.trimEnd();
}

describe('an output that would destroy a file of the user is refused (exit 2)', () => {
  it('the input itself, by any spelling of its path', () => {
    const { folder, input } = project();
    for (const o of [input, path.join(folder, 'sub', '..', 'r.yaml')]) {
      const r = imprint('build', input, '-o', o);
      expect(r.code).toBe(2);
      expect(oneLine(r.err)).toContain('would overwrite');
      expect(readFileSync(input, 'utf8')).toBe(good);
    }
  });

  it('the input through a symbolic link', () => {
    const { folder, input } = project();
    symlinkSync(input, path.join(folder, 'link.pdf'));
    const r = imprint('build', input, '-o', path.join(folder, 'link.pdf'));
    expect(r.code).toBe(2);
    expect(readFileSync(input, 'utf8')).toBe(good);
  });

  it('any existing file that is not a PDF (an image, a font, a template, notes)', () => {
    const { folder, input } = project();
    const notes = path.join(folder, 'notes.txt');
    writeFileSync(notes, '会议记录');
    const r = imprint('build', input, '-o', notes);
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toContain('is not a PDF');
    expect(readFileSync(notes, 'utf8')).toBe('会议记录');
  });

  it('a device, a folder', () => {
    const { folder, input } = project();
    const device = statSync('/dev/null');
    for (const o of ['/dev/null', folder]) {
      const r = imprint('build', input, '-o', o);
      expect(r.code).toBe(2);
      oneLine(r.err);
    }
    expect(statSync('/dev/null').ino).toBe(device.ino);
  });

  it('a file not named .pdf (a PDF would be written as report.txt), by build and watch; a folder for several inputs stays', () => {
    const { folder, input } = project();
    for (const o of ['report.txt', 'report', 'report.pdf.bak']) {
      for (const command of ['build', 'watch']) {
        const r = imprint(command, input, '-o', path.join(folder, o));
        expect({ o, command, code: r.code, err: r.err }).toEqual({ o, command, code: 2, err: `imprint: ${path.join(folder, o)}: a PDF is written there, but its name does not end in .pdf: name a .pdf file (\`imprint help\` shows the usage)\n` });
      }
      expect(existsSync(path.join(folder, o))).toBe(false);
    }
    expect(imprint('build', input, '-o', path.join(folder, 'R.PDF')).code).toBe(0);
    const second = path.join(folder, 's.yaml');
    writeFileSync(second, good);
    expect(imprint('build', input, second, '-o', path.join(folder, 'both'), '--jobs', '1').code).toBe(0);
    expect(readdirSync(path.join(folder, 'both')).sort()).toEqual(['r.pdf', 's.pdf']);
  });

  it('-o given twice: a usage error, not the last one taken', () => {
    const { folder, input } = project();
    for (const command of ['build', 'watch']) {
      const r = imprint(command, input, '-o', path.join(folder, 'a.pdf'), '--output', path.join(folder, 'b.pdf'));
      expect(oneLine(r.err)).toBe('imprint: -o is given twice: name one output (`imprint help` shows the usage)');
      expect(r.code).toBe(2);
    }
  });
  it('one file named for several inputs, and two inputs that would share a file of the folder', () => {
    const a = project('x.yaml');
    const b = project('x.yaml');
    const one = imprint('build', a.input, b.input, '-o', path.join(dir, 'one.pdf'));
    expect(one.code).toBe(2);
    expect(oneLine(one.err)).toContain('several');
    expect(existsSync(path.join(dir, 'one.pdf'))).toBe(false);
    const od = path.join(dir, 'od');
    const shared = imprint('build', a.input, b.input, '-o', od);
    expect(shared.code).toBe(2);
    expect(oneLine(shared.err)).toContain(path.join(od, 'x.pdf'));
    expect(existsSync(od)).toBe(false);
  });
});

describe('an output that is a symbolic link', () => {
  it('is kept: the PDF it leads to is written (atomically, in its own folder), by build and watch', async () => {
    const { folder, input } = project();
    const elsewhere = mkdtempSync(path.join(dir, 'elsewhere-'));
    const target = path.join(elsewhere, 'real.pdf');
    writeFileSync(target, '%PDF-1.4 an old edition');
    symlinkSync(path.relative(folder, target), path.join(folder, 'link.pdf')); // a relative link, as `ln -s` makes them
    const chain = path.join(folder, 'chain.pdf');
    symlinkSync('link.pdf', chain); // a link to a link
    for (const o of ['link.pdf', 'chain.pdf']) {
      writeFileSync(target, '%PDF-1.4 an old edition');
      const r = imprint('build', input, '-o', path.join(folder, o));
      expect(r.code, r.err).toBe(0);
      expect(lstatSync(path.join(folder, 'link.pdf')).isSymbolicLink()).toBe(true);
      expect(lstatSync(chain).isSymbolicLink()).toBe(true);
      expect(readFileSync(target, 'latin1')).toMatch(/^%PDF-1\.\d[\s\S]*%%EOF\s*$/);
    }
    expect(readdirSync(folder).sort()).toEqual(['chain.pdf', 'link.pdf', 'r.yaml']);
    expect(readdirSync(elsewhere)).toEqual(['real.pdf']); // no temporary file left
    // watch writes through it too
    writeFileSync(target, '%PDF-1.4 an old edition');
    const child = spawn(process.execPath, [cli, 'watch', input, '-o', path.join(folder, 'link.pdf')], { cwd: root });
    try {
      for (let i = 0; i < 300 && readFileSync(target, 'latin1').startsWith('%PDF-1.4 an old'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(readFileSync(target, 'latin1')).toMatch(/%%EOF\s*$/);
      expect(lstatSync(path.join(folder, 'link.pdf')).isSymbolicLink()).toBe(true);
    } finally {
      child.kill();
    }
  });

  it('that leads nowhere or loops is refused (exit 2, one line saying so), the link as it was, nothing written', () => {
    const { folder, input } = project();
    symlinkSync(path.join(folder, 'missing', 'x.pdf'), path.join(folder, 'gone.pdf'));
    symlinkSync('loop.pdf', path.join(folder, 'loop.pdf'));
    // a chain: the link at its end is the one that leads nowhere
    symlinkSync('gone.pdf', path.join(folder, 'chain.pdf'));
    const chain = imprint('build', input, '-o', path.join(folder, 'chain.pdf'));
    expect({ code: chain.code, err: oneLine(chain.err) }).toEqual({ code: 2, err: `imprint: ${path.join(folder, 'chain.pdf')} is a link to ${path.join(folder, 'missing', 'x.pdf')}, which does not exist: name the PDF itself (\`imprint help\` shows the usage)` });
    for (const command of ['build', 'watch']) {
      const gone = imprint(command, input, '-o', path.join(folder, 'gone.pdf'));
      expect({ code: gone.code, err: oneLine(gone.err) }).toEqual({ code: 2, err: `imprint: ${path.join(folder, 'gone.pdf')} is a link to ${path.join(folder, 'missing', 'x.pdf')}, which does not exist: name the PDF itself (\`imprint help\` shows the usage)` });
      const loop = imprint(command, input, '-o', path.join(folder, 'loop.pdf'));
      expect({ code: loop.code, err: oneLine(loop.err) }).toEqual({ code: 2, err: `imprint: ${path.join(folder, 'loop.pdf')} is a link that loops: name the PDF itself (\`imprint help\` shows the usage)` });
    }
    expect(lstatSync(path.join(folder, 'gone.pdf')).isSymbolicLink()).toBe(true);
    expect(lstatSync(path.join(folder, 'loop.pdf')).isSymbolicLink()).toBe(true);
    expect(readdirSync(folder).sort()).toEqual(['chain.pdf', 'gone.pdf', 'loop.pdf', 'r.yaml']);
  });
});

describe('a write that fails', () => {
  it('is one line with exit 1, and the last good PDF stays as it was', () => {
    const { folder, input } = project();
    const outDir = path.join(folder, 'out');
    mkdirSync(outDir);
    const output = path.join(outDir, 'r.pdf');
    expect(imprint('build', input, '-o', output).code).toBe(0);
    const before = readFileSync(output);
    writeFileSync(input, good.replace('这是一个段落。', '改过的段落。'));
    const undo = makeReadOnly(outDir);
    try {
      const r = imprint('build', input, '-o', output);
      expect(r.code).toBe(1);
      expect(oneLine(r.err)).toMatch(new RegExp(`^${output}: cannot write \\((permission denied|the file system is read-only)\\)`));
      expect(readFileSync(output).equals(before)).toBe(true);
    } finally {
      undo();
    }
    expect(readdirSync(outDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('under a path whose parent is a file', () => {
    const { folder, input } = project();
    writeFileSync(path.join(folder, 'plain'), 'x');
    const r = imprint('build', input, '-o', path.join(folder, 'plain', 'r.pdf'));
    expect(r.code).toBe(1);
    expect(oneLine(r.err)).toContain('is a file, not a folder');
    expect(readFileSync(path.join(folder, 'plain'), 'utf8')).toBe('x');
  });
});

describe('an output folder that is a broken link', () => {
  it('a link that loops or leads nowhere: one line saying so, exit 1, not an internal error', () => {
    const { folder, input } = project();
    symlinkSync('loop', path.join(folder, 'loop'));
    symlinkSync(path.join(folder, 'nowhere'), path.join(folder, 'gone'));
    for (const [out, reason] of [['loop/r.pdf', 'a link in the path loops'], ['gone/r.pdf', 'a folder of the path is missing, or a link to nothing']]) {
      const r = imprint('build', input, '-o', path.join(folder, out));
      expect(r.code, r.err).toBe(1);
      expect(r.err).toContain(`${path.join(folder, out)}: cannot write (${reason})`);
    }
  });
});

describe('the command', () => {
  it('says its version', () => {
    const r = imprint('--version');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(`imprint ${(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version}`);
  });

  it('--version takes nothing after it: a usage error that says so, not an unknown command "--version"', () => {
    for (const name of ['--version', '-V', 'version']) {
      const r = imprint(name, 'extra');
      expect(oneLine(r.err)).toBe(`imprint: ${name} takes nothing after it, not "extra" (\`imprint help\` shows the usage)`);
      expect(r.code).toBe(2);
    }
  });

  it('is executable as installed (npm links bin entries as they are)', () => {
    expect(statSync(cli).mode & 0o111).not.toBe(0);
  });
});
