/**
 * Named destinations are written in PDF's lexical order, the order of the strings' bytes
 * (readers look names up by that order): not in pdfkit's localeCompare order, which differs
 * for ids a template may give (upper and lower case, Chinese).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaceSet } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import { renderedPdf } from '../helpers/rendered-pdf.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('named destinations', () => {
  it('are sorted by their bytes as written', async () => {
    const ids = ['sec-1.2', 'b', 'B', 'a', 'sec-10', '第二章', 'Z', 'sec-1', '附录'];
    const page = { width: 595, height: 842, label: '1', ops: [], outline: [], anchors: ids.map((id, i) => ({ id, pageIndex: 0, label: '1', y: 10 * i })) };
    const faces = new FaceSet(loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]));
    const pdf = await renderedPdf({ pages: [page], document: { title: 't', keywords: [], date: new Date(Date.UTC(2026, 0, 1)), creator: 'test', lang: 'zh-CN' }, faces });
    const text = pdf.toString('latin1');
    const names = text.slice(text.indexOf('/Names [', text.indexOf('/Dests')));
    // each key is a PDF string: (ascii) or <FEFF…> (UTF-16BE) as pdfkit writes them
    const keys = [...names.slice(0, names.indexOf(']\n>>')).matchAll(/^ {4}(\([^)]*\)|<[0-9a-fA-F]+>)/gm)].map((m) => m[1]);
    const bytes = (k: string) => (k.startsWith('(') ? Buffer.from(k.slice(1, -1), 'latin1') : Buffer.from(k.slice(1, -1), 'hex'));
    expect(keys).toHaveLength(ids.length);
    expect([...keys].sort((a, b) => Buffer.compare(bytes(a), bytes(b)))).toEqual(keys);
    expect(keys.slice(0, 4)).toEqual(['(B)', '(Z)', '(a)', '(b)']); // localeCompare: a, b, B, Z …
  });
});
