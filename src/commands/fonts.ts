/**
 * `imprint fonts [FILE.yaml]`: the font roles (Imprint's and the project's), their files and
 * the faces inside them, and the fallback roles; with a report, how many of its distinct
 * characters each role its theme uses and each fallback role covers, and every character no
 * font of its stack has, where it first stands (the build's own warnings: the layout finds them
 * through the same fallbacks as when it draws).
 */
import { layoutReport, newBuildCache, type BuildOptions } from '../pipeline.js';
import { glyphOf, type FaceSet } from '../font/face.js';
import { facesInFile } from '../font/sfnt-file.js';
import { systemFaces } from '../font/system-fonts.js';
import { faceKey, type FaceRef, type FontRegistry, type FontRole } from '../font/registry.js';
import { loadReport } from '../content/load.js';
import type { Report } from '../content/types.js';
import { loadTheme } from '../style/theme.js';
import { TemplateFolders } from '../template/folders.js';
import { formatProblem, InputError, shownFile, shownName, type Problem, type SourcePos } from '../problems.js';
import { codePointName } from '../code-point-name.js';

/**
 * `imprint fonts --system`: the faces fontconfig lists, one line each, with the name a registry
 * may give (`system:NAME`): exit 0; 1 when there is no list (fontconfig not installed).
 */
export function describeSystemFonts(): number {
  const faces = systemFaces();
  if (faces instanceof Error) {
    console.error(`imprint: ${faces.message}`);
    return 1;
  }
  console.log(`${faces.length} faces installed on this system (fontconfig); a registry names one as \`regular: system:NAME\` (a family, a full or a PostScript name)`);
  for (const f of faces) console.log(`${f.families.join(', ')} | ${f.styles.join(', ')} | ${f.fullNames[0] ?? ''} (${f.postscriptName})  ${shownName(f.file)}${f.index ? ` face ${f.index}` : ''}`);
  return 0;
}

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
  const lines = [`font roles (registries: ${registry.files.map((f) => `${shownName(f)} (${whose(f)})`).join(', ')})`];
  for (const [name, role] of registry.roles) {
    if (name !== role.name) continue; // an alias
    const names = role.aliases.length ? ` (${role.aliases.join(', ')})` : '';
    const fallback = role.fallback ? `, falls back to ${role.fallback}` : '';
    lines.push(`${name}${names}: ${whose(role.registry)}${fallback}`);
    for (const weight of ['regular', 'bold'] as const) lines.push(`  ${weight.padEnd(7)} ${shownName(role[weight].file)}  ${faceName(faces, role[weight])}`);
  }
  if (registry.fallbacks.length) lines.push(`fallbacks (for the characters no font of a style has, in order): ${registry.fallbacks.join(', ')}`);
  const collections = collectionsOf(faces);
  if (collections.size) {
    lines.push('collections (a role takes one of their faces with `regular: {file: NAME, face: N}`):');
    for (const [file, count] of collections) {
      lines.push(`  ${shownName(file)}`);
      for (let index = 0; index < count; index++) lines.push(`    face ${index}: ${faceName(faces, { file, index, key: faceKey(file, index) })}`);
    }
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

/** The names of a face: family, style, PostScript name; for a collection's, which face. */
function faceName(faces: FaceSet, ref: FaceRef): string {
  try {
    const face = faces.byRef(ref);
    // (its names are read from its name table here: damage there is the face's problem too)
    const { familyName, subfamilyName, postscriptName } = face.summary;
    const faceCount = face.file?.faceCount ?? 1;
    const inCollection = faceCount > 1 ? `, face ${ref.index} of ${faceCount} in the collection` : '';
    return `${familyName} ${subfamilyName} (${postscriptName}${inCollection})`;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e.problems.map((p) => p.message).join('; ');
  }
}

/** The collections (`.ttc`) the roles use, each with its number of faces, in the order the roles name them. */
function collectionsOf(faces: FaceSet): Map<string, number> {
  const out = new Map<string, number>();
  for (const role of faces.registry.roles.values())
    for (const ref of [role.regular, role.bold]) {
      if (out.has(ref.file)) continue;
      let count = 1;
      try {
        count = facesInFile(ref.file);
      } catch {
        // gone or unreadable since the registry was read: its roles' lines say so
      }
      if (count > 1) out.set(ref.file, count);
    }
  return out;
}

/** Per role the report's theme uses, and per fallback role: its share of the report's distinct characters; then what no font has. */
function describeCoverage(o: BuildOptions, faces: FaceSet, warnings: Problem[]): string[] {
  const report = loadReport(o.input);
  const folders = new TemplateFolders([o.projectDir, o.packageDir]);
  const theme = loadTheme(folders.themeFileOf(report.meta.template.text, report.meta.template.pos), folders);
  const chars = [...distinctChars(report)];
  const roles = [...new Set([...theme.styles.values()].flatMap((s) => (s.latinFont ? [s.font, s.latinFont] : [s.font])).concat(faces.registry.fallbacks))];
  const lines = [`${shownName(o.input)}: ${chars.length} distinct characters (template ${report.meta.template.text})`];
  for (const name of roles) {
    const role = faces.registry.roles.get(name) as FontRole; // the layout checked the theme's roles
    const face = faces.face(name);
    const covered = chars.filter((ch) => glyphOf(face, ch.codePointAt(0)!) !== 0).length;
    const fallback = faces.registry.fallbacks.includes(name) ? ' (a fallback)' : '';
    lines.push(`  ${name}${name === role.name ? '' : ` (${role.name})`}${fallback}: ${covered} of ${chars.length}`);
  }
  const missing = missingChars(warnings);
  if (!missing.size) lines.push('every character has a font');
  else {
    lines.push(`no font of its style has ${missing.size} character${missing.size > 1 ? 's' : ''}:`);
    for (const [ch, places] of missing) {
      const more = places.length > PLACES_SHOWN ? ` and ${places.length - PLACES_SHOWN} more` : '';
      lines.push(`  "${ch}" ${codePointName(ch)}: ${places.slice(0, PLACES_SHOWN).map((p) => `${shownFile(p.file)}:${p.line}:${p.col}`).join(', ')}${more}`);
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

/** The build's warnings of characters no font has, by character, with the place of each time it stands in the report. */
function missingChars(warnings: Problem[]): Map<string, SourcePos[]> {
  const out = new Map<string, SourcePos[]>();
  for (const w of warnings) for (const { char, pos } of w.missing ?? []) out.set(char, [...(out.get(char) ?? []), pos]);
  return out;
}
