/**
 * A link's address with characters outside ASCII (`https://example.org/搜索?q=报告`, a mail's
 * subject in Chinese) was written as a UTF-16 text string, which a PDF's URI may not be (ISO
 * 32000 12.6.4.7: 7-bit ASCII): pdf.js read it as `þÿ h t t p s …` and the link went nowhere.
 * It is written as the URI of the IRI (RFC 3987 3.1): those characters percent-encoded in UTF-8.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/pipeline.js';
import { readPdf } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');

describe("a link's address in the PDF", () => {
  it('is ASCII: characters beyond it percent-encoded as UTF-8, the rest as written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imprint-uri-'));
    const input = path.join(dir, 'r.yaml');
    writeFileSync(input, 'report:\n  title: 链接\nchapters:\n  - title: 一\n    body:\n      - 见[检索](https://example.org/搜索?q=报告&x=%20)与[邮件](mailto:li@example.cn?subject=质量报告)及<https://example.org/𠀀>。\n');
    const { pdf } = await buildReport({ input, projectDir: root, packageDir: root, version: 'test' });
    const uris = (await readPdf(pdf)).pages.flatMap((p) => p.links.map((l) => l.uri)).filter(Boolean);
    expect(uris).toEqual([
      'https://example.org/%E6%90%9C%E7%B4%A2?q=%E6%8A%A5%E5%91%8A&x=%20',
      'mailto:li@example.cn?subject=%E8%B4%A8%E9%87%8F%E6%8A%A5%E5%91%8A',
      'https://example.org/%F0%A0%80%80',
    ]);
  }, 60_000);
});
