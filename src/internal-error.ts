/**
 * A failure that is not the user's (a bug of Imprint or of a library under it), as the user
 * sees it: one line asking for a report, the stack only when `IMPRINT_DEBUG` is set.
 */
import { shownName } from './problems.js';

/** The lines to print for an unexpected error; `input`: the report being built, if any. */
export function describeInternalError(e: unknown, input?: string): string {
  const what = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);
  const line = `imprint: internal error${input ? ` while building ${shownName(input)}` : ''}: ${what} (a bug: please report it with the input; IMPRINT_DEBUG=1 shows where)`;
  return process.env.IMPRINT_DEBUG && e instanceof Error && e.stack ? `${line}\n${e.stack}` : line;
}
