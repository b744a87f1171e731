/**
 * Writing output safely: to a temporary file in the same folder, renamed into place only when
 * complete, so a failed build never leaves a half-written PDF or damages the last good one;
 * the temporary file goes when the write fails and when the process is stopped or fails (a
 * signal that stops it is held while a file is written: `holdStopSignals`).
 */
import { closeSync, mkdirSync, openSync, readdirSync, realpathSync, renameSync, rmSync, writeFileSync, writeSync, writevSync } from 'node:fs';
import path from 'node:path';
import { isLink, kindOf } from './file-kind.js';
import { realPath } from './output-paths.js';
import { shownName } from './problems.js';

/**
 * A write that failed: one line for the user, who can do something about it. `file` and
 * `reason` are what a command that words its own message takes (import); the message says what
 * is true of every write made here, atomic: what was at `file` is as it was, and which files
 * the command wrote before this one (`written`, in order: a PDF, then its page images …).
 */
export class OutputError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly written: readonly string[] = [],
  ) {
    super(`${shownName(file)}: cannot write (${reason}); what was there, if anything, is unchanged${written.length ? `; ${filesText(written)} ${written.length === 1 ? 'was' : 'were'} written` : ''}`);
    this.name = 'OutputError';
  }
}

/** Files named in a message (as `shownName` shows them): all of them up to three, else the first, the last and how many. */
function filesText(named: readonly string[]): string {
  const files = named.map(shownName);
  if (files.length <= 3) return files.length === 1 ? files[0] : `${files.slice(0, -1).join(', ')} and ${files[files.length - 1]}`;
  return `${files[0]}, ${files[1]} … ${files[files.length - 1]} (${files.length} files)`;
}

/** What each failure of the file system means for the user, by its error code. */
const WRITE_FAILURES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'the disk quota is used up',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'the disk failed to write',
  ENOENT: 'a folder of the path is missing, or a link to nothing',
  ELOOP: 'a link in the path loops',
  EFBIG: 'the file would be larger than this process may write (ulimit -f)',
};

/**
 * The temporary file a write of `file` goes through: beside it, named for the process (so
 * the main thread can remove what any of its worker threads left when it is stopped).
 */
export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
}

/**
 * Writes `data` (or its parts one after another, not first joined) to `file` atomically. A symbolic link at `file` is the user's and is kept: the
 * file it leads to is written (its temporary file beside that one, so the rename stays in one
 * file system), unless `replaceLink` (the build cache: a file of its own, never followed to
 * someone else's). Throws `OutputError` when the file system refuses (a link that leads nowhere
 * among its reasons: the commands refuse one before they build, see output-paths.ts).
 */
export function writeFileAtomic(file: string, data: Buffer | readonly Uint8Array[], { replaceLink = false } = {}): void {
  let target = file;
  let tmp: string | undefined;
  try {
    if (!replaceLink && isLink(file)) target = realpathSync(file);
    tmp = tempPathFor(target);
    mkdirSync(path.dirname(target), { recursive: true });
    // never through a link at the temporary file's name (nothing of ours is there: it goes)
    removeQuietly(tmp);
    if (Buffer.isBuffer(data)) writeFileSync(tmp, data, { flag: 'wx' });
    else writeParts(tmp, data);
    renameSync(tmp, target);
  } catch (e) {
    if (tmp) removeQuietly(tmp);
    const reason = writeFailure(e);
    throw reason ? new OutputError(file, reason) : e;
  }
}

/**
 * Writes `parts` one after another to a new file `file` (it must not be there): in one call
 * (a PDF is ~80 parts), then whatever a short write left, part by part.
 */
function writeParts(file: string, parts: readonly Uint8Array[]): void {
  const fd = openSync(file, 'wx');
  try {
    let skip = writevSync(fd, parts as Uint8Array[]);
    for (const part of parts) {
      for (let at = Math.min(skip, part.length); at < part.length; ) at += writeSync(fd, part, at);
      skip = Math.max(0, skip - part.length);
    }
  } finally {
    closeSync(fd);
  }
}

/** Why the file system refused a write, in the user's words; undefined for an error that is not such a refusal. */
export function writeFailure(e: unknown): string | undefined {
  return WRITE_FAILURES[(e as NodeJS.ErrnoException).code ?? ''];
}

/** How long a stopped process waits for the threads that write its files to stop, ms. */
const STOP_WAIT_MS = 2000;

