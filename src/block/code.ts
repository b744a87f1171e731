/**
 * A code block: program text set line for line in a monospace style. Spaces and line breaks
 * are the author's; nothing is stretched or folded. A line longer than the measure wraps (see
 * `wrap`), the rest indented past the line's own indentation, so nothing passes the margin. One flow block per set line (an empty line too): the block breaks
 * across pages between its lines as a paragraph does, the theme's orphans and widows kept at the
 * ends of the block and of each wrapped line. Characters the monospace face lacks (Chinese comments) come from the
 * style's fallback roles, on the same baseline.
 */
import type { CodeNode } from '../template/doc-tree.js';
import type { PlacedGlyphs, StructTag } from '../page/draw.js';
import type { TextFont } from '../text/text-font.js';
import { fontStacks, newTag, style, type LayoutContext } from './context.js';
import { block, type Block } from './payload.js';
import { baselineOf } from './text-lines.js';
import { warnMissing } from './missing-chars.js';
import { CLOSING_MARKS, isCjk, NO_LINE_END, NO_LINE_START } from '../text/char-class.js';
import { CLUSTER } from '../text/atoms.js';

/** Columns between tab stops. */
const TAB_COLUMNS = 4;
/** Hanging indent of a wrapped line's continuation past the line's own indentation, in widths of the space. */
const HANG_SPACES = 4;
/** The continuation's indent leaves at least this share of the measure. */
const LEAST_CONTINUATION = 0.5;
/** A part broken at a space or a mark is at least this share of its room; else it is filled to its last character. */
const LEAST_FILL = 0.5;
/**
 * The last part of a wrapped line is at least this share of its room when an earlier break
 * leaves the parts before it full enough (LEAST_FILL) and the rest one part: a line never wraps
 * to leave a character or two alone (`# 输出最热的 10 个站` and `点`).
 */
const LEAST_LAST = 0.25;
/** What opens a comment after code (after a space): a tail too short moves back to before it, the comment whole on the continuation. */
const COMMENT_OPENERS = ['#', '//', '/*', '--'];
/** The quotes of code strings, never at a line's start after Chinese in them (`print("你好")`). */
const CLOSING_QUOTES = new Set(['"', "'", '`']);
/** Marks a code line breaks after, when no space leaves its part full enough: lists, paths, queries. */
const BREAK_AFTER = new Set([',', ';', '/', '&', '?', '(', '[', '{']);

/** One glyph of a set character: its advance, and where it is drawn from its pen position (a combining mark over its base), pt. */
interface CodeGlyph {
  id: number;
  codePoints: number[];
  advance: number;
  dx: number;
  rise: number;
}

/** One character (with its combining marks) as set: its font, glyphs and advance, pt. */
interface SetChar {
  font: TextFont;
  glyphs: CodeGlyph[];
  advance: number;
  space: boolean;
  text: string;
}

