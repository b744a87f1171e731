/**
 * Where a line break would fall inside a URL's host name (`https://jyj.|pujiang.gov.cn/`) or a
 * mail address's mailbox (`zhang.|san@pujiang.gov.cn`): a reader takes them in at a glance and
 * types each as one, so a URL breaks after a `/` of its path and a mail address after its `@`, or
 * goes whole to the next line, before either is parted (see `HOST_BREAK_PENALTY` in
 * breakpoints.ts). And where it would fall between two letters or digits of a URL or a mail
 * address (inside a hash that names a file, `…/files/3f9a2b|7c4d….pdf`, or at a camelCase hump),
 * which reads as a typo: the breakers take such a break only where none of the URL's marks lets
 * the lines fit without leaving a line less than RUN_BREAK_FILL full (see optimal-breaks.ts,
 * grid-breaks.ts).
 * The host is what follows `scheme://` up to the first `/`, `?` or `#`, or what
 * follows the `@` of a `mailto:` address up to a `?`; the mailbox is what stands before the `@`
 * of a mail address, after `mailto:` or written alone (`name@host`). Each word is read at most
 * twice (once to tell whether it is a mail address), character by character: a word of any
 * length costs its length.
 */
import type { Atom } from './atoms.js';
import { isAlnum } from './char-class.js';

/**
 * Where breaks fall in the URLs and mail addresses of a paragraph's atoms (words of Latin atoms,
 * each after the first continuing it: see `Atom.continuesWord`), whether printed whole
 * (`<https://…>`) or written in the text; each array indexed by the atom a break comes before.
 */
export interface UrlBreaks {
  /** The break parts the host name of a URL or the mailbox of a mail address. */
  inHost: boolean[];
  /** The break parts two letters or digits of a URL or a mail address (and not its host or mailbox). */
  inRun: boolean[];
}

/**
 * How full a line (a share of its measure) the breakers leave before a URL rather than part two
 * letters or digits of it (`详见 https://…/files/` alone on a line, 38 % full, before the hash
 * that names the file): below it they part the run, at RUN_BREAK_PENALTY (breakpoints.ts).
 */
export const RUN_BREAK_FILL = 0.7;

export function urlBreaks(atoms: readonly Atom[]): UrlBreaks {
  const inHost = new Array<boolean>(atoms.length + 1).fill(false);
  const inRun = new Array<boolean>(atoms.length + 1).fill(false);
  const scan = new HostScan();
  for (let p = 0; p < atoms.length; p++) {
    const a = atoms[p];
    if (!a.continuesWord) scan.reset(startsMailAddress(atoms, p));
    else if (scan.inHost()) inHost[p] = true;
    else if ((a.marks.url || scan.inUrl()) && isAlnum(atoms[p - 1].text.slice(-1)) && isAlnum(a.text[0])) inRun[p] = true;
    scan.read(a.text);
  }
  return { inHost, inRun };
}

/** Where a word read so far stands in a URL. */
type Place =
  | 'scheme' // its first characters, letters, digits, `+`, `.` or `-` from a letter
  | 'slashes' // after `scheme:`, reading `//`
  | 'host' // after `//` (or `mailto:…@`), before what ends the host
  | 'mailbox' // after `mailto:`, or from the start of a mail address written alone, before its `@`
  | 'past'; // past the host, or no URL

/** A word read character by character, knowing whether it ends inside a URL's host name. */
class HostScan {
  private place: Place = 'scheme';
  /** The scheme read (lower case, its first 7 characters: enough to know `mailto`), slashes read, characters of the host or mailbox read. */
  private scheme = '';
  private slashes = 0;
  private partChars = 0;
  /** The characters that end the host: `/?#` (`?` alone in a mail address). */
  private hostEnds = '/?#';
  /** Whether the word read is a URL (`scheme://`, `mailto:` read) or a mail address. */
  private url = false;

  /** A new word; `mailAddress`: one that is a mail address written alone (its mailbox first). */
  reset(mailAddress: boolean): void {
    this.place = mailAddress ? 'mailbox' : 'scheme';
    this.scheme = '';
    this.slashes = 0;
    this.partChars = 0;
    this.url = mailAddress;
  }

  /** Whether the word read so far is a URL or a mail address (its scheme read, or its mailbox begun). */
  inUrl(): boolean {
    return this.url;
  }

  /** Whether the word read ends inside a host name or a mailbox (one character of it read at least). */
  inHost(): boolean {
    return (this.place === 'host' || this.place === 'mailbox') && this.partChars > 0;
  }

  read(text: string): void {
    for (let i = 0; i < text.length && this.place !== 'past'; i++) this.step(text[i]);
  }

  private step(ch: string): void {
    switch (this.place) {
      case 'scheme':
        if (ch === ':' && this.scheme !== '') {
          this.place = this.scheme === 'mailto' ? 'mailbox' : 'slashes';
          if (this.scheme === 'mailto') this.url = true;
        } else if (this.scheme === '' ? /[a-z]/i.test(ch) : /[a-z\d+.-]/i.test(ch)) {
          if (this.scheme.length < 7) this.scheme += ch.toLowerCase();
        } else this.place = 'past';
        return;
      case 'slashes':
        if (ch !== '/') this.place = 'past';
        else if (++this.slashes === 2) this.enterHost('/?#');
        return;
      case 'mailbox':
        if (ch === '@') this.enterHost('?');
        else if (ch === '?') this.place = 'past';
        else this.partChars++;
        return;
      case 'host':
        if (this.hostEnds.includes(ch)) this.place = 'past';
        else this.partChars++;
        return;
      case 'past':
        return;
    }
  }

  private enterHost(ends: string): void {
    this.place = 'host';
    this.url = true;
    this.partChars = 0;
    this.hostEnds = ends;
  }
}

/** What a mailbox may hold (as atoms.ts's EMAIL takes it). */
const MAILBOX = /^[\p{L}\p{N}._%+-]+$/u;

/**
 * Whether the word that starts at atom `p` is a mail address written alone: characters a mailbox
 * may hold, then `@`. (Most words hold no `@`: told by reading their atoms' texts for one.)
 */
function startsMailAddress(atoms: readonly Atom[], p: number): boolean {
  let q = p;
  while (q < atoms.length && (q === p || atoms[q].continuesWord) && !atoms[q].text.includes('@')) q++;
  if (q === atoms.length || (q > p && !atoms[q].continuesWord)) return false;
  let mailbox = atoms[q].text.slice(0, atoms[q].text.indexOf('@'));
  for (let k = q - 1; k >= p; k--) mailbox = atoms[k].text + mailbox;
  return MAILBOX.test(mailbox);
}
