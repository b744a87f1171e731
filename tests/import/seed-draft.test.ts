/**
 * The seed report (seed-report.txt: a copy of /work/shared/seed/jingan-2025-report.txt) as its
 * writers drafted it in Word (tests/helpers/draft-docx.ts `seedDraft`:
 * its text, cases as a caption 案例 N … followed by plain paragraphs, up to the next heading),
 * with heading styles and with typed numbers only: importing it gives the chapters, sections,
 * tables and case boxes of content/jingan-2025.yaml. Where the seed and the YAML differ on
 * purpose, the test says so:
 * - the seed's text breaks some paragraphs where its pages ended (`两` / `校 2025 年…`); the
 *   YAML joins them. The import keeps the draft's paragraphs, so those are joined here before
 *   comparing, and counted;
 * - the seed's subtitle is in ASCII brackets `(2025 年度)`, the YAML's in full-width ones;
 * - the YAML adds `keywords:`, which a draft does not have.
 */
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { importDraft } from '../../src/commands/import/import-command.js';
import { seedDraft } from '../helpers/draft-docx.js';

const root = path.resolve(import.meta.dirname, '../..');
const seedText = readFileSync(path.join(import.meta.dirname, 'seed-report.txt'), 'utf8');
const sample = parse(readFileSync(path.join(root, 'content/jingan-2025.yaml'), 'utf8'));

type Block = string | { heading: string } | { case: { title: string; body: Block[] } } | { table: unknown };
interface Part {
  title: string;
  body?: Block[];
  sections?: Part[];
}

/** The seed paragraphs broken at a page end, found while joining them. */
let pageSplits = 0;

/** `got`'s paragraphs joined where they are one paragraph of `want` broken in two or more. */
function joinPageSplits(got: Block[], want: Block[]): Block[] {
  const out: Block[] = [];
  let i = 0;
  for (const w of want) {
    let g = got[i++];
    if (typeof w === 'string' && typeof g === 'string')
      while (g !== w && w.startsWith(g) && typeof got[i] === 'string') {
        g += got[i++];
        pageSplits++;
      }
    if (g && typeof g === 'object' && 'case' in g && typeof w === 'object' && 'case' in w) g = { case: { ...g.case, body: joinPageSplits(g.case.body, w.case.body) } };
    out.push(g);
  }
  return [...out, ...got.slice(i)];
}

function joinParts(got: Part[], want: Part[]): Part[] {
  return got.map((part, k) => ({
    ...part,
    ...(part.body ? { body: joinPageSplits(part.body, want[k]?.body ?? []) } : {}),
    ...(part.sections ? { sections: joinParts(part.sections, want[k]?.sections ?? []) } : {}),
  }));
}

describe('imprint import of the seed report as its writers drafted it', () => {
  for (const headings of ['styles', 'numbers'] as const) {
    it(`gives the sample's chapters, sections, tables and case boxes (headings by ${headings})`, async () => {
      const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-import-seed-')));
      writeFileSync(path.join(dir, 'seed.docx'), await seedDraft(seedText, headings));
      const result = await importDraft(path.join(dir, 'seed.docx'), path.join(dir, 'seed.yaml'));
      const data = parse(result.yaml);
      const { keywords: _, ...cover } = sample.report;
      expect(data.report).toEqual({ ...cover, subtitle: '(2025 年度)' });
      pageSplits = 0;
      expect({ ...data.preface, body: joinPageSplits(data.preface.body, sample.preface.body) }).toEqual(sample.preface);
      expect(joinParts(data.chapters, sample.chapters)).toEqual(sample.chapters);
      expect(pageSplits).toBe(22);
      expect(result.notCarried.filter((l) => !l.startsWith('left to the engine'))).toEqual([]);
    });
  }
});
