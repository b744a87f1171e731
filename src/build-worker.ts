/**
 * One report built in a worker thread of the pool (`imprint build a.yaml b.yaml …`): the PDF is
 * written atomically by the worker, problems come back as formatted lines.
 */
import { buildReport, type BuildOptions } from './pipeline.js';
import { formatProblem, InputError } from './problems.js';
import { writeFileAtomic } from './output.js';

export interface BuildJob {
  options: BuildOptions;
  output: string;
}

export type BuildOutcome =
  | { ok: true; pages: number; ms: number; warnings: string[] }
  | { ok: false; problems: string[] };

/** Builds one report; an input problem is an outcome, anything else a failure of the worker. */
export default async function buildJob({ options, output }: BuildJob): Promise<BuildOutcome> {
  const started = performance.now();
  try {
    const r = await buildReport(options);
    writeFileAtomic(output, r.pdf);
    return { ok: true, pages: r.pages.length, ms: Math.round(performance.now() - started), warnings: r.warnings.map(formatProblem) };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, problems: e.problems.map(formatProblem) };
    throw e;
  }
}
