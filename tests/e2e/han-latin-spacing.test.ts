/**
 * `2025 年` and `2025年` print the same: the report with a space typed at every boundary
 * between Han and Latin letters or digits, and with none, gives identical pages.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-spacing-'));
const source = readFileSync(path.join(root, 'content/jingan-2025.yaml'), 'utf8');
const HAN = '\\p{Script=Han}';
const ALNUM = '[A-Za-z0-9]';

function pagesOf(text: string, name: string) {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return layoutReport({ input: file, projectDir: root, packageDir: root, version: 'test' }).pages.map((p) => p.ops);
}

describe('Han–Latin spacing', () => {
  it('is the same whether the author typed a space or not', () => {
    const body = source.slice(source.indexOf('preface:'));
    const head = source.slice(0, source.indexOf('preface:'));
    const spaced = body.replace(new RegExp(`(${HAN})(${ALNUM})`, 'gu'), '$1 $2').replace(new RegExp(`(${ALNUM})(${HAN})`, 'gu'), '$1 $2');
    const tight = body.replace(new RegExp(`(${HAN}) (${ALNUM})`, 'gu'), '$1$2').replace(new RegExp(`(${ALNUM}) (${HAN})`, 'gu'), '$1$2');
    expect(spaced).not.toBe(tight);
    expect(pagesOf(head + spaced, 'spaced.yaml')).toEqual(pagesOf(head + tight, 'tight.yaml'));
  });
});
