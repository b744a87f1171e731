/**
 * An error that the layout throws as it meets it (not one collected with the others: a style a
 * template names that the theme lacks, met as the footer is set; a contents entry that points
 * at nothing, found once the pages are made) comes with the warnings the same round of layout
 * found before it (a character no font has), as a collected error does: build, check and watch
 * print the error, then the warning, each at its file:line:column, exit 1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from '../helpers/project.js';

const cli = path.join(root, 'dist/bin.cjs');

function imprint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, lines: r.stderr.split('\n').filter(Boolean) };
}

let project: string;
/** The warning of the character no font has, which the round finds in the preface's first paragraph. */
const WARNING = 'content/report.yaml:18:10: warning: no font has the character "\u{E000}" (U+E000); it is drawn as an empty box';

beforeAll(() => {
  project = path.join(realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-thrown-'))), 'proj');
  expect(imprint(path.dirname(project), 'init', project).code).toBe(0);
  const content = path.join(project, 'content/report.yaml');
  const text = readFileSync(content, 'utf8');
  expect(text.split('\n')[17]).toMatch(/^ {4}- 本报告是 Imprint/);
  writeFileSync(content, text.replace('本报告是 Imprint', '本报告\u{E000}是 Imprint'));
});

/** Runs `imprint ...args` in the project with `templates/mine/NAME` written as `text` (removed after). */
function runWith(name: string, text: string, ...args: string[]) {
  const file = path.join(project, 'templates/mine', name);
  writeFileSync(file, text);
  try {
    return imprint(project, ...args);
  } finally {
    rmSync(file);
  }
}

const FOOTER = '<footer><p style="footer-typo">— {{page}} —</p></footer>\n';
const CONTENTS = '<h level="0" style="contents-title">目录</h>\n{{#each chapters}}<toc-entry target="{{id}}" style="toc-1" at="{{titleAt}}">{{inline title}}</toc-entry>{{/each}}\n  <toc-entry style="toc-1" target="typo">附录说明</toc-entry>\n';

describe('an error thrown by the layout keeps the warnings of its round', () => {
  it('the warning alone, without the error: exit 0 (what the others compare with)', () => {
    const r = imprint(project, 'check', 'content/report.yaml');
    expect(r).toEqual({ code: 0, lines: [WARNING] });
  });

  for (const command of ['build', 'check'] as const) {
    it(`${command}: a style the footer names that the theme lacks, then the warning`, () => {
      const r = runWith('footer.hbs', FOOTER, command, 'content/report.yaml');
      expect(r.code).toBe(1);
      expect(r.lines).toHaveLength(2);
      expect(r.lines[0]).toMatch(/^templates\/mine\/footer\.hbs:1:12: markup: style "footer-typo" is not defined in /);
      expect(r.lines[1]).toBe(WARNING);
    });

    it(`${command}: a contents entry to nothing, then the warning`, () => {
      const r = runWith('contents.hbs', CONTENTS, command, 'content/report.yaml');
      expect(r).toEqual({ code: 1, lines: ['templates/mine/contents.hbs:3:28: contents entry points at "typo", which no heading, table, case or figure has as id', WARNING] });
    });
  }

  it('watch: the error, then the warning, and not built', async () => {
    const file = path.join(project, 'templates/mine/footer.hbs');
    writeFileSync(file, FOOTER);
    const child = spawn(process.execPath, [cli, 'watch', 'content/report.yaml', '-o', 'out/w.pdf'], { cwd: project });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    try {
      for (let i = 0; i < 600 && !/not built/.test(err); i++) await new Promise((r) => setTimeout(r, 50));
      const lines = err.split('\n').filter(Boolean);
      expect(lines[0]).toMatch(/^templates\/mine\/footer\.hbs:1:12: markup: style "footer-typo" is not defined in /);
      expect(lines[1]).toBe(WARNING);
      expect(lines[2]).toMatch(/not built/);
    } finally {
      child.kill();
      rmSync(file);
    }
  });
});
