/**
 * The build cache on disk (`--no-cache` turns it off): what a build keeps in memory for the next
 * (see BuildCache in pipeline.ts: set paragraphs, encoded font subsets, deflated streams, the
 * page labels and footnote markers found) saved after a good build and read by the next build of
 * the same report in a new process, so that an edit costs what it changes. A cache that is
 * missing, damaged, made by another Imprint or Node, or made from fonts or a theme that have
 * changed since is not used; its entries are keyed by their inputs, and the PDF is the same
 * byte for byte with or without it. A cache that cannot be written is a warning, never a
 * failed build.
 */
import path from 'node:path';
import { textFontOf } from '../block/context.js';
import { OutputError } from '../output.js';
import { changedSince } from '../file-times.js';
import { isInside } from '../input-file.js';
import { shownName } from '../problems.js';
import type { BuildCache, BuildOptions } from '../pipeline.js';
import { cacheMaker, identityOf, sameMaker, unchanged, type FileIdentity } from './cache-identity.js';
import { pruneCacheFolder, readCacheFile, writeCacheFile, type CacheEntries } from './cache-file.js';
import { cacheFileOf } from './cache-location.js';
import { ContentsFromDisk, storeContents } from './stored-contents.js';
import { readParagraphs, storeParagraphs, type Placed, type StoredParagraphs } from './stored-paragraphs.js';

/** A build's link to its report's cache file. */
export interface DiskCache {
  /** The cache file, absolute. */
  file: string;
  /** When the build began, ms since 1970: a file it was made from that changed after is not trusted to be what it read. */
  began: number;
  /** Paragraphs read from the file, not yet set in the build's text fonts (see `restoreParagraphs`). */
  paragraphs?: StoredParagraphs;
  /** The paragraphs as last read from the file or stored for it: the next store copies those it still holds. */
  placed?: Placed;
  /** The keys of the paragraphs read from the file. */
  restored: Set<string>;
  /** What the file held, when it was used: a build that ends with the same need not write it again. */
  read?: { madeFrom: FileIdentity[]; paragraphs: number; programs: string[] };
}

/**
 * `cache` (fresh) with what the cache file of the report holds, when it holds anything that may
 * be used, and linked to the file (so that `saveBuildCache` writes it).
 */
export function withDiskCache(cache: BuildCache, o: BuildOptions): BuildCache {
  let file: string;
  try {
    file = cacheFileOf(o.projectDir, o.input);
  } catch {
    return cache; // no folder for it (no home folder): a build without cache
  }
  const disk: DiskCache = { file, began: Date.now(), restored: new Set() };
  const read = usableEntries(disk.file, o, cache);
  if (!read) return { ...cache, disk };
  const { entries, madeFrom } = read;
  // the font files a good build opened, as they are now: their layout tables were checked then
  cache.faces.layoutChecked(madeFrom.filter((f) => f.by === 'stat').map((f) => f.file));
  // (not the page labels and footnote markers of the last build: a layout started from another
  // edition's numbers could settle where a fresh build would not; watch keeps them in memory)
  return {
    ...cache,
    render: { programs: entries.programs, contents: new ContentsFromDisk(entries.contents), pages: [] },
    disk: { ...disk, paragraphs: entries.paragraphs, read: { madeFrom, paragraphs: entries.paragraphs.count, programs: [...entries.programs.keys()] } },
  };
}

function usableEntries(file: string, o: BuildOptions, cache: BuildCache): { entries: CacheEntries; madeFrom: FileIdentity[] } | undefined {
  const read = readCacheFile(file);
  if (!read || !sameMaker(read.header.maker, cacheMaker(o.version, o.projectDir, o.input, cache.faces.registry)) || !unchanged(read.header.madeFrom)) return undefined;
  try {
    const entries = read.entries();
    const maps = [entries.contents, entries.programs];
    return maps.every((m) => m instanceof Map) && entries.paragraphs?.ints instanceof Int32Array && entries.paragraphs.floats instanceof Float64Array ? { entries, madeFrom: read.header.madeFrom } : undefined;
  } catch {
    return undefined; // not a structured clone this Node reads
  }
}

