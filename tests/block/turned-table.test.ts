/**
 * Where a turned table (`landscape: true`, 横排表) goes in the flow: on pages of its own, the text
 * before it ending its page and the text after it starting the page after its last; what keeps
 * with it (a heading, a lead-in ending in a colon) turned with it, never left at the foot of the
 * page before; its footnotes at its turned page's foot, counted on that page; within a box, set
 * as any table, with a warning.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DrawOp, DrawPage, GlyphRunOp, TurnedOp } from '../../src/page/draw.js';
import { layoutReport } from '../../src/pipeline.js';

const root = path.resolve(import.meta.dirname, '../..');

function build(body: string[]) {
  const yaml = ['report:', '  title: 决算', 'chapters:', '  - title: 部门决算表', '    body:', ...body.map((l) => `      ${l}`), ''].join('\n');
  const input = path.join(mkdtempSync(path.join(tmpdir(), 'turned-table-')), 'r.yaml');
  writeFileSync(input, yaml);
  return layoutReport({ input, projectDir: root, packageDir: root, version: 'test' });
}

/** The text of ops, in order (a turned op's inside). */
function textOf(ops: DrawOp[]): string {
  return ops.map((o) => (o.kind === 'glyphs' ? String.fromCodePoint(...(o as GlyphRunOp).glyphs.codePoints.flat()) : o.kind === 'turned' ? textOf(o.ops) : '')).join('');
}

const turnedOf = (p: DrawPage) => p.ops.filter((o): o is TurnedOp => o.kind === 'turned');

/** A 12-column table of `rows` rows, `landscape: true` unless `upright`. */
function table(rows: number, extra: string[] = [], upright = false): string[] {
  const columns = Array.from({ length: 12 }, (_, c) => `支出${c + 1}`);
  return [
    '- table:',
    '    title: 支出决算表',
    ...(upright ? [] : ['    landscape: true']),
    ...extra,
    `    columns: [${columns.join(', ')}]`,
    '    rows:',
    ...Array.from({ length: rows }, (_, r) => `      - [${columns.map((_, c) => `"${(10000 + r * 7919 + c * 104729 / 100).toFixed(2)}"`).join(', ')}]`),
  ];
}

describe('a turned table in the flow', () => {
  it('stands on pages of its own, each shown turned: the text before ends its page, the text after starts the next', () => {
    const { pages, warnings } = build(['- 表前的正文。', ...table(60), '- 表后的正文。']);
    expect(warnings).toEqual([]);
    const turned = pages.flatMap((p, i) => (turnedOf(p).length ? [i] : []));
    expect(turned.length).toBeGreaterThanOrEqual(2);
    for (const i of turned) {
      expect(pages[i].rotate).toBe(90);
      // the type area's height turned, its corner at the type area's bottom left
      expect(turnedOf(pages[i])).toHaveLength(1);
      expect(textOf(pages[i].ops)).not.toMatch(/表前|表后/);
    }
    expect(textOf(pages[turned[0] - 1].ops)).toContain('表前的正文。');
    expect(textOf(pages[turned[turned.length - 1] + 1].ops)).toContain('表后的正文。');
    expect(pages.filter((p) => !turnedOf(p).length).every((p) => p.rotate === undefined)).toBe(true);
  });

  it('takes with it what keeps with it: a heading and a lead-in ending in a colon, never left at the foot of the page before', () => {
    const { pages } = build(['- 表前的正文。', '- heading: 一、支出决算表', '- 支出决算列示如下：', ...table(10)]);
    const first = pages.findIndex((p) => turnedOf(p).length);
    expect(textOf(turnedOf(pages[first])[0].ops)).toMatch(/^一、支出决算表支出决算列示如下：表 ?1/);
    expect(textOf(pages[first - 1].ops)).toContain('表前的正文。');
    expect(textOf(pages[first - 1].ops)).not.toContain('一、支出决算表');
  });

  it('sets a footnote of a cell at its turned page’s foot, counted on that page', () => {
    const { pages } = build(['- 正文^[正文的注。]', ...table(5).map((l) => l.replace('"10000.00"', '"10000.00^[表中的注。]"'))]);
    const page = pages.find((p) => turnedOf(p).length)!;
    expect(textOf(turnedOf(page)[0].ops)).toMatch(/10000\.00①.*①\s?表中的注。/);
    expect(page.notes).toEqual([2]);
  });

  it('is set upright within a box, with a warning at the table', () => {
    const { pages, warnings } = build(['- case:', '    title: 案例', '    body:', ...table(3).map((l) => `      ${l}`)]);
    expect(pages.some((p) => turnedOf(p).length || p.rotate)).toBe(false);
    expect(warnings.map((w) => w.message)).toContainEqual('a table in a box (a case, a quotation) is set within it: `landscape: true` turns only a table of the running text');
  });
});
