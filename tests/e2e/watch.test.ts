/** `imprint watch`: rebuilds on every save, keeps the last good PDF and goes on after an error. */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import path from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { makePng } from '../helpers/png.js';
import { rareFont } from '../helpers/rare-font.js';
import { WATCH_YOUNG_GENERATION_MIB } from '../../src/watch-thread.js';
import { good, newProject, root } from '../helpers/project.js';

/** `imprint watch INPUT -o OUTPUT [...options]` run in `cwd`, its output collected. */
function startWatch(cwd: string, input: string, output: string, ...options: string[]) {
  return startWatchFrom('dist/cli.js', {}, cwd, input, output, ...options);
}

/** As `startWatch`, the command started from `entry` (dist/cli.js: the modules; dist/bin.cjs: the bundle, as installed) with `env` added to the environment. */
function startWatchFrom(entry: string, env: Record<string, string>, cwd: string, input: string, output: string, ...options: string[]) {
  const child = spawn(process.execPath, [path.join(root, entry), 'watch', input, '-o', output, ...options], { cwd, env: { ...process.env, ...env } });
  let [out, stdout, stderr] = ['', '', ''];
  child.stdout.on('data', (d) => ((out += d), (stdout += d)));
  child.stderr.on('data', (d) => ((out += d), (stderr += d)));
  let exited = false;
  child.on('exit', () => (exited = true));
  const count = (pattern: RegExp) => (out.match(pattern) ?? []).length;
  return {
    child,
    out: () => out,
    /** What it printed on standard output and on standard error. */
    streams: () => ({ stdout, stderr }),
    alive: () => !exited,
    /** Waits (up to 15 s: the machine may be loaded) until `pattern` was printed `times` times. */
    async waitFor(pattern: RegExp, times: number) {
      for (let i = 0; i < 300 && count(pattern) < times && !exited; i++) await new Promise((r) => setTimeout(r, 50));
      expect(count(pattern), out).toBeGreaterThanOrEqual(times);
    },
  };
}

/** A watch of a new report `w.yaml` of `text` in a new folder named from `prefix`, to `w.pdf` beside it. */
function watchingNew(prefix: string, text: string) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const input = path.join(dir, 'w.yaml');
  const output = path.join(dir, 'w.pdf');
  writeFileSync(input, text);
  return { input, output, w: startWatch(root, input, output) };
}

/** A build's line: `built in N ms` for the watch's first, `rebuilt in N ms` after. */
const BUILT = /built in \d+ ms/g;
/** A failed build's line: `not built` before the watch's first good build, `not rebuilt` after. */
const NOT_BUILT = /not (?:re)?built/g;
/** A line of a stack trace. */
const STACK = /^\s+at /m;

