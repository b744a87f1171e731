/**
 * The fast paths give what the slow paths give: a rebuild that reuses set paragraphs (watch
 * mode) writes the same bytes as a fresh build, the cmap shortcut for single characters
 * picks the glyph and advance that full OpenType layout picks, and a template compiled at build
 * time draws what its precompiled twin draws.
 */
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { advanceOf, FaceSet, glyphOf } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import buildJob from '../../src/build-worker.js';
import { buildReport, layoutReport, newBuildCache, rehearseEdit } from '../../src/pipeline.js';
import { isCjk } from '../../src/text/char-class.js';

const root = path.resolve(import.meta.dirname, '../..');
const sample = readFileSync(path.join(root, 'content/jingan-2025.yaml'), 'utf8');

/** The sample built once in a folder of its own, with the cache that build leaves. */
async function builtOnce() {
  const input = path.join(mkdtempSync(path.join(tmpdir(), 'imprint-rehearse-')), 'r.yaml');
  writeFileSync(input, sample);
  const options = { input, projectDir: root, packageDir: root, version: 'test' };
  const cache = newBuildCache(options);
  await buildReport(options, cache);
  return { options, cache };
}

describe('fast paths', () => {
  it('a rebuild with the cache of an earlier build gives the bytes of a fresh build', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imprint-fast-'));
    const input = path.join(dir, 'r.yaml');
    const options = { input, projectDir: root, packageDir: root, version: 'test' };
    const cache = newBuildCache(options);
    writeFileSync(input, sample.replace('2025 年静安区属中职校 2 所', '2025 年静安区属中职校两所'));
    await buildReport(options, cache);
    writeFileSync(input, sample);
    const warm = (await buildReport(options, cache)).pdf;
    const fresh = (await buildReport(options)).pdf;
    expect(warm.equals(fresh)).toBe(true);
  });

  it('a rehearsed edit (watch’s warm-ups) sets a quarter of the paragraphs again, and so draws the pages holding them again, to the bytes of a fresh build', async () => {
    const { options, cache } = await builtOnce();
    const before = new Map(cache.setCache);
    const written = cache.render.pages;
    const pages = written.length;
    expect(pages).toBeGreaterThan(20);
    rehearseEdit(cache, 1, 4, 100);
    const rehearsed = (await buildReport(options, cache)).pdf;
    const setAgain = [...before].filter(([key, set], i) => i % 4 === 1 && cache.setCache.get(key) !== set && cache.setCache.has(key));
    expect(setAgain.length).toBe(Math.floor((before.size + 2) / 4));
    expect([...before].filter(([key, set], i) => i % 4 !== 1 && cache.setCache.get(key) !== set)).toEqual([]); // the others taken from the cache
    expect(cache.render.pages.length).toBe(pages);
    const drawnAgain = cache.render.pages.map((page, i) => page.added !== written[i].added); // (a page taken as it was keeps what it added)
    expect(drawnAgain.filter(Boolean).length).toBeGreaterThan(pages / 2); // (the sample's quarters of paragraphs are on most pages)
    expect(rehearsed.equals((await buildReport(options)).pdf)).toBe(true);
  });

  it('a rehearsed edit sets no more paragraphs again than it is given (a long report’s costs what a short one’s does)', async () => {
    const { options, cache } = await builtOnce();
    const size = cache.setCache.size;
    rehearseEdit(cache, 2, 4, 10);
    expect(cache.setCache.size).toBe(size - 10);
  });

  it('a session that edits a paragraph again and again keeps one build’s paragraphs, not every version', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imprint-session-'));
    const input = path.join(dir, 'r.yaml');
    const options = { input, projectDir: root, packageDir: root, version: 'test' };
    const cache = newBuildCache(options);
    writeFileSync(input, sample);
    await buildReport(options, cache);
    const size = cache.setCache.size;
    for (let i = 1; i <= 3; i++) {
      writeFileSync(input, sample.replace('2025 年静安区属中职校 2 所', `2025 年静安区属中职校 2 所（第 ${i} 稿）`));
      await buildReport(options, cache);
      const keys = [...cache.setCache.keys()];
      expect(keys.filter((k) => k.includes(`（第 ${i} 稿）`)).length).toBe(1);
      expect(keys.filter((k) => / 稿）/.test(k)).length).toBe(1); // the earlier versions are gone
      expect(cache.setCache.size).toBeLessThanOrEqual(size + 2); // page numbers of the contents may differ
    }
  });

  it('the cmap shortcut for one character agrees with fontkit layout on every character of the sample', () => {
    const faces = new FaceSet(loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]));
    const chars = [...new Set([...sample].filter(isCjk))];
    expect(chars.length).toBeGreaterThan(900);
    for (const role of ['serif', 'sans']) {
      const face = faces.face(role);
      expect(face.metrics).toBeDefined(); // read from the file, not through fontkit
      for (const ch of chars) {
        const id = glyphOf(face, ch.codePointAt(0)!);
        const full = face.font.layout(ch);
        expect([id, advanceOf(face, id)], `${role} ${ch}`).toEqual([full.glyphs[0].id, full.positions[0].xAdvance]);
      }
    }
  });

  it('a template compiled at build time gives the bytes of the one precompiled at install', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'imprint-compiled-'));
    cpSync(path.join(root, 'templates/official'), path.join(project, 'templates/official'), { recursive: true });
    for (const f of readdirSync(path.join(project, 'templates/official')).filter((x) => x.endsWith('.hbs')))
      appendFileSync(path.join(project, 'templates/official', f), '{{!-- edited: compiled at build time --}}');
    const input = path.join(root, 'content/jingan-2025.yaml');
    const compiled = (await buildReport({ input, projectDir: project, packageDir: root, version: 'test' })).pdf;
    const precompiled = (await buildReport({ input, projectDir: root, packageDir: root, version: 'test' })).pdf;
    expect(compiled.equals(precompiled)).toBe(true);
  });
});

describe('builds without a kept cache', () => {
  it('close the font files they opened (a pool worker builds report after report)', async () => {
    const fds = () => readdirSync('/proc/self/fd').length;
    const o = { input: path.join(root, 'content/jingan-2025.yaml'), projectDir: root, packageDir: root, version: 'test' };
    await buildReport(o);
    const before = fds();
    for (let i = 0; i < 3; i++) await buildReport(o);
    expect(fds()).toBeLessThanOrEqual(before);
    for (let i = 0; i < 3; i++) layoutReport(o); // imprint check
    expect(fds()).toBeLessThanOrEqual(before);
  });

  it('of a batch share one set of open fonts (imprint build a.yaml b.yaml …), and the same bytes', async () => {
    const fds = () => readdirSync('/proc/self/fd').length;
    const o = { input: path.join(root, 'content/jingan-2025.yaml'), projectDir: root, packageDir: root, version: 'test' };
    const dir = mkdtempSync(path.join(tmpdir(), 'imprint-batch-'));
    const out = (i: number) => path.join(dir, `batch${i}.pdf`);
    expect((await buildJob({ options: o, output: out(0) })).ok).toBe(true);
    const before = fds();
    for (let i = 1; i < 4; i++) expect((await buildJob({ options: o, output: out(i) })).ok).toBe(true);
    expect(fds()).toBeLessThanOrEqual(before);
    const fresh = (await buildReport(o)).pdf;
    for (let i = 0; i < 4; i++) expect(readFileSync(out(i)).equals(fresh)).toBe(true);
  });
});
