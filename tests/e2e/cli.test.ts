/**
 * The `imprint` command as users run it (dist/bin.cjs: the bundled CLI through V8's code cache):
 * exit codes, messages, safe output; and the same bytes as the CLI loaded from its modules.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-cli-'));

function imprint(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const good = 'report:\n  title: 测试报告\n  date: 2026 年 1 月\nchapters:\n  - title: 第一章\n    body:\n      - 这是一个段落，有 2025 年的数字。\n';

describe('imprint build', () => {
  it('runs from the bundle, with the code cache, and writes what the CLI loaded from its modules writes', () => {
    expect(existsSync(path.join(root, 'dist/imprint.cjs'))).toBe(true);
    // ASCII only: the launcher reads it as a one-byte string, a copy of its bytes (UTF-8 took
    // 13 ms more at every start, and twice the memory); a String.raw with a Chinese character
    // is kept as it is by the bundler (write the character in a string it interpolates)
    const nonAscii = readFileSync(path.join(root, 'dist/imprint.cjs'), 'utf8').split('\n').filter((line) => /[^\x00-\x7f]/.test(line));
    expect(nonAscii.map((line) => line.slice(0, 80))).toEqual([]);
    const input = path.join(dir, 'same.yaml');
    writeFileSync(input, good);
    for (const [entry, out] of [[cli, 'bundle.pdf'], [cli, 'bundle-cached.pdf'], [path.join(root, 'dist/cli.js'), 'modules.pdf']]) {
      const r = spawnSync(process.execPath, [entry, 'build', input, '-o', path.join(dir, out), '--pdfa', '3b'], { cwd: dir, encoding: 'utf8' }); // 3b: the input in the project
      expect(r.stderr).toBe('');
    }
    expect(existsSync(path.join(root, 'dist/imprint.cjs.v8cache'))).toBe(true);
    const modules = readFileSync(path.join(dir, 'modules.pdf'));
    expect(readFileSync(path.join(dir, 'bundle.pdf')).equals(modules)).toBe(true);
    expect(readFileSync(path.join(dir, 'bundle-cached.pdf')).equals(modules)).toBe(true);
  });

  it('takes the value of an option written after = (--pdfa=2b, --output=x.pdf); -o=x.pdf is told to write -o x.pdf', () => {
    const input = path.join(dir, 'equals.yaml');
    writeFileSync(input, good);
    const r = imprint('build', input, `--output=${path.join(dir, 'equals.pdf')}`, '--pdfa=2b');
    expect([r.code, r.err]).toEqual([0, '']);
    expect(readFileSync(path.join(dir, 'equals.pdf'), 'latin1')).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(imprint('build', input, '-o=x.pdf')).toEqual({ code: 2, out: '', err: expect.stringContaining('unknown option -o=x.pdf: write -o x.pdf (its value after a space)') });
    expect(imprint('build', input, '--png=yes').err).toContain('unknown option --png=yes (');
  });

  it('loads what only a watch or a pool needs when it is needed: not at the start of every command', () => {
    // (Node's worker modules, chokidar, piscina: each a millisecond or more of every build's start-up)
    const script = "require('./dist/bundle.cjs').runBundle(false); console.log(JSON.stringify([...process.moduleLoadList.filter((m) => /worker_threads/.test(m)), ...Object.keys(require.cache).filter((k) => /chokidar|piscina/.test(k))]))";
    const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('has a code cache from a build of the sample, written at install, which builds use as it is', () => {
    // a cache written by `--help` alone holds a third fewer functions: every later build would
    // compile them again (see write-code-cache.ts)
    const copy = mkdtempSync(path.join(tmpdir(), 'imprint-dist-'));
    cpSync(path.join(root, 'dist'), path.join(copy, 'dist'), { recursive: true, preserveTimestamps: true });
    rmSync(path.join(copy, 'dist/imprint.cjs.v8cache'));
    writeFileSync(path.join(copy, 'package.json'), '{"type": "module"}');
    symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
    expect(spawnSync(process.execPath, [path.join(copy, 'dist/bin.cjs'), '--help'], { encoding: 'utf8' }).stdout).toContain('imprint build');
    const fromHelp = statSync(path.join(copy, 'dist/imprint.cjs.v8cache')).size;
    const cache = path.join(root, 'dist/imprint.cjs.v8cache');
    expect(spawnSync(process.execPath, [path.join(root, 'dist/write-code-cache.js')], { cwd: root, encoding: 'utf8' }).status).toBe(0);
    const installed = statSync(cache);
    expect(installed.size).toBeGreaterThan(fromHelp * 1.3);
    const input = path.join(dir, 'cache.yaml');
    writeFileSync(input, good);
    // a build and a check that exit run with V8's flags tuned (see v8-tuning.ts): the cache stays valid for the next
    expect(imprint('build', input, '-o', path.join(dir, 'cache.pdf')).code).toBe(0);
    expect(imprint('check', input).code).toBe(0);
    writeFileSync(path.join(dir, 'cache2.yaml'), good);
    expect(imprint('build', input, path.join(dir, 'cache2.yaml'), '-o', path.join(dir, 'two'), '--jobs', '1').code).toBe(0);
    expect(imprint('build', input, '-o', path.join(dir, 'cache.pdf')).code).toBe(0);
    expect(statSync(cache).mtimeMs).toBe(installed.mtimeMs); // accepted by V8, not written again
    rmSync(copy, { recursive: true });
  });

  it('builds a report from anywhere on disk into the named file', () => {
    const input = path.join(dir, 'a.yaml');
    writeFileSync(input, good);
    const r = imprint('build', input, '-o', path.join(dir, 'a.pdf'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'a.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('reports bad input as FILE:LINE:COL with exit 1, no stack trace, and keeps the last good PDF', () => {
    const input = path.join(dir, 'b.yaml');
    const output = path.join(dir, 'b.pdf');
    writeFileSync(input, good);
    expect(imprint('build', input, '-o', output).code).toBe(0);
    const before = readFileSync(output);
    writeFileSync(input, good.replace('body:', 'bodi:'));
    const r = imprint('build', input, '-o', output);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${input}:6:5: unknown key "bodi" in a chapter (did you mean "body"?)`);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(readFileSync(output).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('warns of a character no font has, with its code point and place, and still builds', () => {
    const input = path.join(dir, 'm.yaml');
    writeFileSync(input, good.replace('这是一个段落', '这是一个😀段落'));
    const r = imprint('build', input, '-o', path.join(dir, 'm.pdf'));
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${input}:7:13: warning: no font has the character "😀" (U+1F600)`);
    // drawn as the font's empty box, with the character as ActualText for text extraction
    const raw = readFileSync(path.join(dir, 'm.pdf'));
    const streams = [...raw.toString('latin1').matchAll(/stream\r?\n/g)].map((m) => {
      const start = m.index! + m[0].length;
      const end = raw.indexOf('endstream', start);
      try {
        return inflateSync(raw.subarray(start, end)).toString('latin1');
      } catch {
        return '';
      }
    });
    expect(streams.some((t) => t.includes('/Span <</ActualText <FEFFD83DDE00>>> BDC'))).toBe(true);
  });

  it('warns once of several characters no font has side by side, naming each, and each comes back as itself when copied', () => {
    const input = path.join(dir, 'm3.yaml');
    writeFileSync(input, good.replace('这是一个段落', '这是😀🎉🚀段落'));
    const r = imprint('build', input, '-o', path.join(dir, 'm3.pdf'));
    expect(r.code).toBe(0);
    expect(r.err.split('\n').filter((l) => l.includes('no font has'))).toEqual([`${input}:7:11: warning: no font has the 3 characters of "😀🎉🚀" (U+1F600 U+1F389 U+1F680); they are drawn as empty boxes`]);
    const raw = readFileSync(path.join(dir, 'm3.pdf'));
    const text = [...raw.toString('latin1').matchAll(/stream\r?\n/g)]
      .map((m) => {
        try {
          return inflateSync(raw.subarray(m.index! + m[0].length, raw.indexOf('endstream', m.index!))).toString('latin1');
        } catch {
          return '';
        }
      })
      .join('');
    // (fontkit gave every .notdef the characters of the first: 😀 three times)
    expect([...text.matchAll(/\/ActualText <FEFF([0-9A-F]+)>/g)].map((m) => m[1])).toEqual(['D83DDE00', 'D83CDF89', 'D83DDE80']);
  });

  it('prints its usage when asked, with exit 0', () => {
    for (const ask of ['help', '--help', '-h']) {
      const r = imprint(ask);
      expect(r.code).toBe(0);
      expect(r.out).toContain('imprint build [FILE.yaml ...]');
      expect(r.err).toBe('');
    }
  });

  it('whose reader has gone (`| head -1`) still builds every report, and exits with the build’s own status', async () => {
    const first = path.join(dir, 'gone-1.yaml');
    const second = path.join(dir, 'gone-2.yaml');
    writeFileSync(first, good);
    writeFileSync(second, good.replace('body:', 'bodi:')); // a problem: exit 1
    const child = spawn(process.execPath, [path.join(root, 'dist/bin.cjs'), 'build', first, second, '--jobs', '1'], { cwd: dir });
    child.stdout.destroy(); // the first report's line has nowhere to go
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(1);
    expect(existsSync(path.join(dir, 'out/gone-1.pdf'))).toBe(true);
  });

  it('prints the usage of one command when asked with --help or -h after it, or `help COMMAND`, exit 0', () => {
    const asks: [string[], string][] = [
      [['init', '--help'], 'imprint init DIR'],
      [['diff', '-h'], 'imprint diff OLD.pdf NEW.pdf'],
      [['build', 'x.yaml', '--help'], 'imprint build [FILE.yaml ...]'],
      [['import', '--help'], 'imprint import FILE.docx'],
      [['help', 'extract'], 'imprint extract FILE.pdf DIR'],
    ];
    for (const [args, first] of asks) {
      const r = imprint(...args);
      expect([args, r.code, r.err]).toEqual([args, 0, '']);
      expect(r.out.startsWith(`usage:\n  ${first}`), r.out).toBe(true);
      expect(r.out).not.toContain('imprint clean'); // that command's lines only
    }
    expect(imprint('help', 'frobnicate').code).toBe(2);
  });

  it('takes --help or -h given as an option\'s value for that value, not for a question: the option lacks its value, exit 2', () => {
    const asks: [string[], string][] = [
      [['build', '-o', '-h'], '-o needs a file or folder name'],
      [['build', 'x.yaml', '--output', '--help'], '-o needs a file or folder name'],
      [['build', 'x.yaml', '--png', '--pages', '-h'], '--pages needs a page or a range of pages'],
      [['import', 'x.docx', '-o', '--help'], '-o needs a file name, FILE.yaml'],
      [['diff', 'a.pdf', 'b.pdf', '-o', '-h'], '-o needs a folder for the page images'],
    ];
    for (const [args, message] of asks) {
      const r = imprint(...args);
      expect([args, r.code, r.out]).toEqual([args, 2, '']);
      expect(r.err, args.join(' ')).toContain(`imprint: ${message}`);
    }
  });

  it('takes --help and -h before a command as help: that command\'s usage; more than one command, or an option before the command, is said so (it said `unknown command "help": did you mean "help"?`)', () => {
    for (const ask of ['--help', '-h']) {
      const r = imprint(ask, 'build');
      expect([ask, r.code, r.err]).toEqual([ask, 0, '']);
      expect(r.out.startsWith('usage:\n  imprint build [FILE.yaml ...]'), r.out).toBe(true);
    }
    for (const ask of ['help', '--help', '-h'])
      expect(imprint(ask, 'build', 'extra')).toEqual({ code: 2, out: '', err: `imprint: ${ask} takes at most one COMMAND, not "build extra" (\`imprint help\` shows the usage)\n` });
    // (it said: unknown command "-o": did you mean "-V"?)
    expect(imprint('-o', 'x.pdf', 'build')).toEqual({ code: 2, out: '', err: 'imprint: -o is an option, not a command: write the command first, then its options (imprint build FILE.yaml -o …) (`imprint help` shows the usage)\n' });
    expect(imprint('--verison').err).toBe('imprint: unknown command "--verison": did you mean "--version"? (`imprint help` shows the usage)\n');
  });

  it('prints the usage of --version asked by any of its names (version, -V)', () => {
    for (const args of [['version', '--help'], ['help', 'version'], ['-V', '--help'], ['-V', '-h'], ['help', '--version']]) {
      const r = imprint(...args);
      expect([args, r.code, r.err]).toEqual([args, 0, '']);
      expect(r.out.startsWith('usage:\n  imprint --version '), r.out).toBe(true);
    }
  });

  it('takes numbers in options as plain decimal digits only, for every option', () => {
    for (const [option, value] of [['--dpi', '0x48'], ['--dpi', '1e2'], ['--dpi', '72.0'], ['--dpi', ' 72'], ['--jobs', '0x2'], ['--jobs', '1e0'], ['--pages', '1e1'], ['--pages', '0x3']]) {
      const r = imprint('build', 'content/jingan-2025.yaml', '--png', option, value, '-o', path.join(dir, 'numbers.pdf'));
      expect([option, value, r.code]).toEqual([option, value, 2]);
    }
    expect(existsSync(path.join(dir, 'numbers.pdf'))).toBe(false);
  });

  it('answers wrong usage with exit 2', () => {
    expect(imprint('frobnicate')).toEqual({ code: 2, out: '', err: 'imprint: unknown command "frobnicate" (`imprint help` shows the usage)\n' });
    expect(imprint('biuld')).toEqual({ code: 2, out: '', err: 'imprint: unknown command "biuld": did you mean "build"? (`imprint help` shows the usage)\n' });
    expect(imprint('help', 'wacth')).toEqual({ code: 2, out: '', err: 'imprint: unknown command "wacth": did you mean "watch"? (`imprint help` shows the usage)\n' });
    expect(imprint('build', '--colour').code).toBe(2);
    for (const command of ['watch', 'check']) {
      const r = imprint(command, 'content/jingan-2025.yaml', '--jobs', '2');
      expect(r.code).toBe(2);
      expect(r.err).toContain('--jobs goes with build');
    }
  });

  it('says of a page range written backwards that it is, and how to write it, not that it needs a range', () => {
    const r = imprint('build', 'content/jingan-2025.yaml', '--png', '--pages', '9-2', '-o', path.join(dir, 'backwards.pdf'));
    expect(r).toEqual({ code: 2, out: '', err: 'imprint: --pages 9-2 runs backwards: write 2-9 (from the first page to the last) (`imprint help` shows the usage)\n' });
    expect(imprint('build', 'content/jingan-2025.yaml', '--png', '--pages', '0-2').err).toBe('imprint: --pages needs a page or a range of pages, counted from 1: 3 or 3-5 (`imprint help` shows the usage)\n');
    expect(existsSync(path.join(dir, 'backwards.pdf'))).toBe(false);
  });
});

describe('imprint check', () => {
  it('validates without writing anything', () => {
    const input = path.join(dir, 'c.yaml');
    writeFileSync(input, good);
    const r = imprint('check', input);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'c.pdf'))).toBe(false);
  });

  it('passes on the sample report', () => {
    expect(imprint('check', 'content/jingan-2025.yaml').code).toBe(0);
  });
});

describe('imprint build with several files', () => {
  it('builds each into the folder given, in a pool of workers, and reports a failing one without stopping the others', () => {
    const out = path.join(dir, 'many');
    const files = ['p1', 'p2', 'p3'].map((n) => path.join(dir, `${n}.yaml`));
    writeFileSync(files[0], good);
    writeFileSync(files[1], good.replace('title: 第一章', 'titel: 第一章'));
    writeFileSync(files[2], good);
    const r = imprint('build', ...files, '-o', out, '--jobs', '2');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${files[1]}:5:5: unknown key "titel"`);
    expect(readdirSync(out).sort()).toEqual(['p1.pdf', 'p3.pdf']);
    expect(r.out.match(/ -> /g)).toHaveLength(2);
  });

  it('refuses a report given twice as that, not as two reports written to one PDF', () => {
    const file = path.join(dir, 'twice.yaml');
    writeFileSync(file, good);
    for (const again of [file, path.join(dir, '.', '..', path.basename(dir), 'twice.yaml')]) {
      const r = imprint('build', file, again, '-o', path.join(dir, 'twice-out'));
      expect([r.code, r.err]).toEqual([2, `imprint: ${again} is given twice: name each report once (\`imprint help\` shows the usage)\n`]);
    }
    expect(existsSync(path.join(dir, 'twice-out'))).toBe(false);
  });
});
