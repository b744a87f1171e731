/**
 * The inline markup of content text (spec §6.2), parsed once, here, into typed nodes:
 * `**bold**`, `*emphasis*`, `` `code` ``, `^sup^`, `~sub~`, `[text](url)`, `<url>`, `[[id]]`,
 * `[[id#page]]`, `[[id#number]]`, `^[footnote]` and backslash escapes.
 *
 * The rules are simple and local, so Chinese text behaves (CommonMark's flanking rules fail on
 * `**“火焰蓝”**精神`): a delimiter that finds no partner is the character itself, never an
 * error; a bracket or angle that does not form a link or reference is text. The few real
 * mistakes (a malformed reference, a footnote inside a footnote) are problems at their offset.
 */
import { cutOut } from '../cut-out.js';
import { referenceSource, type Reference, type ReferencePart } from '../text/inline.js';

/** A piece of inline content. `at`: offset of its first character in the source text (UTF-16 units). */
export type InlineNode =
  | { kind: 'text'; text: string; at: number }
  | { kind: 'strong' | 'emphasis' | 'sup' | 'sub'; children: InlineNode[]; at: number }
  | { kind: 'code'; text: string; at: number }
  | { kind: 'link'; url: string; children: InlineNode[]; at: number; /** Written `<url>` (not `<mailto:…>`): the URL printed is the URL. */ auto?: boolean }
  | ({ kind: 'ref'; at: number } & Reference)
  | { kind: 'footnote'; children: InlineNode[]; at: number; /** Offset just past its closing `]`. */ end: number };

/** A mistake in the markup, at an offset of the source text. */
export interface InlineProblem {
  at: number;
  message: string;
  /** A warning: the text is printed as typed, which may not be what was meant. Absent: an error. */
  warning?: true;
}

export interface ParsedInline {
  nodes: InlineNode[];
  problems: InlineProblem[];
}

/** Characters a backslash makes literal (others keep their backslash: `C:\data` stays as typed). */
export const ESCAPABLE = '\\*[]^~`<>_';

/** An id of a chapter, section, table, case or figure (spec §6.1). */
export const ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/**
 * Where a link may go: a web or FTP address, or mail. Anything else a PDF viewer would open on
 * the reader's machine (`javascript:`, `file:///etc/passwd`), or could not open
 * (`www.example.org`, a path), is refused at a link `[text](url)`, and is text in `<…>`.
 */
const URL_START = String.raw`(?:https?|ftp):\/\/|mailto:`;
/** A URL printed and linked, `<https://…>`. */
const AUTOLINK = new RegExp(String.raw`^<((?:${URL_START})[^\s<>]+)>`, 'i');
/** The address a `mailto:` URL goes to (before any query). */
const MAIL_ADDRESS = /^mailto:([^?]+)/i;

