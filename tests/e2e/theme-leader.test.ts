/**
 * A theme's contents leader, built: one that is not one printable character is an error at its
 * line with exit status 1 (an empty or blank one crashed the build in laying out the contents,
 * exit 3), and one no font has is a warning at the same line, not at a template file.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');

function imprint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A starter project whose theme (templates/mine/theme.yaml) ends with `line`, and the line's number. */
function projectWith(line: string): { dir: string; line: number } {
  const dir = path.join(realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-leader-'))), 'proj');
  expect(imprint(root, 'init', dir).code).toBe(0);
  const theme = path.join(dir, 'templates/mine/theme.yaml');
  appendFileSync(theme, `${line}\n`);
  return { dir, line: readFileSync(theme, 'utf8').trimEnd().split('\n').length };
}

describe('a contents leader, built', () => {
  it('empty or blank: one error at its line, exit 1, nothing written', () => {
    for (const leader of ['""', '" "']) {
      const { dir, line } = projectWith(`leader: ${leader}`);
      const r = imprint(dir, 'build');
      expect(r.err.trim()).toBe(`templates/mine/theme.yaml:${line}:9: leader must be one printable character (a dot leader: ·, . or …), not ${leader}`);
      expect(r.code).toBe(1);
      expect(existsSync(path.join(dir, 'out/report.pdf'))).toBe(false);
    }
  });

  it('a character no font has: the warning at the `leader:` line', () => {
    const { dir, line } = projectWith('leader: "😀"');
    const r = imprint(dir, 'build');
    expect(r.code).toBe(0);
    expect(r.err).toContain(`templates/mine/theme.yaml:${line}:9: warning: no font has the character "😀" (U+1F600); it is drawn as an empty box`);
  });
});
