/**
 * What a rebuild reuses from the build before (watch: set paragraphs, glyph runs written, the
 * XML of content texts, running heads and footers, deflated streams, the content of pages that
 * draw what they drew) never shows: after each
 * edit of a session the PDF is the bytes of a fresh build, whether the edit changes one
 * paragraph, draws a character on an early page that no page drew (the glyph codes of the
 * pages after it move), makes a chapter longer (the pages after it move, a heading lands on another
 * page), changes the report's title (every running head) or the theme. The fresh build is
 * another process's: nothing kept in this one (compiled templates and what they rendered) is shared.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildReport, newBuildCache, type BuildOptions } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

/** The PDF of `input` built by a new `imprint build` process in `project`, without the build cache on disk. */
function freshBuild(project: string, input: string): Buffer {
  const out = path.join(project, 'fresh.pdf');
  const r = spawnSync(process.execPath, [path.join(root, 'dist/bin.cjs'), 'build', input, '-o', out, '--no-cache'], { cwd: project, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return readFileSync(out);
}

interface Chapter {
  title: string;
  sections: { title: string; body: unknown[] }[];
}

describe('a rebuild after an edit', () => {
  it('gives the bytes of a fresh build, edit after edit', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'imprint-reuse-'));
    const theme = path.join(project, 'templates/mine/theme.yaml');
    mkdirSync(path.dirname(theme), { recursive: true });
    writeFileSync(theme, 'extends: official\n');
    const input = path.join(project, 'report.yaml');
    const report = parse(readFileSync(path.join(root, 'content/jingan-2025.yaml'), 'utf8'));
    report.report.template = 'mine';
    const o: BuildOptions = { input, projectDir: project, packageDir: root, version };
    const cache = newBuildCache(o);
    const chapters = report.chapters as Chapter[];
    const firstBody = chapters[2].sections[0].body;
    const paragraph = firstBody[0] as string;
    const pageOf = (built: { pages: { anchors: { id: string }[]; label: string }[] }, id: string) => built.pages.find((p) => p.anchors.some((a) => a.id === id))?.label;
    const rebuilt = async () => {
      writeFileSync(input, stringify(report));
      const kept = await buildReport(o, cache);
      expect(kept.pdf.equals(freshBuild(project, input))).toBe(true);
      return kept;
    };
    try {
      const before = await rebuilt();
      firstBody[0] = `${firstBody[0]}（第 1 次修改）`; // one paragraph
      await rebuilt();
      firstBody[0] = `${firstBody[0]}（第 2 次修改）`;
      await rebuilt();
      // a character no page drew, on an early page: the glyph codes of every page after it move
      const early = chapters[0].sections[0].body;
      early[0] = `${early[0]}龘`;
      await rebuilt();
      early[0] = (early[0] as string).slice(0, -1);
      await rebuilt();
      // a longer chapter: the chapters after it start later, their headings on other pages
      firstBody.splice(1, 0, ...Array.from({ length: 6 }, (_, i) => `${paragraph}（增补 ${i + 1}）`));
      const longer = await rebuilt();
      const heading = 'sec-4'; // the fourth chapter
      expect(pageOf(longer, heading)).toBeDefined();
      expect(pageOf(longer, heading)).not.toBe(pageOf(before, heading));
      report.report.title = `${report.report.title}（修订稿）`; // every running head
      const retitled = await rebuilt();
      expect(retitled.document.title).toContain('修订稿');
      writeFileSync(theme, 'extends: official\nstyles:\n  body: { size: 11pt }\n'); // the theme
      const restyled = await rebuilt();
      expect(restyled.pages.length).not.toBe(retitled.pages.length);
      firstBody.splice(1, 6); // and back
      await rebuilt();
    } finally {
      cache.faces.close();
    }
  }, 120_000);
});
