/**
 * Starting the CLI from its ~300 module files costs about 0.4 s before any work (resolving,
 * reading and compiling them): so `npm install` also makes a single-file bundle of it
 * (`dist/imprint.cjs`, by rolldown), run here with V8's code cache
 * (`dist/imprint.cjs.v8cache`, written at install from a build of the sample, see
 * write-code-cache.ts, else after the first run, and whenever V8 refuses it, e.g. after an
 * upgrade of Node). Without a bundle newer than the compiled modules, or on a Node
 * without the vm loader it needs, callers load the modules as before; both run the same code.
 * CommonJS, as the launcher (bin.cts) is.
 */
import { isAscii } from 'node:buffer';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const here = __dirname;
const bundle = path.join(here, 'imprint.cjs');
/** The bundle's V8 code cache (see write-code-cache.ts). */
export const CODE_CACHE = `${bundle}.v8cache`;

/** Whether V8 took the code cache this process read, which therefore is not written again at exit. */
let cacheKept = false;

/** The code cache is not to be written at exit (see `leaveCodeCache`). */
let cacheLeft = false;

/**
 * Leaves the code cache as it is at exit: for a process whose main thread does not run the
 * builds (`imprint watch` builds in a worker), whose cache would lack their functions, and V8,
 * taking it, would keep it so.
 */
export function leaveCodeCache(): void {
  cacheLeft = true;
}

/**
 * Whether the bundle runs with the code cache V8 took as it is (nothing writes it at exit):
 * what the process then does to V8's flags cannot make the next run refuse it.
 */
export function codeCacheKept(): boolean {
  return cacheKept;
}

/** The bundle, when there and built from the current modules. */
function usableBundle(): boolean {
  return vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER !== undefined && existsSync(bundle) && statSync(bundle).mtimeMs >= statSync(path.join(here, 'cli.js')).mtimeMs;
}

/**
 * Runs the bundle and returns its exports, or undefined when there is no usable bundle.
 * `keepCache`: write the code cache at exit when there is none or V8 refused it (the main
 * thread only: pool workers read it).
 */
export function runBundle(keepCache: boolean): Record<string, unknown> | undefined {
  if (!usableBundle()) return undefined;
  const bytes = readFileSync(bundle);
  // the bundle is written in ASCII: read as a one-byte string, it is decoded twice as fast
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8').replace(/^#!.*/, ''); // the CLI's shebang line
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(CODE_CACHE);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: bundle,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  cacheKept = !!cachedData && !script.cachedDataRejected;
  if (keepCache && !cacheKept) {
    // the cache is taken at exit, when the functions this run needed are compiled too
    process.once('exit', () => {
      if (cacheLeft) return;
      try {
        const temp = `${CODE_CACHE}.${process.pid}.tmp`;
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, CODE_CACHE);
      } catch {
        // a read-only install: run without a cache
      }
    });
  }
  const module = { exports: {} as Record<string, unknown> };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(bundle), module, bundle, here);
  return module.exports;
}
