/**
 * Writes the US English hyphenation patterns of the `hyphen` package as JSON
 * (`dist/hyphen-en-us.json`), once, when Imprint is installed: `npm run prepare` runs this file.
 * The package's own module is a 100 kB JavaScript literal that Node took ~25 ms to compile and
 * run at the first paragraph that needs hyphenation; `JSON.parse` reads the same data in ~6 ms.
 * The patterns are the package's, unchanged (a test compares the points both give).
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PATTERNS_FILE } from './hyphenation.js';

/** The patterns as the package's module holds them, as JSON. */
export function patternsJson(): string {
  return JSON.stringify(createRequire(import.meta.url)('hyphen/patterns/en-us.js'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) writeFileSync(PATTERNS_FILE, patternsJson());