describe('imprint watch', () => {
  it('rebuilds after an edit, survives a broken file, and keeps the last good PDF', async () => {
    const { input, output, w } = watchingNew('imprint-watch-', good);
    try {
      await w.waitFor(BUILT, 1);
      writeFileSync(input, good + '      - 第二段。\n');
      await w.waitFor(BUILT, 2);
      const pdf = readFileSync(output);
      writeFileSync(input, good.replace('body:', 'bodi:'));
      await w.waitFor(NOT_BUILT, 1);
      expect(w.out()).toContain(`${input}:5:5: unknown key "bodi"`);
      // the input's problems on standard error, as \`imprint build\` prints them; the builds' lines on standard output
      expect(w.streams().stderr).toContain(`${input}:5:5: unknown key "bodi"`);
      expect(w.streams().stderr).toMatch(NOT_BUILT);
      expect(w.streams().stdout).not.toContain('unknown key');
      expect(w.streams().stdout).toMatch(BUILT);
      expect(readFileSync(output).equals(pdf)).toBe(true);
      writeFileSync(input, good);
      await w.waitFor(BUILT, 3);
      // two saves 10 ms apart (an editor, then its formatter): the second is built too, though
      // chokidar reports no change within 50 ms of the last (same size: its stat looks alike)
      writeFileSync(input, good.replace('第一段', '第二段'));
      await new Promise((r) => setTimeout(r, 10));
      writeFileSync(input, good.replace('body:', 'bodi:'));
      await w.waitFor(NOT_BUILT, 2);
    } finally {
      w.child.kill();
    }
  });

  it('says "built" for its first build and "rebuilt" for the later ones, also after a failed one', async () => {
    const { input, output, w } = watchingNew('imprint-watch-verb-', good);
    try {
      await w.waitFor(BUILT, 1);
      writeFileSync(input, good.replace('body:', 'bodi:'));
      await w.waitFor(NOT_BUILT, 1);
      writeFileSync(input, good + '      - 第二段。\n');
      await w.waitFor(BUILT, 2);
      const lines = w.streams().stdout.trim().split('\n');
      expect(lines, w.out()).toEqual([expect.stringMatching(new RegExp(`^${input} -> ${output}: \\d+ pages, built in \\d+ ms$`)), expect.stringMatching(/, rebuilt in \d+ ms$/)]);
      expect(w.streams().stderr).toContain(`${input}: not rebuilt (1 problem); ${output} is the last good build`);
    } finally {
      w.child.kill();
    }
  });

  it('stops quietly when what reads its lines has gone (watch … | head -1)', async () => {
    const p = newProject();
    const child = spawn(process.execPath, [path.join(root, 'dist/bin.cjs'), 'watch', p.input, '-o', p.output], { cwd: p.dir });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const status = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise((resolve) => child.stdout.once('data', resolve)); // its first line, then the reader goes
    child.stdout.destroy();
    writeFileSync(p.input, good + '      - 第二段。\n'); // a rebuild: its line has nowhere to go
    expect(await status).toBe(0);
    expect(err).not.toMatch(/EPIPE|^\s+at /m);
  });

  it('says no PDF is there yet when the first build fails, and builds once the input is mended', async () => {
    const { input, output, w } = watchingNew('imprint-watch-first-', good.replace('body:', 'bodi:'));
    try {
      await w.waitFor(NOT_BUILT, 1);
      expect(w.out()).toContain(`${input}: not built (1 problem); no PDF written yet at ${output}`);
      writeFileSync(input, good);
      await w.waitFor(BUILT, 1);
    } finally {
      w.child.kill();
    }
  });

  it('survives a broken font registry: prints where, keeps the PDF, rebuilds once it is fixed', async () => {
    const p = newProject();
    const w = startWatch(p.dir, p.input, p.output);
    try {
      await w.waitFor(BUILT, 1);
      const pdf = readFileSync(p.output);
      const registry = readFileSync(p.registry, 'utf8');
      writeFileSync(p.registry, registry.replace('NotoSerifSC_400Regular.ttf', 'NoSuchFont.ttf'));
      await w.waitFor(NOT_BUILT, 1);
      expect(w.out()).toMatch(new RegExp(`^${path.relative(p.dir, p.registry)}:\\d+:\\d+: font file of role "serif" not found`, 'm'));
      expect(w.out()).not.toMatch(STACK);
      expect(readFileSync(p.output).equals(pdf)).toBe(true);
      writeFileSync(p.registry, 'roles: [\n'); // not even YAML
      await w.waitFor(NOT_BUILT, 2);
      expect(w.out()).toMatch(new RegExp(`^${path.relative(p.dir, p.registry)}:\\d+:\\d+: `, 'm'));
      writeFileSync(p.registry, registry);
      await w.waitFor(BUILT, 2);
      expect(w.alive()).toBe(true);
    } finally {
      w.child.kill();
    }
  });

  it('rebuilds when the YAML is deleted and written again later, and after a save that renames over it', async () => {
    const p = newProject();
    const w = startWatch(p.dir, p.input, p.output);
    try {
      await w.waitFor(BUILT, 1);
      rmSync(p.input);
      await new Promise((r) => setTimeout(r, 600)); // as some editors save
      writeFileSync(p.input, good.replace('第一段', '第二段'));
      await w.waitFor(BUILT, 2);
      // the editor writes a temporary file and renames it over the YAML
      const temporary = path.join(p.dir, '.w.yaml.saving');
      writeFileSync(temporary, good.replace('第一段', '第三段'));
      renameSync(temporary, p.input);
      await w.waitFor(BUILT, 3);
      writeFileSync(temporary, good.replace('第一段', '第四段'));
      renameSync(temporary, p.input);
      await w.waitFor(BUILT, 4);
    } finally {
      w.child.kill();
    }
  });

  it('rebuilds when an image of a figure changes', async () => {
    const p = newProject(good + '      - figure:\n          title: 图一\n          image: fig.png\n');
    const image = path.join(p.dir, 'fig.png');
    writeFileSync(image, makePng(40, 30));
    const w = startWatch(p.dir, p.input, p.output);
    try {
      await w.waitFor(BUILT, 1);
      writeFileSync(image, makePng(60, 30));
      await w.waitFor(BUILT, 2);
    } finally {
      w.child.kill();
    }
  });

  it('follows the fallback fonts: a change of the fallback font file or of `fallbacks:` reaches the next build', async () => {
    const rare = '\u{20BB7}'; // 𠮷: no shipped font has it
    const p = newProject(good.replace('第一段。', `${rare}田老师。`));
    const sans = path.join(root, 'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
    const font = (ch: string) => {
      // (written whole, then renamed over it: one change, not one per write of its 10 MB)
      writeFileSync(path.join(p.dir, 'rare.tmp'), rareFont(sans, { [ch]: '吉' }, 'ImprintRare-Regular'));
      renameSync(path.join(p.dir, 'rare.tmp'), path.join(p.dir, 'fonts/rare.ttf'));
    };
    font(rare);
    const registry = 'roles:\n  rare:\n    regular: rare.ttf\nfallbacks: [rare]\n';
    writeFileSync(p.registry, registry);
    const missing = /no font has the character/g;
    const w = startWatch(p.dir, p.input, p.output);
    try {
      await w.waitFor(BUILT, 1);
      expect(w.out()).not.toMatch(missing);
      font('\u{20BB8}'); // the fallback no longer has it
      await w.waitFor(missing, 1);
      font(rare);
      await w.waitFor(BUILT, 3);
      writeFileSync(p.registry, registry.replace('fallbacks: [rare]\n', ''));
      await w.waitFor(missing, 2);
      expect(w.out().match(BUILT), w.out()).toHaveLength(4);
    } finally {
      w.child.kill();
    }
  });

  it('after a failed build, follows what its problems are about: an image, a font file, a template made only then', async () => {
    const p = newProject(good.replace('report:\n', 'report:\n  template: mine\n') + '      - figure:\n          title: 图一\n          image: images/fig.png\n');
    mkdirSync(path.join(p.dir, 'images'));
    const registry = readFileSync(p.registry, 'utf8');
    writeFileSync(p.registry, `${registry}  song:\n    regular: song.ttf\n`);
    writeFileSync(p.input, readFileSync(p.input, 'utf8').replace('  template: mine\n', '  template: mine\n  subtitle: 宋\n'));
    const w = startWatch(p.dir, p.input, p.output);
    try {
      await w.waitFor(NOT_BUILT, 1);
      expect(w.out()).toMatch(/image not found: images\/fig\.png/);
      writeFileSync(path.join(p.dir, 'images/fig.png'), makePng(40, 30));
      await w.waitFor(NOT_BUILT, 2);
      expect(w.out()).toMatch(/template "mine" not found/);
      // the template: its folder, then its theme.yaml (each a build of its own)
      mkdirSync(path.join(p.dir, 'templates/mine'), { recursive: true });
      await w.waitFor(NOT_BUILT, 3);
      expect(w.out()).toMatch(/mine has no theme\.yaml/);
      writeFileSync(path.join(p.dir, 'templates/mine/theme.yaml'), 'extends: official\nstyles:\n  cover-subtitle: { font: song }\n');
      await w.waitFor(NOT_BUILT, 4);
      expect(w.out()).toMatch(/font file of role "song" not found/);
      cpSync(path.join(root, 'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'), path.join(p.dir, 'fonts/song.ttf'));
      await w.waitFor(BUILT, 1);
      expect(w.out()).not.toMatch(STACK);
    } finally {
      w.child.kill();
    }
  });

  it('rebuilds when a file or the theme of the template named by `extends:` changes', async () => {
    const p = newProject(good.replace('  title: 监视\n', '  title: 监视\n  template: mine\n'));
    cpSync(path.join(root, 'templates', 'official'), path.join(p.dir, 'templates', 'base'), { recursive: true });
    mkdirSync(path.join(p.dir, 'templates', 'mine'));
    writeFileSync(path.join(p.dir, 'templates', 'mine', 'theme.yaml'), 'extends: base\n');
    const edit = (file: string, from: string, to: string) => {
      const full = path.join(p.dir, 'templates', 'base', file);
      const text = readFileSync(full, 'utf8');
      expect(text).toContain(from);
      writeFileSync(full, text.replace(from, to));
    };
    const w = startWatch(p.dir, p.input, p.output);
    try {
      await w.waitFor(BUILT, 1);
      const first = readFileSync(p.output);
      edit('footer.hbs', '— {{page}} —', '第 {{page}} 页');
      await w.waitFor(BUILT, 2);
      const second = readFileSync(p.output);
      expect(second.equals(first)).toBe(false);
      edit('theme.yaml', 'size: 小四, line-height: 1.8, indent: 2em, align: justify }', 'size: 三号, line-height: 1.8, indent: 2em, align: justify }');
      await w.waitFor(BUILT, 3);
      expect(readFileSync(p.output).equals(second)).toBe(false);
    } finally {
      w.child.kill();
    }
  });

  it('follows an image the template names itself: missing, then made, then changed', async () => {
    const p = newProject(good.replace('  title: 监视\n', '  title: 监视\n  template: mine\n'));
    cpSync(path.join(root, 'templates', 'official'), path.join(p.dir, 'templates', 'mine'), { recursive: true });
    const block = path.join(p.dir, 'templates', 'mine', 'block.hbs');
    writeFileSync(block, readFileSync(block, 'utf8').replace('{{#if list}}', '<figure src="templates/emblem.png"><caption>徽</caption></figure>{{#if list}}'));
    const emblem = path.join(p.dir, 'templates', 'emblem.png');
    const w = startWatch(p.dir, p.input, p.output);
    try {
      await w.waitFor(NOT_BUILT, 1);
      expect(w.out()).toMatch(/block\.hbs:\d+:\d+: markup: image not found: templates\/emblem\.png/);
      writeFileSync(emblem, makePng(40, 30));
      await w.waitFor(BUILT, 1);
      const first = readFileSync(p.output);
      writeFileSync(emblem, makePng(60, 30));
      await w.waitFor(BUILT, 2);
      expect(readFileSync(p.output).equals(first)).toBe(false);
    } finally {
      w.child.kill();
    }
  });

  it('survives a damaged image: its problem at the image: line, no stack, the last good PDF kept', async () => {
    const p = newProject(good + '      - figure:\n          title: 图一\n          image: fig.png\n');
    const image = path.join(p.dir, 'fig.png');
    const png = makePng(40, 30);
    writeFileSync(image, png);
    const w = startWatch(p.dir, p.input, p.output);
    try {
      await w.waitFor(BUILT, 1);
      const pdf = readFileSync(p.output);
      // cut short after its header (the PDF writer threw while writing); a colour type the PDF
      // writer decodes, then chokes on in a callback of its own, outside any build's promise
      writeFileSync(image, png.subarray(0, 40));
      await w.waitFor(NOT_BUILT, 1);
      const rgba = Buffer.from(png);
      rgba[25] = 6;
      writeFileSync(image, rgba);
      await w.waitFor(NOT_BUILT, 2);
      expect(w.out().match(new RegExp(`^${path.relative(p.dir, p.input)}:9:18: image damaged: .*: fig\\.png$`, 'gm'))?.length, w.out()).toBe(2);
      expect(w.out()).not.toMatch(/internal error/);
      expect(w.out()).not.toMatch(STACK);
      expect(readFileSync(p.output).equals(pdf)).toBe(true);
      writeFileSync(image, makePng(60, 30));
      await w.waitFor(BUILT, 2);
    } finally {
      w.child.kill();
    }
  });

  it('with --diff, follows each rebuild line with what it changed in print: the page and the words', async () => {
    const before = good.replace('第一段。', '两所学校均以提升教学质量为核心。');
    const p = newProject(before);
    const w = startWatch(p.dir, p.input, p.output, '--diff');
    try {
      await w.waitFor(BUILT, 1);
      writeFileSync(p.input, before.replace('提升', '提高'));
      await w.waitFor(/^ {2}p\. .*$/gm, 1);
      // the second rebuild line, then the summary of imprint diff
      const lines = w.out().split('\n');
      const rebuilt = lines.filter((l) => / (?:re)?built in /.test(l)).map((l) => lines.indexOf(l))[1];
      expect(lines.slice(rebuilt + 1, rebuilt + 4), w.out()).toEqual([`the last build (3 pages) -> ${p.output} (3 pages)`, 'p. 1 changed', '  p. 1: removed “提升”, added “提高”']);
      writeFileSync(p.input, before.replace('提升', '提高') + '# a comment: the same print\n');
      await w.waitFor(/^no change in print$/gm, 1);
      expect(w.out()).not.toMatch(STACK);
    } finally {
      w.child.kill();
    }
  });

  it('keeps as many files open after changes of the font registry as before', async () => {
    const p = newProject();
    const w = startWatch(p.dir, p.input, p.output);
    const openFiles = () => readdirSync(`/proc/${w.child.pid}/fd`).length;
    try {
      await w.waitFor(BUILT, 1);
      const before = openFiles();
      const registry = readFileSync(p.registry, 'utf8');
      for (let i = 1; i <= 10; i++) {
        writeFileSync(p.registry, `${registry}# save ${i}\n`);
        await w.waitFor(BUILT, 1 + i);
      }
      expect(openFiles()).toBeLessThanOrEqual(before + 2);
    } finally {
      w.child.kill();
    }
  });
});

describe.runIf(process.platform === 'linux')('the watch thread', () => {
  it('builds off the main thread, from the bundle as installed, every other thread 10 nicer; the PDF a fresh build’s', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imprint-watch-thread-'));
    const input = path.join(dir, 'w.yaml');
    const output = path.join(dir, 'w.pdf');
    writeFileSync(input, good);
    const w = startWatchFrom('dist/bin.cjs', { IMPRINT_DEBUG: '1' }, root, input, output);
    try {
      await w.waitFor(BUILT, 1);
      // the watcher of the bundle, as the command runs from it; a young generation a rebuild's new objects fit in
      expect(w.out()).toMatch(new RegExp(`^imprint: watch thread: the bundle, young generation ${WATCH_YOUNG_GENERATION_MIB} MiB$`, 'm'));
      expect(WATCH_YOUNG_GENERATION_MIB).toBeGreaterThanOrEqual(96);
      writeFileSync(input, good + '      - 第二段。\n');
      await w.waitFor(BUILT, 2);
      await new Promise((r) => setTimeout(r, 200)); // the threads are lowered once the build has ended
      const pid = w.child.pid!;
      const threads = readdirSync(`/proc/${pid}/task`).map((id) => {
        const fields = readFileSync(`/proc/${pid}/task/${id}/stat`, 'latin1').split(') ')[1].split(' ');
        return { id, cpu: Number(fields[11]) + Number(fields[12]), nice: Number(fields[16]) };
      });
      const builder = threads.reduce((a, b) => (b.cpu > a.cpu ? b : a));
      expect(builder.id).not.toBe(String(pid));
      expect(builder.nice).toBe(getPriority());
      threads.filter((t) => t !== builder).forEach((t) => expect(t.nice, `thread ${t.id}`).toBe(Math.min(19, getPriority() + 10)));
      const fresh = path.join(dir, 'fresh.pdf');
      execFileSync(process.execPath, [path.join(root, 'dist/bin.cjs'), 'build', input, '-o', fresh, '--no-cache'], { cwd: root });
      expect(readFileSync(output).equals(readFileSync(fresh))).toBe(true);
      // Ctrl-C: the thread stopped, then its temporary file removed; the shell's status for SIGINT
      const status = new Promise((resolve) => w.child.once('exit', (code) => resolve(code)));
      w.child.kill('SIGINT');
      expect(await status).toBe(130);
      expect(readdirSync(dir).sort()).toEqual(['fresh.pdf', 'w.pdf', 'w.yaml']);
    } finally {
      w.child.kill();
    }
  });
});

