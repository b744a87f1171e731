/**
 * Validating content against the published JSON Schema (`schema/report.schema.json`) with the
 * validator Ajv made of it at install (see write-validator.ts), and turning Ajv's errors into
 * located messages a report's editor can act on.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ErrorObject } from 'ajv';
import type { ProblemList } from '../problems.js';
import { packageRoot } from '../package-root.js';
import { BLOCK_KEY_NAMES } from './block-kinds.js';
import { closest } from './did-you-mean.js';
import { droppedMessage, printableData, unprintableRuns } from './printable.js';
import { quietCharsNamed } from './quiet-chars.js';
import { COLON_HINT } from './yaml-problems.js';
import { LANDSCAPE_WORD } from '../style/units.js';
import { contentWidthProblem } from './figure-width.js';
import { PAPER } from '../style/units.js';
import { asciiQuotesHint, fullWidthBrackets, fullWidthColonMessage } from './full-width-syntax.js';
import type { DataPath, YamlSource } from './yaml-source.js';

/** The schema file, published with the package (editors can use it too). */
export const SCHEMA_FILE = path.join(packageRoot(), 'schema', 'report.schema.json');

/** The schema's validator, written by `npm run prepare` (write-validator.ts). */
export const VALIDATOR_FILE = path.join(packageRoot(), 'dist', 'report-validator.cjs');

/** A validator made by Ajv: true or false, and the errors after false. */
interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

let validator: Validator | undefined;

function validate(data: unknown): ErrorObject[] {
  validator ??= createRequire(import.meta.url)(VALIDATOR_FILE) as Validator;
  return validator(data) ? [] : (validator.errors ?? []);
}

