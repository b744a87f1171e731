/** Imprint's own templates are precompiled at install (write-precompiled.ts) and found again at build time. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_OPTIONS, PARTIAL_OPTIONS, PRECOMPILED_FILE, precompiled } from '../../src/template/precompiled.js';
import { PAGE_TEMPLATES } from '../../src/template/templates.js';
import { precompiledSource } from '../../src/template/write-precompiled.js';

const root = path.resolve(import.meta.dirname, '../../templates');

describe('precompiled templates', () => {
  it('are those of the templates as they are now (run `npm run prepare` after editing one)', () => {
    expect(readFileSync(PRECOMPILED_FILE, 'utf8')).toBe(precompiledSource());
  });

  it('are found for every template of the package, with the options it is compiled with', () => {
    for (const name of readdirSync(root)) {
      for (const file of readdirSync(path.join(root, name)).filter((f) => f.endsWith('.hbs'))) {
        const source = readFileSync(path.join(root, name, file), 'utf8');
        const options = PAGE_TEMPLATES.includes(file) ? PAGE_OPTIONS : PARTIAL_OPTIONS;
        expect(precompiled(source, options), `${name}/${file}`).toBeDefined();
        expect(precompiled(`${source} `, options), `${name}/${file} edited`).toBeUndefined();
      }
    }
  });
});
