/**
 * Imprint's own templates (`templates/` of the package), compiled by Handlebars once, when
 * Imprint is installed (`npm run prepare` runs write-precompiled.ts), instead of at every
 * build: parsing and compiling them cost ~40 ms of each cold build. A template is found by its
 * text and compile options, so an edited or a project's own template is compiled
 * as before; both give the same functions.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../package-root.js';

/** Where `npm run prepare` writes the precompiled templates. */
export const PRECOMPILED_FILE = path.join(packageRoot(), 'dist', 'precompiled-templates.cjs');

/** Options a page template is compiled with (Handlebars adds to the options it is given: pass a copy). */
export const PAGE_OPTIONS = Object.freeze({ strict: false, preventIndent: true });
/** Options a partial is compiled with (pass a copy). */
export const PARTIAL_OPTIONS = Object.freeze({ preventIndent: true });

/** The key of a template: its options and its whole text (a map hashes it natively, faster than any digest). */
export function templateKey(source: string, options: object): string {
  return `${JSON.stringify(options)}\u0000${source}`;
}

let specs: Record<string, TemplateSpecification> | undefined;

/** The precompiled template for this text and these options, if it is one of Imprint's own. */
export function precompiled(source: string, options: object): TemplateSpecification | undefined {
  specs ??= createRequire(import.meta.url)(PRECOMPILED_FILE) as Record<string, TemplateSpecification>;
  return specs[templateKey(source, options)];
}
