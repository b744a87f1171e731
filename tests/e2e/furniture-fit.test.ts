/**
 * A running head or footer whose style is too large for the margin it stands in (a footer of
 * 200pt: its page numbers printed below the paper's edge, exit 0, without a word): one error at
 * the style's size in the user's theme, with the most that fits; nothing written, the PDF of the
 * last good build kept.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');

function imprint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let project: string;
let starterTheme: string;
const theme = () => path.join(project, 'templates/mine/theme.yaml');

beforeAll(() => {
  project = path.join(realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-furniture-fit-'))), 'proj');
  expect(imprint(path.dirname(project), 'init', project).code).toBe(0);
  starterTheme = readFileSync(theme(), 'utf8');
});

function buildWith(text: string) {
  writeFileSync(theme(), text);
  try {
    return imprint(project, 'build');
  } finally {
    writeFileSync(theme(), starterTheme);
  }
}

describe('a running head or footer too large for its margin', () => {
  it('is one error at its style’s size, with the most that fits; the last PDF kept', () => {
    expect(imprint(project, 'build').code).toBe(0);
    const pdf = path.join(project, 'out/report.pdf');
    const before = readFileSync(pdf);
    const line = starterTheme.split('\n').length;
    const r = buildWith(`${starterTheme}  footer-odd: { size: 200pt }\n  footer-even: { size: 200pt }\n`);
    expect(r.err).toBe(
      `templates/mine/theme.yaml:${line}:23: styles.footer-odd.size: 200pt makes the footer 240pt high, more than the bottom margin leaves it below page.footer-offset (18mm, 51.02pt): it would print off the paper; at most 42.5pt at its line height, or a larger bottom margin\n` +
        `templates/mine/theme.yaml:${line + 1}:24: styles.footer-even.size: 200pt makes the footer 240pt high, more than the bottom margin leaves it below page.footer-offset (18mm, 51.02pt): it would print off the paper; at most 42.5pt at its line height, or a larger bottom margin\n`,
    );
    expect(r.code).toBe(1);
    expect(readFileSync(pdf).equals(before)).toBe(true);
  });

  it('a running head too: at its style (then the warning of its text cut, which the same layout found)', () => {
    const line = starterTheme.split('\n').length;
    const r = buildWith(`${starterTheme}  header: { size: 100pt }\n`);
    expect(r.err).toMatch(new RegExp(`^templates/mine/theme\\.yaml:${line}:19: styles\\.header\\.size: 100pt makes the running head [\\d.]+pt high, more than the top margin leaves it above page\\.header-offset \\(26mm, 73\\.7pt\\): it would print off the paper; at most [\\d.]+pt at its line height, or a larger top margin\\ncontent/report\\.yaml:\\d+:\\d+: warning: the running head or footer is too long for its margin: cut to "[^"]+"\\n$`));
    expect(r.code).toBe(1);
  });
});
