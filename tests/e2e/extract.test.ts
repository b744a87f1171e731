/**
 * `imprint extract FILE.pdf DIR`: a PDF/A-3 built with `--pdfa 3b` gives back the project it was
 * built from, which builds the same bytes; a PDF without Imprint's manifest, a DIR that is not
 * empty, and a hostile or tampered manifest are refused, and nothing is written outside DIR.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { extractProject, ExtractError } from '../../src/commands/extract.js';
import { MANIFEST_NAME } from '../../src/source-archive.js';
import { sha256 } from '../../src/sha256.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');
const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

function imprint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const base = () => realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-extract-')));

/** A PDF whose embedded files are `files` (name → bytes), as a hostile or damaged one may be. */
function pdfWith(files: Record<string, Buffer>): Promise<Buffer> {
  const doc = new PDFDocument();
  for (const [name, data] of Object.entries(files)) doc.file(new Uint8Array(data) as unknown as Buffer, { name });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.end();
  return done;
}

/** A manifest naming one project file at `at`, with `data` embedded under the name `x`. */
function manifestFor(at: string, data: Buffer, sha = sha256(data)): Buffer {
  const m = { format: 1, imprint: version, build: { input: at, pdfa: '3b', template: 'official' }, command: `imprint build ${at} --pdfa 3b`, files: [{ path: at, origin: 'project', role: 'content', attachment: 'x', sha256: sha, bytes: data.length }], fonts: [] };
  return Buffer.from(JSON.stringify(m));
}

