/**
 * A file written in parts (a PDF as it was made: see render/pdf-bytes.ts) holds them one after
 * another, however many: a write of many buffers at once takes at most IOV_MAX (1024) of them.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/output.js';

describe('writeFileAtomic with parts', () => {
  it('writes every part in order, past 1024 parts and with empty ones', () => {
    const parts = Array.from({ length: 3000 }, (_, i) => Buffer.from(i % 7 === 0 ? '' : `${i},`));
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'imprint-parts-')), 'x.pdf');
    writeFileAtomic(file, parts);
    expect(readFileSync(file).equals(Buffer.concat(parts))).toBe(true);
    writeFileAtomic(file, [new Uint8Array(5 << 20).fill(65), Buffer.from('end')]);
    expect(readFileSync(file).length).toBe((5 << 20) + 3);
  });
});
