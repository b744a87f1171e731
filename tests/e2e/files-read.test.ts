/** What a build says it read (watch follows it, a PDF/A-3 archive embeds it): every figure's image, wherever the figure stands. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutReport } from '../../src/pipeline.js';
import { makePng } from '../helpers/png.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('the files a build read', () => {
  it('include the images of figures in a quote, a case and an appendix', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imprint-read-'));
    for (const n of ['quoted', 'cased', 'appended']) writeFileSync(path.join(dir, `${n}.png`), makePng(20, 10));
    const figure = (n: string, indent: string) => `${indent}- figure: {title: 图, image: ${n}.png}\n`;
    writeFileSync(
      path.join(dir, 'r.yaml'),
      'report:\n  title: 测\nchapters:\n  - title: 一\n    body:\n      - quote:\n' +
        figure('quoted', '          ') +
        '      - case:\n          title: 案例\n          body:\n' +
        figure('cased', '            ') +
        'appendices:\n  - title: 附\n    body:\n' +
        figure('appended', '      '),
    );
    const { filesRead } = layoutReport({ input: path.join(dir, 'r.yaml'), projectDir: dir, packageDir: root, version: 'test' });
    expect(filesRead.filter((f) => f.endsWith('.png')).map((f) => path.basename(f)).sort()).toEqual(['appended.png', 'cased.png', 'quoted.png']);
  });
});
