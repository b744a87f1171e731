/** Template folders: problems located in the template files, markup parsed into the tree. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReport } from '../../src/content/load.js';
import { formatProblem, InputError, shownFile } from '../../src/problems.js';
import { TemplateFolders } from '../../src/template/folders.js';
import { loadTemplates } from '../../src/template/templates.js';
import { reportView } from '../../src/template/view.js';
import { loadTheme } from '../../src/style/theme.js';
import { inlineMarkup } from '../../src/template/handlebars-env.js';
import { parseInlineXml } from '../../src/template/markup.js';
import fc from 'fast-check';

const root = path.resolve(import.meta.dirname, '../..');
/** Imprint's templates folder, as messages name it (relative when the tests run in it). */
const imprints = shownFile(path.join(root, 'templates'));

/** A project holding a copy of the official template with one file changed: the copy's folder. */
function variant(file: string, change: (src: string) => string): string {
  const dir = path.join(project(), 'templates/official');
  cpSync(path.join(root, 'templates/official'), dir, { recursive: true });
  const f = path.join(dir, file);
  writeFileSync(f, change(readFileSync(f, 'utf8')));
  return dir;
}

/** A project whose template `mine` extends the official one with one file of it changed: its folder. */
function extending(file: string, change: (src: string) => string): string {
  const dir = path.join(project(), 'templates/mine');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'theme.yaml'), 'extends: official\n');
  writeFileSync(path.join(dir, file), change(readFileSync(path.join(root, 'templates/official', file), 'utf8')));
  return dir;
}

/** A fresh project folder (real path). */
function project(): string {
  return realpathSync(mkdtempSync(path.join(tmpdir(), 'imprint-tpl-')));
}

/** The templates of the project that holds the template folder `dir`, over Imprint's own. */
const foldersOf = (dir: string) => new TemplateFolders([path.dirname(path.dirname(dir)), root]);

function problemOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return formatProblem(e.problems[0]);
    throw e;
  }
  return 'no problem';
}

const view = reportView(loadReport(path.join(root, 'content/jingan-2025.yaml')));