describe.runIf(process.platform === 'linux')('files that are not what they seem', () => {
  it('a content file not there, beside links that loop: said as for any missing file (no ELOOP), and built once it is written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imprint-watch-loop-'));
    symlinkSync('loop', path.join(dir, 'loop'));
    symlinkSync('b', path.join(dir, 'a'));
    symlinkSync('a', path.join(dir, 'b'));
    const w = startWatch(dir, 'w.yaml', 'w.pdf');
    try {
      await w.waitFor(NOT_BUILT, 1);
      await new Promise((r) => setTimeout(r, 300)); // (what the watcher says of the folder's links comes after)
      expect(w.out()).toBe('w.yaml:1:1: file not found\nw.yaml: not built (1 problem); no PDF written yet at w.pdf\n');
      writeFileSync(path.join(dir, 'w.yaml'), good);
      await w.waitFor(BUILT, 1);
      expect(w.out()).not.toMatch(/ELOOP|cannot watch/);
    } finally {
      w.child.kill();
    }
  });

  it('a content file that is a link that loops: one line that says so', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imprint-watch-loop-'));
    symlinkSync('w.yaml', path.join(dir, 'w.yaml'));
    const w = startWatch(dir, 'w.yaml', 'w.pdf');
    try {
      await w.waitFor(NOT_BUILT, 1);
      await new Promise((r) => setTimeout(r, 300));
      expect(w.out()).toBe('w.yaml:1:1: cannot read this file (a link that loops)\nw.yaml: not built (1 problem); no PDF written yet at w.pdf\n');
    } finally {
      w.child.kill();
    }
  });

  it('a named pipe where the content was: a problem, the watch goes on, and Ctrl-C stops it', async () => {
    const p = newProject();
    const w = startWatch(p.dir, p.input, p.output);
    try {
      await w.waitFor(BUILT, 1);
      rmSync(p.input);
      execFileSync('mkfifo', [p.input]); // opened to read, it waits for a writer
      await w.waitFor(NOT_BUILT, 1);
      expect(w.out()).toMatch(/not a regular file/);
      const status = new Promise((resolve) => w.child.once('exit', (code) => resolve(code)));
      w.child.kill('SIGINT');
      expect(await status).toBe(130);
    } finally {
      w.child.kill('SIGKILL');
    }
  });

  it('an output in a folder the build reads (a template folder) is not a change: no rebuild of its own', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imprint-watch-own-'));
    execFileSync(process.execPath, [path.join(root, 'dist/bin.cjs'), 'init', dir]);
    const w = startWatch(dir, 'content/report.yaml', 'templates/mine/report.pdf');
    try {
      await w.waitFor(BUILT, 1);
      await new Promise((r) => setTimeout(r, 1500));
      expect(w.out().match(BUILT)).toHaveLength(1);
      writeFileSync(path.join(dir, 'templates/mine/theme.yaml'), `${readFileSync(path.join(dir, 'templates/mine/theme.yaml'), 'utf8')}\n# saved\n`);
      await w.waitFor(BUILT, 2); // a file of the folder still is
    } finally {
      w.child.kill();
    }
  });
});

