/**
 * Every command that writes, run where a file may grow only so large (`ulimit -f`, as a full
 * disk stops a write midway, EFBIG in place of ENOSPC): one line at the file it could not write,
 * with the reason, the usual status (1; diff's 2), no stack trace nor "internal error"; and
 * nothing left half written: the last good PDF as it was, no project begun (init, extract), no
 * YAML nor picture of an import.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImageRun, Paragraph } from 'docx';
import { beforeAll, describe, expect, it } from 'vitest';
import { draftDocx, heading, p } from '../helpers/draft-docx.js';
import { makePng } from '../helpers/png.js';
import { good, root } from '../helpers/project.js';

const cli = path.join(root, 'dist/bin.cjs');

function imprint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** `imprint ...args` in `cwd` where no file may grow past 8 KiB (`ulimit -f 8`). */
function limited(cwd: string, ...args: string[]) {
  const r = spawnSync('sh', ['-c', 'ulimit -f 8 && exec "$0" "$@"', process.execPath, cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The reason a write past the limit is given. */
const REASON = 'the file would be larger than this process may write (ulimit -f)';

let dir: string;
beforeAll(() => {
  dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-too-large-')));
  expect(imprint(dir, 'init', 'p').code).toBe(0);
});

describe('a write past the size a file may grow to (ulimit -f)', () => {
  it('build: one line at the PDF, exit 1, the last good PDF kept, no temporary file', () => {
    const out = path.join(dir, 'build');
    mkdirSync(out);
    writeFileSync(path.join(dir, 'r.yaml'), good);
    writeFileSync(path.join(out, 'r.pdf'), '%PDF-1.7\n% the last good PDF\n');
    const r = limited(dir, 'build', 'r.yaml', '-o', 'build/r.pdf', '--no-cache');
    expect(r).toEqual({ code: 1, out: '', err: `build/r.pdf: cannot write (${REASON}); what was there, if anything, is unchanged\n` });
    expect(readdirSync(out)).toEqual(['r.pdf']);
    expect(readFileSync(path.join(out, 'r.pdf'), 'utf8')).toBe('%PDF-1.7\n% the last good PDF\n');
  });

  it('init: one line, exit 1, no project begun', () => {
    const r = limited(dir, 'init', 'q');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(new RegExp(`^imprint: q/[^ ]+: cannot write \\(${REASON.replace(/[()]/g, '\\$&')}\\)\n$`));
    expect(existsSync(path.join(dir, 'q'))).toBe(false);
  });

  it('extract: one line, exit 1, no project begun', () => {
    expect(imprint(path.join(dir, 'p'), 'build', '--pdfa', '3b', '-o', '../a3.pdf').code).toBe(0);
    const r = limited(dir, 'extract', 'a3.pdf', 'back');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(new RegExp(`^imprint: back/[^ ]+: cannot write \\(${REASON.replace(/[()]/g, '\\$&')}\\)\n$`));
    expect(existsSync(path.join(dir, 'back'))).toBe(false);
  });

  it('import: one line, exit 1, neither the YAML nor a picture written', async () => {
    const picture = new ImageRun({ type: 'png', data: makePng(200, 200), transformation: { width: 200, height: 200 } });
    writeFileSync(path.join(dir, 'd.docx'), await draftDocx([heading(1, '总则'), p('正文。'.repeat(2000)), new Paragraph({ children: [picture] })]));
    const r = limited(dir, 'import', 'd.docx');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^d(-images/fig-1\\.png|\\.yaml): cannot write \\(${REASON.replace(/[()]/g, '\\$&')}\\)\n$`));
    expect(existsSync(path.join(dir, 'd.yaml'))).toBe(false);
    expect(existsSync(path.join(dir, 'd-images'))).toBe(false);
  });

  it('diff -o DIR: the summary, then one line at the image, exit 2', () => {
    expect(imprint(path.join(dir, 'p'), 'build', '-o', '../old.pdf').code).toBe(0);
    const content = path.join(dir, 'p/content/report.yaml');
    writeFileSync(content, readFileSync(content, 'utf8').replace(/(title: )(\S+)/, '$1$2改'));
    expect(imprint(path.join(dir, 'p'), 'build', '-o', '../new.pdf').code).toBe(0);
    const r = limited(dir, 'diff', 'old.pdf', 'new.pdf', '-o', 'images');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^imprint: images/page-\\d{3}\\.png: cannot write this image of the changes \\(${REASON.replace(/[()]/g, '\\$&')}\\); no image was written, no other file changed\n$`));
    expect(readdirSync(path.join(dir, 'images'))).toEqual([]);
  });
});
