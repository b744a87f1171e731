/**
 * Where a line break would fall inside a URL's host name (`https://jyj.|pujiang.gov.cn/`): a
 * reader takes a host name in at a glance and types it as one, so a URL breaks after a `/` of its
 * path, or goes whole to the next line, before its host name is parted (see
 * `HOST_BREAK_PENALTY` in breakpoints.ts). The host is what follows `scheme://` up to the first
 * `/`, `?` or `#`, or what follows the `@` of a `mailto:` address.
 */
import type { Atom } from './atoms.js';

/** A URL's text from its start up to a break inside its host name. */
const OPEN_HOST = /^(?:[a-z][a-z\d+.-]*:\/\/(?:[^/?#@]*@)?[^/?#]+|mailto:[^@?]*@[^?]+)$/i;

/**
 * `inside[p]`: a break before atom p parts the host name of a URL (a word of Latin atoms, each
 * after the first continuing it: see `Atom.continuesWord`), whether printed whole (`<https://…>`)
 * or written in the text.
 */
export function insideHostNames(atoms: readonly Atom[]): boolean[] {
  const inside = new Array<boolean>(atoms.length + 1).fill(false);
  let word = '';
  atoms.forEach((a, p) => {
    if (!a.continuesWord) word = '';
    else if (word.includes(':') && OPEN_HOST.test(word)) inside[p] = true;
    word += a.text;
  });
  return inside;
}
