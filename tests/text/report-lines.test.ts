/**
 * Every body paragraph of the sample report set with the real fonts at the body measure: how
 * loose and how tight justified lines get (added or removed space per joint, em).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FaceSet } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { setParagraph } from '../../src/text/paragraph.js';
import { FaceTextFont } from '../../src/text/text-font.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('justified lines of the sample report', () => {
  it('are never conspicuously loose or tight', () => {
    const faces = new FaceSet(loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]));
    const font = new FaceTextFont(faces.keyOf('serif'), (k) => faces.byKey(k));
    const doc = parse(readFileSync(path.join(root, 'content/jingan-2025.yaml'), 'utf8'));
    const measure = 595.28 - (2 * 27 * 72) / 25.4;
    const paras: [string, number][] = [];
    const walk = (bs: unknown[] = [], width: number) => {
      for (const b of bs as (string | { case?: { body: unknown[] } })[]) {
        if (typeof b === 'string') paras.push([b, width]);
        else if (b.case) walk(b.case.body, width - 20);
      }
    };
    walk(doc.preface.body, measure);
    for (const c of doc.chapters) {
      walk(c.body, measure);
      for (const s of c.sections ?? []) walk(s.body, measure);
    }
    const perJoint: number[] = [];
    for (const [text, width] of paras) {
      const { lines, forced } = setParagraph(parseInlineMarkup(text), { regular: [font], bold: [font], size: 12, punctuation: 'gb', width, indent: 24, align: 'justify' });
      expect(forced).toBe(false);
      for (const l of lines.slice(0, -1)) perJoint.push((l.width - l.natural) / Math.max(1, l.atoms.length - 1) / 12);
    }
    expect(perJoint.length).toBeGreaterThan(400);
    // measured 2026-11: loosest +0.059 em, tightest −0.023 em per joint
    expect(Math.max(...perJoint)).toBeLessThan(0.1);
    expect(Math.min(...perJoint)).toBeGreaterThan(-0.05);
  });
});