describe('the code cache', () => {
  it('is not written by a watch (its builds run in the watch thread), as it is by a build', async () => {
    // an installed copy whose code cache is missing (as after an upgrade of Node): the bundle's files as they are, the rest linked
    const copy = mkdtempSync(path.join(tmpdir(), 'imprint-installed-'));
    cpSync(path.join(root, 'dist'), path.join(copy, 'dist'), { recursive: true, preserveTimestamps: true });
    for (const name of ['package.json', 'node_modules', 'templates', 'fonts', 'schema']) symlinkSync(path.join(root, name), path.join(copy, name));
    const cache = path.join(copy, 'dist/imprint.cjs.v8cache');
    rmSync(cache);
    const dir = mkdtempSync(path.join(tmpdir(), 'imprint-watch-cache-'));
    const input = path.join(dir, 'w.yaml');
    writeFileSync(input, good);
    const child = spawn(process.execPath, [path.join(copy, 'dist/bin.cjs'), 'watch', input, '-o', path.join(dir, 'w.pdf')], { cwd: dir });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    for (let i = 0; i < 300 && !BUILT.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    BUILT.lastIndex = 0;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
    expect(out).toMatch(BUILT);
    expect(existsSync(cache)).toBe(false);
    execFileSync(process.execPath, [path.join(copy, 'dist/bin.cjs'), 'build', input, '-o', path.join(dir, 'b.pdf'), '--no-cache'], { cwd: dir });
    expect(existsSync(cache)).toBe(true);
  });
});

describe('the collection between rebuilds', () => {
  it('collects the young generation and leaves the flags as they were (the code cache stays valid)', async () => {
    const { collectYoungGarbage } = await import('../../src/young-garbage.js');
    const tag = v8.cachedDataVersionTag();
    const minor: string[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => minor.push((e as PerformanceEntry & { detail: { kind: number } }).detail.kind === constants.NODE_PERFORMANCE_GC_MINOR ? 'minor' : 'other')));
    observer.observe({ entryTypes: ['gc'] });
    collectYoungGarbage();
    collectYoungGarbage();
    await new Promise((r) => setTimeout(r, 50));
    observer.disconnect();
    expect(minor.filter((k) => k === 'minor').length).toBeGreaterThanOrEqual(2);
    expect(v8.cachedDataVersionTag()).toBe(tag);
    expect('gc' in globalThis).toBe(false);
  });
});
