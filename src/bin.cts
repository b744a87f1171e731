#!/usr/bin/env node
/**
 * The `imprint` command as installed: the CLI from its bundle (see bundle.cts), else its
 * modules. CommonJS: Node starts an ES module entry ~9 ms slower (it loads its ES module
 * loader first), and the bundle is CommonJS.
 */
import { codeCacheKept, leaveCodeCache, runBundle } from './bundle.cjs';

type Cli = typeof import('./cli.js');

const bundled = runBundle(true) as Cli | undefined;
if (bundled) bundled.runCommand({ bundled: true, codeCacheKept: codeCacheKept(), leaveCodeCache });
else void import('./cli.js').then((cli: Cli) => cli.runCommand());
