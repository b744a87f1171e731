/**
 * Fonts installed on the system, as fontconfig lists them (`fc-list`): an opt-in of a font
 * registry, whose `regular: system:宋体` or `bold: system:Noto Serif CJK SC` names a face by its
 * family, full or PostScript name instead of a file in `fonts/`. A build that uses one depends
 * on the machine it runs on (the same report may print differently elsewhere), which is why a
 * registry must ask for it by name.
 */
import { createRequire } from 'node:module';
import { closest } from '../content/did-you-mean.js';

/** One face fontconfig lists. */
export interface SystemFace {
  /** The font file, absolute. */
  file: string;
  /** The face's number in a collection (0 for a file of one font). */
  index: number;
  /** Family names (a font names its family in several languages: 宋体, SimSun). */
  families: string[];
  /** Style names (Regular, Bold, 常规 …). */
  styles: string[];
  /** Full names (family and style together: `Noto Serif CJK SC Bold`). */
  fullNames: string[];
  postscriptName: string;
}

/** What fc-list prints per face: fields separated by tabs, a field's values by commas. */
const FORMAT = '%{file}\\t%{index}\\t%{family}\\t%{style}\\t%{fullname}\\t%{postscriptname}\\n';

/** Styles that are a family's regular face, lower case, in the order preferred. */
const REGULAR_STYLES = ['regular', 'book', 'normal', 'roman', 'medium', 'w3', 'w4', '常规', '標準', '标准'];
/** Styles that are a family's bold face, lower case, in the order preferred. */
const BOLD_STYLES = ['bold', 'semibold', 'demibold', 'heavy', 'black', 'w6', 'w7', '粗体', '粗體'];

let listed: SystemFace[] | Error | undefined;

/**
 * Every face fontconfig knows, asked once per process (one `fc-list`, a few ms); an `Error` that
 * says why there is no list (fontconfig not installed, or it failed).
 */
export function systemFaces(): SystemFace[] | Error {
  if (listed) return listed;
  // node:child_process loaded here, when a registry names a system font: 2 ms of every start otherwise
  const { spawnSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  const r = spawnSync('fc-list', ['--format', FORMAT], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 30_000 });
  if (r.error) listed = new Error((r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'fontconfig (`fc-list`) is not installed: system fonts cannot be found' : `fontconfig (\`fc-list\`) failed: ${r.error.message}`);
  else if (r.status !== 0) listed = new Error(`fontconfig (\`fc-list\`) failed: ${r.stderr.trim() || `exit status ${r.status}`}`);
  else listed = parseFcList(r.stdout);
  return listed;
}

/** The faces of fc-list's output in `FORMAT`, sorted by file and index (fontconfig's order is its cache's). */
function parseFcList(text: string): SystemFace[] {
  const values = (field: string) => field.split(/(?<!\\),/).map((v) => v.replace(/\\(.)/g, '$1').trim()).filter(Boolean);
  const faces: SystemFace[] = [];
  for (const line of text.split('\n')) {
    const [file, index, family, style, fullName, postscriptName] = line.split('\t');
    if (!file || postscriptName === undefined) continue;
    // a variable font's named instances are numbered above 0xffff: the face is the low half
    faces.push({ file, index: Number(index) & 0xffff, families: values(family), styles: values(style), fullNames: values(fullName), postscriptName: postscriptName.trim() });
  }
  return faces.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.index - b.index));
}

/**
 * The face `name` names for a role's `weight`: the face whose full or PostScript name it is, or
 * the regular (bold) face of the family it is. Names are compared without regard to case. What
 * is wrong otherwise, in words that follow `system font "NAME"`.
 */
export function findSystemFace(name: string, weight: 'regular' | 'bold', faces: SystemFace[]): SystemFace | { problem: string } {
  const wanted = name.toLowerCase();
  const byName = faces.find((f) => f.postscriptName.toLowerCase() === wanted || f.fullNames.some((n) => n.toLowerCase() === wanted));
  if (byName) return byName;
  const family = faces.filter((f) => f.families.some((n) => n.toLowerCase() === wanted));
  if (family.length) {
    const styles = weight === 'bold' ? BOLD_STYLES : REGULAR_STYLES;
    const rank = (f: SystemFace) => Math.min(...f.styles.map((s) => styles.indexOf(s.toLowerCase())).map((i) => (i < 0 ? Infinity : i)));
    const best = family.reduce((a, b) => (rank(b) < rank(a) ? b : a));
    if (rank(best) < Infinity) return best;
    const has = [...new Set(family.flatMap((f) => f.styles))].join(', ');
    return { problem: `has no ${weight} face (its styles: ${has}); name the face by its full name, e.g. "${family[0].fullNames[0] ?? family[0].postscriptName}"` };
  }
  const names = [...new Set(faces.flatMap((f) => [...f.families, ...f.fullNames, f.postscriptName]))];
  const near = closest(name, names);
  return { problem: `is not installed on this system (${near ? `did you mean "${near}"? ` : ''}\`imprint fonts --system\` lists the ${faces.length} faces fontconfig knows)` };
}
