/**
 * What the PDF says about itself (its Title, Subject, Author): the report's words as the pages
 * print them, a cross-reference worded and a subtitle joined as a reader would write them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-docinfo-'));

/** The document information of a report whose `report:` holds `meta` (YAML lines), one chapter `c1`. */
function documentOf(meta: string) {
  const input = path.join(dir, 'r.yaml');
  writeFileSync(input, `report:\n${meta}chapters:\n  - title: 总体情况\n    id: c1\n    body:\n      - 正文。\n`);
  return layoutReport({ input, projectDir: root, packageDir: root, version: 'test' }).document;
}

describe('the document information', () => {
  it('words a cross-reference in the title as the pages print it, not as [[id]]', () => {
    const doc = documentOf('  title: 报告与[[c1]]（见第 [[c1#page]] 页）\n');
    expect(doc.title).toBe('报告与第 1 章（见第 1 页）');
    expect(doc.subject).toBe(doc.title);
  });
  it('joins a subtitle as written when it opens with a bracket or dash, else after a colon', () => {
    expect(documentOf('  title: 质量报告\n  subtitle: （2025 年度）\n').title).toBe('质量报告（2025 年度）');
    expect(documentOf('  title: 质量报告\n  subtitle: ——基于监测数据\n').title).toBe('质量报告——基于监测数据');
    expect(documentOf('  title: 质量报告\n  subtitle: 基于监测数据的分析\n').title).toBe('质量报告：基于监测数据的分析');
  });
});
