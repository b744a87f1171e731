/**
 * The sample report as a Word draft (made from content/jingan-2025.yaml, as its writers type it:
 * cover, typed contents, 前 言, headings with typed numbers, captions, framed case boxes, typed
 * page numbers): importing it gives back the YAML's data, and building the import gives the
 * same contents entries as building the YAML.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { importDraft } from '../../src/commands/import/import-command.js';
import { sampleDraft, type SampleReport } from '../helpers/draft-docx.js';
import { contentsEntries, readPdf } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');
const sampleFile = path.join(root, 'content/jingan-2025.yaml');

describe('imprint import of the sample report drafted in Word', () => {
  it('gives back its paragraphs, tables and case boxes, and builds with the same contents', async () => {
    const sample = parse(readFileSync(sampleFile, 'utf8')) as SampleReport;
    const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-import-sample-')));
    writeFileSync(path.join(dir, 'jingan.docx'), await sampleDraft(sample));
    const result = await importDraft(path.join(dir, 'jingan.docx'), path.join(dir, 'jingan.yaml'));
    const data = parse(result.yaml);
    const { keywords: _, ...cover } = sample.report as SampleReport['report'] & { keywords?: unknown };
    expect(data.report).toEqual(cover);
    expect(data.preface).toEqual(sample.preface);
    expect(data.chapters).toEqual(sample.chapters);
    expect(result.notCarried.filter((l) => !l.startsWith('left to the engine'))).toEqual([]);

    const build = (input: string, pdf: string) => spawnSync(process.execPath, [cli, 'build', input, '-o', pdf], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(build(path.join(dir, 'jingan.yaml'), path.join(dir, 'imported.pdf')).status).toBe(0);
    expect(build(sampleFile, path.join(dir, 'sample.pdf')).status).toBe(0);
    const entries = async (pdf: string) => contentsEntries((await readPdf(readFileSync(path.join(dir, pdf)))).pages);
    const imported = await entries('imported.pdf');
    expect(imported.length).toBeGreaterThan(20);
    expect(imported).toEqual(await entries('sample.pdf'));
  });
});
