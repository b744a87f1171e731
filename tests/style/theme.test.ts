/**
 * Themes with `extends:`: the child's keys over the parent's, and, as a watch session reloads
 * them, a theme read again only when a file changed, each time from the files as they are.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTheme } from '../../src/style/theme.js';

const dir = mkdtempSync(path.join(tmpdir(), 'imprint-theme-'));
const themeFile = (name: string) => path.join(dir, name, 'theme.yaml');
const write = (name: string, text: string) => {
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(themeFile(name), text);
};
const PARENT = `page:
  size: A4
styles:
  body: { font: serif, size: 12pt, line-height: 20pt, indent: 2em }
  h1: { font: sans, size: 16pt, line-height: 24pt, bold: true }
`;

describe('themes that extend others', () => {
  it('take the parent’s keys under their own, and follow edits of either file', () => {
    write('parent', PARENT);
    write('child', 'extends: parent\nstyles:\n  body: { size: 14pt }\n');
    const load = () => loadTheme(themeFile('child'), themeFile);
    const first = load();
    expect(first.styles.get('body')).toMatchObject({ font: 'serif', size: 14, lineHeight: 20 });
    expect(first.styles.get('h1')).toMatchObject({ font: 'sans', size: 16 });
    expect(first.files).toEqual([themeFile('child'), themeFile('parent')]);
    expect(load()).toBe(first); // nothing changed: the same theme

    write('child', 'extends: parent\n'); // the override goes: the parent's size is back
    expect(load().styles.get('body')).toMatchObject({ size: 12 });

    write('parent', PARENT.replace('size: 16pt', 'size: 18pt')); // the parent changes
    expect(load().styles.get('h1')).toMatchObject({ size: 18 });
  });
});
