/**
 * One report of a batch: whatever goes wrong in it is its own outcome, never a failure that
 * stops the others; an internal error is one line naming the report, the stack only on request.
 */
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/pipeline.js', () => ({
  newBuildCache: () => ({ faces: { registry: { file: 'fonts.yaml' }, close: () => {} }, textFonts: new Map() }),
  buildReport: async (o: { input: string }) => {
    if (o.input === 'bug.yaml') throw new TypeError("Cannot read properties of undefined (reading 'width')");
    return { pages: o.input === 'two.yaml' ? [{ n: 1 }, { n: 2 }] : [{}], warnings: [], filesRead: [], pdfParts: [Buffer.from('%PDF-1.7')] };
  },
  renderReport: (laid: { pages: object[] }, renderer: { render(input: object): Promise<unknown> }, faces: object) => renderer.render({ pages: laid.pages, faces }),
}));

/** Page images drawn: before page 2 is, a folder takes its place (made after the outputs were checked). */
vi.mock('../../src/render/page-image.js', () => ({
  pageImage: async (page: { n: number }) => {
    if (page.n === 2) mkdirSync(path.join(folder, 'two-002.png'));
    return Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  },
}));
const folder = mkdtempSync(path.join(tmpdir(), 'imprint-worker-'));

const { default: buildJob } = await import('../../src/build-worker.js');
const options = (input: string) => ({ input, projectDir: '.', packageDir: '.', version: '0' });

describe('buildJob', () => {
  afterEach(() => void delete process.env.IMPRINT_DEBUG);

  it('turns an internal error into an outcome of its report: one line, no stack', async () => {
    const o = await buildJob({ options: options('bug.yaml'), output: '/nonexistent-imprint/x.pdf' });
    expect(o).toEqual({
      ok: false,
      internal: true,
      problems: ["imprint: internal error while building bug.yaml: TypeError: Cannot read properties of undefined (reading 'width') (a bug: please report it with the input; IMPRINT_DEBUG=1 shows where)"],
    });
  });

  it('shows the stack when asked', async () => {
    process.env.IMPRINT_DEBUG = '1';
    const o = await buildJob({ options: options('bug.yaml'), output: '/nonexistent-imprint/x.pdf' });
    expect(!o.ok && o.problems[0]).toMatch(/\n\s+at /);
  });

  it('says which files were written when a page image cannot be, after the PDF was', async () => {
    const output = path.join(folder, 'two.pdf');
    const o = await buildJob({ options: options('two.yaml'), output, images: { dpi: 20 } });
    expect(o).toEqual({ ok: false, problems: [`${folder}/two-002.png: cannot write (it is a folder); what was there, if anything, is unchanged; ${output} and ${folder}/two-001.png were written`] });
    expect(readdirSync(folder).sort()).toEqual(['two-001.png', 'two-002.png', 'two.pdf']);
  });
});
