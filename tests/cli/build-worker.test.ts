/**
 * One report of a batch: whatever goes wrong in it is its own outcome, never a failure that
 * stops the others; an internal error is one line naming the report, the stack only on request.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/pipeline.js', () => ({
  newBuildCache: () => ({ faces: { registry: { file: 'fonts.yaml' }, close: () => {} }, textFonts: new Map() }),
  buildReport: async (o: { input: string }) => {
    if (o.input === 'bug.yaml') throw new TypeError("Cannot read properties of undefined (reading 'width')");
    return { pages: [{}], warnings: [], pdf: Buffer.from('%PDF-1.7') };
  },
}));

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
});
