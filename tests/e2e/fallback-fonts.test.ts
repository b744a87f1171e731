/**
 * Fonts for the characters no font of a style has (`fallbacks:` of fonts/fonts.yaml): 𠮷
 * U+20BB7, which no shipped font has, is drawn from the project's fallback role (a font of that
 * character only, here), embedded as a subset; its text extracts again; no warning, and
 * `imprint fonts` finds no character missing. Changing the fallbacks or the fallback's file
 * reaches a build that reads the cache on disk.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/pdf-reader.js';
import { rareFont } from '../helpers/rare-font.js';

const root = path.resolve(import.meta.dirname, '../..');
const SANS = path.join(root, 'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const RARE = '\u{20BB7}'; // 𠮷
/** The project's registry: a role of the rare font, tried after a style's own fonts. */
const REGISTRY = 'roles:\n  rare:\n    regular: rare.ttf\nfallbacks: [rare]\n';

/** A project (own node_modules, where its build cache goes) with `fonts/rare.ttf`, a font of 𠮷 alone (drawn as 吉). */
function newProject(registry = REGISTRY): { dir: string; input: string; registry: string; font: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'imprint-fallbacks-'));
  mkdirSync(path.join(dir, 'node_modules'));
  mkdirSync(path.join(dir, 'fonts'));
  const font = path.join(dir, 'fonts/rare.ttf');
  writeFileSync(font, rareFont(SANS, { [RARE]: '吉' }, 'ImprintRare-Regular'));
  writeFileSync(path.join(dir, 'fonts/fonts.yaml'), registry);
  const input = path.join(dir, 'r.yaml');
  writeFileSync(input, `report:\n  title: 名字\nchapters:\n  - title: 一\n    body:\n      - 班主任${RARE}田老师任教十年，**${RARE}田**老师。\n`);
  return { dir, input, registry: path.join(dir, 'fonts/fonts.yaml'), font };
}

const imprint = (dir: string, ...args: string[]) => spawnSync(process.execPath, [path.join(root, 'dist/bin.cjs'), ...args], { cwd: dir, encoding: 'utf8' });

/** The PostScript name (no subset tag) of the font each glyph of `ch` is shown in, in order. */
async function fontsOf(pdf: Uint8Array, ch: string): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, verbosity: 0 }).promise;
  const out: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const ops = await page.getOperatorList();
    let font = '';
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i];
      if (fn === OPS.setFont) font = (page.commonObjs.get(args[0]) as { name: string }).name.replace(/^[A-Z]{6}\+/, '');
      else if (fn === OPS.showText) for (const g of args[0] as (number | { unicode: string })[]) if (typeof g !== 'number' && g.unicode === ch) out.push(font);
    });
  }
  await doc.destroy();
  return out;
}

describe('a fallback font of the project', () => {
  it('draws the characters no font of a style has, regular and bold, embedded; its text extracts; no warning', async () => {
    const { dir, input } = newProject();
    const r = imprint(dir, 'build', input, '-o', path.join(dir, 'r.pdf'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const pdf = readFileSync(path.join(dir, 'r.pdf'));
    expect(await fontsOf(pdf, RARE)).toEqual(['ImprintRare-Regular', 'ImprintRare-Regular']); // the bold style: the role's regular (it has no bold)
    expect(await fontsOf(pdf, '田')).not.toContain('ImprintRare-Regular'); // the style's own fonts first
    const text = (await readPdf(pdf)).pages.flatMap((p) => p.lines.map((l) => l.text)).join('\n');
    expect(text.replace(/\s/g, '')).toContain(`班主任${RARE}田老师`);
  });

  it('leaves no character missing for `imprint fonts`, which lists the fallbacks', () => {
    const { dir, input } = newProject();
    const r = imprint(dir, 'fonts', input);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('every character has a font');
    expect(r.stdout).toMatch(/fallbacks.*: rare/);
  });

  it('without it, the character is missing (warned)', () => {
    const { dir, input } = newProject('roles:\n  rare:\n    regular: rare.ttf\n');
    const r = imprint(dir, 'build', input, '-o', path.join(dir, 'r.pdf'));
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`no font has the character "${RARE}"`);
  });

  it('a change of the fallbacks or of the fallback font file reaches a build that reads the cache on disk', () => {
    const { dir, input, registry, font } = newProject();
    const build = () => imprint(dir, 'build', input, '-o', path.join(dir, 'r.pdf'));
    expect(build().stderr).toBe('');
    writeFileSync(registry, REGISTRY.replace('fallbacks: [rare]\n', ''));
    expect(build().stderr).toContain(`no font has the character "${RARE}"`);
    writeFileSync(registry, REGISTRY);
    expect(build().stderr).toBe('');
    writeFileSync(font, rareFont(SANS, { '\u{20BB8}': '吉' }, 'ImprintRare-Regular')); // the font no longer has it
    expect(build().stderr).toContain(`no font has the character "${RARE}"`);
  });
});
