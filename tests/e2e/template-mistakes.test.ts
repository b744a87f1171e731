/**
 * Mistakes in a project's own template that extends Imprint's official one (a starter project's
 * `templates/mine`, with one `.hbs` of its own): each is one message at the user's own file,
 * line and column, naming the mistake, exit 1; never a file that does not exist, nor Imprint's
 * own template, nor what the mistake caused later (layouts that do not settle, a stack overflow).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/bin.cjs');

function imprint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, err: r.stderr };
}

let project: string;

beforeAll(() => {
  project = path.join(realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-mine-'))), 'proj');
  expect(imprint(path.dirname(project), 'init', project).code).toBe(0);
});

/** Builds the project with `templates/mine/NAME` written as `text` (removed after). */
function buildWith(name: string, text: string) {
  const file = path.join(project, 'templates/mine', name);
  writeFileSync(file, text);
  try {
    return imprint(project, 'build');
  } finally {
    rmSync(file);
  }
}

/** Builds the project with `templates/mine/paragraph.hbs` written as `paragraph` (removed after). */
const buildWithParagraph = (paragraph: string) => buildWith('paragraph.hbs', paragraph);

describe("mistakes in a project's own template", () => {
  it('a <ref> to no id: one message, at the template that writes it', () => {
    const r = buildWithParagraph('<p style="body" at="{{at}}">{{inline text}}<ref to="nowhere"/></p>\n');
    expect(r.err).toBe('templates/mine/paragraph.hbs:1:49: markup: <ref to="nowhere">: no chapter, section, article, table, case or figure has the id "nowhere"\n');
    expect(r.code).toBe(1);
  });
  it('a <ref> to no id in the page footer: one message, at it, not one a page at document.hbs', () => {
    const r = buildWith('footer.hbs', '<footer><p style="footer-odd"><ref to="nowhere"/>{{page}}</p></footer>\n');
    expect(r.err).toBe('templates/mine/footer.hbs:1:36: markup: <ref to="nowhere">: no chapter, section, article, table, case or figure has the id "nowhere"\n');
    expect(r.code).toBe(1);
  });
  it('an id written twice: at it, not as page numbers that do not settle', () => {
    const r = buildWithParagraph('<h level="1" style="h1" id="dup">x</h><h level="1" style="h1" id="dup">y</h>\n');
    expect(r.err).toBe('templates/mine/paragraph.hbs:1:25: markup: id="dup" is given to two elements (an id names one place in the document)\n');
    expect(r.code).toBe(1);
  });
  it('a <fn> inside a <fn>: at the outer one, not as footnote markers that do not settle', () => {
    const r = buildWithParagraph('<p style="body">{{inline text}}<fn>注<fn>x</fn></fn></p>\n');
    expect(r.err).toBe('templates/mine/paragraph.hbs:1:32: markup: this footnote holds another: a footnote cannot hold a footnote (<fn> inside <fn>)\n');
    expect(r.code).toBe(1);
  });
  it('a partial that includes itself: says so at the include, not "Maximum call stack size exceeded"', () => {
    const r = buildWithParagraph('<p style="body" at="{{at}}">{{> paragraph}}</p>\n');
    expect(r.err).toBe('templates/mine/paragraph.hbs:1:29: template: the partial "paragraph" includes itself without end\n');
    expect(r.code).toBe(1);
  });
  it('a helper there is none of, in a subexpression: at its name, not a document with the paragraphs silently left out', () => {
    const r = buildWithParagraph('{{#each (nohelper)}}<p style="body" at="{{at}}">{{inline text}}</p>{{/each}}\n');
    expect(r.err).toBe('templates/mine/paragraph.hbs:1:10: template: unknown helper "nohelper": (nohelper) calls a helper, and there is none of that name (known: each, if, unless, lookup, with, inline, eq, or)\n');
    expect(r.code).toBe(1);
  });
  it('a syntax error: said plainly at it, not in Handlebars\' tokens ("Expecting \'ID\', \'STRING\', … got \'INVALID\'")', () => {
    const cases: [string, string][] = [
      ['<p style="body" at="{{at}}">{{inline text}}</p>{{/each}}\n', '1:48: template: {{/each}} closes no block: no {{#each}} is open here'],
      ['<p style="body" at="{{at}}">{{inline text</p>\n', '1:29: template: this {{ is never closed: write }} where its expression ends'],
      ['{{#if text}}<p style="body" at="{{at}}">{{inline text}}</p>{{/each}}\n', '1:1: template: {{#if}} opened here is closed by {{/each}} at line 1, column 60: close it with {{/if}}'],
    ];
    for (const [paragraph, said] of cases) {
      const r = buildWithParagraph(paragraph);
      expect(r.err).toBe(`templates/mine/paragraph.hbs:${said}\n`);
      expect(r.code).toBe(1);
    }
  });
  it('an entity XML does not know: at it in the template that writes it, not in document.hbs', () => {
    const r = buildWithParagraph('<p style="body" at="{{at}}">{{inline text}}</p>&bogus;\n');
    expect(r.err).toBe('templates/mine/paragraph.hbs:1:48: markup: &bogus; is not an entity of XML (write &amp; for &, &lt; for <, or the character itself)\n');
    expect(r.code).toBe(1);
  });
  it("a section.hbs that writes no heading with the section's id: at each section's title the contents lists, not at Imprint's document.hbs:1:1 once an entry", () => {
    const r = buildWith('section.hbs', '<p style="body">{{inline title}}</p>\n{{#each blocks}}{{> block}}{{/each}}\n{{#each sections}}{{> section}}{{/each}}\n');
    const why = 'the contents (or the list of tables and cases) lists this title, but nothing in the document has its id: the template that sets it gives it none (write id="{{id}}" on its <h>, <table>, <case> or <figure>)';
    expect(r.err).toBe([`content/report.yaml:27:16: ${why}`, `content/report.yaml:65:16: ${why}`, `content/report.yaml:91:20: ${why}`, ''].join('\n'));
    expect(r.code).toBe(1);
  });
  it('a table.hbs that writes no <caption>: the table is built, its number in the list of tables and cross-references found (found by the fuzzer: "did not settle after 5 layouts" at Imprint\'s document.hbs)', () => {
    const official = readFileSync(path.join(root, 'templates/official/table.hbs'), 'utf8');
    const r = buildWith('table.hbs', official.replace(/<caption .*\n/, ''));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });
  it("a <toc-entry> of its own whose target no item has: at its target in the template that writes it, not at Imprint's document.hbs:1:1", () => {
    const r = buildWith('contents.hbs', '<h level="0" style="contents-title">目录</h>\n{{#each chapters}}<toc-entry target="{{id}}" style="toc-1" at="{{titleAt}}">{{inline title}}</toc-entry>{{/each}}\n  <toc-entry style="toc-1" target="typo">附录说明</toc-entry>\n');
    expect(r.err).toBe('templates/mine/contents.hbs:3:28: contents entry points at "typo", which no heading, table, case or figure has as id\n');
    expect(r.code).toBe(1);
  });
  it("text a partial writes outside its elements: at it in the partial, not at Imprint's document.hbs", () => {
    // typed, or printed by an expression (the text is the report's: no template holds it)
    const typed = buildWithParagraph('{{!-- a paragraph --}}\n\n stray words <p style="body" at="{{at}}">{{inline text}}</p>\n');
    expect(typed.err).toBe('templates/mine/paragraph.hbs:3:2: markup: text "stray words" directly inside <matter>\n');
    const printed = buildWithParagraph('<p style="body" at="{{at}}">{{inline text}}</p>{{text}}\n');
    expect(printed.err).toMatch(/^templates\/mine\/paragraph\.hbs:1:48: markup: text ".+" directly inside <matter>\n$/);
    expect(printed.code).toBe(1);
  });
  it('a name the data does not have given to inline: at it, with the likely name, not every paragraph silently empty', () => {
    const r = buildWithParagraph('<p style="body" at="{{at}}">{{inline txet}}</p>\n');
    expect(r.err).toBe('templates/mine/paragraph.hbs:1:38: template: {{inline txet}}: the data here has no "txet" (did you mean "text"? it has: text, at)\n');
    expect(r.code).toBe(1);
  });
  it('a value the data leaves out, given to inline, prints nothing, as before (a page without a chapter); a name below one, at it', () => {
    const file = path.join(project, 'templates/mine/footer.hbs');
    for (const [footer, err, code] of [
      ['<footer><p style="footer-odd">{{page}}{{inline chapter}}</p></footer>\n', '', 0],
      ['<footer><p style="footer-odd">{{page}}{{inline report.titel}}</p></footer>\n', 'templates/mine/footer.hbs:1:48: template: {{inline report.titel}}: report has no "titel" (did you mean "title"? it has: title, titleAt, contents, subtitle, subtitleAt, issuer, issuerAt, date, dateAt)\n', 1],
    ] as const) {
      writeFileSync(file, footer);
      try {
        const r = imprint(project, 'build');
        expect(r.err).toBe(err);
        expect(r.code).toBe(code);
      } finally {
        rmSync(file);
      }
    }
  });
});
