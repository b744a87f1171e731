/**
 * `chapter-start: continue`: chapters run on after the one before (a 规章's 章, short chapters),
 * not each on a page of its own; the running head stands on a page a chapter starts in the
 * middle of, and not on one that opens with a chapter.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/pipeline.js';
import { bodyLines, norm, readPdf, type ReadPdf } from '../helpers/pdf-reader.js';

const root = path.resolve(import.meta.dirname, '../..');
const chapters = ['1人才培养', '2服务贡献', '3文化传承', '4国际合作', '5产教融合', '6发展保障', '7面临挑战'];
let runOn: ReadPdf;
let paged: ReadPdf;

async function built(chapterStart: string): Promise<ReadPdf> {
  const project = mkdtempSync(path.join(tmpdir(), 'imprint-continue-'));
  cpSync(path.join(root, 'templates/official'), path.join(project, 'templates/official'), { recursive: true });
  const theme = path.join(project, 'templates/official/theme.yaml');
  writeFileSync(theme, readFileSync(theme, 'utf8').replace('chapter-start: any', `chapter-start: ${chapterStart}`));
  const { pdf } = await buildReport({ input: path.join(root, 'content/jingan-2025.yaml'), projectDir: project, packageDir: root, version: 'test' });
  return readPdf(pdf);
}

beforeAll(async () => {
  [runOn, paged] = [await built('continue'), await built('any')];
});

/** The page a chapter's title stands on, and its place among the page's body lines. */
function placeOf(read: ReadPdf, title: string): { page: ReadPdf['pages'][number]; line: number } {
  for (const page of read.pages) {
    const line = bodyLines(page).findIndex((l) => norm(l.text) === title);
    if (line >= 0) return { page, line };
  }
  throw new Error(`no page holds ${title}`);
}

/** The running head: the report's title above the type area. */
const headed = (page: ReadPdf['pages'][number]) => page.lines.some((l) => l.y < (30 * 72) / 25.4 && norm(l.text).includes('质量报告'));

describe('chapter-start: continue', () => {
  it('runs chapters on after the one before, in fewer pages', () => {
    const midPage = chapters.filter((t) => placeOf(runOn, t).line > 0);
    expect(midPage.length).toBeGreaterThan(3);
    expect(runOn.pages.length).toBeLessThan(paged.pages.length);
    // with `any`, every chapter opens its page
    for (const t of chapters) expect(placeOf(paged, t).line, t).toBe(0);
  });

  it('keeps the running head on a page a chapter starts in the middle of, not on one it opens', () => {
    // (the page the preface opens holds chapter 1 too: it has no running head)
    const opens = (page: ReadPdf['pages'][number]) => ['前言', ...chapters].includes(norm(bodyLines(page)[0]?.text ?? ''));
    const starts = chapters.map((t) => placeOf(runOn, t).page);
    expect(starts.filter((p) => !opens(p)).length).toBeGreaterThan(2);
    for (const page of starts) expect(headed(page)).toBe(!opens(page));
  });
});
