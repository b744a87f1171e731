/**
 * Where each report of a `build` goes, and the outputs refused before anything is built: one
 * that would overwrite an input or any other file that is not a PDF (the build reads no PDF,
 * so this covers every file it reads: content, images, fonts, templates, themes), one that is
 * a device or a folder, one whose name does not say what it holds (a PDF written as
 * `report.txt`), one file claimed by two reports, and a link that leads nowhere (a link to a
 * file is kept, the file written). Paths are compared as real paths, so `sub/../r.yaml` and a
 * symbolic link to the input are the input.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { brokenLink, emptyOrStartsWith, kindOf, PDF_SIGNATURE } from './file-kind.js';

/** One report to build and the PDF it is written to. */
export interface OutputPlan {
  input: string;
  output: string;
}

/** The PDF for `input`: `out/NAME.pdf`, or `-o` itself (one input) or `-o/NAME.pdf` (several). */
export function outputFor(input: string, output: string | undefined, many: boolean): string {
  const name = path.basename(input).replace(/\.ya?ml$/, '') + '.pdf';
  if (!output) return path.join('out', name);
  return many ? path.join(output, name) : output;
}

/**
 * Why `-o OUTPUT` cannot name the output for these inputs, or undefined when it can: a
 * single file (ending `.pdf`, or an existing file) for several inputs.
 */
export function refuseOutputOption(output: string, inputs: number): string | undefined {
  if (inputs < 2) return undefined;
  if (output.toLowerCase().endsWith('.pdf') || kindOf(output) === 'file')
    return `-o ${output} names one file, but ${inputs} reports are built: with several inputs -o names a folder`;
  return undefined;
}

/** What a command writes: its name for messages, how its files are named, and which existing files it may replace. */
export interface OutputKind {
  name: string;
  /** The ending its files' names must have, for messages: `.pdf`. */
  extension: string;
  /** Whether `file` is named as this kind of output is (by its ending, in any case). */
  named(file: string): boolean;
  /** Whether an existing regular file may be replaced by this kind of output. */
  replaces(file: string): boolean;
}

/** The PDFs `build` writes: named `.pdf`, and they replace only a PDF or an empty file. */
export const PDF_OUTPUT: OutputKind = { name: 'PDF', extension: '.pdf', named: (file) => /\.pdf$/i.test(file), replaces: (file) => emptyOrStartsWith(file, PDF_SIGNATURE) };

/** Why these outputs cannot be written, or undefined when they all can. */
export function refuseOutputs(plans: readonly OutputPlan[], kind: OutputKind = PDF_OUTPUT): string | undefined {
  const inputs = new Map(plans.map((p) => [realPath(p.input), p.input]));
  const claimed = new Map<string, string>();
  for (const { input, output } of plans) {
    const real = realPath(output);
    const overwritten = inputs.get(real);
    if (overwritten !== undefined) return `-o ${output} would overwrite the input ${overwritten}`;
    const other = claimed.get(real);
    if (other !== undefined && realPath(other) === realPath(input)) return `${input} is given twice: name each report once`;
    if (other !== undefined) return `${other} and ${input} would both be written to ${output}: build them into different folders or one at a time`;
    claimed.set(real, input);
    const reason = refuseExisting(output, kind);
    if (reason) return reason;
    if (!kind.named(output)) return `${output}: a ${kind.name} is written there, but its name does not end in ${kind.extension}: name a ${kind.extension} file`;
  }
  return undefined;
}

/** Folders of the system's devices and processes: nothing there is a user's PDF. */
const SYSTEM_FOLDERS = ['/dev', '/proc', '/sys'];

/** Why an existing file must not be replaced by an output of `kind`, or undefined (absent, or one it replaces). */
function refuseExisting(output: string, kind: OutputKind): string | undefined {
  const real = realPath(output);
  const name = kind.name;
  if (SYSTEM_FOLDERS.some((f) => real === f || real.startsWith(f + path.sep))) return `${output} is a file of the system, not a ${name}: name a ${name} instead`;
  // (a link to a file is kept: the file it leads to is written, see writeFileAtomic)
  const broken = brokenLink(output);
  if (broken) return `${output} ${broken}: name the ${name} itself`;
  switch (kindOf(output)) {
    case 'absent':
      return undefined;
    case 'folder':
      return `${output} is a folder: -o names the ${name} for one input`;
    case 'other':
      return `${output} is not a regular file (a device, a pipe or a socket): name a ${name} instead`;
    case 'file':
      return kind.replaces(output) ? undefined : `${output} exists and is not a ${name}: Imprint replaces only ${name}s (remove it or name another file)`;
  }
}

/** The real path of a file that may not exist yet: its nearest existing folder resolved, the rest appended. */
export function realPath(file: string): string {
  const full = path.resolve(file);
  try {
    return realpathSync(full);
  } catch {
    const parent = path.dirname(full);
    return parent === full ? full : path.join(realPath(parent), path.basename(full));
  }
}
