/** `imprint clean [DIR]`: removes the build cache of the project in DIR (see cache-location.ts). */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { UsageError } from '../commands/usage-error.js';
import { cacheFolder } from './cache-location.js';

/** Runs `imprint clean` with its arguments; `print` takes each line for the user. Returns the exit status (0: a usage error throws). */
export function cleanCommand(rest: string[], print: (line: string) => void): number {
  if (rest.length > 1 || rest.some((a) => a.startsWith('-'))) throw new UsageError('clean takes at most one DIR, the project folder');
  const project = rest[0] ?? '.';
  if (!existsSync(project) || !statSync(project).isDirectory()) throw new UsageError(`clean: ${project} is not a folder`);
  const folder = cacheFolder(project);
  if (!existsSync(folder)) {
    print(`${project}: no build cache (${folder})`);
    return 0;
  }
  const files = readdirSync(folder).length;
  rmSync(folder, { recursive: true, force: true });
  print(`${project}: build cache removed (${folder}, ${files} file${files === 1 ? '' : 's'})`);
  return 0;
}
