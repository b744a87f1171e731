/**
 * The files a `--pdfa 3b` PDF carries are well-formed attachments for an archive: each embedded
 * file stream names its MIME type (PDF/A-3 asks for it: an image is image/png, image/jpeg or
 * image/svg+xml, not application/octet-stream) and its /CheckSum is the 16 bytes of the MD5 of
 * the file (ISO 32000 7.11.4), not 32 characters of hex text.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { inflateSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { iccProfile } from '../helpers/icc.js';
import { makeJpeg } from '../helpers/jpeg.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');

function imprint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The embedded file streams of a PDF Imprint wrote (pdfkit writes no object streams): their dictionaries and bytes. */
function embeddedFiles(pdf: Buffer): { subtype: string; checksum: string; data: Buffer }[] {
  const text = pdf.toString('latin1');
  const found: { subtype: string; checksum: string; data: Buffer }[] = [];
  for (const m of text.matchAll(/\d+ 0 obj\s*<<((?:(?!endobj)[\s\S])*?\/Type \/EmbeddedFile\b(?:(?!endobj)[\s\S])*?)>>\s*stream\r?\n/g)) {
    const dict = m[1];
    const start = m.index! + m[0].length;
    const stored = pdf.subarray(start, text.indexOf('\nendstream', start)); // its /Length is an object of its own
    const data = /\/Filter \/FlateDecode/.test(dict) ? inflateSync(stored) : stored;
    found.push({ subtype: /\/Subtype \/(\S+)/.exec(dict)![1], checksum: /\/CheckSum (<[0-9a-fA-F]*>|\((?:[^()\\]|\\.)*\))/.exec(dict)![1], data });
  }
  return found;
}

describe('--pdfa 3b attachments', () => {
  it('name each image by its MIME type, and carry the MD5 of each file as 16 bytes', () => {
    const parent = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-attach-')));
    expect(imprint(parent, 'init', 'p').code).toBe(0);
    const project = path.join(parent, 'p');
    writeFileSync(path.join(project, 'content/images/photo.jpg'), makeJpeg(40, 30, { components: 3 }));
    const yaml = readFileSync(path.join(project, 'content/report.yaml'), 'utf8');
    writeFileSync(path.join(project, 'content/report.yaml'), yaml.replace('    id: overview\n    body:\n', '    id: overview\n    body:\n      - figure: { title: 照片, image: images/photo.jpg, width: 30% }\n'));
    const built = imprint(project, 'build', '--pdfa', '3b', '-o', 'out/r.pdf');
    expect(built.code, built.err).toBe(0);
    const files = embeddedFiles(readFileSync(path.join(project, 'out/r.pdf')));
    const byData = (name: string) => files.find((f) => f.data.equals(readFileSync(path.join(project, name))))!;
    expect(byData('content/images/chart.png').subtype).toBe('image#2Fpng');
    expect(byData('content/images/chart.svg').subtype).toBe('image#2Fsvg+xml');
    expect(byData('content/images/photo.jpg').subtype).toBe('image#2Fjpeg');
    expect(byData('content/report.yaml').subtype).toBe('application#2Fyaml');
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(f.checksum.toLowerCase()).toBe(`<${createHash('md5').update(f.data).digest('hex')}>`);
    // each file's description says whose it is, in words: Imprint's, the project's
    const text = readFileSync(path.join(project, 'out/r.pdf'), 'latin1');
    expect(text).toContain("A template file \\(Imprint's templates/official/");
    expect(text).toContain("The content of the report \\(the project's content/report.yaml\\)");
    expect(text).not.toContain("own's");
  });

  it('refuse a CMYK JPEG without its profile, which an sRGB output intent does not define: an error at its image: line, nothing written; without PDF/A it builds; with its profile it is drawn in it', () => {
    const parent = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-cmyk-')));
    expect(imprint(parent, 'init', 'p').code).toBe(0);
    const project = path.join(parent, 'p');
    writeFileSync(path.join(project, 'content/images/photo.jpg'), makeJpeg(40, 30, { components: 4 }));
    const yaml = readFileSync(path.join(project, 'content/report.yaml'), 'utf8').replace('    id: overview\n    body:\n', '    id: overview\n    body:\n      - figure: { title: 照片, image: images/photo.jpg, width: 30% }\n');
    writeFileSync(path.join(project, 'content/report.yaml'), yaml);
    const line = yaml.split('\n').findIndex((l) => l.includes('images/photo.jpg')) + 1;
    const col = yaml.split('\n')[line - 1].indexOf('images/photo.jpg') + 1;
    for (const level of ['2b', '3b']) {
      const r = imprint(project, 'build', '--pdfa', level, '-o', `out/${level}.pdf`);
      expect([r.code, r.err]).toEqual([1, `content/report.yaml:${line}:${col}: PDF/A-${level} cannot hold this JPEG: it is CMYK, whose colours the PDF's sRGB output intent does not define; save it with its CMYK colour profile embedded, as an RGB JPEG or as a PNG, or build without PDF/A\n`]);
      expect(() => readFileSync(path.join(project, `out/${level}.pdf`))).toThrow();
    }
    expect(imprint(project, 'build', '-o', 'out/plain.pdf').code).toBe(0);
    // one that carries its CMYK profile is drawn in it (ICCBased, the profile embedded), which PDF/A allows
    const profile = iccProfile('CMYK');
    writeFileSync(path.join(project, 'content/images/photo.jpg'), makeJpeg(40, 30, { components: 4, icc: [profile] }));
    for (const level of ['2b', '3b']) {
      const r = imprint(project, 'build', '--pdfa', level, '-o', `out/${level}.pdf`);
      expect([r.code, r.err.includes('PDF/A')]).toEqual([0, false]); // (a warning: the test image's few pixels)
      const pdf = readFileSync(path.join(project, `out/${level}.pdf`));
      const text = pdf.toString('latin1');
      const image = /\/Subtype \/Image[^>]*\/ColorSpace \[\/ICCBased (\d+) 0 R\]/.exec(text);
      expect(image).not.toBeNull();
      expect(text).not.toContain('/DeviceCMYK');
      const icc = new RegExp(`\\n${image![1]} 0 obj\\n<<([^>]*)>>\\nstream\\n`).exec(text)!;
      expect(icc[1]).toContain('/N 4');
      const start = icc.index + icc[0].length;
      expect(inflateSync(pdf.subarray(start, text.indexOf('\nendstream', start))).equals(profile)).toBe(true);
    }
    // without PDF/A, as before: DeviceCMYK, as the print shop's file has it
    expect(imprint(project, 'build', '-o', 'out/plain.pdf').code).toBe(0);
    expect(readFileSync(path.join(project, 'out/plain.pdf'), 'latin1')).toMatch(/\/ColorSpace \/DeviceCMYK/);
  });
});
