/**
 * `<mailto:…>` printed `mailto:zhang@example.cn` (a proofreader's report): it prints the address
 * alone, as `[zhang@example.cn](mailto:zhang@example.cn)` does, and stays a mailto: link in the
 * PDF (its query, a subject, too: in the link, not in print).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/pipeline.js';
import { readPdf } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('<mailto:…> in the PDF', () => {
  it('prints the address alone, linked to mailto:', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imprint-mailto-'));
    const input = path.join(dir, 'r.yaml');
    writeFileSync(
      input,
      [
        'report:',
        '  title: 邮箱',
        'chapters:',
        '  - title: 联系',
        '    body:',
        '      - 联系邮箱<mailto:zhang@example.cn>。',
        '      - 联系邮箱[zhang@example.cn](mailto:zhang@example.cn)。',
        '      - 来信请寄<MAILTO:li@example.cn?subject=质量报告>。',
        '',
      ].join('\n'),
    );
    const { pdf } = await buildReport({ input, projectDir: root, packageDir: root, version: 'test' });
    const page = (await readPdf(pdf)).pages.find((p) => p.lines.some((l) => l.text.startsWith('联系邮箱')))!;
    const texts = page.lines.map((l) => l.text.replace(/ /g, ''));
    expect(texts.filter((t) => t.startsWith('联系邮箱'))).toEqual(['联系邮箱zhang@example.cn。', '联系邮箱zhang@example.cn。']);
    expect(texts).toContain('来信请寄li@example.cn。');
    expect(texts.join('')).not.toMatch(/mailto/i);
    expect(page.links.filter((l) => l.uri === 'mailto:zhang@example.cn')).toHaveLength(2);
    // (the scheme as pdf.js gives it, lower case; the subject percent-encoded, see tests/render/link-uri.test.ts)
    expect(page.links.filter((l) => l.uri === 'mailto:li@example.cn?subject=%E8%B4%A8%E9%87%8F%E6%8A%A5%E5%91%8A')).toHaveLength(1);
  }, 60_000);
});
