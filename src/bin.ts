#!/usr/bin/env node
/**
 * The `imprint` command as installed. Starting the CLI from its ~300 module files costs about
 * 0.4 s before any work (resolving, reading and compiling them): so `npm install` also makes a
 * single-file bundle of it (`dist/imprint.cjs`, by rolldown), and this launcher runs that bundle
 * with V8's code cache (`dist/imprint.cjs.v8cache`, written after the first run and whenever V8
 * refuses it, e.g. after an upgrade of Node). Without a bundle newer than the compiled modules,
 * or on a Node without the vm loader it needs, the CLI loads from its modules as before; both
 * paths run the same code and write the same bytes.
 */
import { isAscii } from 'node:buffer';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = path.dirname(fileURLToPath(import.meta.url));
const bundle = path.join(here, 'imprint.cjs');
const codeCache = `${bundle}.v8cache`;

/** The bundle, when there and built from the current modules. */
function usableBundle(): boolean {
  return vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER !== undefined && existsSync(bundle) && statSync(bundle).mtimeMs >= statSync(path.join(here, 'cli.js')).mtimeMs;
}

function runBundle(): void {
  const bytes = readFileSync(bundle);
  // the bundle is written in ASCII: read as a one-byte string, it is decoded twice as fast
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8').replace(/^#!.*/, ''); // the CLI's shebang line
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(codeCache);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: bundle,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (!cachedData || script.cachedDataRejected) {
    // the cache is taken at exit, when the functions this run needed are compiled too
    process.once('exit', () => {
      try {
        const temp = `${codeCache}.${process.pid}.tmp`;
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, codeCache);
      } catch {
        // a read-only install: run without a cache
      }
    });
  }
  const module = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(bundle), module, bundle, here);
}

if (usableBundle()) runBundle();
else await import('./cli.js');