/** Validates the data of `src`; every problem goes to `problems`, located. */
export function checkAgainstSchema(src: YamlSource, problems: ProblemList): void {
  const seen = new Set<string>();
  const errors = oneProblemPerChoice(validate(printableData(src.data)));
  const misspelt = new Set(errors.flatMap((e) => (e.keyword === 'additionalProperties' ? [`${e.instancePath}/${closest(String(e.params.additionalProperty), knownKeys(e)) ?? ''}`] : [])));
  // a block among sections (`- pagebreak: true` between two): no title is what that slip leaves out too
  for (const e of errors) if (e.keyword === 'additionalProperties' && blockAmongSections(e)) misspelt.add(`${e.instancePath}/title`);
  for (const e of errors) {
    // `titel:` says "did you mean title"; that title is missing is the same slip
    if (e.keyword === 'required' && misspelt.has(`${e.instancePath}/${String(e.params.missingProperty)}`)) continue;
    const described = describeError(e);
    if (!described) continue;
    const where = pathOf(e.instancePath);
    const value = valueAt(src.data, where);
    const message = described.endsWith(' is empty') ? emptiedBy(described, value) : e.keyword === 'type' ? withTypeHint(described, e, where, value, src) : described;
    const pos = e.keyword === 'additionalProperties' ? src.locate(where, String(e.params.additionalProperty)) : src.locate(where);
    const key = `${pos.line}:${pos.col}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.error(pos, message);
  }
}

/**
 * A value of the wrong shape for a choice of shapes (`keywords:`, `cc:` — text or a list of text)
 * is one problem: the choice's (`must be text or a list of text`), not also each shape's (`must be
 * text`, `must be a list`) at the same place; when the value has one of the shapes and is wrong
 * inside it (an empty list, an item that is no text), that shape's problems alone.
 */
function oneProblemPerChoice(errors: ErrorObject[]): ErrorObject[] {
  const choices = errors.filter((e) => e.keyword === 'oneOf');
  // (a value whose schema is a choice has no other errors than its shapes': a shape given by a
  // $ref has that definition's schemaPath, so they are known by their place)
  const branchOf = (e: ErrorObject) => choices.find((c) => c !== e && (e.instancePath === c.instancePath || e.instancePath.startsWith(`${c.instancePath}/`)));
  const shapeOnly = (e: ErrorObject) => e.keyword === 'type' && e.instancePath === branchOf(e)?.instancePath;
  const kept = errors.filter((e) => !shapeOnly(e));
  return kept.filter((e) => e.keyword !== 'oneOf' || !kept.some((b) => branchOf(b) === e));
}

/** "… is empty", and for a text that only its unprintable characters (dropped) made not empty, which they were. */
function emptiedBy(message: string, written: unknown): string {
  const runs = typeof written === 'string' ? unprintableRuns(written) : '';
  const quiet = typeof written === 'string' ? quietCharsNamed(written) : '';
  return runs ? `${message}: ${droppedMessage(runs)}` : quiet ? `${message}: it holds only ${quiet}` : message;
}

/**
 * "… must be …" with what the value as written says of the slip: a number or true/false where
 * text was meant (see withQuoteHint), a key with nothing after it (withIndentHint), a list in
 * full-width brackets.
 */
function withTypeHint(message: string, e: ErrorObject, where: DataPath, value: unknown, src: YamlSource): string {
  // a figure's width as a number alone: quoted, it would be refused in turn (a length needs its unit)
  if (where[where.length - 1] === 'width' && typeof value === 'number') return `${message} (a length needs its unit: ${value}mm, ${value}pt; or a share: ${value}%)`;
  if (wantsText(e, where)) return withQuoteHint(message, value, src.sourceText(where));
  if (value === null) return withIndentHint(message, where, src);
  const brackets = fullWidthBrackets(value);
  return brackets ? `${message} (${brackets})` : message;
}

/** Whether a value the schema refused for its type could have been text there (a block: a paragraph). */
function wantsText(e: ErrorObject, where: DataPath): boolean {
  return ([] as string[]).concat(e.params.type as string | string[]).includes('string') || describePath(where) === 'a block';
}

/**
 * "… must be text", and for a number or true/false where text was meant (`- 2025`, `title: 3.10`),
 * the hint to quote it, as written (`written`: the characters in the file).
 */
function withQuoteHint(message: string, value: unknown, written: string | undefined): string {
  if (typeof value !== 'number' && typeof value !== 'boolean') return message;
  const as = written ?? String(value);
  const reads = typeof value === 'number' ? 'a number' : 'true or false';
  if (as.length > LONGEST_QUOTED) return `${message} (YAML reads ${as.slice(0, LONGEST_QUOTED)}… (${as.length} characters) as ${reads}: put it in quotes "…" to keep it as text)`;
  return `${message} (YAML reads ${as} as ${reads}: write "${as}" to keep it as text)`;
}

/** The most characters of a value a message quotes whole (a line of 5,000 digits is shown by its start). */
const LONGEST_QUOTED = 40;

/**
 * "… must be a list" for a key with nothing after it, and, when a list stands below it indented
 * less (which YAML gives to what holds the key), how far to indent that list if it is the key's.
 */
function withIndentHint(message: string, where: DataPath, src: YamlSource): string {
  const list = src.outdentedListBelow(where);
  if (!list) return message;
  const key = src.locate(where.slice(0, -1), String(where[where.length - 1]));
  return `${message}: it has no value; if the list below it is meant for it, indent its items to column ${key.col} or further (at column ${list.col}, left of the key, they belong to what holds it)`;
}

/** The value at a path of `data` (undefined where there is none). */
function valueAt(data: unknown, p: DataPath): unknown {
  let v = data;
  for (const step of p) v = (v as Record<string | number, unknown> | undefined)?.[step];
  return v;
}

/** `/chapters/0/body/2` → ['chapters', 0, 'body', 2]. */
function pathOf(pointer: string): DataPath {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** What the value at a path is, in words. */
export function describePath(p: DataPath): string {
  if (p.length === 0) return 'the report';
  const [parent, last] = [p[p.length - 2], p[p.length - 1]];
  if (typeof last === 'number') {
    const names: Record<string, string> = { chapters: 'a chapter', appendices: 'an appendix', sections: 'a section', body: 'a block', quote: 'a block', rows: 'a row', head: 'a header row', columns: 'a column name', list: 'a list item', items: 'a list item', signature: 'a line of the signature', align: 'an alignment', widths: 'a width', keywords: 'a keyword' };
    if (typeof parent === 'number') return 'a cell';
    return names[String(parent)] ?? 'an item';
  }
  if (last === 'title') return `the title of ${describePath(p.slice(0, -1))}`;
  return `\`${last}:\``;
}

const TYPE_WORDS: Record<string, string> = { string: 'text', number: 'a number', integer: 'a whole number', array: 'a list (items starting with "- ")', object: 'a mapping of keys', boolean: 'true or false' };

/** Whether a block is what YAML makes of text with ': ' in it: a mapping of one key to text (or nothing). */
function isTextWithColon(block: unknown): boolean {
  const values = Object.values(block as object);
  return values.length === 1 && (values[0] === null || ['string', 'number', 'boolean'].includes(typeof values[0]));
}

/** The keys the mapping of an error may have (those its schema names). */
function knownKeys(e: ErrorObject): string[] {
  return Object.keys(((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
}

/**
 * Keys a report's writer may give the page or the type in the report (`page: A5`, `纸张: A5`,
 * `margin: 20mm`, `font-size: 12pt`): they are the template's theme's.
 */
const PAGE_KEYS = /^(page|pages|size|paper|format|margins?|fonts?|font[-_ ]?size|(paper|page)[-_ ]?(size|format)|纸张|纸张大小|纸型|页面|页面大小|开本|版心|页边距|边距|字体|字号)$/i;

/** Where the page and the type are set, with the paper the report named (`A5`; A4 when it named none). */
function pageKeyHint(value: unknown): string {
  const named = typeof value === 'string' ? value : value && typeof value === 'object' ? (value as Record<string, unknown>).size : undefined;
  const paper = typeof named === 'string' && named.trim().toUpperCase() in PAPER ? named.trim().toUpperCase() : 'A4';
  return `the page’s size and margins and the type’s sizes are the template’s, not the report’s: set them in the theme.yaml of a template of your own, e.g. templates/mine/theme.yaml with \`extends: official\` and \`page: { size: ${paper} }\`, and name it in the report’s \`template: mine\``;
}

/** Whether an unknown key is a block's, written as an item of `chapters:`, `sections:` or `appendices:` (a page break before a section). */
function blockAmongSections(e: ErrorObject): boolean {
  const parent = pathOf(e.instancePath).at(-2);
  return (parent === 'chapters' || parent === 'sections' || parent === 'appendices') && (BLOCK_KEY_NAMES as readonly string[]).includes(String(e.params.additionalProperty));
}

/** A message for one Ajv error, or undefined for errors another one already explains. */
function describeError(e: ErrorObject): string | undefined {
  const p = pathOf(e.instancePath);
  const what = describePath(p);
  const known = knownKeys(e);
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(e.params.additionalProperty);
      // `{title： 表}`: the key and its value, one key to YAML
      const typed = name.split('：')[0].trim();
      if (name.includes('：') && known.includes(typed)) return fullWidthColonMessage(typed);
      // the page or type set in the report: they are the template's (an A5 report is an A5 theme)
      const value = (e.data as Record<string, unknown>)[name];
      if ((what === '`report:`' || what === 'the report') && PAGE_KEYS.test(name)) return `unknown key "${name}" in ${what} (${pageKeyHint(value)})`;
      if (what === '`report:`' && name === 'theme') return `unknown key "theme" in ${what} (a report chooses its look by \`template:\`, a folder under templates/ whose theme.yaml sets it${typeof value === 'string' ? `: template: ${value}` : ''})`;
      // a table turned by a key of another name (横排, orientation): the one that turns it
      if (what === '`table:`' && LANDSCAPE_WORD.test(name)) return `unknown key "${name}" in ${what} (a wide table is set turned on pages of its own, the page upright, by \`landscape: true\`)`;
      const hint = closest(name, known);
      if (hint) return `unknown key "${name}" in ${what} (did you mean "${hint}"?)`;
      if (blockAmongSections(e)) return `unknown key "${name}" in ${what} (\`${name}:\` is a block: write it as an item of a \`body:\` list, here at the end of the body before it)`;
      // `- 主要措施: 修订…` is a mapping to YAML: a paragraph with ': ' in it, not quoted
      if (what === 'a block' && isTextWithColon(e.data)) return `unknown key "${name}" in a block (${[COLON_HINT, asciiQuotesHint(name)].filter(Boolean).join(', ')})`;
      return `unknown key "${name}" in ${what} (expected one of: ${known.join(', ')})`;
    }
    case 'required':
      return `missing \`${e.params.missingProperty}:\` in ${what}`;
    case 'type': {
      const types = ([] as string[]).concat(e.params.type as string | string[]);
      if (what === 'a block') return `a block must be a paragraph (text) or a mapping with one of: ${BLOCK_KEY_NAMES.join(', ')}`;
      return `${what} must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}`;
    }
    case 'minItems':
      return p[p.length - 1] === 'chapters' ? '`chapters:` is empty: a report needs at least one chapter' : `${what} is empty`;
    case 'minLength':
      return `${what} is empty`;
    case 'pattern':
      if (p[p.length - 1] === 'image') return 'an image must be a PNG, JPEG or SVG file (.png, .jpg, .jpeg, .svg)';
      if (p[p.length - 1] === 'width') return contentWidthProblem(String(e.data));
      if (p[p.length - 1] === 'id') return `\`id: ${String(e.data)}\` is not valid: an id is made of letters, digits, - and _ (e.g. teachers, fig-2)`;
      if (p[p.length - 1] === 'template') return '`template:` must be a folder name under templates/ (letters, digits, - and _)';
      return e.params.pattern === '\\S' ? `${what} is empty` : `${what} is not valid`;
    case 'minProperties':
      return `an empty block: write a paragraph or one of ${BLOCK_KEY_NAMES.join(', ')}`;
    case 'maxProperties':
      return `a block has exactly one key (${BLOCK_KEY_NAMES.slice(0, -1).join(', ')} or ${BLOCK_KEY_NAMES.at(-1)}); start another block with "- "`;
    case 'enum': {
      // (a number allowed beside its text, as `1.` read by YAML, is not shown twice)
      const allowed = (e.params.allowedValues as unknown[]).filter((v): v is string => typeof v === 'string');
      const near = closest(String(e.data), allowed) ?? allowed.find((v) => SAME_MEANING[String(e.data).toLowerCase()] === v);
      return `${what} must be one of ${allowed.join(', ')}, not "${String(e.data)}"${near ? ` (did you mean "${near}"?)` : ''}`;
    }
    case 'const':
      return `${what} must be ${JSON.stringify(e.params.allowedValue)}`;
    case 'exclusiveMinimum':
      return `${what} must be a positive number`;
    case 'minimum':
      return `${what} must be at least ${String(e.params.limit)}`;
    case 'maximum':
      return `${what} must be at most ${String(e.params.limit)}`;
    case 'oneOf':
      return `${what} must be text or a list of text`;
    case 'if':
      return undefined; // the errors of its `then` say what is wrong
    default:
      return `${what}: ${e.message ?? e.keyword}`;
  }
}

/** Words written for a value that are not near it in spelling (`valign: center` for `middle`, as CSS and Word say it). */
const SAME_MEANING: Record<string, string> = { center: 'middle', centre: 'middle', centered: 'middle', justified: 'justify' };
