/**
 * The values given to options on the command line (`-o OUT`, `--pages 3-5`): always the
 * argument after the option, whatever it is, so `--help` there is that option's value, not a
 * question (`imprint build -o -h` lacks its output: see `helpAsked` in usage-text.ts). A value
 * that is a name is never one that begins with `-` (it would be an option forgotten for a
 * value); such a name is written `./-NAME`.
 */
import { UsageError } from './commands/usage-error.js';

/** The options of every command that take the next argument as their value. */
export const VALUE_OPTIONS: readonly string[] = ['-o', '--output', '-j', '--jobs', '--pdfa', '--dpi', '--pages'];

/**
 * `value`, the name given to `option` (`-o`), or a `UsageError`, `-o needs NEED`, when there is
 * none or it begins with `-`.
 */
export function optionName(option: string, value: string | undefined, need: string): string {
  if (value && !value.startsWith('-')) return value;
  throw new UsageError(`${option} needs ${need}${value ? `, not the option ${value} (a name that begins with - is written ./${value})` : ''}`);
}

/** `--name=value` of an option that takes a value, as the two arguments `--name value` (the long form of GNU's tools); any other argument as it is. */
export function splitOptionValues(args: readonly string[]): string[] {
  return args.flatMap((a) => {
    const m = /^(--[a-z-]+)=(.*)$/s.exec(a);
    return m && VALUE_OPTIONS.includes(m[1]) ? [m[1], m[2]] : [a];
  });
}

/** The usage error for an option no command takes: `-o=x.pdf` is told to write `-o x.pdf`. */
export function unknownOption(a: string): UsageError {
  const m = /^(-[a-zA-Z])=(.*)$/s.exec(a);
  return new UsageError(m && VALUE_OPTIONS.includes(m[1]) ? `unknown option ${a}: write ${m[1]} ${m[2]} (its value after a space)` : `unknown option ${a}`);
}
