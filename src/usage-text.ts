/**
 * The usage of the command line, as `imprint help` prints it, and of each command, as
 * `imprint help COMMAND` and `imprint COMMAND --help` print it: the lines from the one that
 * begins `imprint COMMAND` to the next command's.
 */
import { VALUE_OPTIONS } from './option-value.js';
import { closest } from './content/did-you-mean.js';

const USAGE_LINES = `  imprint init DIR                         write a starter project into DIR (a new or empty folder)
  imprint build [FILE.yaml ...] [-o OUT] [--pdfa 2b|3b] [--jobs N] [--png [--dpi N] [--pages A-B]] [--no-cache]
                                           build PDFs (default: every content/*.yaml -> out/<name>.pdf);
                                           --png also writes page images beside each PDF, <name>-001.png …
                                           (--dpi: dots per inch, default 144; --pages: physical page numbers, 3 or 3-5);
                                           --pdfa 3b embeds every file the build read but the fonts (a project
                                           \`imprint extract\` writes back), with a manifest of them and of the fonts;
                                           several files are built in parallel on all cores but one (--jobs N: N at once);
                                           what a build set is kept on disk for the next (--no-cache: neither read nor written)
  imprint check FILE.yaml ...              validate only, print every problem found
  imprint fonts [FILE.yaml]                the font roles, their files and faces; with FILE, how many of its
                                           characters each role of its theme has, and those no font has;
                                           --system: the fonts installed on this system (fontconfig), which a
                                           registry may name as system:NAME
  imprint watch FILE.yaml [-o OUT] [--pdfa 2b|3b] [--diff] [--no-cache]
                                           build, then rebuild on every change of a file the build read;
                                           --diff: after each rebuild, what changed in print (as imprint diff)
  imprint diff OLD.pdf NEW.pdf [-o DIR]    which pages of an edition changed (matched by their text: moved,
                                           changed with the words, added, removed); -o DIR: an image of each
                                           changed page with the changes marked; exit 0 same, 1 different, 2 trouble
  imprint import FILE.docx [-o FILE.yaml] [--force]
                                           a Word draft as a report (default FILE.yaml beside it; pictures in
                                           FILE-images/), with the list of what could not be carried over;
                                           a file already there is refused unless --force (replaces it)
  imprint clean [DIR]                      remove the build cache of the project in DIR (default: here)
  imprint extract FILE.pdf DIR             the project a PDF built with --pdfa 3b holds, written into DIR (a new
                                           or empty folder): built there with the same fonts, the same PDF
  imprint help [COMMAND]                   this text, or that command's (also COMMAND --help, COMMAND -h)
  imprint --version                        the version of Imprint (also imprint -V, imprint version)`;

/** The options that ask for the usage: alone (`imprint --help`, as `imprint help`), or of the command they follow (`imprint init --help`). */
export const HELP_OPTIONS: readonly string[] = ['--help', '-h'];

/** The names that ask for the version (`imprint --version`, `imprint -V`, `imprint version`): one command, whose usage is that of `--version`. */
export const VERSION_NAMES: readonly string[] = ['--version', '-V', 'version'];

/**
 * Whether the arguments after a command ask for its usage: a help option anywhere but as the
 * value of an option that takes one (`imprint build -o -h` names no output: see option-value.ts).
 */
export function helpAsked(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    if (HELP_OPTIONS.includes(args[i])) return true;
    if (VALUE_OPTIONS.includes(args[i])) i++;
  }
  return false;
}

/** The usage of every command. */
export function usageText(): string {
  return `usage:\n${USAGE_LINES}`;
}

/** The usage of `command` alone (`init`, `--version` or another of its names …), or undefined for a command Imprint does not have. */
export function commandUsage(command: string): string | undefined {
  const name = VERSION_NAMES.includes(command) ? '--version' : HELP_OPTIONS.includes(command) ? 'help' : command;
  const blocks = USAGE_LINES.split(/\n(?=  imprint )/);
  const block = blocks.find((b) => b.startsWith(`  imprint ${name} `));
  return block && `usage:\n${block}`;
}

/** The names of the commands, as the usage lists them (`init`, `build` … `help`; the version's names aside). */
export function commandNames(): string[] {
  return [...USAGE_LINES.matchAll(/^ {2}imprint ([a-z]+)\b/gm)].map((m) => m[1]);
}

/**
 * What is said of a command Imprint does not have: `unknown command "biuld": did you mean
 * "build"?` when one is near; an option where the command goes (`imprint -o x.pdf build`), that
 * the command comes first (a short option is its one letter: `-o` is no slip of `-V`).
 */
export function unknownCommandMessage(command: string): string {
  const near = /^-[^-]?$/.test(command) ? undefined : closest(command, [...commandNames(), ...VERSION_NAMES, ...HELP_OPTIONS]);
  if (!near && command.startsWith('-')) return `${command} is an option, not a command: write the command first, then its options (imprint build FILE.yaml ${command} …)`;
  return `unknown command "${command}"${near ? `: did you mean "${near}"?` : ''}`;
}
