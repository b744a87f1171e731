/**
 * WOFF and WOFF2 fonts (unpacked in memory into the TrueType files they pack): built through the
 * command as users run it, in any role (the body's, whose characters they lack come from the
 * fallbacks; code's), embedded as the TrueType fonts they are, their text found again.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toWoff, toWoff2 } from '../helpers/woff.js';
import { readPdf } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');

describe.each([
  ['WOFF', 'woff', toWoff],
  ['WOFF2', 'woff2', toWoff2],
])('a %s font', (_name, ext, wrap) => {
  it('is unpacked, subset and embedded as TrueType (FontFile2), and its words extract again', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'imprint-woff-'));
    mkdirSync(path.join(project, 'fonts'));
    writeFileSync(path.join(project, `fonts/latin.${ext}`), wrap(readFileSync(path.join(root, 'node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf'))));
    symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules')); // npm: fonts resolve from the project
    const registry = readFileSync(path.join(root, 'fonts/fonts.yaml'), 'utf8');
    writeFileSync(path.join(project, 'fonts/fonts.yaml'), `${registry}\n  latin:\n    regular: latin.${ext}\n    bold: latin.${ext}\n`);
    cpSync(path.join(root, 'templates/official'), path.join(project, 'templates/official'), { recursive: true });
    const theme = path.join(project, 'templates/official/theme.yaml');
    writeFileSync(theme, readFileSync(theme, 'utf8').replace(/^( {2}body: +\{ font: 宋体,)/m, '$1 latin-font: latin,'));
    const input = path.join(project, 'r.yaml');
    writeFileSync(input, 'report:\n  title: 字体\nchapters:\n  - title: 一\n    body:\n      - 正文 Quick brown foxes 2025 正文。\n');
    const r = spawnSync(process.execPath, [path.join(root, 'dist/bin.cjs'), 'build', input, '-o', path.join(project, 'r.pdf')], { cwd: project, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const pdf = readFileSync(path.join(project, 'r.pdf'));
    expect(pdf.toString('latin1')).toContain('LiberationSans');
    expect(pdf.toString('latin1')).not.toContain('/FontFile3'); // every font here has TrueType outlines
    const text = (await readPdf(pdf)).pages.flatMap((p) => p.lines.map((l) => l.text)).join('\n');
    expect(text).toContain('Quick brown foxes 2025');
  });
});

describe('a WOFF or WOFF2 font as the body font or the code font', () => {
  const mono = readFileSync(path.join(root, 'node_modules/@expo-google-fonts/jetbrains-mono/400Regular/JetBrainsMono_400Regular.ttf'));
  it.each([
    ['a WOFF', 'jb.woff', toWoff(mono), 'JetBrainsMono-Regular'],
    ['a WOFF2 with transformed outlines', 'scp.woff2', readFileSync(path.join(root, 'tests/fixtures/fonts/SourceCodePro-Medium.woff2')), 'SourceCodePro-Medium'],
  ])('%s: the starter report builds in it, embedded as TrueType, its text found again (it was "damaged: Offset is outside the bounds of the DataView")', async (_what, name, bytes, postscript) => {
    for (const role of ['serif', 'mono']) {
      const project = path.join(mkdtempSync(path.join(tmpdir(), 'imprint-woff-role-')), 'p');
      const imprint = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'dist/bin.cjs'), ...args], { cwd: project, encoding: 'utf8' });
      mkdirSync(project);
      expect(imprint('init', '.').status).toBe(0);
      writeFileSync(path.join(project, 'fonts', name), bytes);
      const registry = path.join(project, 'fonts/fonts.yaml');
      writeFileSync(registry, `${readFileSync(registry, 'utf8')}  ${role}:\n    regular: ${name}\n`);
      const r = imprint('build');
      expect(r.stderr, role).toBe('');
      expect(r.status).toBe(0);
      const pdf = readFileSync(path.join(project, 'out/report.pdf'));
      expect(pdf.toString('latin1')).toContain(`+${postscript}`);
      expect(pdf.toString('latin1')).not.toContain('/FontFile3');
      const text = (await readPdf(pdf)).pages.flatMap((p) => p.lines.map((l) => l.text)).join('\n');
      expect(text).toContain('示例区教育质量报告');
      expect(text).toContain('2025');
    }
  });
});
