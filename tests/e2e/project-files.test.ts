/**
 * What a project's `templates/` and `fonts/` may hold, as the `imprint` command meets them (run
 * in a project folder, dist/bin.cjs): templates found by name only, their files and fonts read
 * only from inside their folders, regular files of bounded size; every problem at its own line.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');
const SERIF = 'npm:@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf';
const SANS = 'npm:@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';

/** A project folder (inside a folder of its own, so `../` of it is still ours) with `node_modules` linked. */
function project(): { base: string; dir: string } {
  const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-project-')));
  const dir = path.join(base, 'proj');
  mkdirSync(path.join(dir, 'templates'), { recursive: true });
  mkdirSync(path.join(dir, 'fonts'));
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return { base, dir };
}

/** Writes a file of the project, making its folder. */
function put(dir: string, file: string, text: string): string {
  const full = path.join(dir, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

/** A report on template `template` (its value stands at line 3, column 13). */
function report(dir: string, template = 'official'): void {
  put(dir, 'r.yaml', `report:\n  title: 测试\n  template: ${template}\nchapters:\n  - title: 第一章\n    body:\n      - 一个段落。\n`);
}

/** `imprint check r.yaml` in the project folder (killed after 30 s: a hang fails, it does not stall the suite). */
function check(dir: string) {
  const r = spawnSync(process.execPath, [cli, 'check', 'r.yaml'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, err: r.stderr };
}

function mkfifo(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  expect(spawnSync('mkfifo', [file]).status).toBe(0);
}

/** A font registry whose serif role's regular face is `regular` (at line 3, column 14). */
function registry(regular: string, more = ''): string {
  return `roles:\n  serif:\n    regular: ${regular}\n    aliases: [宋体]\n  sans:\n    aliases: [黑体]\n    regular: ${SANS}\n${more}`;
}

describe('a template named in the report', () => {
  it('that does not exist is reported at the `template:` value, each folder searched once, with a likely name', () => {
    const { dir } = project();
    put(dir, 'templates/xinhua/theme.yaml', 'extends: official\n');
    report(dir, 'xinhau');
    expect(check(dir)).toEqual({
      code: 1,
      err: `r.yaml:3:13: template "xinhau" not found in templates/ or ${root}/templates/ (did you mean "xinhua"?)\n`,
    });
  });
});

describe('a theme’s `extends:`', () => {
  it('must name a template, not a path to one elsewhere', () => {
    const { base, dir } = project();
    // a whole template outside the project, where `templates/../../elsewhere/templates/evil` leads
    cpSync(path.join(root, 'templates/official'), path.join(base, 'elsewhere/templates/evil'), { recursive: true });
    put(dir, 'templates/mine/theme.yaml', 'page:\n  size: A4\nextends: ../../elsewhere/templates/evil\n');
    report(dir, 'mine');
    expect(check(dir)).toEqual({
      code: 1,
      err: `templates/mine/theme.yaml:3:10: not a template name: "../../elsewhere/templates/evil" (a template is a folder under templates/: letters, digits, - and _)\n`,
    });
  });

  it('that goes round in a circle is reported at the `extends:` that closes it', () => {
    const { dir } = project();
    put(dir, 'templates/a/theme.yaml', 'extends: b\n');
    put(dir, 'templates/b/theme.yaml', '# b\nextends: a\n');
    report(dir, 'a');
    expect(check(dir)).toEqual({ code: 1, err: `templates/b/theme.yaml:2:10: \`extends:\` goes round in a circle: a → b → a\n` });
  });
});

describe('a template’s files', () => {
  it('are refused when a link leads outside the templates folders', () => {
    const { base, dir } = project();
    put(base, 'secret.hbs', '<p style="body">secret</p>\n');
    put(dir, 'templates/mine/theme.yaml', 'extends: official\n');
    symlinkSync(path.join(base, 'secret.hbs'), path.join(dir, 'templates/mine/cover.hbs'));
    report(dir, 'mine');
    expect(check(dir)).toEqual({
      code: 1,
      err: `templates/mine/cover.hbs:1:1: cannot read the template file: its real path ${base}/secret.hbs is outside templates/ and ${root}/templates/\n`,
    });
  });

  it('are read only when regular files (a FIFO is not waited on)', () => {
    const { dir } = project();
    put(dir, 'templates/mine/theme.yaml', 'extends: official\n');
    mkfifo(path.join(dir, 'templates/mine/cover.hbs'));
    report(dir, 'mine');
    expect(check(dir)).toEqual({ code: 1, err: `templates/mine/cover.hbs:1:1: cannot read the template file: not a regular file\n` });
  });

  it('are read only up to 1 MiB', () => {
    const { dir } = project();
    put(dir, 'templates/mine/theme.yaml', 'extends: official\n');
    put(dir, 'templates/mine/cover.hbs', `<p style="body">${'字'.repeat(350_000)}</p>\n`);
    report(dir, 'mine');
    expect(check(dir)).toEqual({ code: 1, err: `templates/mine/cover.hbs:1:1: cannot read the template file: larger than 1 MiB\n` });
  });

  it('a theme that is a FIFO is not waited on', () => {
    const { dir } = project();
    mkfifo(path.join(dir, 'templates/mine/theme.yaml'));
    report(dir, 'mine');
    expect(check(dir)).toEqual({ code: 1, err: `templates/mine/theme.yaml:1:1: cannot read the theme: not a regular file\n` });
  });
});

describe('Handlebars problems in a project’s own partial', () => {
  const partial = (text: string) => {
    const { dir } = project();
    put(dir, 'templates/mine/theme.yaml', 'extends: official\n');
    put(dir, 'templates/mine/chapter.hbs', text);
    report(dir, 'mine');
    return { dir, file: 'templates/mine/chapter.hbs' }; // (named from the project folder, where imprint runs)
  };

  it('a syntax error is said plainly, at the line and column in the partial', () => {
    const { dir, file } = partial('<h level="1" id="{{id}}" style="h1">{{title}}</h>\n\n  {{#each blocks}\n  {{> block}}\n{{/each}}\n');
    expect(check(dir)).toEqual({ code: 1, err: `${file}:3:17: template: a single } cannot close {{: close it with }}\n` });
  });

  it('a template that ends inside a block says which block is never closed, where it was opened', () => {
    const { dir, file } = partial('<h level="1" id="{{id}}" style="h1">{{title}}</h>\n{{#each blocks}}\n{{> block}}\n');
    expect(check(dir)).toEqual({ code: 1, err: `${file}:2:1: template: {{#each}} opened at line 2 is never closed (close it with {{/each}})\n` });
  });

  it('a missing helper is blamed on the partial, at its use', () => {
    const { dir, file } = partial('<h level="1" id="{{id}}" style="h1">{{title}}</h>\n  {{nosuch title}}\n');
    expect(check(dir)).toEqual({ code: 1, err: `${file}:2:5: template: unknown helper "nosuch" (known: each, if, unless, lookup, with, inline, eq, or)\n` });
  });

  it('a missing partial is blamed on the partial that calls it', () => {
    const { dir, file } = partial('<h level="1" id="{{id}}" style="h1">{{title}}</h>\n{{#each blocks}}{{> nosuch}}{{/each}}\n');
    expect(check(dir)).toEqual({ code: 1, err: `${file}:2:21: template: unknown partial "nosuch" (known: attachments, block, case, chapter, contents, cover, list, listing, paragraph, preface, report-pages, section, table)\n` });
  });
});

describe('the font registry', () => {
  it('refuses a font whose link leads outside fonts/', () => {
    const { base, dir } = project();
    put(base, 'outside.ttf', 'not a font');
    symlinkSync(path.join(base, 'outside.ttf'), path.join(dir, 'fonts/a.ttf'));
    put(dir, 'fonts/fonts.yaml', registry('a.ttf'));
    report(dir);
    expect(check(dir)).toEqual({
      code: 1,
      err: `fonts/fonts.yaml:3:14: font file of role "serif" is outside fonts/: its real path is ${base}/outside.ttf\n`,
    });
  });

  it('never reads /proc through a link', () => {
    const { dir } = project();
    symlinkSync('/proc/self/environ', path.join(dir, 'fonts/env.ttf'));
    put(dir, 'fonts/fonts.yaml', registry('env.ttf'));
    report(dir);
    const r = check(dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^fonts/fonts\\.yaml:3:14: font file of role "serif" is outside fonts/: its real path is /proc/\\d+/environ\\n$`));
  });

  it('refuses a FIFO as a font without waiting on it', () => {
    const { dir } = project();
    mkfifo(path.join(dir, 'fonts/fifo.ttf'));
    put(dir, 'fonts/fonts.yaml', registry('fifo.ttf'));
    report(dir);
    expect(check(dir)).toEqual({ code: 1, err: `fonts/fonts.yaml:3:14: font file of role "serif" is not a regular file: fonts/fifo.ttf\n` });
  });

  it('refuses a font file larger than 64 MiB before opening it', () => {
    const { dir } = project();
    put(dir, 'fonts/big.ttf', '');
    truncateSync(path.join(dir, 'fonts/big.ttf'), 64 * 1024 * 1024 + 1); // sparse: no disk used
    put(dir, 'fonts/fonts.yaml', registry('big.ttf'));
    report(dir);
    expect(check(dir)).toEqual({ code: 1, err: `fonts/fonts.yaml:3:14: font file of role "serif" is larger than 64 MiB: fonts/big.ttf\n` });
  });

  it('reports a broken role once, though other roles fall back to it', () => {
    const { dir } = project();
    put(dir, 'fonts/fonts.yaml', registry('nosuch.ttf', '  kai:\n    fallback: serif\n  fangsong:\n    fallback: serif\n'));
    report(dir);
    expect(check(dir)).toEqual({ code: 1, err: `fonts/fonts.yaml:3:14: font file of role "serif" not found: fonts/nosuch.ttf\n` });
  });

  it('fails only the reports whose theme uses a broken role', () => {
    const { dir } = project();
    put(dir, 'fonts/fonts.yaml', registry(SERIF, '  kai:\n    aliases: [楷体]\n    fallback: serif\n  fangsong:\n    aliases: [仿宋]\n    regular: simfang.ttf\n'));
    report(dir, 'official'); // no style of the official theme uses 仿宋
    expect(check(dir)).toEqual({ code: 0, err: '' });
    report(dir, 'gbt9704'); // its body is 仿宋
    expect(check(dir)).toEqual({ code: 1, err: `fonts/fonts.yaml:13:14: font file of role "fangsong" not found: fonts/simfang.ttf\n` });
  });
});

describe('the `mono` role of the code style in a project', () => {
  it('sets code in Imprint\'s own mono, which a project registry adds to and need not repeat', () => {
    const { dir } = project();
    put(dir, 'fonts/fonts.yaml', registry(SERIF));
    put(dir, 'r.yaml', `report:\n  title: 测试\nchapters:\n  - title: 第一章\n    body:\n      - code: |\n          ls -l\n`);
    expect(check(dir)).toEqual({ code: 0, err: '' });
  });
  it('with a mono font file missing, builds reports without code; a code block fails at the registry line', () => {
    const { dir } = project();
    put(dir, 'fonts/fonts.yaml', registry(SERIF, '  mono:\n    regular: nosuch-mono.ttf\n'));
    report(dir);
    expect(check(dir)).toEqual({ code: 0, err: '' });
    put(dir, 'r.yaml', `report:\n  title: 测试\nchapters:\n  - title: 第一章\n    body:\n      - code: |\n          ls -l\n`);
    expect(check(dir)).toEqual({ code: 1, err: `fonts/fonts.yaml:9:14: font file of role "mono" not found: fonts/nosuch-mono.ttf\n` });
  });
});