describe('imprint extract', () => {
  it('gives back a project (its own template over official, an image) that builds the same PDF byte for byte', () => {
    const parent = base();
    expect(imprint(parent, 'init', 'report').code).toBe(0);
    const project = path.join(parent, 'report');
    // a template file of its own, in the template that extends official
    const cover = readFileSync(path.join(root, 'templates/official/cover.hbs'), 'utf8');
    writeFileSync(path.join(project, 'templates/mine/cover.hbs'), `{{!-- the project's own cover --}}\n${cover}`);
    const built = imprint(project, 'build', '--pdfa', '3b');
    expect(built.err).toBe('');
    const pdf = readFileSync(path.join(project, 'out/report.pdf'));

    const back = path.join(parent, 'back');
    const r = imprint(parent, 'extract', path.join(project, 'out/report.pdf'), 'back');
    expect(r.err).toBe(''); // the same Imprint and its fonts: nothing to say
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      "back: 6 files of the project (content/report.yaml, templates/mine/cover.hbs, templates/mine/theme.yaml, fonts/fonts.yaml, content/images/chart.svg, content/images/chart.png), and Imprint's JSON Schema as schema/report.schema.json (the content's editor line names it)\nnext: cd back && imprint build content/report.yaml --pdfa 3b\n",
    );
    // the schema the starter's editor line names (not in the archive: the build never reads it) is Imprint's
    for (const f of ['content/report.yaml', 'templates/mine/cover.hbs', 'templates/mine/theme.yaml', 'fonts/fonts.yaml', 'content/images/chart.svg', 'content/images/chart.png', 'schema/report.schema.json'])
      expect(readFileSync(path.join(back, f)).equals(readFileSync(path.join(project, f)))).toBe(true);
    expect(existsSync(path.join(back, 'templates/official'))).toBe(false); // Imprint's own files stay Imprint's

    expect(imprint(back, 'build', 'content/report.yaml', '--pdfa', '3b').err).toBe('');
    expect(readFileSync(path.join(back, 'out/report.pdf')).equals(pdf)).toBe(true);
  });

  it('refuses a DIR that is not empty (exit 2), and a PDF without Imprint manifest in one line (exit 1)', () => {
    const dir = base();
    writeFileSync(path.join(dir, 'r.yaml'), 'report:\n  title: 无附件\nchapters:\n  - title: 一\n    body: [段落。]\n');
    expect(imprint(dir, 'build', 'r.yaml', '-o', 'r.pdf', '--pdfa', '2b').code).toBe(0);
    mkdirSync(path.join(dir, 'full'));
    writeFileSync(path.join(dir, 'full/keep.txt'), 'mine');
    expect(imprint(dir, 'extract', 'r.pdf', 'full')).toEqual({ code: 2, out: '', err: 'imprint: extract writes into a new or empty folder: full is not empty (`imprint help` shows the usage)\n' });
    expect(imprint(dir, 'extract', 'r.pdf')).toMatchObject({ code: 2 });
    // a DIR whose folder is missing is refused, as init refuses it (the folders were made)
    expect(imprint(dir, 'extract', 'r.pdf', 'no/such/p')).toEqual({ code: 2, out: '', err: 'imprint: extract writes into a new or empty folder: no/such/p goes in no/such, which does not exist (make it first: mkdir -p no/such) (`imprint help` shows the usage)\n' });
    expect(existsSync(path.join(dir, 'no'))).toBe(false);
    expect(imprint(dir, 'extract', 'r.pdf', 'out')).toEqual({ code: 1, out: '', err: 'imprint: r.pdf: holds no project to extract (no Imprint manifest: it was not built by Imprint with --pdfa 3b)\n' });
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
    expect(imprint(dir, 'extract', 'r.yaml', 'out')).toEqual({ code: 1, out: '', err: 'imprint: r.yaml: not a PDF (it does not start as one)\n' });
  });

  it('--pdfa 3b refuses a report outside the project folder (it could not be extracted as a project), and writes no PDF', () => {
    const dir = base();
    writeFileSync(path.join(dir, 'r.yaml'), 'report:\n  title: 外面\nchapters:\n  - title: 一\n    body: [段落。]\n');
    mkdirSync(path.join(dir, 'project'));
    const r = imprint(path.join(dir, 'project'), 'build', '../r.yaml', '-o', 'r.pdf', '--pdfa', '3b');
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${path.join(dir, 'r.yaml')}:1:1: outside the project folder (${path.join(dir, 'project')}): --pdfa 3b embeds the files a report is built from by their place in the project, so build from a folder that holds this file\n`);
    expect(readdirSync(path.join(dir, 'project'))).toEqual([]);
  });

  it("writes Imprint's schema only where the content's editor line names it inside DIR and no project file stands", async () => {
    const cases: [string, string | undefined][] = [
      ['# yaml-language-server: $schema=../schema/report.schema.json\n', 'schema/report.schema.json'], // content/r.yaml, as init writes it
      ['\uFEFF# yaml-language-server: $schema=../schema/report.schema.json\r\n', 'schema/report.schema.json'], // a BOM, CRLF
      ['# yaml-language-server: $schema=../../schema/report.schema.json\n', undefined], // outside DIR
      ['# yaml-language-server: $schema=..\\..\\x/report.schema.json\n', undefined], // backslashes (folders on Windows)
      ['# yaml-language-server: $schema=/etc/report.schema.json\n', undefined], // absolute
      ['# yaml-language-server: $schema=C:/x/report.schema.json\n', undefined], // a drive
      ['# yaml-language-server: $schema=../a\0b/report.schema.json\n', undefined], // NUL
      ['# yaml-language-server: $schema=https://example.org/report.schema.json\n', undefined], // not a file
      ['# yaml-language-server: $schema=../schema/other.json\n', undefined], // not Imprint's
      ['# the first line says nothing of a schema\n', undefined],
    ];
    for (const [line, written] of cases) {
      const dir = base();
      const data = Buffer.from(`${line}report:\n  title: 测试\n`);
      const pdf = path.join(dir, 'r.pdf');
      writeFileSync(pdf, await pdfWith({ x: data, [MANIFEST_NAME]: manifestFor('content/r.yaml', data) }));
      const done = await extractProject(pdf, path.join(dir, 'out'), root, version);
      expect([line, done.schema]).toEqual([line, written]);
      expect(readdirSync(dir).sort()).toEqual(['out', 'r.pdf']); // nothing beside DIR
      expect(existsSync(path.join(dir, 'out/schema'))).toBe(written !== undefined);
      if (written) expect(readFileSync(path.join(dir, 'out', written)).equals(readFileSync(path.join(root, 'schema/report.schema.json')))).toBe(true);
    }
    // a project file at that place (its name differing only by case): the project's file is written, no schema
    const dir = base();
    const content = Buffer.from('# yaml-language-server: $schema=../schema/report.schema.json\nreport:\n  title: 测试\n');
    const own = Buffer.from('{"title": "the project\'s own"}');
    const m = JSON.parse(manifestFor('content/r.yaml', content).toString()) as { files: object[] };
    m.files.push({ path: 'Schema/report.schema.json', origin: 'project', role: 'template', attachment: 'y', sha256: sha256(own), bytes: own.length });
    writeFileSync(path.join(dir, 'r.pdf'), await pdfWith({ x: content, y: own, [MANIFEST_NAME]: Buffer.from(JSON.stringify(m)) }));
    const done = await extractProject(path.join(dir, 'r.pdf'), path.join(dir, 'out'), root, version);
    expect(done.schema).toBeUndefined();
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['Schema', 'content']);
  });

  it('writes nothing for a manifest that names a path outside DIR (exit 1, one line)', async () => {
    const dir = base();
    const data = Buffer.from('evil');
    writeFileSync(path.join(dir, 'evil.pdf'), await pdfWith({ x: data, [MANIFEST_NAME]: manifestFor('../escaped.txt', data) }));
    const r = imprint(dir, 'extract', 'evil.pdf', 'out');
    expect(r).toEqual({ code: 1, out: '', err: 'imprint: evil.pdf: refused: its manifest names a file outside the project folder ("../escaped.txt")\n' });
    expect(readdirSync(dir)).toEqual(['evil.pdf']);
  });

  it.each([['/tmp/abs.txt'], ['a/../../escaped.txt'], ['..'], ['./a.txt'], ['a//b.txt'], ['C:/x.txt'], ['a\\..\\..\\x.txt'], [''], ['a/\0b']])('refuses the path %j', async (at) => {
    const dir = base();
    const data = Buffer.from('evil');
    const pdf = path.join(dir, 'evil.pdf');
    writeFileSync(pdf, await pdfWith({ x: data, [MANIFEST_NAME]: manifestFor(at, data) }));
    await expect(extractProject(pdf, path.join(dir, 'out'), root, version)).rejects.toThrow(ExtractError);
    expect(readdirSync(dir)).toEqual(['evil.pdf']);
  });

  it('refuses a file whose bytes are not those the manifest names, a damaged manifest, a path twice or as file and folder', async () => {
    const dir = base();
    const data = Buffer.from('text');
    const cases: [Record<string, Buffer>, RegExp][] = [
      [{ x: data, [MANIFEST_NAME]: manifestFor('a.txt', data, sha256(Buffer.from('other'))) }, /a\.txt is not the file the manifest names/],
      [{ [MANIFEST_NAME]: manifestFor('a.txt', data) }, /names a\.txt, which the PDF does not hold/],
      [{ x: data, [MANIFEST_NAME]: Buffer.from('{"format": 1') }, /manifest is damaged \(not JSON\)/],
      [{ x: data, [MANIFEST_NAME]: Buffer.from('{"format": 9}') }, /manifest is damaged \(format 9/],
    ];
    const twice = JSON.parse(manifestFor('a.txt', data).toString()) as { files: object[] };
    cases.push([{ x: data, [MANIFEST_NAME]: Buffer.from(JSON.stringify({ ...twice, files: [...twice.files, ...twice.files] })) }, /names a\.txt twice/]);
    const nested = { ...twice, files: [...twice.files, { ...twice.files[0], path: 'a.txt/b.txt' }] };
    cases.push([{ x: data, [MANIFEST_NAME]: Buffer.from(JSON.stringify(nested)) }, /names a\.txt both as a file and as a folder/]);
    for (const [files, message] of cases) {
      const pdf = path.join(dir, 'bad.pdf');
      writeFileSync(pdf, await pdfWith(files));
      await expect(extractProject(pdf, path.join(dir, 'out'), root, version)).rejects.toThrow(message);
      expect(existsSync(path.join(dir, 'out'))).toBe(false);
    }
  });

  it('refuses a manifest that lists no content file (none at all, only an image, or two), exit 1, nothing written', async () => {
    const dir = base();
    const data = Buffer.from('report:\n');
    const m = JSON.parse(manifestFor('content/r.yaml', data).toString()) as { files: { role: string; path: string }[] };
    const cases: [object, string][] = [
      [{ ...m, files: [] }, 'evil.pdf: its Imprint manifest is damaged (it names no content file)'],
      [{ ...m, files: [{ ...m.files[0], role: 'image' }] }, 'evil.pdf: its Imprint manifest is damaged (it names no content file)'],
      [{ ...m, files: [m.files[0], { ...m.files[0], path: 'content/s.yaml' }] }, 'evil.pdf: its Imprint manifest is damaged (it names 2 content files)'],
    ];
    for (const [manifest, message] of cases) {
      writeFileSync(path.join(dir, 'evil.pdf'), await pdfWith({ x: data, [MANIFEST_NAME]: Buffer.from(JSON.stringify(manifest)) }));
      expect(imprint(dir, 'extract', 'evil.pdf', 'out')).toEqual({ code: 1, out: '', err: `imprint: ${message}\n` });
      expect(readdirSync(dir)).toEqual(['evil.pdf']);
    }
  });

  it('prints its own command to build again (never the manifest\'s text), the folder and the content quoted for a shell', async () => {
    const dir = base();
    const data = Buffer.from('report:\n  title: 测试\n');
    const m = JSON.parse(manifestFor("content/it's mine.yaml", data).toString()) as Record<string, unknown>;
    writeFileSync(path.join(dir, 'r.pdf'), await pdfWith({ x: data, [MANIFEST_NAME]: Buffer.from(JSON.stringify({ ...m, command: 'rm -rf ~' })) }));
    const r = imprint(dir, 'extract', 'r.pdf', 'my project');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[1]).toBe(`next: cd 'my project' && imprint build 'content/it'\\''s mine.yaml' --pdfa 3b`);
  });

  it('says which font files a rebuild needs when they are not Imprint’s own, and when Imprint or its files differ', async () => {
    const dir = base();
    const data = Buffer.from('report:\n');
    const m = JSON.parse(manifestFor('r.yaml', data).toString()) as Record<string, unknown>;
    const theme = Buffer.from('extends: nothing\n'); // not the theme of the Imprint running
    const imprintFile = { path: 'templates/official/theme.yaml', origin: 'imprint', role: 'theme', attachment: '(imprint)/templates/official/theme.yaml', sha256: sha256(theme), bytes: theme.length };
    const files = [...(m.files as object[]), imprintFile];
    const manifest = { ...m, files, imprint: '0.0.1', fonts: [{ name: 'simfang.ttf', origin: 'project', path: 'fonts/simfang.ttf', sha256: 'ab'.repeat(32), bytes: 1 }] };
    const pdf = path.join(dir, 'fonts.pdf');
    writeFileSync(pdf, await pdfWith({ x: data, '(imprint)/templates/official/theme.yaml': theme, [MANIFEST_NAME]: Buffer.from(JSON.stringify(manifest)) }));
    const done = await extractProject(pdf, path.join(dir, 'out'), root, version);
    expect(done.written).toEqual(['r.yaml']);
    expect(done.notes).toEqual([
      `built with Imprint 0.0.1, and this is ${version}: a build here gives other bytes (the PDF names its Imprint), and may set the pages otherwise`,
      `Imprint's templates/official/theme.yaml differs from the one it was built with (in the PDF as "(imprint)/templates/official/theme.yaml"): the pages may differ`,
      `font fonts/simfang.ttf (in the project, SHA-256 ${'ab'.repeat(32)}) is not in the PDF: put that file where the font registry names it`,
    ]);
  });
});