/** The blocks of a code block at `x`, `width` pt. */
export function codeBlocks(ctx: LayoutContext, node: CodeNode, x: number, width: number, parent: StructTag): Block[] {
  const st = style(ctx, node.style);
  const stack = fontStacks(ctx, st).regular;
  const missing = new Set<string>();
  const setChar = (ch: string): SetChar => {
    const cp = ch.codePointAt(0)!;
    const font = stack.find((f) => f.has(cp)) ?? stack[0];
    const glyphs = font.shape(ch);
    for (const g of glyphs) if (g.id === 0) for (const c of g.codePoints) missing.add(String.fromCodePoint(c));
    const set = glyphs.map((g) => ({ id: g.id, codePoints: g.codePoints, advance: g.advance * st.size, dx: (g.dx ?? 0) * st.size, rise: (g.dy ?? 0) * st.size }));
    return { font, glyphs: set, advance: set.reduce((w, g) => w + g.advance, 0), space: ch === ' ', text: ch };
  };
  const space = setChar(' ').advance;
  const tag = newTag(ctx, 'Code', parent);
  const blocks: Block[] = [];
  const { orphans, widows } = ctx.theme;
  const sourceLines = node.text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  sourceLines.forEach((source, i) => {
    // a character with the combining marks after it (`x̄`) takes one cell, the marks over it
    const chars = (expandTabs(source).match(CLUSTER) ?? []).map(setChar);
    const indentation = chars.findIndex((c) => !c.space);
    const hang = Math.min((Math.max(indentation, 0) + HANG_SPACES) * space, width * (1 - LEAST_CONTINUATION));
    // an empty line is a line of the program's too (wrap cuts characters: it has none)
    const parts = chars.length ? wrap(chars, quotedChars(chars), width, hang) : [[]];
    for (const [k, part] of parts.entries()) {
      const ops = runsOf(part, k === 0 ? x : x + hang).map(({ rise, ...r }) => ({ kind: 'glyphs' as const, ...r, y: baselineOf(st, 0) - rise, size: st.size, color: st.color, tag }));
      // a wrapped line's first `orphans` and last `widows` parts stand together (one of two or three parts is never parted)
      const keep = k < parts.length - 1 && (k < orphans - 1 || k >= parts.length - widows);
      blocks.push(block(st.lineHeight, { ops }, { spaceBefore: i === 0 && k === 0 ? st.spaceBefore : 0, keepWithNext: keep }));
    }
  });
  // as a paragraph's lines: the first `orphans` and the last `widows` set lines never stand alone at a page's foot or top
  for (let i = 0; i < blocks.length - 1; i++) if (i < orphans - 1 || i >= blocks.length - widows) blocks[i].keepWithNext = true;
  if (blocks.length) blocks[blocks.length - 1].height += st.spaceAfter;
  warnMissing(ctx, missing, node.at, node.text);
  return blocks;
}

/** Tabs to spaces, to the next stop of TAB_COLUMNS columns. */
function expandTabs(line: string): string {
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(TAB_COLUMNS - (out.length % TAB_COLUMNS)) : ch;
  return out;
}

/**
 * A line's characters cut into parts that fit: the first `width` pt wide, the others
 * `width - hang`. A part ends after its last space (or between Chinese characters, where a line
 * may end and start) that leaves it at least LEAST_FILL of its
 * room (never within the line's indentation; a string's Chinese is broken only later), else
 * after the last of BREAK_AFTER that does, else after a Chinese mark that ends a phrase (，。）)
 * in a string, else between its Chinese characters, else after its last space or mark, else at
 * the last character that fits (at least one character a part, so a part is never empty). When
 * what that leaves is the line's last part and shorter than LEAST_LAST of its room, the break
 * moves back, the first part still full enough and the rest still one part: before a comment that
 * follows the code (its opener after a space), else to the last space outside a string, else
 * phrase mark, Chinese break, mark, that leaves the last part so long.
 */
