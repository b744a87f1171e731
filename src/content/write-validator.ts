/**
 * Writes the report schema's validator as JavaScript (`dist/report-validator.cjs`), once, when
 * Imprint is installed: `npm run prepare` runs this file. Ajv compiled the schema at every
 * start before, ~50 ms of each cold build. The module written is Ajv's own standalone code for
 * the options below, so it reports the same errors; Ajv itself is not loaded by a build.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { SCHEMA_FILE, VALIDATOR_FILE } from './schema.js';

/** The validator's source for the schema as it is now. */
export function validatorSource(): string {
  const ajv = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, strict: true, code: { source: true } });
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
  return standaloneCode.default(ajv, validate);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) writeFileSync(VALIDATOR_FILE, validatorSource());
