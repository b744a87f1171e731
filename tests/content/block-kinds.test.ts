/** The published schema and the templates follow the one list of block kinds (content/block-kinds.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BLOCK_KEY_NAMES } from '../../src/content/block-kinds.js';
import { SCHEMA_FILE } from '../../src/content/schema.js';

const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));

describe('block kinds', () => {
  it('the JSON Schema allows exactly the block keys of block-kinds.ts', () => {
    expect(Object.keys(schema.definitions.block.then.properties).sort()).toEqual([...BLOCK_KEY_NAMES].sort());
  });

  it('the schema describes every block key to an editor', () => {
    for (const key of BLOCK_KEY_NAMES) {
      expect(schema.definitions.block.description).toContain(key);
      expect(schema.definitions.body.description).toContain(key);
    }
  });

  it("the official template's block.hbs dispatches on every kind", () => {
    const hbs = readFileSync('templates/official/block.hbs', 'utf8');
    for (const kind of ['paragraph', ...BLOCK_KEY_NAMES]) expect(hbs).toContain(`{{#if ${kind}}}`);
  });
});
