/**
 * Archive-grade output: the same bytes in another process, time zone and locale; PDF/A
 * metadata; the sources embedded in a PDF/A-3 and extracted back byte for byte; XMP that
 * stays valid XML whatever the title holds.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-archive-'));
const sample = path.join(root, 'content/jingan-2025.yaml');

function build(input: string, out: string, env: Record<string, string>, ...flags: string[]): Buffer {
  const r = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'build', input, '-o', out, ...flags], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  expect(r.stderr).toBe('');
  return readFileSync(out);
}

async function open(pdf: Buffer) {
  return getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
}

describe('archive-grade PDF', () => {
  it('gives the same bytes in two processes with different time zones and locales', () => {
    const a = build(sample, path.join(dir, 'a.pdf'), { TZ: 'Asia/Shanghai', LANG: 'zh_CN.UTF-8', LC_ALL: 'zh_CN.UTF-8' });
    const b = build(sample, path.join(dir, 'b.pdf'), { TZ: 'America/Los_Angeles', LANG: 'C', LC_ALL: 'C' });
    expect(a.equals(b)).toBe(true);
  });

  it('--pdfa 3b: PDF/A-3B identification, and the YAML source extracts back byte-identical', async () => {
    const pdf = build(sample, path.join(dir, 'a3.pdf'), {}, '--pdfa', '3b');
    const doc = await open(pdf);
    const meta = await doc.getMetadata();
    expect(meta.metadata?.get('pdfaid:part')).toBe('3');
    expect(meta.metadata?.get('pdfaid:conformance')).toBe('B');
    const files = (await doc.getAttachments()) as Record<string, { content: Uint8Array }>;
    expect(Buffer.from(files['content/jingan-2025.yaml'].content).equals(readFileSync(sample))).toBe(true);
    expect(Buffer.from(files['templates/official/theme.yaml'].content).equals(readFileSync(path.join(root, 'templates/official/theme.yaml')))).toBe(true);
    const manifest = JSON.parse(Buffer.from(files['(imprint)/manifest.json'].content).toString()) as { files: { path: string; role: string }[]; fonts: { name: string; sha256: string }[] };
    expect(manifest.files.map((f) => f.role)).toEqual(expect.arrayContaining(['content', 'template', 'theme', 'font-registry']));
    expect(Object.keys(files).sort()).toEqual([...manifest.files.map((f) => f.path), '(imprint)/manifest.json'].sort()); // the sample is Imprint's checkout: every file the project's
    expect(manifest.fonts.map((f) => f.name)).toContain('NotoSerifSC_400Regular.ttf');
    expect(pdf.toString('latin1')).toMatch(/\/OutputIntents/);
    await doc.destroy();
  });

  it('--pdfa 3b: the same bytes in two locales that sort the embedded files’ Chinese names otherwise', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'imprint-archive-names-'));
    mkdirSync(path.join(project, '图表'));
    copyFileSync(path.join(root, 'starter/content/images/chart.png'), path.join(project, '图表/甲.png'));
    copyFileSync(path.join(root, 'starter/content/images/chart.png'), path.join(project, '图表/报.png'));
    const figure = (image: string) => `      - figure: { title: 图, image: ${image} }\n`;
    writeFileSync(path.join(project, '报告.yaml'), `report:\n  title: 名字\nchapters:\n  - title: 一\n    body:\n      - 段落。\n${figure('图表/甲.png')}${figure('图表/报.png')}`);
    const inProject = (out: string, env: Record<string, string>) => {
      const r = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'build', '报告.yaml', '-o', out, '--pdfa', '3b'], { cwd: project, encoding: 'utf8', env: { ...process.env, ...env } });
      expect(r.stderr).toBe('');
      return readFileSync(out);
    };
    const a = inProject(path.join(dir, 'names-zh.pdf'), { LANG: 'zh_CN.UTF-8', LC_ALL: 'zh_CN.UTF-8' });
    const b = inProject(path.join(dir, 'names-c.pdf'), { LANG: 'C', LC_ALL: 'C' });
    expect(a.equals(b)).toBe(true);
  });

  it('--pdfa 2b: PDF/A-2B identification with an sRGB output intent', async () => {
    const pdf = build(sample, path.join(dir, 'a2.pdf'), {}, '--pdfa', '2b');
    const doc = await open(pdf);
    const meta = await doc.getMetadata();
    expect(meta.metadata?.get('pdfaid:part')).toBe('2');
    expect(pdf.toString('latin1')).toContain('sRGB IEC61966-2.1');
    await doc.destroy();
  });

  it('writes XMP that stays XML when the title holds & < and quotes', async () => {
    const input = path.join(dir, 'amp.yaml');
    writeFileSync(input, 'report:\n  title: 质量 & 效益 <2025> "报告"\n  issuer: 甲 & 乙\nchapters:\n  - title: 一\n    body: [段落。]\n');
    const doc = await open(build(input, path.join(dir, 'amp.pdf'), {}, '--pdfa', '2b'));
    const meta = await doc.getMetadata();
    expect(meta.metadata?.get('dc:title')).toBe('质量 & 效益 <2025> "报告"');
    expect(meta.metadata?.get('dc:creator')).toEqual(['甲 & 乙']);
    await doc.destroy();
  });
});
