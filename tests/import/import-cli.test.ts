/**
 * `imprint import` at the command line: a draft that cannot be read (or that inflates past the
 * limit: a ZIP bomb) is one line at the file, exit 1; wrong usage and an output that would
 * replace the draft or a file that is not YAML are refused, exit 2, with nothing written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { openDraft } from '../../src/commands/import/open-draft.js';
import { draftDocx, heading, p } from '../helpers/draft-docx.js';

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
    expect(r.out).toBe('r.docx -> r.yaml: 1 chapters; everything carried\n');
    expect(readFileSync(path.join(dir, 'r.yaml'), 'utf8')).toContain('chapters:\n  - title: 总则\n    body:\n      - 正文。\n');
    expect(imprint(root, 'check', path.join(dir, 'r.yaml')).code).toBe(0);
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
    const expected: Record<string, RegExp> = {
      'text.docx': /^text\.docx: not a Word document \(\.docx\): it is not a ZIP archive\n$/,
      'other.docx': /^other\.docx: a ZIP archive but not a Word document \(\.docx\): it has no word\/document\.xml .*\n$/,
      'cut.docx': /^cut\.docx: a damaged ZIP archive \(.+\)\n$/,
      'missing.docx': /^missing\.docx: no such file\n$/,
      'huge.docx': /^huge\.docx: larger than 64 MiB\n$/,
    };
    for (const [file, message] of Object.entries(expected)) {
      const r = imprint(dir, 'import', file);
      expect({ file, code: r.code, out: r.out }).toEqual({ file, code: 1, out: '' });
      expect(r.err).toMatch(message);
      expect(existsSync(path.join(dir, file.replace('.docx', '.yaml')))).toBe(false);
    }
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
