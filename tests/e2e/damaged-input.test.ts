/**
 * Randomly damaged versions of the sample report (lines, bytes, characters, values of the wrong
 * type or range, runs of one punctuation mark): a problem report (exit 1) or a PDF (exit 0),
 * never a crash or a stack trace, never a half-written or damaged previous PDF, always quick.
 * `npm run fuzz` runs the full layout on 1,000 damages (IMPRINT_FUZZ_RUNS) instead of 20.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadReport } from '../../src/content/load.js';
import { layoutReport, newBuildCache } from '../../src/pipeline.js';
import { InputError } from '../../src/problems.js';
import { TemplateFolders } from '../../src/template/folders.js';
import { loadTemplates } from '../../src/template/templates.js';
import { reportView } from '../../src/template/view.js';
import { applyDamage, damage, makeHostileImages } from '../helpers/damage.js';
import { makePng } from '../helpers/png.js';

const root = path.resolve(import.meta.dirname, '../..');
const sample = readFileSync(path.join(root, 'content/jingan-2025.yaml'));
const dir = mkdtempSync(path.join(tmpdir(), 'imprint-damage-'));
makeHostileImages(dir, makePng(40, 30));
const templates = loadTemplates(path.join(root, 'templates/official'), new TemplateFolders([root]));

describe('damaged input', () => {
  it('is loaded and templated, or refused with located problems (300 damages)', () => {
    const file = path.join(dir, 'damaged.yaml');
    fc.assert(
      fc.property(fc.array(damage, { minLength: 1, maxLength: 3 }), (damages) => {
        writeFileSync(file, applyDamage(sample, damages));
        try {
          templates.renderDocument(reportView(loadReport(file)));
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          for (const p of e.problems) {
            expect(p.pos.file).toBe(file); // in the content, never in a template
            expect(p.pos.line).toBeGreaterThanOrEqual(1);
            expect(p.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  const layoutRuns = Number(process.env.IMPRINT_FUZZ_RUNS ?? 20);
  it(`is laid out in full, or refused, within seconds (${layoutRuns} damages)`, () => {
    const file = path.join(dir, 'laid-out.yaml');
    const cache = newBuildCache({ input: file, projectDir: root, packageDir: root, version: 'fuzz' });
    const stats = { built: 0, refused: 0, slowest: 0 };
    fc.assert(
      fc.property(fc.array(damage, { minLength: 1, maxLength: 3 }), (damages) => {
        writeFileSync(file, applyDamage(sample, damages));
        const started = performance.now();
        try {
          const { warnings } = layoutReport({ input: file, projectDir: root, packageDir: root, version: 'fuzz' }, cache);
          for (const w of warnings) expect(w.pos.file).toBe(file);
          stats.built++;
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          for (const p of e.problems) expect(p.pos.file).toBe(file);
          stats.refused++;
        }
        const ms = performance.now() - started;
        stats.slowest = Math.max(stats.slowest, ms);
        expect(ms).toBeLessThan(5000);
      }),
      { numRuns: layoutRuns },
    );
    if (process.env.IMPRINT_FUZZ_RUNS) console.log(`damaged inputs: ${stats.built} built, ${stats.refused} refused, slowest ${stats.slowest.toFixed(0)} ms`);
  }, 3_600_000);

  it('through the command: exit 0 or 1, no stack trace, the last good PDF untouched (12 builds)', () => {
    const good = path.join(dir, 'good.pdf');
    const input = path.join(dir, 'report.yaml');
    writeFileSync(input, sample);
    const run = () => spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'build', input, '-o', good], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(run().status).toBe(0);
    const pdf = readFileSync(good);
    copyFileSync(good, path.join(dir, 'reference.pdf'));
    fc.assert(
      fc.property(fc.array(damage, { minLength: 1, maxLength: 3 }), (damages) => {
        writeFileSync(input, applyDamage(sample, damages));
        const r = run();
        expect([0, 1]).toContain(r.status);
        expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
        if (r.status === 1) expect(readFileSync(good).equals(pdf)).toBe(true);
        else writeFileSync(good, pdf); // keep the reference for the next damage
        expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      }),
      { numRuns: 12 },
    );
  }, 180_000); // 13 builds of the sample in new processes: ~25 s alone, ~50 s on a loaded machine
});
