/**
 * Archive-grade output: the same bytes in another process, time zone and locale; PDF/A
 * metadata; the sources embedded in a PDF/A-3 and extracted back byte for byte; XMP that
 * stays valid XML whatever the title holds.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
    const files = (await doc.getAttachments()) as Record<string, { filename: string; content: Uint8Array }>;
    const yaml = Object.values(files).find((f) => f.filename === 'jingan-2025.yaml')!;
    expect(Buffer.from(yaml.content).equals(readFileSync(sample))).toBe(true);
    expect(Object.values(files).map((f) => f.filename)).toContain('theme-official.yaml');
    expect(pdf.toString('latin1')).toMatch(/\/OutputIntents/);
    await doc.destroy();
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