/** Puts the paragraphs read from the cache file into `cache.setCache`, set in its text fonts (once, before its first layout). */
export function restoreParagraphs(cache: BuildCache): void {
  const stored = cache.disk?.paragraphs;
  if (!cache.disk || !stored) return;
  cache.disk.paragraphs = undefined;
  let read;
  try {
    read = readParagraphs(stored, (key) => textFontOf(cache.textFonts, cache.faces, key));
  } catch {
    return; // not what storeParagraphs wrote: none is used
  }
  cache.disk.placed = read.placed;
  for (const [key, set] of read.paragraphs) {
    if (cache.setCache.has(key)) continue;
    cache.setCache.set(key, set);
    cache.disk.restored.add(key);
  }
}

/**
 * After a good build whose PDF went to `output`: writes what `cache` holds to its report's cache
 * file (`themeFiles`: the theme files the build read). Returns the lines to print: a warning
 * when the cache could not be written, and with IMPRINT_DEBUG set what the build took from it.
 */
export function saveBuildCache(cache: BuildCache, o: BuildOptions, themeFiles: string[], output: string): string[] {
  const disk = cache.disk;
  if (!disk) return [];
  const lines: string[] = [];
  if (process.env.IMPRINT_DEBUG) lines.push(`imprint: build cache ${shownName(disk.file)}: ${[...disk.restored].filter((k) => cache.setCache.has(k)).length} of ${cache.setCache.size} paragraphs read from it`);
  const folder = path.dirname(disk.file);
  const outputDir = path.dirname(path.resolve(output));
  if (outputDir === folder || isInside(outputDir, folder)) return [...lines, `imprint: build cache not saved: ${shownName(output)} is written in its folder ${shownName(folder)}`];
  const madeFrom = [...themeFiles.map((f) => identityOf(path.resolve(f), 'content')), ...fontFiles(cache).map((f) => identityOf(f, 'stat'))];
  // a file gone, or changed while the build read it: what the build made from it may be neither its old nor its new self
  if (!madeFrom.every((f): f is FileIdentity => !!f && !changedSince(f.file, disk.began))) return lines;
  if (sameAsRead(cache, madeFrom)) return lines;
  const started = performance.now();
  try {
    const placed = storeParagraphs(cache.setCache, disk.placed);
    const entries: CacheEntries = { paragraphs: placed.stored, contents: storeContents(cache.render.contents), programs: cache.render.programs };
    const bytes = writeCacheFile(disk.file, cacheMaker(o.version, o.projectDir, o.input, cache.faces.registry), madeFrom, entries);
    if (bytes) pruneCacheFolder(folder);
    disk.read = undefined; // the file now holds what was written
    disk.placed = placed;
    if (process.env.IMPRINT_DEBUG) lines.push(`imprint: build cache ${bytes ? `written (${(bytes / 2 ** 20).toFixed(1)} MiB)` : 'too large, not written'} in ${Math.round(performance.now() - started)} ms`);
  } catch (e) {
    lines.push(`imprint: build cache not saved (${e instanceof OutputError ? e.reason : (e as Error).message}): ${shownName(disk.file)}`);
  }
  return lines;
}

/** Whether `cache` holds what its file held (every entry read from it, and no other), made from the same files. */
function sameAsRead(cache: BuildCache, madeFrom: FileIdentity[]): boolean {
  const read = cache.disk?.read;
  const { contents, programs } = cache.render;
  return (
    !!read &&
    madeFrom.every((f) => read.madeFrom.some((r) => r.file === f.file && r.by === f.by && r.id === f.id)) && // (the file's list may name more)
    cache.setCache.size === read.paragraphs &&
    [...cache.setCache.keys()].every((k) => cache.disk!.restored.has(k)) &&
    contents instanceof ContentsFromDisk &&
    contents.allFromDisk() &&
    programs.size === read.programs.length &&
    read.programs.every((k) => programs.has(k))
  );
}

/** The font files the entries were made from: those opened, and those of the text fonts made (by their faces' files: a collection's later faces are keyed `file#N`), absolute. */
function fontFiles(cache: BuildCache): string[] {
  return [...new Set([...cache.faces.files, ...[...cache.textFonts.keys()].map((key) => cache.faces.fileOfKey(key))].map((f) => path.resolve(f)))].sort();
}


