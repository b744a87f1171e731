/**
 * Pages a rebuild takes as the last build wrote them (render/kept-pages.ts): a page that draws
 * what it drew is not written again (no glyph of it is looked up in the subsets), and the PDF
 * is always the bytes of a fresh rendering, also when an earlier page gains a glyph or a face
 * (the later pages' CIDs or font names move) or a page changes size.
 */
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FaceSet, glyphOf } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import type { DrawOp, DrawPage, GlyphRunOp } from '../../src/page/draw.js';
import { EmbeddedFace } from '../../src/render/embedded-face.js';
import type { RenderCache } from '../../src/render/pdf.js';
import { renderedPdf } from '../helpers/rendered-pdf.js';

const root = path.resolve(import.meta.dirname, '../..');
let faces: FaceSet;
beforeAll(() => {
  faces = new FaceSet(loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]));
});
afterEach(() => vi.restoreAllMocks());

/** `text` in the face of `role`, one glyph every 12 pt from (72, y). */
function line(text: string, y: number, role = 'serif'): GlyphRunOp {
  const face = faces.face(role);
  const chars = [...text];
  return {
    kind: 'glyphs',
    x: 72,
    y,
    font: faces.keyOf(role),
    size: 12,
    color: '#000000',
    glyphs: { ids: chars.map((c) => glyphOf(face, c.codePointAt(0)!)), xs: chars.map((_, k) => 12 * k), codePoints: chars.map((c) => [c.codePointAt(0)!]) },
    tag: { id: `p-${text}`, role: 'P' },
  };
}

const document = { title: 't', keywords: [], date: new Date(Date.UTC(2026, 0, 1)), creator: 'test', lang: 'zh-CN' };

function pages(...ops: DrawOp[][]): DrawPage[] {
  return ops.map((o, i) => ({ width: 595, height: 842, label: String(i + 1), ops: o, outline: [], anchors: [] }));
}

function render(drawn: DrawPage[], cache?: RenderCache): Promise<Buffer> {
  return renderedPdf({ pages: drawn, document, faces }, { cache });
}

describe('pages taken as the last build wrote them', () => {
  it('are not written again when they draw the same, and the PDF is a fresh rendering', async () => {
    const cache: RenderCache = { programs: new Map(), contents: new Map(), pages: [] };
    const a = [line('教育质量报告', 100), { kind: 'rect', x: 72, y: 120, w: 200, h: 1, fill: '#cc0000' } as DrawOp];
    const b = [line('中等职业学校', 100), { kind: 'link', x: 72, y: 90, w: 72, h: 12, target: { uri: 'https://example.cn' }, text: '学校', tag: { id: 'l', role: 'Link' } } as DrawOp];
    const c = [line('质量学校报告', 100), { kind: 'line', x1: 72, y1: 130, x2: 300, y2: 130, width: 0.5, color: '#000000' } as DrawOp];
    expect((await render(pages(a, b, c), cache)).equals(await render(pages(a, b, c)))).toBe(true);
    const looked = vi.spyOn(EmbeddedFace.prototype, 'cid');
    const again = await render(pages(a, b, c), cache);
    expect(looked).not.toHaveBeenCalled();
    looked.mockRestore();
    expect(again.equals(await render(pages(a, b, c)))).toBe(true);
    // a page that changed is written; the pages before and after it are taken
    const b2 = [line('中等职业学校', 100), line('学校教育', 120)];
    const looked2 = vi.spyOn(EmbeddedFace.prototype, 'cid');
    const edited = await render(pages(a, b2, c), cache);
    expect(looked2.mock.calls.length).toBe(4 + 6);
    looked2.mockRestore();
    expect(edited.equals(await render(pages(a, b2, c)))).toBe(true);
  });

  it('are written again when an earlier page gains a glyph (their CIDs move)', async () => {
    const cache: RenderCache = { programs: new Map(), contents: new Map(), pages: [] };
    const a = [line('教育质量报告', 100)];
    const b = [line('中等职业学校', 100)];
    const c = [line('学校质量报告', 100)];
    await render(pages(a, b, c), cache);
    const a2 = [line('教育質量報告龘', 100)];
    expect((await render(pages(a2, b, c), cache)).equals(await render(pages(a2, b, c)))).toBe(true);
    expect((await render(pages(a, b, c), cache)).equals(await render(pages(a, b, c)))).toBe(true);
  });

  it('are written again when an earlier page draws a face first (their fonts are renamed)', async () => {
    const cache: RenderCache = { programs: new Map(), contents: new Map(), pages: [] };
    const a = [line('教育质量报告', 100)];
    const b = [line('中等职业学校', 100)];
    await render(pages(a, b), cache);
    const a2 = [line('报告', 80, 'sans'), line('教育质量报告', 100)];
    expect((await render(pages(a2, b), cache)).equals(await render(pages(a2, b)))).toBe(true);
    expect((await render(pages(a, b), cache)).equals(await render(pages(a, b)))).toBe(true);
  });

  it('are written again on other paper, and pages added or dropped', async () => {
    const cache: RenderCache = { programs: new Map(), contents: new Map(), pages: [] };
    const a = [line('教育质量报告', 100)];
    const b = [line('中等职业学校', 100)];
    await render(pages(a, b), cache);
    const smaller = pages(a, b).map((p) => ({ ...p, width: 420, height: 595 }));
    expect((await render(smaller, cache)).equals(await render(smaller))).toBe(true);
    expect((await render(pages(a, b, a), cache)).equals(await render(pages(a, b, a)))).toBe(true);
    expect((await render(pages(b), cache)).equals(await render(pages(b)))).toBe(true);
  });
});
