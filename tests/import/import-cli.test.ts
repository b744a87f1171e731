/**
 * `imprint import` at the command line: a draft that cannot be read (or that inflates past the
 * limit: a ZIP bomb) is one line at the file, exit 1; wrong usage and an output that would
 * replace the draft or a file that is not YAML are refused, exit 2, with nothing written.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { openDraft } from '../../src/commands/import/open-draft.js';
import { ImageRun, Paragraph } from 'docx';
import { draftDocx, draftDocxWithXml, heading, p, pictureXml } from '../helpers/draft-docx.js';
import { makePng } from '../helpers/png.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');

function imprint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const folder = () => realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-import-cli-')));
const draft = () => draftDocx([heading(1, '总则'), p('正文。')]);

describe('imprint import: the command line', () => {
  it('writes FILE.yaml beside the draft, reports on stdout, and exit 0', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'r.docx'), await draft());
    const r = imprint(dir, 'import', 'r.docx');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe('r.docx -> r.yaml: 1 chapter; everything carried\n');
    expect(readFileSync(path.join(dir, 'r.yaml'), 'utf8')).toContain('chapters:\n  - title: 总则\n    body:\n      - 正文。\n');
    expect(imprint(root, 'check', path.join(dir, 'r.yaml')).code).toBe(0);
  });

  it('counts in the singular and the plural', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'one.docx'), await draftDocx([heading(1, '总则'), p('正文。'), heading(1, '附录 A 数据'), p('附录正文。'), new Paragraph({ children: [picture()] }), p('图 1 示意')]));
    expect(imprint(dir, 'import', 'one.docx').out).toBe('one.docx -> one.yaml: 1 chapter, 1 appendix, 1 picture; 1 note on what was not carried (above, and at the top of one.yaml)\n');
    writeFileSync(path.join(dir, 'two.docx'), await draftDocx([heading(1, '总则'), heading(1, '分则'), heading(1, '附录 A 数据'), heading(1, '附录 B 名单')]));
    expect(imprint(dir, 'import', 'two.docx').out).toBe('two.docx -> two.yaml: 2 chapters, 2 appendices; 1 note on what was not carried (above, and at the top of two.yaml)\n');
  });

  it('never replaces a YAML or a picture that is there (the user edits the YAML) unless asked with --force: exit 2, one line, nothing written', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'r.docx'), await draftDocx([heading(1, '总则'), p('正文。'), new Paragraph({ children: [picture()] }), p('图 1 示意')]));
    expect(imprint(dir, 'import', 'r.docx').code).toBe(0);
    const edited = readFileSync(path.join(dir, 'r.yaml'), 'utf8').replace('正文。', '用户改过的正文。');
    writeFileSync(path.join(dir, 'r.yaml'), edited);
    const before = snapshot(dir);
    const again = imprint(dir, 'import', 'r.docx');
    expect(again).toEqual({ code: 2, out: '', err: 'imprint: r.yaml exists (and 1 more file this import writes): import replaces no file unless asked: name another -o FILE.yaml, or add --force to replace them (`imprint help` shows the usage)\n' });
    expect(snapshot(dir)).toEqual(before);
    // a picture there alone is refused as well, and the YAML is not written
    const pictureOnly = imprint(dir, 'import', 'r.docx', '-o', 'sub/r.yaml');
    expect(pictureOnly.code).toBe(0); // a new folder: nothing there
    writeFileSync(path.join(dir, 'sub/r-images/fig-1.png'), 'not the draft\'s picture');
    const picturesBefore = snapshot(path.join(dir, 'sub'));
    rmSync(path.join(dir, 'sub/r.yaml'));
    const refused = imprint(dir, 'import', 'r.docx', '-o', 'sub/r.yaml');
    expect(refused).toEqual({ code: 2, out: '', err: 'imprint: sub/r-images/fig-1.png exists: import replaces no file unless asked: name another -o FILE.yaml, or add --force to replace it (`imprint help` shows the usage)\n' });
    expect(existsSync(path.join(dir, 'sub/r.yaml'))).toBe(false);
    expect(snapshot(path.join(dir, 'sub'))).toEqual(Object.fromEntries(Object.entries(picturesBefore).filter(([f]) => f !== 'r.yaml')));
    // another -o writes beside them
    expect(imprint(dir, 'import', 'r.docx', '-o', 'r2.yaml')).toMatchObject({ code: 0, out: expect.stringMatching(/^r\.docx -> r2\.yaml: 1 chapter, 1 picture; /) });
    expect(readFileSync(path.join(dir, 'r.yaml'), 'utf8')).toBe(edited);
    // --force replaces the YAML and the pictures, leaving no temporary file
    const forced = imprint(dir, 'import', 'r.docx', '--force');
    expect(forced).toMatchObject({ code: 0, out: expect.stringMatching(/^r\.docx -> r\.yaml: 1 chapter, 1 picture; /) });
    expect(readFileSync(path.join(dir, 'r.yaml'), 'utf8')).toBe(readFileSync(path.join(dir, 'r2.yaml'), 'utf8').replace('r2-images/', 'r-images/'));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // --force still replaces only YAML text and pictures: not a note, a pipe or a folder where a picture goes (exit 2, as -o)
    const refusal = 'exists and is not a picture: Imprint replaces only pictures there: remove it or name another -o (`imprint help` shows the usage)';
    writeFileSync(path.join(dir, 'r-images/fig-1.png'), 'a note, not a picture');
    expect(imprint(dir, 'import', 'r.docx', '--force')).toEqual({ code: 2, out: '', err: `imprint: r-images/fig-1.png ${refusal}\n` });
    for (const make of [() => execFileSync('mkfifo', ['r-images/fig-1.png'], { cwd: dir }), () => mkdirSync(path.join(dir, 'r-images/fig-1.png'))]) {
      rmSync(path.join(dir, 'r-images/fig-1.png'), { recursive: true });
      make();
      const there = snapshot(dir);
      expect(imprint(dir, 'import', 'r.docx', '--force')).toEqual({ code: 2, out: '', err: `imprint: r-images/fig-1.png ${refusal}\n` });
      expect(snapshot(dir)).toEqual(there);
    }
  });

  it('writes through a link where the YAML or a picture goes (--force), the link kept; one that leads nowhere or loops is refused, exit 2, nothing written', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'r.docx'), await draftDocx([heading(1, '总则'), p('正文。'), new Paragraph({ children: [picture()] }), p('图 1 示意')]));
    mkdirSync(path.join(dir, 'elsewhere'));
    writeFileSync(path.join(dir, 'elsewhere/real.yaml'), 'report: {title: 旧}\n');
    writeFileSync(path.join(dir, 'elsewhere/real.png'), makePng(2, 2));
    symlinkSync('elsewhere/real.yaml', path.join(dir, 'r.yaml'));
    mkdirSync(path.join(dir, 'r-images'));
    symlinkSync('../elsewhere/real.png', path.join(dir, 'r-images/fig-1.png'));
    expect(imprint(dir, 'import', 'r.docx', '--force')).toMatchObject({ code: 0, err: expect.any(String) });
    expect(lstatSync(path.join(dir, 'r.yaml')).isSymbolicLink()).toBe(true);
    expect(lstatSync(path.join(dir, 'r-images/fig-1.png')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'elsewhere/real.yaml'), 'utf8')).toContain('- title: 总则');
    expect(readFileSync(path.join(dir, 'elsewhere/real.png')).equals(makePng(2, 2))).toBe(false);
    expect(readdirSync(path.join(dir, 'elsewhere')).sort()).toEqual(['real.png', 'real.yaml']);
    // links to nothing, or that loop: said so, with or without --force
    rmSync(path.join(dir, 'r-images/fig-1.png'));
    symlinkSync('../elsewhere/gone.png', path.join(dir, 'r-images/fig-1.png'));
    symlinkSync('loop.yaml', path.join(dir, 'loop.yaml'));
    const before = snapshot(dir);
    for (const force of [[], ['--force']]) {
      expect(imprint(dir, 'import', 'r.docx', ...force)).toEqual({ code: 2, out: '', err: 'imprint: r-images/fig-1.png is a link to ../elsewhere/gone.png, which does not exist: remove it or name another -o (`imprint help` shows the usage)\n' });
      expect(imprint(dir, 'import', 'r.docx', '-o', 'loop.yaml', ...force)).toEqual({ code: 2, out: '', err: 'imprint: loop.yaml is a link that loops: name the YAML file itself (`imprint help` shows the usage)\n' });
      expect(snapshot(dir)).toEqual(before);
    }
  });

  it('says in one line where it cannot write (a file where a folder goes: exit 1; where the pictures\' folder goes: refused as -o is, exit 2), naming no PDF and writing nothing', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'text.docx'), await draft());
    writeFileSync(path.join(dir, 'afile'), 'x');
    expect(imprint(dir, 'import', 'text.docx', '-o', 'afile/r.yaml')).toEqual({ code: 1, out: '', err: 'afile/r.yaml: cannot write (a part of the path is a file, not a folder)\n' });
    // a file where the pictures' folder goes, even with --force: refused before anything is written
    writeFileSync(path.join(dir, 'r.docx'), await draftDocx([heading(1, '总则'), p('正文。'), new Paragraph({ children: [picture()] }), p('图 1 示意')]));
    writeFileSync(path.join(dir, 'r-images'), 'x');
    const before = snapshot(dir);
    expect(imprint(dir, 'import', 'r.docx', '--force')).toEqual({ code: 2, out: '', err: 'imprint: r-images exists and is not a folder: the pictures of the draft are written there: remove it or name another -o (`imprint help` shows the usage)\n' });
    expect(snapshot(dir)).toEqual(before);
    // a draft without pictures does not mind it
    writeFileSync(path.join(dir, 'text-images'), 'x');
    expect(imprint(dir, 'import', 'text.docx')).toMatchObject({ code: 0, err: '' });
  });

  it('leaves nothing behind when a write fails midway (the YAML, written last, refused): the next import is not refused for files of its own', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'r.docx'), await draftDocx([heading(1, '总则'), new Paragraph({ children: [picture()] }), p('图 1 示意'), new Paragraph({ children: [picture()] }), p('图 2 示意')]));
    // the pictures' folder (NAME-images) fits in 255 bytes; the YAML's temporary file beside it (.NAME.yaml.PID.tmp) does not
    const name = 'a'.repeat(248);
    const before = snapshot(dir);
    const r = imprint(dir, 'import', 'r.docx', '-o', `${name}.yaml`);
    expect(r).toEqual({ code: 1, out: '', err: `${name}.yaml: cannot write (the name is too long)\n` });
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(path.join(dir, `${name}-images`))).toBe(false);
  });

  it('refuses a draft whose YAML would be larger than a build reads (8 MiB): one line naming the limit, exit 1, nothing written', async () => {
    const dir = folder();
    const paragraph = `<w:p><w:r><w:t>${'静安区中等职业教育坚持规模、结构、质量、效益协调发展。'.repeat(100)}</w:t></w:r></w:p>`;
    writeFileSync(path.join(dir, 'huge.docx'), await draftDocxWithXml([heading(1, '总则'), p('@@BODY@@')], { BODY: paragraph.repeat(1100) }));
    const before = snapshot(dir);
    const r = imprint(dir, 'import', 'huge.docx');
    expect(r).toMatchObject({ code: 1, out: '' });
    expect(r.err).toMatch(/^huge\.docx: its report would be 8\.\d MiB of YAML, more than the 8 MiB a build reads: nothing written \(split the draft into several reports\)\n$/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('says in one line why a file is not a draft it can read, exit 1', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'text.docx'), 'just text, renamed\n');
    const zip = new JSZip();
    zip.file('hello.txt', 'a ZIP, but no Word');
    writeFileSync(path.join(dir, 'other.docx'), await zip.generateAsync({ type: 'nodebuffer' }));
    const whole = await draft();
    writeFileSync(path.join(dir, 'cut.docx'), whole.subarray(0, Math.floor(whole.length / 2)));
    writeFileSync(path.join(dir, 'huge.docx'), '');
    truncateSync(path.join(dir, 'huge.docx'), 65 * 1024 * 1024);
    // a picture whose relationship the draft lacks: mammoth fails with a JavaScript error, not shown
    writeFileSync(path.join(dir, 'norel.docx'), await draftDocxWithXml([heading(1, '总则'), p('@@PICTURE@@')], { PICTURE: pictureXml('r:embed="rIdNone"') }));
    const expected: Record<string, RegExp> = {
      'text.docx': /^text\.docx: not a Word document \(\.docx\): it is not a ZIP archive\n$/,
      'other.docx': /^other\.docx: a ZIP archive but not a Word document \(\.docx\): it has no word\/document\.xml .*\n$/,
      'cut.docx': /^cut\.docx: a damaged ZIP archive \(.+\)\n$/,
      'missing.docx': /^missing\.docx: no such file\n$/,
      'huge.docx': /^huge\.docx: larger than 64 MiB\n$/,
      'norel.docx': /^norel\.docx: a damaged Word document \(the Word reader failed on it: a part refers to something the draft lacks, or is not as Word writes it\)\n$/,
    };
    for (const [file, message] of Object.entries(expected)) {
      const r = imprint(dir, 'import', file);
      expect({ file, code: r.code, out: r.out }).toEqual({ file, code: 1, out: '' });
      expect(r.err).toMatch(message);
      expect(existsSync(path.join(dir, file.replace('.docx', '.yaml')))).toBe(false);
    }
  });

  it('reads a Word document saved as a template or with macros (.dotx, .docm renamed .docx), and says truly what a draft without [Content_Types].xml lacks', async () => {
    const dir = folder();
    const whole = await JSZip.loadAsync(await draft());
    const types = await whole.file('[Content_Types].xml')!.async('string');
    for (const [name, type] of [
      ['macros.docx', 'application/vnd.ms-word.document.macroEnabled.main+xml'],
      ['template.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml'],
    ]) {
      whole.file('[Content_Types].xml', types.replace('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml', type));
      writeFileSync(path.join(dir, name), await whole.generateAsync({ type: 'nodebuffer' }));
      const r = imprint(dir, 'import', name);
      expect({ name, code: r.code }).toEqual({ name, code: 0 });
      expect(existsSync(path.join(dir, name.replace('.docx', '.yaml')))).toBe(true);
    }
    whole.remove('[Content_Types].xml');
    writeFileSync(path.join(dir, 'notypes.docx'), await whole.generateAsync({ type: 'nodebuffer' }));
    const r = imprint(dir, 'import', 'notypes.docx');
    expect(r).toMatchObject({ code: 1, out: '' });
    expect(r.err).toBe('notypes.docx: a damaged Word document: it has word/document.xml but no [Content_Types].xml, which says what its parts are\n');
  });

  it('reads a draft without word/styles.xml whose table names a style (the Word reader failed on it)', async () => {
    const dir = folder();
    const whole = await JSZip.loadAsync(await draft());
    expect(whole.file('word/styles.xml')).not.toBeNull();
    whole.remove('word/styles.xml');
    const xml = await whole.file('word/document.xml')!.async('string');
    const table = '<w:tbl><w:tblPr><w:tblStyle w:val="a3"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>数值</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>学校</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>38</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
    whole.file('word/document.xml', xml.replace(/<w:sectPr[\s\S]*<\/w:body>/, (end) => table + end));
    writeFileSync(path.join(dir, 'nostyles.docx'), await whole.generateAsync({ type: 'nodebuffer' }));
    const r = imprint(dir, 'import', 'nostyles.docx');
    expect(r.err).not.toMatch(/Word reader failed/);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'nostyles.yaml'), 'utf8')).toMatch(/学校[\s\S]*38/);
  });

  it('names word/_rels/document.xml.rels when a draft lacks it and its pictures refer to it (the Word reader failed on it)', async () => {
    const dir = folder();
    const zip = await JSZip.loadAsync(await draftDocx([heading(1, '总则'), p('正文。'), new Paragraph({ children: [picture()] })]));
    expect(zip.file('word/_rels/document.xml.rels')).not.toBeNull();
    zip.remove('word/_rels/document.xml.rels');
    writeFileSync(path.join(dir, 'norels.docx'), await zip.generateAsync({ type: 'nodebuffer' }));
    const r = imprint(dir, 'import', 'norels.docx');
    expect(r).toMatchObject({ code: 1, out: '' });
    expect(r.err).toBe('norels.docx: a damaged Word document: it lacks word/_rels/document.xml.rels, which says what the parts word/document.xml refers to are (pictures, links, notes)\n');
  });

  it('refuses a draft whose parts inflate past 256 MiB (a ZIP bomb) by the sizes it declares, before inflating: one line, exit 1', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'bomb.docx'), declareSize(await draft(), 'word/document.xml', 300 * 1024 * 1024));
    const r = imprint(dir, 'import', 'bomb.docx');
    expect(r).toMatchObject({ code: 1, out: '' });
    expect(r.err).toBe('bomb.docx: its parts inflate to more than 256 MiB: refused (a Word draft is far smaller; this may be a ZIP bomb)\n');
    expect(existsSync(path.join(dir, 'bomb.yaml'))).toBe(false);
  });

  it('refuses a draft whose parts inflate past the limit while inflating, when their declared sizes lie', async () => {
    const dir = folder();
    const zip = await JSZip.loadAsync(await draft());
    zip.file('word/media/zeros.bin', Buffer.alloc(2 * 1024 * 1024));
    const lying = declareSize(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), 'word/media/zeros.bin', 100);
    writeFileSync(path.join(dir, 'lying.docx'), lying);
    await expect(openDraft(path.join(dir, 'lying.docx'), 1024 * 1024)).rejects.toThrow(/^.*lying\.docx: its parts inflate to more than 1 MiB: refused/);
    // within the limit, the same lie is a damaged archive
    await expect(openDraft(path.join(dir, 'lying.docx'), 4 * 1024 * 1024)).rejects.toThrow(/lying\.docx: a damaged ZIP archive: word\/media\/zeros\.bin cannot be read/);
  });

  it('refuses a draft whose table rows skip more grid columns than an import fills with empty cells (the document read would swell tenfold)', async () => {
    const dir = folder();
    const row = '<w:tr><w:trPr><w:gridBefore w:val="63"/><w:gridAfter w:val="63"/></w:trPr><w:tc><w:p/></w:tc></w:tr>';
    const table = (rows: number) => `<w:tbl><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid>${row.repeat(rows)}</w:tbl>`;
    writeFileSync(path.join(dir, 'skips.docx'), await draftDocxWithXml([heading(1, '表'), p('@@A@@'), p('@@B@@')], { A: table(400), B: table(400) }));
    await expect(openDraft(path.join(dir, 'skips.docx'))).rejects.toThrow(
      /^.*skips\.docx: its table rows skip 100800 grid columns \(w:gridBefore, w:gridAfter\), more than the 100000 an import fills with empty cells: refused \(a Word draft skips far fewer\)$/,
    );
  });

  it('refuses wrong usage and an output that would replace the draft or a file that is not YAML, exit 2, writing nothing', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'r.docx'), await draft());
    writeFileSync(path.join(dir, 'notes.yaml'), Buffer.from([0x50, 0x4b, 3, 4, 0, 0]));
    writeFileSync(path.join(dir, 'keep.txt'), 'mine');
    const cases: [string[], RegExp][] = [
      [['import'], /import takes one FILE\.docx/],
      [['import', 'a.docx', 'b.docx'], /import takes one FILE\.docx/],
      [['import', 'r.docx', '-o'], /-o needs a file name/],
      [['import', 'r.docx', '--frobnicate'], /unknown option --frobnicate/],
      [['import', 'r.docx', '-o', 'keep.txt'], /name a \.yaml file/],
      [['import', 'r.docx', '-o', 'notes.yaml'], /notes\.yaml exists and is not a YAML file/],
      [['import', 'r.docx', '-o', '.'], /name a \.yaml file/],
    ];
    for (const [args, message] of cases) {
      const r = imprint(dir, ...args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toMatch(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    // the draft itself is never the output, also when named otherwise (`sub/../`)
    writeFileSync(path.join(dir, 'd.yaml'), await draft());
    const self = imprint(dir, 'import', 'd.yaml', '-o', 'sub/../d.yaml');
    expect(self).toMatchObject({ code: 2, err: expect.stringMatching(/would overwrite the input d\.yaml/) });
    expect(readFileSync(path.join(dir, "d.yaml")).subarray(0, 2).toString()).toBe("PK"); // still the draft
    expect(readFileSync(path.join(dir, 'notes.yaml'))).toEqual(Buffer.from([0x50, 0x4b, 3, 4, 0, 0]));
    expect(readFileSync(path.join(dir, 'keep.txt'), 'utf8')).toBe('mine');
  });
});

/** A picture for a draft: a 4 × 3 PNG, 40 × 30 px on the page. */
function picture(): ImageRun {
  return new ImageRun({ type: 'png', data: makePng(4, 3), transformation: { width: 40, height: 30 } });
}

/** Every file under `dir` (relative) with its bytes, as text in base64. */
function snapshot(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
  // a link as where it leads (it may lead nowhere)
  const entry = (f: string): [string, string][] => {
    const full = path.join(dir, f);
    if (lstatSync(full).isSymbolicLink()) return [[f, `-> ${readlinkSync(full)}`]];
    return statSync(full).isFile() ? [[f, readFileSync(full).toString('base64')]] : [];
  };
  return Object.fromEntries(files.flatMap(entry));
}

/** `zip` with the uncompressed size its central directory declares for part `name` set to `size`. */
function declareSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let at = out.indexOf('PK\x01\x02'); at >= 0; at = out.indexOf('PK\x01\x02', at + 4)) {
    if (out.toString('utf8', at + 46, at + 46 + out.readUInt16LE(at + 28)) !== name) continue;
    out.writeUInt32LE(size, at + 24);
    return out;
  }
  throw new Error(`no part ${name}`);
}
