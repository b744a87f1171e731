/**
 * `imprint fonts [FILE.yaml]`: the font roles (Imprint's and the project's), their files and
 * the faces inside them; with a report, how many of its distinct characters each role its
 * theme uses covers, and every character no font of its stack has, where it first stands (the
 * build's own warnings: the layout finds them through the same fallbacks as when it draws).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { layoutReport, newBuildCache, type BuildOptions } from '../pipeline.js';
import { glyphOf, type FaceSet } from '../font/face.js';
import type { FontRegistry, FontRole } from '../font/registry.js';
import { loadReport } from '../content/load.js';
import type { Report } from '../content/types.js';
import { loadTheme } from '../style/theme.js';
import { TemplateFolders } from '../template/folders.js';
import { formatProblem, InputError, type Problem, type SourcePos } from '../problems.js';

/** Places of a character listed at most. */
const PLACES_SHOWN = 3;

/** The report's lines; throws `InputError` for a report (or registry) with problems. */
export function describeFonts(o: Omit<BuildOptions, 'input'> & { input?: string }): string[] {
  const cache = newBuildCache({ ...o, input: o.input ?? '' });
  try {
    const lines = describeRoles(cache.faces);
    if (o.input) lines.push('', ...describeCoverage({ ...o, input: o.input }, cache.faces, layoutReport({ ...o, input: o.input }, cache).warnings));
    return lines;
  } finally {
    cache.faces.close();
  }
}

/** Each role: its names, the registry it comes from, its files and faces; a broken one's problems. */
function describeRoles(faces: FaceSet): string[] {
  const { registry } = faces;
  const whose = (file: string) => (file === registry.files[0] ? 'Imprint' : 'project');
  const lines = [`font roles (registries: ${registry.files.map((f) => `${f} (${whose(f)})`).join(', ')})`];
  for (const [name, role] of registry.roles) {
    if (name !== role.name) continue; // an alias
    const names = role.aliases.length ? ` (${role.aliases.join(', ')})` : '';
    const fallback = role.fallback ? `, falls back to ${role.fallback}` : '';
    lines.push(`${name}${names}: ${whose(role.registry)}${fallback}`);
    for (const weight of ['regular', 'bold'] as const) lines.push(`  ${weight.padEnd(7)} ${role[weight]}  ${faceName(faces, role[weight])}`);
  }
  for (const [problems, names] of brokenRoles(registry)) {
    lines.push(`${names.join(', ')}: cannot be used`);
    for (const p of problems) lines.push(`  ${formatProblem(p)}`);
  }
  return lines;
}

/** The broken roles, each problem list once with the names that lead to it. */
function brokenRoles(registry: FontRegistry): Map<Problem[], string[]> {
  const out = new Map<Problem[], string[]>();
  for (const [name, problems] of registry.broken) out.set(problems, [...(out.get(problems) ?? []), name]);
  return out;
}

/** The names of the face used from a font file: family, style, PostScript name; for a collection, which face. */
function faceName(faces: FaceSet, file: string): string {
  let font;
  try {
    font = faces.byKey(file).font;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e.problems.map((p) => p.message).join('; ');
  }
  const faceCount = collectionSize(file);
  const inCollection = faceCount ? `, face 0 of ${faceCount} in the collection` : '';
  return `${font.familyName} ${font.subfamilyName} (${font.postscriptName}${inCollection})`;
}

/** The number of faces of a TrueType/OpenType collection (`ttcf`), else undefined. */
function collectionSize(file: string): number | undefined {
  const head = Buffer.alloc(12);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 12, 0);
  } finally {
    closeSync(fd);
  }
  return head.toString('latin1', 0, 4) === 'ttcf' ? head.readUInt32BE(8) : undefined;
}

/** Per role the report's theme uses: its share of the report's distinct characters; then what no font has. */
function describeCoverage(o: BuildOptions, faces: FaceSet, warnings: Problem[]): string[] {
  const report = loadReport(o.input);
  const folders = new TemplateFolders([o.projectDir, o.packageDir]);
  const theme = loadTheme(folders.themeFileOf(report.meta.template.text, report.meta.template.pos), folders);
  const chars = [...distinctChars(report)];
  const roles = [...new Set([...theme.styles.values()].flatMap((s) => (s.latinFont ? [s.font, s.latinFont] : [s.font])))];
  const lines = [`${o.input}: ${chars.length} distinct characters (template ${report.meta.template.text})`];
  for (const name of roles) {
    const role = faces.registry.roles.get(name) as FontRole; // the layout checked the theme's roles
    const face = faces.face(name);
    const covered = chars.filter((ch) => glyphOf(face, ch.codePointAt(0)!) !== 0).length;
    lines.push(`  ${name}${name === role.name ? '' : ` (${role.name})`}: ${covered} of ${chars.length}`);
  }
  const missing = missingChars(warnings);
  if (!missing.size) lines.push('every character has a font');
  else {
    lines.push(`no font of its style has ${missing.size} character${missing.size > 1 ? 's' : ''}:`);
    for (const [ch, places] of missing) {
      const cp = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      const more = places.length > PLACES_SHOWN ? ` and ${places.length - PLACES_SHOWN} more` : '';
      lines.push(`  "${ch}" U+${cp}: ${places.slice(0, PLACES_SHOWN).map((p) => `${p.file}:${p.line}:${p.col}`).join(', ')}${more}`);
    }
  }
  return lines;
}

/** The characters of the report's printed texts (not spaces), in order of first appearance. */
function distinctChars(report: Report): Set<string> {
  const chars = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const { text, pos } = node as { text?: unknown; pos?: unknown };
      if (typeof text === 'string' && pos) for (const ch of text) if (!/\s/u.test(ch)) chars.add(ch);
      for (const value of Object.values(node)) if (typeof value === 'object') visit(value);
    }
  };
  visit({ ...report.meta, template: undefined });
  visit(report.preface);
  visit(report.chapters);
  return chars;
}

/** The build's warnings of characters no font has, by character, with their places. */
function missingChars(warnings: Problem[]): Map<string, SourcePos[]> {
  const out = new Map<string, SourcePos[]>();
  for (const w of warnings) {
    const ch = /^no font has the character "(.+)" \(U\+[0-9A-F]+\)/u.exec(w.message)?.[1];
    if (ch) out.set(ch, [...(out.get(ch) ?? []), w.pos]);
  }
  return out;
}
