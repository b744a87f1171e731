/**
 * Arguments that name what a command cannot use (a device, a named pipe, a link that loops):
 * one clear message, exit 1 (2 for usage), no stack trace, nothing written; what each command
 * says of them where it said it badly or not at all.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftDocx, heading, p } from '../helpers/draft-docx.js';
import { good, root } from '../helpers/project.js';

const cli = path.join(root, 'dist/bin.cjs');

function imprint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}

const folder = () => realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-hostile-')));

describe('hostile arguments', () => {
  it('import -o a named pipe: exit 2, its message names a YAML file once (it said "a YAML file file")', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'd.docx'), await draftDocx([heading(1, '总则'), p('正文。')]));
    spawnSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    const r = imprint(dir, 'import', 'd.docx', '-o', 'pipe.yaml');
    expect(r).toMatchObject({ code: 2, out: '', err: 'imprint: pipe.yaml is not a regular file (a device, a pipe or a socket): name a YAML file instead (`imprint help` shows the usage)\n' });
  });

  it('diff -o a link that loops: refused before anything is read, exit 2 (it printed the summary, then failed at the first image)', () => {
    const dir = folder();
    symlinkSync('loop', path.join(dir, 'loop'));
    writeFileSync(path.join(dir, 'r.yaml'), good);
    expect(imprint(dir, 'build', 'r.yaml', '-o', 'old.pdf').code).toBe(0);
    writeFileSync(path.join(dir, 'r.yaml'), good.replace('第一段。', '第一段改过。'));
    expect(imprint(dir, 'build', 'r.yaml', '-o', 'new.pdf').code).toBe(0);
    const r = imprint(dir, 'diff', 'old.pdf', 'new.pdf', '-o', 'loop');
    expect(r).toMatchObject({ code: 2, out: '', err: 'imprint: -o loop is a link that loops: -o names the folder for the images of the changed pages, and nothing was written (`imprint help` shows the usage)\n' });
  });

  it('watch a device: its one located message, exit 1 (it rebuilt without end, /dev/null changing as others write to it)', () => {
    const dir = folder();
    const r = imprint(dir, 'watch', '/dev/null', '-o', 'w.pdf');
    expect(r.signal).toBe(null);
    expect(r).toMatchObject({ code: 1, out: '', err: '/dev/null:1:1: not a regular file (a device, named pipe or socket cannot be a report)\n' });
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(path.join(dir, 'w.pdf'))).toBe(false);
  });

  it('a file named with a line break or a terminal code: each message one line, the name shown by its code points (a new line split the message, an escape coloured the terminal)', () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'a\nb.yaml'), 'report:\n  title: x\n');
    expect(imprint(dir, 'check', 'a\nb.yaml')).toMatchObject({ code: 1, out: '', err: 'aU+000Ab.yaml:1:1: missing `chapters:` in the report\n' });
    writeFileSync(path.join(dir, 'c\x1b[31m.yaml'), good);
    const r = imprint(dir, 'build', 'c\x1b[31m.yaml', '-o', 'd\x1b[31m.pdf');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^cU\+001B\[31m\.yaml -> dU\+001B\[31m\.pdf: 3 pages, \d+ ms\n$/);
    expect(imprint(dir, 'check', 'c\x1b[31m.yaml').out).toMatch(/^cU\+001B\[31m\.yaml: ok \(3 pages\)\n$/);
    // a warning of the layout is at its place in such a file (the place goes through the templates' markup)
    writeFileSync(path.join(dir, '100%\x1b.yaml'), good.replace('第一段。', '第一段\u{E000}。'));
    expect(imprint(dir, 'check', '100%\x1b.yaml')).toMatchObject({ code: 0, err: '100%U+001B.yaml:6:12: warning: no font has the character "\u{E000}" (U+E000); it is drawn as an empty box\n' });
  });

  it('import and diff of files named with a line break: each line one line, the names by their code points', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'a\nb.docx'), await draftDocx([heading(1, '总则'), p('正文。')]));
    expect(imprint(dir, 'import', 'a\nb.docx', '-o', 'r.yaml')).toMatchObject({ code: 0, out: 'aU+000Ab.docx -> r.yaml: 1 chapter; everything carried\n' });
    // the YAML the notes are at the top of, named again at the end of the line (it was raw: an escape acted on the terminal)
    writeFileSync(path.join(dir, 'g.docx'), await draftDocx([p('正文。')]));
    expect(imprint(dir, 'import', 'g.docx', '-o', 'h\x1b.yaml')).toMatchObject({ code: 0, out: 'g.docx -> hU+001B.yaml: 1 chapter; 1 note on what was not carried (above, and at the top of hU+001B.yaml)\n' });
    writeFileSync(path.join(dir, 'c\nd.docx'), 'not a draft');
    expect(imprint(dir, 'import', 'c\nd.docx', '-o', 's.yaml')).toMatchObject({ code: 1, err: 'cU+000Ad.docx: not a Word document (.docx): it is not a ZIP archive\n' });
    writeFileSync(path.join(dir, 'e\nf.pdf'), 'not a PDF');
    expect(imprint(dir, 'diff', 'e\nf.pdf', 'e\nf.pdf')).toMatchObject({ code: 2, err: 'imprint: eU+000Af.pdf: not a PDF (it does not start as one)\n' });
  });

  it('names with a line break in the messages of output, init, extract, clean and fonts: by their code points, each message one line (they were printed raw)', () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'a\nb'), 'a file where a folder would go');
    writeFileSync(path.join(dir, 'r\n.yaml'), good);
    // OutputError (build -o), InitError, a usage error of init, ExtractError
    expect(imprint(dir, 'build', 'r\n.yaml', '-o', 'a\nb/x.pdf')).toMatchObject({ code: 1, out: '', err: 'aU+000Ab/x.pdf: cannot write (a part of the path is a file, not a folder); what was there, if anything, is unchanged\n' });
    expect(imprint(dir, 'init', 'a\nb/c')).toMatchObject({ code: 1, out: '', err: 'imprint: aU+000Ab/c: cannot write (a part of the path is a file, not a folder)\n' });
    expect(imprint(dir, 'init', 'a\nb')).toMatchObject({ code: 2, out: '', err: 'imprint: init writes into a new or empty folder: aU+000Ab is a file (`imprint help` shows the usage)\n' });
    expect(imprint(dir, 'extract', 'r\n.yaml', 'new')).toMatchObject({ code: 1, out: '', err: 'imprint: rU+000A.yaml: not a PDF (it does not start as one)\n' });
    expect(imprint(dir, 'clean', 'a\nb')).toMatchObject({ code: 2, out: '', err: 'imprint: clean: aU+000Ab is a file, not a folder (`imprint help` shows the usage)\n' });
    const made = imprint(dir, 'init', 'p\nq');
    expect(made).toMatchObject({ code: 0, err: '' });
    expect(made.out).toMatch(/^pU\+000Aq: a starter project \([^\n]+\)\nnext: cd \$'p\\x0Aq' && imprint build\n$/);
    // the command that makes a missing folder names it as a shell reads it, not as the message shows it (mkdir -p 'aU+000Ab' made another folder)
    expect(imprint(dir, 'init', 'no\x1b/p')).toMatchObject({ code: 2, out: '', err: "imprint: init writes into a new or empty folder: noU+001B/p goes in noU+001B, which does not exist (make it first: mkdir -p $'no\\x1B') (`imprint help` shows the usage)\n" });
    // fonts: its report line, and the registries line (the project's registry is in a folder so named)
    const fonts = imprint(path.join(dir, 'p\nq'), 'fonts', '../r\n.yaml');
    expect(fonts.code).toBe(0);
    expect(fonts.out).toContain('\n../rU+000A.yaml: ');
    expect(fonts.out).toContain('/pU+000Aq/fonts/fonts.yaml (project)');
    expect(fonts.out.split('\n').every((line) => !line.endsWith('/p'))).toBe(true);
  });
});