/** Exit status of a process stopped by a signal, as a shell reports it (128 + its number). */
const SIGNAL_STATUS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** The holds of this thread, each with what stops its threads (see `holdStopSignals`); undefined in a thread that did not call `enableStopSignalHolds` (a worker). */
let holds: Set<{ stopWriters: () => Promise<void> }> | undefined;

/** A stop signal came and is being handled. */
let stopping = false;

/**
 * Removes the temporary files this process writes beside `outputs` (the files it writes, and
 * their page images'; or, for an output that is a folder when the process exits, the files in
 * it: any named for the process, see `tempPathFor`) when the process exits, done or failed, or
 * stopped by a signal during a hold (see `holdStopSignals`): for files written by threads that a
 * signal stops (a pool's, watch's), or over several turns of the event loop (diff's images).
 */
export function removeTempFilesAtExit(outputs: readonly string[]): void {
  process.once('exit', () => {
    // (an output that is a link was written beside the file it leads to)
    const folders = new Set(outputs.flatMap((o) => [o, realPath(o)]).map((file) => (kindOf(file) === 'folder' ? file : path.dirname(file))));
    for (const folder of folders) for (const file of tempFilesIn(folder)) removeQuietly(file);
  });
}

/**
 * Makes `holdStopSignals` hold the stop signals in this thread (without it, in a worker thread,
 * it holds nothing: the main thread holds for its threads). Call once, from the main thread of a
 * command that writes files, before any hold.
 */
export function enableStopSignalHolds(): void {
  holds = new Set();
}

/**
 * Holds the stop signals (Ctrl-C, `kill`, a closed terminal) while a temporary file of this
 * process can be there: until the function returned is called and its promise settles. Outside
 * every hold, a signal ends the process at once, as Node does by default, in the middle of a
 * long layout too (a JavaScript handler runs only when the event loop turns: for a layout, after
 * it) — no file is being written then. During a hold, a signal is handled when the event loop
 * next turns: after the write in progress (`writeFileAtomic` opens, writes and renames in one
 * turn, so the file is whole and renamed, or not begun); `stopWriters` of every hold (the
 * threads that write: stopped first, else one could write a file again after its removal), then
 * the temporary files removed, then exit with 128 + the signal's number. A second signal ends the
 * process at once. In a thread that did not call `enableStopSignalHolds` (one of a pool or the
 * watch's, which the main thread holds for), nothing is held.
 */
export function holdStopSignals(stopWriters: () => Promise<void> = () => Promise.resolve()): () => Promise<void> {
  const held = holds;
  if (!held) return () => Promise.resolve();
  if (!held.size && !stopping) for (const signal of Object.keys(SIGNAL_STATUS)) process.on(signal, stop);
  const hold = { stopWriters };
  held.add(hold);
  return async () => {
    // a signal that came during the hold, while this thread was busy, waits in the event loop
    // for its next poll: after two turns one has run (the first may come right after the poll
    // that missed it), so it is handled, not lost with its handler
    await nextTurn();
    await nextTurn();
    held.delete(hold);
    if (!held.size) for (const signal of Object.keys(SIGNAL_STATUS)) process.off(signal, stop);
  };
}

/** Handles a stop signal during a hold (see `holdStopSignals`). */
function stop(signal: keyof typeof SIGNAL_STATUS): void {
  stopping = true;
  for (const other of Object.keys(SIGNAL_STATUS)) process.off(other, stop);
  // (not for ever: a thread stuck in a system call does not stop)
  const waited = new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref());
  void Promise.race([Promise.all([...holds!].map((hold) => hold.stopWriters())), waited]).finally(() => process.exit(SIGNAL_STATUS[signal]));
}

/**
 * Resolves on the event loop's next turn: what is waiting there runs first, as a signal's
 * handler does (work that is `await`ed but waits on no event lets it run only at its end).
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The temporary files of this process in `folder` (see `tempPathFor`); none when it cannot be listed. */
function tempFilesIn(folder: string): string[] {
  const ours = `.${process.pid}.tmp`;
  try {
    return readdirSync(folder)
      .filter((name) => name.startsWith('.') && name.endsWith(ours))
      .map((name) => path.join(folder, name));
  } catch {
    return []; // no folder there (yet), or one not to be read
  }
}

/** Removes a file if it is there (a path through a file or an unreadable folder has none). */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // nothing there to remove
  }
}
