/**
 * The font registry: a font file only from inside its folder (real paths) or an npm package, a
 * regular file of at most 64 MiB; a broken role reported at its registry line, once however
 * many roles fall back to it, and a problem only of themes whose styles use it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFontRegistry } from '../../src/font/registry.js';
import { formatProblem, InputError, ProblemList, shownFile } from '../../src/problems.js';
import { checkFontRoles, loadTheme } from '../../src/style/theme.js';
import { TemplateFolders } from '../../src/template/folders.js';

const root = path.resolve(import.meta.dirname, '../..');
const SERIF = `${root}/node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf`;

/** A registry file with this text, in a fonts/ folder of its own (node_modules of Imprint beside it). */
function registryFile(text: string): { file: string; fonts: string } {
  const project = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-fonts-')));
  const fonts = path.join(project, 'fonts');
  mkdirSync(fonts);
  symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'));
  const file = path.join(fonts, 'fonts.yaml');
  writeFileSync(file, text);
  return { file, fonts };
}

/** The first (or only) face of a font file (and the registry line naming it, not compared here). */
const face = (file: string, index = 0) => expect.objectContaining({ file, index, key: index ? `${file}#${index}` : file });

const lines = (problems: { items: Parameters<typeof formatProblem>[0][] }) => problems.items.map(formatProblem);

