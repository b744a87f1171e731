/**
 * Writes Imprint's own templates precompiled (`dist/precompiled-templates.cjs`), once, when
 * Imprint is installed: `npm run prepare` runs this file (see precompiled.ts).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Handlebars from 'handlebars';
import { packageRoot } from '../package-root.js';
import { PAGE_OPTIONS, PARTIAL_OPTIONS, PRECOMPILED_FILE, templateKey } from './precompiled.js';
import { PAGE_TEMPLATES } from './templates.js';

/** The module's source: every `.hbs` of the package's templates, by key. */
export function precompiledSource(): string {
  const root = path.join(packageRoot(), 'templates');
  const entries: string[] = [];
  for (const name of readdirSync(root).sort()) {
    for (const file of readdirSync(path.join(root, name)).filter((f) => f.endsWith('.hbs')).sort()) {
      const source = readFileSync(path.join(root, name, file), 'utf8');
      const options = PAGE_TEMPLATES.includes(file) ? PAGE_OPTIONS : PARTIAL_OPTIONS;
      entries.push(`  ${JSON.stringify(templateKey(source, options))}: ${Handlebars.precompile(source, { ...options })},`);
    }
  }
  return `// Imprint's templates precompiled by Handlebars (src/template/write-precompiled.ts)\nmodule.exports = {\n${entries.join('\n')}\n};\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) writeFileSync(PRECOMPILED_FILE, precompiledSource());