function wrap(chars: SetChar[], quoted: readonly boolean[], width: number, hang: number): SetChar[][] {
  const parts: SetChar[][] = [];
  let rest = chars;
  let done = 0; // characters of the line in the parts before
  const next = width - hang;
  while (rest.length) {
    const room = parts.length ? next : width;
    let used = 0;
    let fit = 0;
    while (fit < rest.length && used + rest[fit].advance <= room + 1e-6) used += rest[fit++].advance;
    if (fit === rest.length) {
      parts.push(rest);
      break;
    }
    fit = Math.max(fit, 1);
    const text = rest.slice(0, fit);
    // widthTo[k]: the width of the part's first k characters, pt
    const widthTo = [0];
    for (const c of text) widthTo.push(widthTo[widthTo.length - 1] + c.advance);
    const fullEnough = (k: number) => widthTo[k] >= LEAST_FILL * room;
    const lead = text.findIndex((c) => !c.space);
    const after = (at: (k: number) => boolean, full: boolean) => {
      for (let k = fit; k > lead && (!full || fullEnough(k)); k--) if (at(k)) return k;
      return undefined;
    };
    // between Chinese characters (a comment's text, a string's) where a line may end and start
    const chinese = (k: number) => isCjk(text[k - 1].text) && !NO_LINE_END.has(text[k - 1].text) && !NO_LINE_START.has(rest[k].text) && !CLOSING_QUOTES.has(rest[k].text);
    // a string's words are kept whole where the line breaks well enough outside it
    const inString = (k: number) => quoted[done + k - 1] && quoted[done + k];
    const space = (k: number) => text[k - 1].space || chinese(k);
    const outside = (k: number) => text[k - 1].space || (chinese(k) && !inString(k));
    const mark = (k: number) => BREAK_AFTER.has(text[k - 1].text);
    // after a Chinese mark that ends a phrase (，。）): a string's words kept whole where it breaks inside it
    const phrase = (k: number) => chinese(k) && CLOSING_MARKS.has(text[k - 1].text);
    let cut = after(outside, true) ?? after(mark, true) ?? after(phrase, true) ?? after(space, true) ?? after(space, false) ?? after(mark, false) ?? fit;
    // the width of the rest from k on, and whether it is the last part
    let total = 0;
    for (const c of rest) total += c.advance;
    const tail = (k: number) => total - widthTo[k];
    const last = (k: number) => tail(k) <= next + 1e-6;
    if (last(cut) && tail(cut) < LEAST_LAST * next) {
      const before = (at: (k: number) => boolean) => {
        for (let k = cut - 1; k > lead && fullEnough(k) && last(k); k--) if (at(k)) return k;
        return undefined;
      };
      const comment = (k: number) => text[k - 1].space && opensComment(rest, k);
      const roomy = (at: (k: number) => boolean) => (k: number) => at(k) && tail(k) >= LEAST_LAST * next;
      cut = before(comment) ?? before(roomy(outside)) ?? before(roomy(phrase)) ?? before(roomy(space)) ?? before(roomy(mark)) ?? cut;
    }
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
    done += cut;
  }
  return parts;
}

/**
 * For each character of a code line, whether it is inside a string (between a quote of
 * CLOSING_QUOTES and the same quote again, not escaped by a backslash), up to a comment opened
 * outside one (an apostrophe in a comment opens nothing).
 */
function quotedChars(chars: readonly SetChar[]): boolean[] {
  const quoted: boolean[] = [];
  let open: string | undefined;
  for (let k = 0; k < chars.length; k++) {
    const ch = chars[k].text;
    if (!open && k > 0 && chars[k - 1].space && opensComment(chars, k)) return [...quoted, ...chars.slice(k).map(() => false)];
    if (open) {
      quoted.push(true);
      if (ch === open && chars[k - 1]?.text !== '\\') open = undefined;
    } else {
      if (CLOSING_QUOTES.has(ch)) open = ch;
      quoted.push(false);
    }
  }
  return quoted;
}

/** A comment's opener (COMMENT_OPENERS) starts at `chars[k]`. */
function opensComment(chars: readonly SetChar[], k: number): boolean {
  return COMMENT_OPENERS.some((o) => [...o].every((ch, i) => chars[k + i]?.text === ch));
}

/** A run of glyphs of one font on one baseline, `rise` pt above the line's (a combining mark moved over its base). */
interface CodeRun {
  x: number;
  rise: number;
  font: string;
  glyphs: PlacedGlyphs;
}

/** The glyph runs of a part starting at `x`: one per font and baseline. */
function runsOf(part: SetChar[], x: number): CodeRun[] {
  const runs: CodeRun[] = [];
  let dx = 0;
  for (const c of part) {
    let pen = x + dx;
    for (const g of c.glyphs) {
      let run = runs[runs.length - 1];
      if (!run || run.font !== c.font.key || run.rise !== g.rise) runs.push((run = { x: pen + g.dx, rise: g.rise, font: c.font.key, glyphs: { ids: [], xs: [], codePoints: [] } }));
      run.glyphs.ids.push(g.id);
      run.glyphs.xs.push(pen + g.dx - run.x);
      run.glyphs.codePoints.push(g.codePoints);
      pen += g.advance;
    }
    dx += c.advance;
  }
  return runs;
}