describe('the font registry', () => {
  it('keeps a broken role apart, at its line, and the others usable', () => {
    const { file, fonts } = registryFile(
      'roles:\n  serif:\n    aliases: [宋体]\n    regular: npm:@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf\n  kai:\n    aliases: [楷体]\n    regular: kai.ttf\n',
    );
    const registry = loadFontRegistry([{ file }]);
    expect(registry.roles.get('宋体')?.regular).toEqual(face(SERIF));
    expect([...registry.broken.keys()]).toEqual(['kai', '楷体']);
    expect(registry.broken.get('楷体')!.map(formatProblem)).toEqual([`${file}:7:14: font file of role "kai" not found: ${fonts}/kai.ttf`]);
  });

  it('reports a role others fall back to once, and a circle of fallbacks', () => {
    const { file } = registryFile('roles:\n  serif:\n    regular: 5\n  kai:\n    fallback: serif\n  a:\n    fallback: b\n  b:\n    fallback: a\n  c:\n    aliases: 丙\n    fallback: serif\n');
    const registry = loadFontRegistry([{ file }]);
    const problem = `${file}:3:14: font file of role "serif" must be a file name, or {file: NAME, face: N} for a face of a collection`;
    expect(registry.broken.get('serif')!.map(formatProblem)).toEqual([problem]);
    expect(registry.broken.get('kai')![0]).toBe(registry.broken.get('serif')![0]); // the same problem, not a copy
    expect(registry.broken.get('a')!.map(formatProblem)).toEqual([`${file}:9:15: \`fallback:\` of role "b" goes round in a circle back to "a"`]);
    expect(registry.broken.get('c')!.map(formatProblem)).toEqual([problem, `${file}:11:14: \`aliases:\` must be a list of names, e.g. [宋体, song]`]);
  });

  it('refuses a key it does not know, at its line with the likely one: a misspelt alias would leave its name undefined', () => {
    const { file } = registryFile('roles:\n  title:\n    alias: [标题]\n    fallback: serif\n  serif:\n    regular: { file: a.ttf, fase: 1 }\nrole: {}\n');
    let thrown: unknown;
    try {
      loadFontRegistry([{ file }]);
    } catch (e) {
      thrown = e;
    }
    expect((thrown as InputError).problems.map(formatProblem)).toEqual([
      `${file}:7:1: unknown key "role" in the registry (did you mean "roles"? known: roles, fallbacks)`,
      `${file}:3:5: unknown key "alias" in role "title" (did you mean "aliases"? known: regular, bold, aliases, fallback)`,
      `${file}:6:29: unknown key "fase" in a face (did you mean "face"? known: file, face)`,
    ]);
  });

  it('refuses a role that is not a mapping, at its line, whether or not a style uses it (its names are unknown: a style naming one was blamed instead)', () => {
    const { file } = registryFile('roles:\n  title: 5\n  subtitle:\n  serif: [a.ttf]\n');
    let thrown: unknown;
    try {
      loadFontRegistry([{ file }]);
    } catch (e) {
      thrown = e;
    }
    const expected = 'must be a mapping of its font files and names, e.g. { regular: FILE.ttf, bold: FILE.ttf, aliases: [标题] } or { fallback: serif }';
    expect((thrown as InputError).problems.map(formatProblem)).toEqual([
      `${file}:2:10: role "title" ${expected}, not 5`,
      `${file}:3:3: role "subtitle" ${expected}, not empty`,
      `${file}:4:10: role "serif" ${expected}, not a list`,
    ]);
  });

  it('says a `fallback:` names no role, with the likely one', () => {
    const { file } = registryFile('roles:\n  title:\n    aliases: [标题]\n    fallback: snas\n  other:\n    fallback: nosuch\n');
    const { broken } = loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml'), npmFrom: [root] }, { file }]);
    expect(broken.get('title')!.map(formatProblem)).toEqual([`${file}:4:15: \`fallback:\` of role "title" names no role "snas" (did you mean "sans"?)`]);
    expect(broken.get('other')!.map(formatProblem)).toEqual([`${file}:6:15: \`fallback:\` of role "other" names no role "nosuch"`]);
  });

  it('refuses what lies outside, through a name or a link', () => {
    const { file, fonts } = registryFile('roles:\n  up:\n    regular: ../secret.ttf\n  npm:\n    regular: npm:../../secret.ttf\n  link:\n    regular: link.ttf\n  dir:\n    regular: sub\n');
    symlinkSync(SERIF, path.join(fonts, 'link.ttf')); // a real font, but not inside fonts/
    mkdirSync(path.join(fonts, 'sub'));
    const problems = [...new Set([...loadFontRegistry([{ file }]).broken.values()].flat())].map(formatProblem);
    expect(problems).toEqual([
      `${file}:3:14: font file of role "up" must be inside ${fonts}/ (or npm:PACKAGE/PATH): ../secret.ttf`,
      `${file}:5:14: font file of role "npm" must be inside ${fonts}/ (or npm:PACKAGE/PATH): npm:../../secret.ttf`,
      `${file}:7:14: font file of role "link" is outside ${fonts}/: its real path is ${shownFile(SERIF)}`,
      `${file}:9:14: font file of role "dir" is not a regular file: ${fonts}/sub`,
    ]);
  });

  it('is a problem of a theme only through a role its styles use, once', () => {
    const { file } = registryFile(
      'roles:\n  serif:\n    aliases: [宋体]\n    regular: npm:@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf\n  sans:\n    aliases: [黑体]\n    regular: nosuch.ttf\n  kai:\n    regular: nosuch.ttf\n',
    );
    const registry = loadFontRegistry([{ file }]);
    const theme = (body: string) => {
      const project = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-theme-')));
      mkdirSync(path.join(project, 'templates/t'), { recursive: true });
      writeFileSync(path.join(project, 'templates/t/theme.yaml'), `styles:\n  body: { font: ${body} }\n  h1: { font: 黑体 }\n  h2: { font: sans }\n`);
      return loadTheme(path.join(project, 'templates/t/theme.yaml'), new TemplateFolders([project]));
    };
    const problems = new ProblemList();
    checkFontRoles(theme('宋体'), registry, problems);
    expect(lines(problems)).toEqual([`${file}:7:14: font file of role "sans" not found: ${path.dirname(file)}/nosuch.ttf`]);
    const unknown = new ProblemList();
    checkFontRoles(theme('宋休'), registry, unknown, new Set(['body']));
    expect(lines(unknown)[0]).toMatch(/theme\.yaml:2:17: style "body" uses the font role "宋休", which .*fonts\.yaml does not define \(did you mean "宋体"\? roles: /);
  });
});

describe('a project’s registry on top of Imprint’s', () => {
  const imprint = { file: path.join(root, 'fonts/fonts.yaml'), npmFrom: [root] };

  it('takes `fallbacks:`, roles tried after a style\'s fonts: a project\'s after Imprint\'s, by name or alias, each once', () => {
    const { file, fonts } = registryFile('roles:\n  rare:\n    aliases: [生僻]\n    regular: a.ttf\n  more:\n    fallback: rare\nfallbacks: [生僻, more, rare]\n');
    writeFileSync(path.join(fonts, 'a.ttf'), 'any bytes');
    expect(loadFontRegistry([imprint]).fallbacks).toEqual([]);
    expect(loadFontRegistry([imprint, { file, npmFrom: [fonts, root] }]).fallbacks).toEqual(['rare', 'more']);
  });

  it('refuses `fallbacks:` that is not a list of roles, at its line, with the likely role', () => {
    const refused = (text: string) => {
      const { file } = registryFile(`roles:\n  rare:\n    regular: a.ttf\n${text}`);
      try {
        loadFontRegistry([imprint, { file, npmFrom: [root] }]);
      } catch (e) {
        return (e as InputError).problems.map(formatProblem).map((p) => p.replace(`${file}:`, ''));
      }
      return [];
    };
    expect(refused('fallbacks: [rare, snas, nosuch]\n')).toEqual(['4:19: `fallbacks:` names no role "snas" (did you mean "sans"?)', '4:25: `fallbacks:` names no role "nosuch"']);
    expect(refused('fallbacks: rare\n')).toEqual(['4:12: `fallbacks:` must be a list of role names, e.g. [rare]']);
    expect(refused('fallbacks: [[rare]]\n')).toEqual(['4:13: `fallbacks:` must be a list of role names, e.g. [rare]']);
    expect(refused('fallback: [rare]\n')).toEqual(['4:1: unknown key "fallback" in the registry (did you mean "fallbacks"? known: roles, fallbacks)']);
  });

  it('adds roles and replaces one whole: its old names and the roles falling back to it follow', () => {
    const { file, fonts } = registryFile('roles:\n  serif:\n    regular: a.ttf\n  mine:\n    aliases: [hei]\n    fallback: 宋体\n');
    writeFileSync(path.join(fonts, 'a.ttf'), 'any bytes');
    const registry = loadFontRegistry([imprint, { file, npmFrom: [fonts, root] }]);
    const own = path.join(fonts, 'a.ttf');
    expect(registry.files).toEqual([imprint.file, file]);
    expect(registry.roles.get('宋体')).toEqual({ name: 'serif', regular: face(own), bold: face(own), aliases: ['song', '宋体'], registry: file });
    expect(registry.roles.get('kai')).toMatchObject({ regular: face(own), registry: imprint.file, fallback: 'serif' }); // Imprint's kai falls back to serif, now the project's
    expect(registry.roles.get('hei')).toMatchObject({ name: 'mine', regular: face(own), aliases: ['hei'] }); // the project's alias wins over Imprint's
    expect(registry.roles.get('黑体')?.name).toBe('sans');
    expect(registry.broken.size).toBe(0);
  });

  it('finds npm: fonts in the project’s packages first, then Imprint’s', () => {
    const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-npm-')));
    const fonts = path.join(base, 'fonts');
    const ownPackage = path.join(base, 'node_modules/own-font');
    mkdirSync(fonts);
    mkdirSync(ownPackage, { recursive: true });
    writeFileSync(path.join(ownPackage, 'own.ttf'), 'any bytes');
    const file = path.join(fonts, 'fonts.yaml');
    writeFileSync(file, `roles:\n  own:\n    regular: npm:own-font/own.ttf\n  theirs:\n    regular: ${'npm:@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'}\n`);
    const registry = loadFontRegistry([imprint, { file, npmFrom: [fonts, root] }]);
    expect(registry.roles.get('own')?.regular).toEqual(face(path.join(ownPackage, 'own.ttf')));
    expect(registry.roles.get('theirs')?.regular).toEqual(face(SERIF));
    expect(registry.broken.size).toBe(0);
  });
});

describe('font faces', () => {
  it('are not opened from a FIFO (nothing waits on it)', () => {
    const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-fifo-')));
    const fifo = path.join(dir, 'font.ttf');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // in a process of its own, killed after 30 s: a hang fails the test, it does not stall the suite
    const script = `
      const { FaceSet } = await import(${JSON.stringify(path.join(root, 'dist/font/face.js'))});
      const ref = { file: ${JSON.stringify(fifo)}, index: 0, key: ${JSON.stringify(fifo)} };
      const faces = new FaceSet({ roles: new Map([['serif', { name: 'serif', regular: ref, bold: ref }]]), broken: new Map(), file: 'fonts.yaml' });
      try { faces.face('serif'); } catch (e) { console.log(e.message); }`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stdout).toBe(`${fifo}:1:1: font file cannot be opened: not a regular file\n`);
  });
});
