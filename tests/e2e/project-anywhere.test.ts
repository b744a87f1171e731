/**
 * A project folder anywhere (outside Imprint's checkout, no node_modules of its own): its
 * `fonts/fonts.yaml` adds to Imprint's roles and may replace them; Imprint's `npm:` fonts come
 * from Imprint's own packages.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');

/** A project with the sample report in content/ and this font registry. */
function project(registry: string): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-anywhere-')));
  mkdirSync(path.join(dir, 'content'));
  mkdirSync(path.join(dir, 'fonts'));
  copyFileSync(path.join(root, 'content/jingan-2025.yaml'), path.join(dir, 'content/jingan-2025.yaml'));
  writeFileSync(path.join(dir, 'fonts/fonts.yaml'), registry);
  return dir;
}

/** `imprint build` with cwd `dir` (killed after 120 s). */
function build(dir: string) {
  const r = spawnSync(process.execPath, [cli, 'build'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The font names a PDF embeds (its `/BaseFont`s, subset tags dropped). */
function fontsOf(pdf: string): string[] {
  return [...new Set([...readFileSync(pdf, 'latin1').matchAll(/\/BaseFont \/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]))].sort();
}

describe('a project folder anywhere', () => {
  it('adds a role to Imprint’s without repeating them', () => {
    const dir = project('roles:\n  mine:\n    aliases: [我的]\n    fallback: 黑体\n');
    const r = build(dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^content\/jingan-2025\.yaml -> out\/jingan-2025\.pdf: \d+ pages/);
    expect(fontsOf(path.join(dir, 'out/jingan-2025.pdf'))).toEqual(['NotoSansSC-Bold', 'NotoSansSC-Regular', 'NotoSerifSC-Bold', 'NotoSerifSC-Regular']); // bold 宋体: run-in headings
  });

  it('replaces a role with its own file, and the names that led to it follow', () => {
    // serif (宋体 in the theme) replaced by the sans face, copied into the project's fonts/
    const dir = project('roles:\n  serif:\n    regular: body.ttf\n');
    copyFileSync(path.join(root, 'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'), path.join(dir, 'fonts/body.ttf'));
    const r = build(dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(fontsOf(path.join(dir, 'out/jingan-2025.pdf'))).toEqual(['NotoSansSC-Bold', 'NotoSansSC-Regular']);
  });

  it('locates a problem of its registry at its own line', () => {
    const dir = project('roles:\n  serif:\n    regular: nosuch.ttf\n');
    expect(build(dir)).toEqual({ code: 1, out: '', err: `fonts/fonts.yaml:3:14: font file of role "serif" not found: fonts/nosuch.ttf\n` });
  });
});
