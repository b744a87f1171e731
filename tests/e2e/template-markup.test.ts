/**
 * A project's own template, as a new user edits one: a project made by `imprint init`, Imprint's
 * official template copied into it as `templates/my2` and chosen by the report, its `.hbs` files
 * changed. Every slip is one message at the user's own file, line and column, exit 1; an image
 * outside the project is never read.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');

/** `imprint ARGS` in `cwd` (killed after 60 s: a hang fails, it does not stall the suite). */
function imprint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let base: string;
let project: string;

beforeAll(() => {
  base = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-my2-')));
  project = path.join(base, 'proj');
  expect(imprint(base, 'init', project).code).toBe(0);
  const report = path.join(project, 'content/report.yaml');
  writeFileSync(report, readFileSync(report, 'utf8').replace(/template: mine\b/, 'template: my2'));
  copyFileSync(path.join(project, 'content/images/chart.png'), path.join(base, 'outside.png'));
});

/** Builds the project with the official template as `templates/my2`, `file` changed. */
function buildWith(file: string, change: (src: string) => string) {
  const dir = path.join(project, 'templates/my2');
  cpSync(path.join(root, 'templates/official'), dir, { recursive: true });
  const f = path.join(dir, file);
  writeFileSync(f, change(readFileSync(f, 'utf8')));
  return imprint(project, 'build');
}

/** `line:col` where `needle` first stands in the project's `templates/my2/file`. */
function placeOf(file: string, needle: string): string {
  const text = readFileSync(path.join(project, 'templates/my2', file), 'utf8');
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

describe("a project's own template", () => {
  it('builds as copied', () => {
    expect(buildWith('block.hbs', (s) => s).code).toBe(0);
  });
  it('may not draw an image outside the project: refused at its src, exit 1', () => {
    for (const src of [path.join(base, 'outside.png'), '/etc/passwd', '../outside.png']) {
      const r = buildWith('block.hbs', (s) => s.replace('{{#if list}}', `<figure src="${src}"><caption>图</caption></figure>{{#if list}}`));
      expect(r.err).toBe(`templates/my2/block.hbs:${placeOf('block.hbs', `src="${src}"`)}: markup: image outside the project: ${src} (images must be inside the project)\n`);
      expect(r.code).toBe(1);
    }
  });
  it('draws an image of the project, named from the project folder', () => {
    const r = buildWith('block.hbs', (s) => s.replace('{{#if list}}', '<figure src="content/images/chart.png"><caption>图</caption></figure>{{#if list}}'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });
  it('embeds an image it names itself with --pdfa 3b: the extracted project builds the same pages', async () => {
    copyFileSync(path.join(project, 'content/images/chart.png'), path.join(project, 'templates/emblem.png'));
    const r = buildWith('block.hbs', (s) => s.replace('{{#if list}}', '<figure src="templates/emblem.png"><caption>徽</caption></figure>{{#if list}}'));
    expect(r.code).toBe(0);
    const built = imprint(project, 'build', '--pdfa', '3b', '-o', path.join(base, 'archived.pdf'));
    expect(built.err).toBe('');
    // the manifest calls it an image, and it is embedded as such
    const doc = await getDocument({ data: new Uint8Array(readFileSync(path.join(base, 'archived.pdf'))) }).promise;
    const files = (await doc.getAttachments()) as Record<string, { content: Uint8Array }>;
    const manifest = JSON.parse(Buffer.from(files['(imprint)/manifest.json'].content).toString()) as { files: { path: string; role: string }[] };
    expect(manifest.files.find((f) => f.path === 'templates/emblem.png')?.role).toBe('image');
    const back = path.join(base, 'back');
    const extracted = imprint(base, 'extract', 'archived.pdf', back);
    expect(extracted.err).toBe('');
    expect(readFileSync(path.join(back, 'templates/emblem.png'))).toEqual(readFileSync(path.join(project, 'templates/emblem.png')));
    expect(imprint(back, 'build', 'content/report.yaml', '--pdfa', '3b', '-o', path.join(base, 'again.pdf')).err).toBe('');
    expect(readFileSync(path.join(base, 'again.pdf')).equals(readFileSync(path.join(base, 'archived.pdf')))).toBe(true);
  });
  it('says what a value may be, and the likely name of a misspelt attribute, at it', () => {
    const cases: [string, string, string, string][] = [
      ['block.hbs', '{{#if list}}', '<vspace size="-500mm"/>{{#if list}}', 'size="-500mm" of <vspace> must be a length of 0 or more: a number in pt, mm, cm, in or px (0.75pt), or a 字号 (20mm, 12pt, 小四)'],
      ['header.hbs', 'width="0.5pt"', 'width="-50pt"', 'width="-50pt" of <rule> must be a length of 0 or more: a number in pt, mm, cm, in or px (0.75pt), or a 字号 (20mm, 12pt, 小四)'],
      ['chapter.hbs', 'level="1"', 'level="9"', 'level="9" of <h> must be a whole number from 0 (a heading not in the outline) to 6'],
      ['paragraph.hbs', 'style="body"', 'stlye="h2"', '<p> has no attribute stlye (did you mean style?)'],
      // a link goes where a link of the content may go: nothing the viewer would run or open on the reader's machine
      ['paragraph.hbs', '{{inline text}}', '<a href="javascript:app.alert(1)">x</a>{{inline text}}', 'href="javascript:app.alert(1)" of <a> must be an https://, http://, ftp:// or mailto: address'],
      ['paragraph.hbs', '{{inline text}}', '<a href="file:///etc/passwd">y</a>{{inline text}}', 'href="file:///etc/passwd" of <a> must be an https://, http://, ftp:// or mailto: address'],
      ['paragraph.hbs', '{{inline text}}', '<a href="launch:calc.exe">z</a>{{inline text}}', 'href="launch:calc.exe" of <a> must be an https://, http://, ftp:// or mailto: address'],
    ];
    for (const [file, from, to, message] of cases) {
      const r = buildWith(file, (s) => s.replace(from, to));
      const needle = /[\w-]+="[^"]*"/.exec(to.replace('{{#if list}}', ''))![0];
      expect(r.err).toBe(`templates/my2/${file}:${placeOf(file, needle)}: markup: ${message}\n`);
      expect(r.code).toBe(1);
    }
  });
});
