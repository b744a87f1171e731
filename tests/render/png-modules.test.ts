/**
 * PNG decoding (the format's tables, the row filters, Adam7, reading the chunks) is in src/png/,
 * which the content's check and the renderers both import: a renderer does not reach into the
 * content stage's checker for it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.resolve(import.meta.dirname, '../../src');
const importsOf = (dir: string) =>
  readdirSync(path.join(src, dir))
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(path.join(src, dir, f), 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((m) => `${dir}/${f}: ${m[1]}`));

describe('PNG decoding', () => {
  it('is imported by the renderers from src/png/, not from the content stage', () => {
    expect(importsOf('render').filter((i) => i.includes('/content/png'))).toEqual([]);
    expect(importsOf('content').filter((i) => i.includes('/png/')).length).toBeGreaterThan(0);
  });
});