describe('templates', () => {
  it('render the sample into a document tree: cover, front matter, body', () => {
    const doc = loadTemplates(path.join(root, 'templates/official'), new TemplateFolders([root])).renderDocument(view);
    expect(doc.matters.map((m) => m.numbering)).toEqual(['none', 'roman', 'arabic']);
    const headings = doc.matters[2].children.filter((n) => n.kind === 'heading' && n.level === 1);
    expect(headings).toHaveLength(8);
  });
  it('locate a Handlebars syntax error in the template file, said in its own words, not in Handlebars’ tokens', () => {
    const dir = variant('case.hbs', (s) => s.replace('{{#each blocks}}', '{{#each blocks}'));
    expect(problemOf(() => loadTemplates(dir, foldersOf(dir)))).toBe(`${dir}/case.hbs:4:15: template: a single } cannot close {{: close it with }}`);
  });
  it('locate a block closed by the wrong name at its opening, with where the wrong close is', () => {
    const dir = variant('case.hbs', (s) => s.replace('{{/each}}', '{{/if}}'));
    expect(problemOf(() => loadTemplates(dir, foldersOf(dir)))).toBe(`${dir}/case.hbs:4:1: template: {{#each}} opened here is closed by {{/if}} at line 4, column 28: close it with {{/each}}`);
    // blocks closed crosswise: the inner one is closed by the outer one's close
    const crossed = variant('footer.hbs', () => '<footer>{{#if odd}}<p style="footer-odd">{{#each pages}}x{{/if}}{{/each}}</p></footer>\n');
    expect(problemOf(() => loadTemplates(crossed, foldersOf(crossed)))).toBe(`${crossed}/footer.hbs:1:42: template: {{#each}} opened here is closed by {{/if}} at line 1, column 58: close it with {{/each}}`);
  });
  it('locate an unclosed comment', () => {
    const dir = variant('case.hbs', (s) => s.replace('{{!-- A numbered', '\n  {{!-- A numbered').replace('. --}}', '.'));
    expect(problemOf(() => loadTemplates(dir, foldersOf(dir)))).toBe(`${dir}/case.hbs:2:3: template: this comment is never closed: end it with --}}`);
  });
  it('say what is wrong with the syntax of a template in its own words, at the place', () => {
    // the footer's second line: <footer><p style="footer-odd">, then the text of the case (from column 31)
    const problem = (text: string) => {
      const dir = variant('footer.hbs', () => `{{!-- footer --}}\n<footer><p style="footer-odd">${text}</p></footer>\n`);
      return problemOf(() => loadTemplates(dir, foldersOf(dir))).replace(`${dir}/`, '');
    };
    const cases: [string, string][] = [
      ['{{page}}{{/if}}', '2:39: template: {{/if}} closes no block: no {{#if}} is open here'],
      ['{{page', '2:31: template: this {{ is never closed: write }} where its expression ends'],
      ['{{page}', '2:37: template: a single } cannot close {{: close it with }}'],
      ['{{page}}}', '2:37: template: }}} cannot close {{: close it with }} (}}} closes {{{)'],
      ['{{{page}}', '2:38: template: }} cannot close {{{: close it with }}}'],
      ['{{}}', '2:31: template: {{}} is empty: write what it shows between the braces, e.g. {{title}}'],
      ['{{#if odd}}{{/}}', '2:42: template: {{/}} names no block: write the name of the block it closes, e.g. {{/if}}'],
      ['{{page}}{{/}}', '2:39: template: {{/}} names no block: write the name of the block it closes, e.g. {{/if}}'],
      ['{{> }}', '2:31: template: {{>}} names no partial: write its name, e.g. {{> paragraph}}'],
      ['{{else}}', '2:31: template: {{else}} stands outside any block: it goes between a block’s {{#…}} and its {{/…}}'],
      ['{{#if odd}}a{{else}}b{{else}}c{{/if}}', '2:52: template: a second {{else}} in the {{#if}} opened at line 2, column 31: a block has one {{else}}, its last part (for another condition, write {{else if …}} before it)'],
      ['{{inline "x}}', '2:40: template: this " is never closed: close the text in quotes with "'],
      ['{{#if (eq page "1"}}x{{/if}}', '2:37: template: this ( is never closed: close it with ) before }}'],
      ['{{page)}}', '2:37: template: this ) closes no (: remove it'],
      // a ( first in {{…}}: it said '"(" cannot stand here'
      ['{{(page}}', '2:33: template: this ( cannot come first in {{…}}: (…) calls a helper for a value given to another, after its name (e.g. {{#if (eq kind "table")}}): write {{page}}'],
      ['{{#if odd}}{{(inline page)}}{{/if}}', '2:44: template: this ( cannot come first in {{…}}: (…) calls a helper for a value given to another, after its name (e.g. {{#if (eq kind "table")}}): write {{inline page}}'],
      ['{{! note', '2:31: template: this comment is never closed: end it with }}'],
      ['{{!-- note', '2:31: template: this comment is never closed: end it with --}}'],
      ['{{inline {{page}} }}', '2:31: template: this {{ is not closed before the {{ at line 2, column 40: close it with }} (inside {{…}}, a value is written by its name alone: {{inline text}})'],
      ['{{> paragraph text=}}', '2:45: template: text= has no value: write it after the =, e.g. text="…"'],
      ['{{page, pages}}', '2:37: template: "," cannot stand inside {{…}} (values are separated by spaces)'],
      ['{{lookup . "page" x=1 page}}', '2:53: template: "page" comes after name=value pairs: write the values first, then the name=value pairs'],
    ];
    for (const [text, said] of cases) expect(problem(text), text).toBe(`footer.hbs:${said}`);
  });
  it('count columns in characters, a character outside the BMP as one (Handlebars counts UTF-16 units)', () => {
    const problem = (text: string) => {
      const dir = variant('footer.hbs', () => `<footer><p style="footer-odd">𠀀😀${text}</p></footer>\n`);
      return problemOf(() => loadTemplates(dir, foldersOf(dir))).replace(`${dir}/`, '');
    };
    // <footer><p style="footer-odd"> is 30 characters, then 𠀀 and 😀: the text from column 33
    expect(problem('{{page}}{{/if}}')).toBe('footer.hbs:1:41: template: {{/if}} closes no block: no {{#if}} is open here');
    expect(problem('{{page')).toBe('footer.hbs:1:33: template: this {{ is never closed: write }} where its expression ends');
    expect(problem('{{> nosuch}}')).toMatch(/^footer\.hbs:1:37: template: unknown partial "nosuch"/); // at its name
  });
  it('locate a partial there is none of at its name in the template that includes it, before anything renders', () => {
    const known = 'known: attachments, block, case, chapter, contents, cover, list, listing, paragraph, preface, report-pages, section, table';
    const partial = variant('chapter.hbs', (s) => s.replace('{{> section}}', '{{> sections}}'));
    expect(problemOf(() => loadTemplates(partial, foldersOf(partial)))).toBe(`${partial}/chapter.hbs:5:23: template: unknown partial "sections" (did you mean "section"? ${known})`);
    // also where no report includes it (it said nothing until one did); a partial block's own text stands in for a missing one
    const untaken = variant('footer.hbs', () => '<footer>{{#if nothing}}{{> pagenumber}}{{/if}}{{#> mark}}—{{/mark}}<p style="footer-odd">{{page}}</p></footer>\n');
    expect(problemOf(() => loadTemplates(untaken, foldersOf(untaken)))).toBe(`${untaken}/footer.hbs:1:28: template: unknown partial "pagenumber" (${known})`);
    // a partial an expression names: at the expression (it said 'The partial undefined could not be found' at 1:1, as it rendered)
    const computed = variant('chapter.hbs', (s) => s.replace('{{> section}}', '{{> (lookup . "kind")}}'));
    expect(problemOf(() => loadTemplates(computed, foldersOf(computed)))).toBe(`${computed}/chapter.hbs:5:23: template: a partial is included by its name ({{> block}}), not by an expression that gives one`);
    // a decorator there is none of ({{* name}}): at its name; Handlebars said 'Missing decorator: "mark"' at the file's start
    const decorator = variant('footer.hbs', () => '<footer>{{#*mark "x"}}—{{/mark}}<p style="footer-odd">{{page}}</p></footer>\n');
    expect(problemOf(() => loadTemplates(decorator, foldersOf(decorator)))).toBe(`${decorator}/footer.hbs:1:13: template: unknown decorator "mark" (the one decorator is inline: {{#*inline "name"}}…{{/inline}} defines a partial)`);
    // an inline partial is one
    const inline = variant('footer.hbs', () => '{{#*inline "mark"}}—{{/inline}}<footer><p style="footer-odd">{{> mark}}{{page}}</p></footer>\n');
    expect(problemOf(() => loadTemplates(inline, foldersOf(inline)).renderFooter({ page: '3', pages: 9, odd: true, opening: false }))).toBe('no problem');
  });
  it('locate an include of an inline partial where Handlebars does not know it, before anything renders, in words', () => {
    const render = (dir: string) => problemOf(() => loadTemplates(dir, foldersOf(dir)).renderDocument(view)).replace(`${dir}/`, '');
    const scope = 'an inline partial is known only inside the block that defines it and the partials included from there (define it in this file, outside any block, or write it as a partial file of its own, mark.hbs)';
    // defined in another file (paragraph.hbs), included in case.hbs: Handlebars said 'The partial mark could not be found' as it rendered
    const other = variant('paragraph.hbs', (s) => `{{#*inline "mark"}}※{{/inline}}${s}`);
    writeFileSync(path.join(other, 'case.hbs'), readFileSync(path.join(other, 'case.hbs'), 'utf8').replace('{{inline title}}', '{{> mark}}{{inline title}}'));
    expect(render(other)).toBe(`case.hbs:3:62: template: the inline partial "mark" (defined in ${other}/paragraph.hbs, line 1) is not known here: ${scope}`);
    // defined inside a block of the same file, included outside it
    const block = variant('case.hbs', (s) => s.replace('{{inline title}}', '{{#if number}}{{#*inline "mark"}}※{{/inline}}{{/if}}{{> mark}}{{inline title}}'));
    expect(render(block)).toBe(`case.hbs:3:114: template: the inline partial "mark" (defined in ${block}/case.hbs, line 3) is not known here: ${scope}`);
    // what Handlebars knows: in the file before the definition, and in a partial every include of which knows it (case.hbs from block.hbs)
    const before = variant('case.hbs', (s) => s.replace('{{inline title}}', '{{> mark}}{{inline title}}{{#*inline "mark"}}※{{/inline}}'));
    expect(render(before)).toBe('no problem');
    const included = variant('block.hbs', (s) => `{{#*inline "mark"}}※{{/inline}}${s}`);
    writeFileSync(path.join(included, 'case.hbs'), readFileSync(path.join(included, 'case.hbs'), 'utf8').replace('{{inline title}}', '{{> mark}}{{inline title}}'));
    expect(render(included)).toBe('no problem');
  });
  it('locate a helper that does not exist at its name, wherever it is called, before anything renders', () => {
    const load = (change: (s: string) => string) => {
      const dir = variant('case.hbs', change);
      return problemOf(() => loadTemplates(dir, foldersOf(dir))).replace(`${dir}/`, '');
    };
    const known = 'known: each, if, unless, lookup, with, inline, eq, or';
    // a subexpression with no arguments gave nothing, silently: the case's blocks were left out
    expect(load((s) => s.replace('{{#each blocks}}', '{{#each (nohelper)}}'))).toBe(`case.hbs:4:10: template: unknown helper "nohelper": (nohelper) calls a helper, and there is none of that name (${known})`);
    expect(load((s) => s.replace('{{#each blocks}}', '{{#each (nohelper blocks)}}'))).toBe(`case.hbs:4:10: template: unknown helper "nohelper" (${known})`);
    expect(load((s) => s.replace('{{inline title}}', '{{inline (inlined title)}}'))).toBe(`case.hbs:3:68: template: unknown helper "inlined" (did you mean "inline"? ${known})`);
    // with arguments, as a block, with a hash, in {{else if}}: also where the call would run for no report (a branch never taken)
    expect(load((s) => s.replace('{{inline title}}', '{{inlined title}}'))).toBe(`case.hbs:3:60: template: unknown helper "inlined" (did you mean "inline"? ${known})`);
    expect(load((s) => s.replace('{{#each blocks}}{{> block}}{{/each}}', '{{#iff blocks}}{{> block}}{{/iff}}'))).toBe(`case.hbs:4:4: template: unknown helper "iff" (did you mean "if"? ${known})`);
    expect(load((s) => s.replace('{{inline title}}', '{{#if nothing}}{{upper title style="x"}}{{/if}}'))).toBe(`case.hbs:3:75: template: unknown helper "upper" (${known})`);
    expect(load((s) => s.replace('{{inline title}}', '{{#if nothing}}{{else if (nohelper title)}}{{/if}}'))).toBe(`case.hbs:3:84: template: unknown helper "nohelper" (${known})`);
    // a raw block calls its helper: it passed, and printed its text or nothing by the data
    expect(load((s) => s.replace('{{inline title}}', '{{{{nohelper}}}}{{title}}{{{{/nohelper}}}}'))).toBe(`case.hbs:3:62: template: unknown helper "nohelper": a raw block {{{{nohelper}}}}…{{{{/nohelper}}}} calls a helper, and there is none of that name (${known})`);
    expect(load((s) => s.replace('{{inline title}}', '{{{{inline}}}}{{title}}{{{{/inline}}}}'))).toBe('case.hbs:3:62: template: {{{{inline}}}} takes one value, the text (e.g. {{{{inline title}}}}); here it has none');
    // Handlebars' log, which printed to the console on every build, is not one
    expect(load((s) => s.replace('{{inline title}}', '{{log title}}'))).toBe(`case.hbs:3:60: template: unknown helper "log" (${known})`);
    // a name alone is a value of the data, or a block over it: no call
    const fine = variant('case.hbs', (s) => s.replace('{{inline title}}', '{{inline title}}{{#if (eq number 1)}}{{#blocks}}{{/blocks}}{{nothing}}{{lookup . "title"}}{{/if}}'));
    expect(problemOf(() => loadTemplates(fine, foldersOf(fine)).renderDocument(view))).toBe('no problem');
  });
  it('locate a helper given more or fewer values than it takes at its name, before anything renders', () => {
    const load = (text: string) => {
      const dir = variant('footer.hbs', () => `<footer><p style="footer-odd">${text}</p></footer>\n`);
      return problemOf(() => loadTemplates(dir, foldersOf(dir))).replace(`${dir}/`, '');
    };
    // Handlebars said 'Must pass iterator to #each', '#if requires exactly one argument' or 'inverse is not a function' at the file's start, and only when it ran;
    // {{inline}} printed [object Object], (eq page) was always false
    const cases: [string, string][] = [
      ['{{#each}}x{{/each}}', '1:34: template: {{#each}} takes one value, the list to go through (e.g. {{#each rows}}); here it has none'],
      ['{{#if nothing}}{{#each pages pages}}x{{/each}}{{/if}}', '1:49: template: {{#each}} takes one value, the list to go through (e.g. {{#each rows}}); here it has 2'],
      ['{{#if odd opening}}x{{/if}}', '1:34: template: {{#if}} takes one value, the condition (e.g. {{#if note}}); here it has 2'],
      ['{{#if odd}}x{{else if}}y{{/if}}', '1:50: template: {{else if}} takes one value, the condition (e.g. {{else if note}}); here it has none'],
      ['{{#unless}}x{{/unless}}', '1:34: template: {{#unless}} takes one value, the condition (e.g. {{#unless note}}); here it has none'],
      ['{{#with}}x{{/with}}', '1:34: template: {{#with}} takes one value, what to go into (e.g. {{#with report}}); here it has none'],
      ['{{inline}}', '1:33: template: {{inline}} takes one value, the text (e.g. {{inline title}}); here it has none'],
      ['{{#if (eq page)}}x{{/if}}', '1:38: template: (eq) takes two values, the two to compare (e.g. (eq kind "table")); here it has 1'],
      ['{{lookup report}}', '1:33: template: {{lookup}} takes two values, where to look and what (e.g. {{lookup report "title"}}); here it has 1'],
    ];
    for (const [text, said] of cases) expect(load(text), text).toBe(`footer.hbs:${said}`);
    expect(load('{{#if (eq page "1")}}{{inline report.title}}{{lookup report "title"}}{{/if}}{{#with report}}{{title}}{{/with}}{{#unless odd}}{{else if opening}}{{/unless}}')).toBe('no problem');
  });
  it('locate markup the parser does not know in the template that wrote it', () => {
    const dir = variant('case.hbs', (s) => s.replace('<box id', '<frame id').replace('</box>', '</frame>'));
    expect(problemOf(() => loadTemplates(dir, foldersOf(dir)).renderDocument(view))).toBe(`${dir}/case.hbs:2:1: markup: unknown element <frame>`);
  });
  it('a <colophon> anywhere but right inside a <matter>, or a second one: at it, saying where it stands', () => {
    const inside = variant('case.hbs', (s) => s.replace('<box id', '<colophon></colophon><box id'));
    expect(problemOf(() => loadTemplates(inside, foldersOf(inside)).renderDocument(view))).toBe(`${inside}/case.hbs:2:1: markup: <colophon> stands right inside a <matter>, at most once`);
    const twice = variant('report-pages.hbs', (s) => s.replace('{{> cover}}', '<colophon></colophon><colophon></colophon>{{> cover}}'));
    expect(problemOf(() => loadTemplates(twice, foldersOf(twice)).renderDocument(view))).toMatch(/report-pages\.hbs:3:\d+: markup: <colophon> stands right inside a <matter>, at most once$/);
  });
  it('locate a block never closed at its opening, not at the end of the file', () => {
    const dir = variant('footer.hbs', () => '<footer>\n<p style="{{#if odd}}footer-odd{{else}}footer-even">\n— {{page}} —</p></footer>\n');
    expect(problemOf(() => loadTemplates(dir, foldersOf(dir)))).toBe(`${dir}/footer.hbs:2:11: template: {{#if}} opened at line 2 is never closed (close it with {{/if}})`);
    // lines ended by CR alone are lines, as Handlebars counts them
    const cr = variant('footer.hbs', () => '<footer>\r<p style="{{#if odd}}footer-odd{{else}}footer-even">\r— {{page}} —</p></footer>\r');
    expect(problemOf(() => loadTemplates(cr, foldersOf(cr)))).toBe(`${cr}/footer.hbs:2:11: template: {{#if}} opened at line 2 is never closed (close it with {{/if}})`);
    const nested = variant('case.hbs', (s) => s.replace('{{/each}}', ''));
    expect(problemOf(() => loadTemplates(nested, foldersOf(nested)))).toBe(`${nested}/case.hbs:4:1: template: {{#each}} opened at line 4 is never closed (close it with {{/each}})`);
    // an inline partial closed by {{/inline}} is no block left open: the {{#if}} before it is
    const inline = variant('footer.hbs', () => '<footer>{{#if odd}}\n{{#*inline "mark"}}—{{/inline}}<p style="footer-odd">{{> mark}} {{page}}</p></footer>\n');
    expect(problemOf(() => loadTemplates(inline, foldersOf(inline)))).toBe(`${inline}/footer.hbs:1:9: template: {{#if}} opened at line 1 is never closed (close it with {{/if}})`);
  });
  it('locate markup that is not well-formed at the tag in the template, said plainly', () => {
    const page = { page: '3', pages: 9, odd: true, opening: false };
    const dir = variant('footer.hbs', () => '{{!-- footer --}}\n<footer><p style="footer-odd"><b>— {{page}} —</p></footer>\n');
    expect(problemOf(() => loadTemplates(dir, foldersOf(dir)).renderFooter(page))).toBe(`${dir}/footer.hbs:2:46: markup: <b> is still open at </p>: close it first (</b>)`);
  });
  it('locate markup that is not well-formed in the partial that wrote it, not at the start of document.hbs', () => {
    const render = (dir: string) => problemOf(() => loadTemplates(dir, foldersOf(dir)).renderDocument(view));
    // the tag the parser stopped in, found by what its attributes can be
    const twice = variant('paragraph.hbs', (s) => s.replace('at="{{at}}"', 'at="{{at}}" at="{{at}}"'));
    expect(render(twice)).toBe(`${twice}/paragraph.hbs:2:1: markup: an attribute written twice in one tag (at="…"): write it once`);
    // text written unescaped that breaks the markup (the starter's <https://…>): in the element that holds it
    const raw = variant('paragraph.hbs', (s) => s.replace('{{inline text}}', '{{{text}}}'));
    const starter = reportView(loadReport(path.join(root, 'starter/content/report.yaml')));
    expect(problemOf(() => loadTemplates(raw, foldersOf(raw)).renderDocument(starter))).toMatch(new RegExp(`^${raw}/paragraph\\.hbs:2:1: markup: .* \\(inside the <p> written here, at line \\d+, column \\d+ of the markup document\\.hbs wrote\\)$`));
    // an element a partial opens and leaves open: at its opening in that partial, not at the close tag of another
    const open = variant('paragraph.hbs', (s) => s.replace('</p>', ''));
    expect(render(open)).toMatch(new RegExp(`^${open}/paragraph\\.hbs:2:1: markup: <p> is still open at </\\w+>: close it first \\(</p>\\)$`));
  });
  it('locate markup that is not well-formed in the template of your own that wrote it, not in one it extends (found by the fuzzer)', () => {
    const render = (dir: string) => problemOf(() => loadTemplates(dir, foldersOf(dir)).renderDocument(view));
    // the preface's <h> left open: Imprint's chapter.hbs writes the same tag, and was blamed
    const open = extending('preface.hbs', (s) => s.replace('</h>', ''));
    expect(render(open)).toBe(`${open}/preface.hbs:3:1: markup: <h> is still open at </matter>: close it first (</h>)`);
    // a case's <box> deleted: its </box> closes no element (it was said to find the <matter> of Imprint's report-pages.hbs open, which was blamed)
    const box = extending('case.hbs', (s) => s.replace(/<box .*\n/, ''));
    expect(render(box)).toBe(`${box}/case.hbs:4:1: markup: </box> closes no element that is open`);
    // a close tag typed inside an attribute's name, and a comment never closed: in the partial, not in the <matter> around it
    const attribute = extending('chapter.hbs', (s) => s.replace('bookmark=', 'bookm</p>ark='));
    expect(render(attribute)).toMatch(new RegExp(`^${attribute}/chapter\\.hbs:3:\\d+: markup: a character an attribute name cannot hold, inside a tag: a < or a tag typed inside another, or a quote left open\\? \\(at line \\d+, column \\d+ of the markup document\\.hbs wrote\\)$`));
    // (a paragraph.hbs of nothing but the comment's start: at it, not where the parser found the comment malformed, in another template)
    const only = extending('paragraph.hbs', () => '{{!-- a paragraph --}}\n<!--\n');
    expect(render(only)).toMatch(new RegExp(`^${only}/paragraph\\.hbs:2:1: markup: a comment <!-- … --> that holds -- or is never closed`));
    const comment = extending('paragraph.hbs', (s) => `${s}<!--\n`);
    expect(render(comment)).toMatch(new RegExp(`^${comment}/paragraph\\.hbs:\\d+:\\d+: markup: a comment <!-- … --> that holds -- or is never closed: write <!-- text --> \\(at line \\d+, column \\d+ of the markup document\\.hbs wrote\\)$`));
  });
  it("say markup that is not well-formed in plain words, not the XML parser's (found by the fuzzer: 'text data outside of root node.')", () => {
    const page = { page: '3', pages: 9, odd: true, opening: false };
    const footer = (text: string) => {
      const dir = variant('footer.hbs', () => text);
      return problemOf(() => loadTemplates(dir, foldersOf(dir)).renderFooter(page)).replace(`${dir}/`, '');
    };
    expect(footer('<footer><p style="footer-odd">{{page}}</p></footer>\n half deleted comment --}}\n')).toBe(
      "footer.hbs:2:2: markup: text outside the markup's one element (<document>, <header> or <footer>): write it inside an element, or drop it (a comment half deleted?)",
    );
    expect(footer('<footer><p style="footer-odd"align="right">{{page}}</p></footer>\n')).toBe('footer.hbs:1:9: markup: no space between two attributes: write one');
    expect(footer('<footer><p style=footer-odd>{{page}}</p></footer>\n')).toBe('footer.hbs:1:9: markup: an attribute value not in quotes: write name="value"');
    expect(footer('<footer><p style="footer-odd">{{page}} <- </p></footer>\n')).toMatch(/^footer\.hbs:1:\d+: markup: a < that starts no tag \(a tag name after it, of letters\): write &lt; for a < in text/);
    // the parser's other words (its sentence, its full stop) nowhere in a message
    const said = (slip: string) => footer(`<footer>${slip}<p style="footer-odd">{{page}}</p></footer>\n`);
    expect(said('<p style="footer-odd" style="x">')).toBe('footer.hbs:1:9: markup: an attribute written twice in one tag (style="…"): write it once');
    expect(said(']]>')).toMatch(/^footer\.hbs:1:1: markup: a \]\]> in text, which XML keeps for the end of a CDATA section: write \]\]&gt; \(/);
    expect(said('\x01')).toMatch(/^footer\.hbs:1:1: markup: a character XML cannot hold \(a control character, U\+FFFE, U\+FFFF\): delete it \(/);
    expect(said('</>')).toMatch(/^footer\.hbs:1:1: markup: a close tag without a name \(<\/>\): write <\/name> \(/);
    expect(said('&#xZZ;')).toMatch(/^footer\.hbs:1:1: markup: a character reference that names no character: write &#NNNN; or &#xHHHH; \(its code\), or the character itself \(/);
    expect(said('&;')).toMatch(/^footer\.hbs:1:1: markup: a & with no name before its ; \(&;\): write &amp; for & \(/);
    expect(said('<!x>')).toBe('footer.hbs:1:13: markup: a <! that starts no comment: write <!-- text --> for a comment, &lt; for a < in text');
    expect(said('<p style="a"/ >')).toBe('footer.hbs:1:9: markup: a / in a tag not followed by >: write <name/> for an element without content');
    expect(said('<!DOCTYPE x>')).toMatch(/^footer\.hbs:1:1: markup: a <!DOCTYPE …>, which markup has none of: drop it \(/);
    expect(footer('{{!-- nothing --}}\n')).toBe("footer.hbs:1:1: markup: the template produced no element: write the markup's one element (<document>, <header> or <footer>) (at line 1, column 1 of the markup footer.hbs wrote)");
  });
  it('say a close tag that closes nothing open, and a comment never closed, as what they are, at them in the template that wrote them (they were said as an element left open)', () => {
    const page = { page: '3', pages: 9, odd: true, opening: false, chapter: '1 总体', report: view.report };
    // saxes closes every element open before it says the close tag matches none: <footer> was said to be open at </p>
    const stray = variant('footer.hbs', () => '<footer></p><p style="footer-odd">{{page}}</p></footer>\n');
    expect(problemOf(() => loadTemplates(stray, foldersOf(stray)).renderFooter(page))).toBe(`${stray}/footer.hbs:1:9: markup: </p> closes no element that is open`);
    // a <!-- with no -- after it: the parser ends inside it and finds the elements unclosed
    const header = extending('header.hbs', (s) => s.replace('<header>', '<header><!-- the head '));
    expect(problemOf(() => loadTemplates(header, foldersOf(header)).renderHeader(page))).toBe(`${header}/header.hbs:3:9: markup: a comment <!-- is never closed: end it with -->`);
    const preface = extending('preface.hbs', (s) => s.replace('<pagebreak before="chapter"/>', '<pagebreak before="chapter"/><!-- 前言'));
    expect(problemOf(() => loadTemplates(preface, foldersOf(preface)).renderDocument(view))).toBe(`${preface}/preface.hbs:2:30: markup: a comment <!-- is never closed: end it with -->`);
    // after the markup's element (the parser said 'unexpected end.'), and a CDATA section never closed
    const footer = (text: string) => {
      const dir = variant('footer.hbs', () => text);
      return problemOf(() => loadTemplates(dir, foldersOf(dir)).renderFooter(page)).replace(`${dir}/`, '');
    };
    expect(footer('<footer><p style="footer-odd">{{page}}</p></footer><!-- x\n')).toBe('footer.hbs:1:52: markup: a comment <!-- is never closed: end it with -->');
    expect(footer('<footer><p style="footer-odd">{{page}}</p><![CDATA[ x</footer>\n')).toBe('footer.hbs:1:43: markup: a CDATA section <![CDATA[ is never closed: end it with ]]>');
    // (where the parser stopped at the start of a line is column 1 of it, not 0)
    expect(footer('<footer><p style="footer-odd">{{page}}</p></footer><p\n')).toMatch(/\(at line 2, column 1 of the markup footer\.hbs wrote\)$/);
    // (not at a comment of another file of the template's that is closed)
    writeFileSync(path.join(preface, 'cover.hbs'), readFileSync(path.join(root, 'templates/official/cover.hbs'), 'utf8').replace(/^<[\w-]+/m, '<!-- the cover -->$&'));
    expect(problemOf(() => loadTemplates(preface, foldersOf(preface)).renderDocument(view))).toBe(`${preface}/preface.hbs:2:30: markup: a comment <!-- is never closed: end it with -->`);
  });
  it('locate a style the theme does not define where a template names it, with the styles like it', () => {
    const page = { page: '3', pages: 9, odd: true, opening: false };
    const footer = variant('footer.hbs', () => '{{!-- footer --}}\n<footer><p style="footer">— {{page}} —</p></footer>\n');
    const theme = loadTheme(path.join(footer, 'theme.yaml'), foldersOf(footer));
    expect(problemOf(() => loadTemplates(footer, foldersOf(footer)).renderFooter(page, theme))).toBe(
      `${footer}/footer.hbs:2:12: markup: style "footer" is not defined in ${footer}/theme.yaml (did you mean "footer-even" or "footer-odd"?)`,
    );
    const partial = variant('case.hbs', (s) => s.replace('style="case-title"', 'style="case-titel"'));
    expect(problemOf(() => loadTemplates(partial, foldersOf(partial)).renderDocument(view, loadTheme(path.join(partial, 'theme.yaml'), foldersOf(partial))))).toBe(
      `${partial}/case.hbs:3:8: markup: style "case-titel" is not defined in ${partial}/theme.yaml (did you mean "case-title"?)`,
    );
  });
  it('locate a style a template expression names at the attribute that holds the expression', () => {
    const page = { page: '3', pages: 9, odd: true, opening: false };
    // the markup says style="footer-3", which stands nowhere in the template: the attribute written with {{page}} does
    const footer = variant('footer.hbs', () => '{{!-- footer --}}\n<footer>\n<p style="footer-{{page}}">— {{page}} —</p></footer>\n');
    const theme = loadTheme(path.join(footer, 'theme.yaml'), foldersOf(footer));
    const problem = problemOf(() => loadTemplates(footer, foldersOf(footer)).renderFooter(page, theme));
    expect(problem).toMatch(new RegExp(`^${footer}/footer\\.hbs:3:4: markup: style "footer-3" is not defined in ${footer}/theme\\.yaml \\(it has "body", `));
    expect(problem).not.toContain('of the markup');
    // not at another attribute with an expression that cannot make the name (a block helper's choice, a longer name)
    const decoys = variant('footer.hbs', () => '{{!-- footer --}}\n<footer>\n<p style="{{#if odd}}footer-odd{{else}}footer-even{{/if}}">·</p><p style="foot{{#if odd}}{{/if}}er-odd">·</p>\n<p style="footer-{{page}}">— {{page}} —</p></footer>\n');
    expect(problemOf(() => loadTemplates(decoys, foldersOf(decoys)).renderFooter(page, loadTheme(path.join(decoys, 'theme.yaml'), foldersOf(decoys))))).toMatch(new RegExp(`^${decoys}/footer\\.hbs:4:4: markup: style "footer-3"`));
  });
});

describe('template folders', () => {
  const folders = new TemplateFolders(['/nowhere', root, root]);
  const at = { file: 'r.yaml', line: 3, col: 13 };
  it('find a template by its name, in the project first', () => {
    expect(folders.dirOf('gbt9704', at)).toBe(path.join(root, 'templates/gbt9704'));
  });
  it('name each folder searched once, and the likely name, for a missing template', () => {
    expect(problemOf(() => folders.dirOf('offical', at))).toBe(`r.yaml:3:13: template "offical" not found in /nowhere/templates/ or ${imprints}/ (did you mean "official"?)`);
    expect(problemOf(() => folders.dirOf('nosuch', at))).toBe(`r.yaml:3:13: template "nosuch" not found in /nowhere/templates/ or ${imprints}/`);
  });
  it('name the project folder of a report built from outside it', () => {
    const rich = project();
    mkdirSync(path.join(rich, 'templates/mine'), { recursive: true });
    writeFileSync(path.join(rich, 'templates/mine/theme.yaml'), 'extends: official\n');
    const report = { file: path.join(rich, 'content/report.yaml'), line: 7, col: 13 };
    const outside = new TemplateFolders([path.dirname(rich), root]);
    expect(problemOf(() => outside.dirOf('mine', report))).toBe(
      `${report.file}:7:13: template "mine" not found in ${path.dirname(rich)}/templates/ or ${imprints}/ (run imprint in the project folder ${rich}, where templates/ is)`,
    );
  });
  it('say so of a folder without a theme', () => {
    const dir = project();
    mkdirSync(path.join(dir, 'templates/bare'), { recursive: true });
    expect(problemOf(() => new TemplateFolders([dir]).dirOf('bare', at))).toBe(`r.yaml:3:13: template "bare" not found in ${dir}/templates/ (${dir}/templates/bare has no theme.yaml)`);
  });
  it('say at its theme what a template lacks that extends none, not "template file missing" at a file that is not there', () => {
    const dir = path.join(project(), 'templates/mine');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'theme.yaml'), 'styles:\n  body: { size: 五号 }\n');
    expect(problemOf(() => loadTemplates(dir, foldersOf(dir)))).toBe(
      `${dir}/theme.yaml:1:1: the template "mine" has no document.hbs nor footer.hbs, which a template needs: write them in ${dir}/, or extend a template that has them (\`extends: official\` in its theme.yaml)`,
    );
    writeFileSync(path.join(dir, 'document.hbs'), '<document></document>\n');
    expect(problemOf(() => loadTemplates(dir, foldersOf(dir)))).toMatch(/theme\.yaml:1:1: the template "mine" has no footer\.hbs, which a template needs: write it in .*, or extend a template that has it/);
  });
  it('take a name, never a path', () => {
    for (const name of ['../official', 'official/../official', '/etc', '.', '..', 'a b', '']) {
      expect(problemOf(() => folders.dirOf(name, at))).toBe(`r.yaml:3:13: not a template name: "${name}" (a template is a folder under templates/: letters, digits, - and _)`);
    }
  });
  it('escape content as XML and turn **bold** into <b>', () => {
    expect(inlineMarkup('a < b & **c**')).toBe('a &lt; b &amp; <b>c</b>');
  });
  it('write every inline construct of §6.2 as an element, escapes as the character', () => {
    expect(inlineMarkup('*着重*`a<b`^2^~2~[文](https://e.org/?a=1&b=2)<https://e.org/x>[[t1]][[t1#page]][[t1#number]]^[注 **粗**]\\*')).toBe(
      '<em>着重</em><code>a&lt;b</code><sup>2</sup><sub>2</sub><a href="https://e.org/?a&#x3D;1&amp;b&#x3D;2">文</a><a href="https://e.org/x" kind="url">https://e.org/x</a>' +
        '<ref to="t1"/><ref to="t1" page="true"/><ref to="t1" number="true"/><fn>注 <b>粗</b></fn>*',
    );
  });
  it('read back as runs with marks, references and footnotes as atomic items', () => {
    const runs = parseInlineXml(inlineMarkup('**粗*着*** m^2^ CO~2~ `ls -l` [文](https://e.org) <https://e.org/a> [[t1#page]][[t1#number]]^[注]'));
    expect(runs).toEqual([
      { text: '粗', bold: true },
      { text: '着', bold: true, emphasis: true },
      { text: ' m', bold: false },
      { text: '2', bold: false, script: 'sup' },
      { text: ' CO', bold: false },
      { text: '2', bold: false, script: 'sub' },
      { text: ' ', bold: false },
      { text: 'ls -l', bold: false, code: true },
      { text: ' ', bold: false },
      { text: '文', bold: false, link: { uri: 'https://e.org' } },
      { text: ' ', bold: false },
      { text: 'https://e.org/a', bold: false, link: { uri: 'https://e.org/a' }, url: true },
      { text: ' ', bold: false },
      { text: '', bold: false, ref: { id: 't1', part: 'page' } },
      { text: '', bold: false, ref: { id: 't1', part: 'number' } },
      { text: '', bold: false, note: [{ text: '注', bold: false }] },
    ]);
  });
  it('refuse a <ref> asked for both its page and its number', () => {
    expect(() => parseInlineXml('<ref to="t1" page="true" number="true"/>', 't.hbs')).toThrow('<ref> prints its page or its number, not both');
  });
  it('refuse an inline element the markup does not have, naming those it has', () => {
    expect(() => parseInlineXml('<i>x</i>', 't.hbs')).toThrow('markup: <i> is not allowed inside text (only <b>, <em>, <code>, <label>, <sup>, <sub>, <a>, <ref>, <fn>)');
  });
  it('read a text without markup as the parser reads it, or refuse it as the parser does', () => {
    // an empty <b></b> first makes the parser read the text; it adds no run
    const parsed = (xml: string) => {
      try {
        return parseInlineXml(`<b></b>${xml}`);
      } catch {
        return 'refused';
      }
    };
    const alone = (xml: string) => {
      try {
        return parseInlineXml(xml);
      } catch {
        return 'refused';
      }
    };
    const chars = fc.constantFrom('教', '育', ' ', 'a', '1', '>', ']', '<', '&', ';', '"', '\r', '\n', '\t', '\u0001', '\u007f', '\uFFFE', '\uFFFF', '\uD800', '\uDC00', '𠀀', '　', '\u0000', '\u0085', '\u2028', '\uFEFF', '\uFFFD');
    fc.assert(fc.property(fc.array(chars, { maxLength: 12 }).map((cs) => cs.join('')), (xml) => {
      expect(alone(xml)).toEqual(parsed(xml));
    }), { numRuns: 3000 });
    for (const xml of ['', 'a]]>b', 'a\r\nb', '章\uD800', '&amp;', '第一章　总则']) expect(alone(xml)).toEqual(parsed(xml));
  });
});
