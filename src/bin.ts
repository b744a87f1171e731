#!/usr/bin/env node
/** The `imprint` command as installed: the CLI from its bundle (see bundle.ts), else its modules. */
import { runBundle } from './bundle.js';

if (!runBundle(true)) await import('./cli.js');