/** A footnote's label as Markdown writes it, `[^1]`, `[^note-1]` (a short name of letters, digits, - and _), and the most characters it is looked for in. */
const MARKDOWN_NOTE = /^\[\^[\w-]{1,20}\]/;
const MARKDOWN_NOTE_LONGEST = 24;
/** A `[[` and the id after it (and `#page` or `#number`), as a cross-reference opens; read from at most the next 80 characters. */
const UNCLOSED_REFERENCE = /^\[\[[A-Za-z0-9_-]{1,64}(?:#(?:page|number))?/;
const UNCLOSED_REFERENCE_LONGEST = 80;
/** The URL of a link `[text](url)`. */
const LINK_URL = new RegExp(String.raw`^(?:${URL_START})\S+$`, 'i');

/** Whether a link `[text](url)` may go to `url` (see `LINK_URL`). */
export function isLinkUrl(url: string): boolean {
  return LINK_URL.test(url);
}

/** Superscript and subscript hold a short token: no whitespace and no CJK (`3~5年和6~8月` stays text). */
const SCRIPT_TEXT = /^[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u{20000}-\u{3134F}]+$/u;

/** Parses content text. */
export function parseInline(source: string): ParsedInline {
  const problems: InlineProblem[] = [];
  const nodes = new InlineParser(source, problems).parse(0, source.length, false);
  return { nodes, problems };
}

/** The text a reader sees when markup is ignored (code and escapes as written, no footnotes); a cross-reference as `words` gives it, else as written. */
export function inlinePlainText(nodes: readonly InlineNode[], words: (ref: Reference) => string = referenceSource): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text' || n.kind === 'code') out += n.text;
    else if (n.kind === 'ref') out += words(n);
    else if (n.kind !== 'footnote') out += inlinePlainText(n.children, words);
  }
  return out;
}

/**
 * Content text without its footnotes (`^[…]`), the rest of its markup as written: a title
 * printed a second time (the 附件说明 lists the appendices' titles), whose note stands once, at
 * the heading.
 */
export function withoutFootnotes(source: string): string {
  const cuts: { at: number; end: number }[] = [];
  const find = (nodes: readonly InlineNode[]) => {
    for (const n of nodes) {
      if (n.kind === 'footnote') cuts.push(n);
      else if ('children' in n) find(n.children);
    }
  };
  find(parseInline(source).nodes);
  return cutOut(source, cuts.map((c) => ({ from: c.at, to: c.end })));
}

/** Constructs nested deeper than this are read as text (hostile input cannot exhaust the stack). */
const MAX_NESTING = 8;

class InlineParser {
  /** Where the code span opened by the backtick run at an offset ends (after its closing run). */
  private readonly codeEnds = new Map<number, number>();
  /** The `]` that closes the `[` at an offset (brackets in code spans and escaped ones do not count). */
  private readonly closingBrackets = new Map<number, number>();
  /** For `*` and `**`: the least offset from which no closing delimiter was found. */
  private readonly noCloserFrom = { '*': Infinity, '**': Infinity };
  private depth = 0;

  constructor(
    private readonly src: string,
    private readonly problems: InlineProblem[],
  ) {
    this.pairCodeSpans();
    this.pairBrackets();
  }

  /** Nodes of src[from, to); `inNote`: inside a footnote (which cannot hold another). */
  parse(from: number, to: number, inNote: boolean): InlineNode[] {
    this.depth++;
    try {
      return this.parseRange(from, to, inNote);
    } finally {
      this.depth--;
    }
  }

  private parseRange(from: number, to: number, inNote: boolean): InlineNode[] {
    const out: InlineNode[] = [];
    let text = '';
    let textAt = from;
    const flush = () => {
      if (text) out.push({ kind: 'text', text, at: textAt });
      text = '';
    };
    const push = (node: InlineNode, next: number) => {
      flush();
      out.push(node);
      textAt = next;
      return next;
    };
    let i = from;
    while (i < to) {
      const c = this.src[i];
      const found = this.construct(c, i, to, inNote);
      if (found) {
        i = push(found.node, found.end);
        continue;
      }
      if (c === '\\' && i + 1 < to && ESCAPABLE.includes(this.src[i + 1])) {
        if (!text) textAt = i;
        text += this.src[i + 1];
        i += 2;
        continue;
      }
      if (!text) textAt = i;
      // a run of delimiters that found no partner is text as a whole (`***` stays `***`)
      const run = c === '*' || c === '^' || c === '~' || c === '`' ? this.runLength(i, to, c) : 1;
      this.warnUnclosed(c, i, run);
      text += this.src.slice(i, i + run);
      i += run;
    }
    flush();
    return out;
  }

  /**
   * A warning at a `**` that opens bold (text follows it, no space) or a `^[` that opens a
   * footnote, printed as typed for want of a partner: a closing `**` or `]` left out is seen
   * only in print (a lone `*`, as in `5 * 3` or a table's `*` note mark, says nothing).
   */
  private warnUnclosed(c: string, i: number, run: number): void {
    if (c === '*' && run === 2 && i + 2 < this.src.length && !/\s/.test(this.src[i + 2])) {
      this.problems.push({ at: i, message: '`**` opens bold that no `**` closes: printed as typed (write `\\*\\*` for the asterisks themselves)', warning: true });
    } else if (c === '^' && this.src[i + 1] === '[') {
      this.problems.push({ at: i, message: '`^[` opens a footnote that no `]` closes: printed as typed (write `\\^[` for the characters themselves)', warning: true });
    } else if (c === '[') {
      this.warnMarkdownNote(i);
      this.warnUnclosedReference(i);
    }
  }

  /**
   * A warning at a `[[` followed by an id (and `#page` or `#number`) that no `]]` closes: a
   * cross-reference whose brackets were left out would print as typed, `（见[[t-funds）`.
   */
  private warnUnclosedReference(i: number): void {
    if (this.src[i + 1] !== '[' || this.src[i - 1] === '[') return;
    const opened = UNCLOSED_REFERENCE.exec(this.src.slice(i, i + UNCLOSED_REFERENCE_LONGEST))?.[0];
    if (opened) this.problems.push({ at: i, message: `\`${opened}\` opens a cross-reference that no \`]]\` closes: printed as typed (write \`\\[[\` for the brackets themselves)`, warning: true });
  }

  /**
   * A warning at a footnote written as Markdown writes it, `[^1]` where its marker goes and
   * `[^1]: …` for its note, which no `^[…]` reads: it was printed as typed, and said nothing.
   */
  private warnMarkdownNote(i: number): void {
    const note = MARKDOWN_NOTE.exec(this.src.slice(i, i + MARKDOWN_NOTE_LONGEST))?.[0];
    if (note) this.problems.push({ at: i, message: `\`${note}\` is a footnote as Markdown writes it, which Imprint does not read: printed as typed (write the note where its marker goes, \`^[注文]\`, or \`\\[\` to print the bracket)`, warning: true });
  }

  /** The construct starting at `i`, if one does, with the offset after it. */
  private construct(c: string, i: number, to: number, inNote: boolean): { node: InlineNode; end: number } | undefined {
    if (this.depth > MAX_NESTING) return undefined;
    switch (c) {
      case '`':
        return this.code(i, to);
      case '*':
        return this.src.startsWith('**', i) ? this.paired(i, to, '**', 'strong', inNote) : this.paired(i, to, '*', 'emphasis', inNote);
      case '^':
        return this.src[i + 1] === '[' ? this.footnote(i, to, inNote) : this.script(i, to, '^', 'sup');
      case '~':
        return this.script(i, to, '~', 'sub');
      case '[':
        return this.src[i + 1] === '[' ? this.reference(i, to) : this.link(i, to, inNote);
      case '<':
        return this.autolink(i, to);
      default:
        return undefined;
    }
  }

  private code(i: number, to: number): { node: InlineNode; end: number } | undefined {
    const end = this.codeEnds.get(i);
    if (end === undefined || end > to) return undefined;
    const ticks = this.runLength(i, to, '`');
    let text = this.src.slice(i + ticks, end - ticks);
    if (/^ .* $/s.test(text) && text.trim()) text = text.slice(1, -1); // `` `x` `` as CommonMark: one space each side stripped
    return { node: { kind: 'code', text, at: i }, end };
  }

  /** `**…**` or `*…*`: content that starts and ends with no space, closed before `to`. */
  private paired(i: number, to: number, mark: '**' | '*', kind: 'strong' | 'emphasis', inNote: boolean) {
    const start = i + mark.length;
    if (start >= to || /\s/.test(this.src[start])) return undefined;
    const close = this.closing(start, to, mark);
    if (close === undefined) return undefined;
    return { node: { kind, children: this.parse(start, close, inNote), at: i } as InlineNode, end: close + mark.length };
  }

  /**
   * The offset of the delimiter that closes one opened before `from`: the next `mark` outside
   * code spans and escapes, not preceded by a space; for `*`, not part of a `**`.
   */
  private closing(from: number, to: number, mark: '**' | '*'): number | undefined {
    if (from >= this.noCloserFrom[mark]) return undefined; // a later scan would only see less
    const found = this.scanForCloser(from, to, mark);
    if (found === undefined && to === this.src.length) this.noCloserFrom[mark] = Math.min(this.noCloserFrom[mark], from);
    return found;
  }

  private scanForCloser(from: number, to: number, mark: '**' | '*'): number | undefined {
    for (let j = from; j < to; j++) {
      const c = this.src[j];
      if (c === '\\') {
        j++;
        continue;
      }
      if (c === '`') {
        const code = this.code(j, to);
        if (code) j = code.end - 1;
        continue;
      }
      if (c !== '*') continue;
      const run = this.runLength(j, to, '*');
      if (mark === '**' && run >= 2 && !/\s/.test(this.src[j - 1])) return j + run - 2; // `***x***`: the inner ones belong to the content
      if (mark === '*' && run === 1 && !/\s/.test(this.src[j - 1])) return j;
      if (mark === '*' && run >= 2) {
        // a `**…**` inside emphasis: skip over it whole
        const strong = this.paired(j, to, '**', 'strong', true);
        j = strong ? strong.end - 1 : j + run - 1;
      } else j += run - 1;
    }
    return undefined;
  }

  /** `^x^` or `~x~`: a short token, no spaces, no CJK. */
  private script(i: number, to: number, mark: '^' | '~', kind: 'sup' | 'sub') {
    const close = this.src.indexOf(mark, i + 1);
    if (close <= i + 1 || close >= to) return undefined;
    const inner = this.src.slice(i + 1, close);
    if (!SCRIPT_TEXT.test(inner) || inner.includes(mark === '^' ? '~' : '^')) return undefined;
    return { node: { kind, children: this.parse(i + 1, close, true), at: i } as InlineNode, end: close + 1 };
  }

  /** `^[…]`: a footnote, its brackets balanced. */
  private footnote(i: number, to: number, inNote: boolean) {
    const close = this.matchingBracket(i + 1, to);
    if (close === undefined) return undefined;
    if (inNote) this.problems.push({ at: i, message: 'a footnote cannot hold another footnote (`^[…]` inside `^[…]`)' });
    if (close === i + 2) this.problems.push({ at: i, message: 'empty footnote `^[]`' });
    return { node: { kind: 'footnote', children: this.parse(i + 2, close, true), at: i, end: close + 1 } as InlineNode, end: close + 1 };
  }

  /** `[[id]]`, `[[id#page]]` or `[[id#number]]`. */
  private reference(i: number, to: number) {
    const close = this.src.indexOf(']]', i + 2);
    if (close < 0 || close + 2 > to) return undefined;
    const inner = this.src.slice(i + 2, close);
    const m = /^([^#]*)(?:#(page|number))?$/.exec(inner.trim());
    const id = m?.[1] ?? '';
    if (!m || !ID_PATTERN.test(id)) {
      this.problems.push({
        at: i,
        message: `\`[[${inner}]]\` is not a cross-reference: write [[id]], [[id#page]] or [[id#number]], the id of letters, digits, - and _ (a literal [[ is written \\[[)`,
      });
      return { node: { kind: 'text', text: this.src.slice(i, close + 2), at: i } as InlineNode, end: close + 2 };
    }
    return { node: { kind: 'ref', id, part: (m[2] as ReferencePart | undefined) ?? 'label', at: i } as InlineNode, end: close + 2 };
  }

  /**
   * `[text](url)`: a link, when the bracket is followed at once by a parenthesised URL without
   * spaces; parentheses inside the URL in pairs (`https://zh.wikipedia.org/wiki/Foo_(bar)`), as CommonMark reads them.
   */
  private link(i: number, to: number, inNote: boolean) {
    const close = this.matchingBracket(i, to);
    if (close === undefined || this.src[close + 1] !== '(') return undefined;
    const end = this.closingParenthesis(close + 1, to);
    if (end === undefined) return undefined;
    const url = this.src.slice(close + 2, end);
    if (!url || /\s/.test(url)) return undefined;
    if (!isLinkUrl(url)) this.problems.push({ at: close + 2, message: `a link goes to an https://, http://, ftp:// or mailto: address, not "${url}"${/^www\./i.test(url) ? ` (write https://${url})` : ''}` });
    return { node: { kind: 'link', url, children: this.parse(i + 1, close, inNote), at: i } as InlineNode, end: end + 1 };
  }

  /**
   * `<https://…>`: the URL printed and linked. `<mailto:…>`: the mail address printed, without
   * its `mailto:` and any query (`?subject=…`), as `[address](mailto:address)` prints it, and linked.
   */
  private autolink(i: number, to: number) {
    const m = AUTOLINK.exec(this.src.slice(i, to));
    if (!m) return undefined;
    const end = i + m[0].length;
    const mail = MAIL_ADDRESS.exec(m[1]);
    if (mail) return { node: { kind: 'link', url: m[1], children: [{ kind: 'text', text: mail[1], at: i + 1 + 'mailto:'.length }], at: i } as InlineNode, end };
    return { node: { kind: 'link', url: m[1], children: [{ kind: 'text', text: m[1], at: i + 1 }], at: i, auto: true } as InlineNode, end };
  }

  /** The `)` that closes the `(` at `open`, before `to`, those between in pairs. */
  private closingParenthesis(open: number, to: number): number | undefined {
    let depth = 0;
    for (let k = open + 1; k < to; k++) {
      if (this.src[k] === '(') depth++;
      else if (this.src[k] === ')' && depth-- === 0) return k;
    }
    return undefined;
  }

  /** The `]` that closes the `[` at `open`, before `to`. */
  private matchingBracket(open: number, to: number): number | undefined {
    const close = this.closingBrackets.get(open);
    return close !== undefined && close < to ? close : undefined;
  }

  /** Finds every code span once: a backtick run closes at the next run of the same length. */
  private pairCodeSpans(): void {
    const runs: { at: number; length: number }[] = [];
    for (let i = 0; i < this.src.length; i++) {
      if (this.src[i] === '\\' && ESCAPABLE.includes(this.src[i + 1])) i++;
      else if (this.src[i] === '`') {
        const length = this.runLength(i, this.src.length, '`');
        runs.push({ at: i, length });
        i += length - 1;
      }
    }
    // runs of each length in order; an opener takes the next of its length, skipping what lies inside
    const byLength = new Map<number, number[]>();
    runs.forEach((r, k) => {
      const list = byLength.get(r.length);
      if (list) list.push(k);
      else byLength.set(r.length, [k]);
    });
    const cursor = new Map<number, number>();
    for (let k = 0; k < runs.length; ) {
      const { at, length } = runs[k];
      const same = byLength.get(length)!;
      let c = cursor.get(length) ?? 0;
      while (c < same.length && same[c] <= k) c++;
      cursor.set(length, c);
      if (c === same.length) {
        k++;
        continue;
      }
      const closer = runs[same[c]];
      this.codeEnds.set(at, closer.at + length);
      k = same[c] + 1;
    }
  }

  /** Pairs brackets once, with a stack; those inside code spans and escaped ones do not count. */
  private pairBrackets(): void {
    const open: number[] = [];
    for (let i = 0; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '\\' && ESCAPABLE.includes(this.src[i + 1])) i++;
      else if (c === '`' && this.codeEnds.has(i)) i = this.codeEnds.get(i)! - 1;
      else if (c === '`') i += this.runLength(i, this.src.length, '`') - 1;
      else if (c === '[') open.push(i);
      else if (c === ']' && open.length) this.closingBrackets.set(open.pop()!, i);
    }
  }

  /** How many times `c` repeats from `i`. */
  private runLength(i: number, to: number, c: string): number {
    let n = 0;
    while (i + n < to && this.src[i + n] === c) n++;
    return n;
  }
}
