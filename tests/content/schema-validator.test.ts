/** The schema's validator is made at install (write-validator.ts): it must be the current schema's. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VALIDATOR_FILE } from '../../src/content/schema.js';
import { validatorSource } from '../../src/content/write-validator.js';

describe('the validator written at install', () => {
  it('is what Ajv makes of the schema as it is now (run `npm run prepare` after editing the schema)', () => {
    expect(readFileSync(VALIDATOR_FILE, 'utf8')).toBe(validatorSource());
  });
});
