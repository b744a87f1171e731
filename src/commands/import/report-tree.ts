/**
 * The draft's top level as a report (spec §1): the cover lines before the first heading as
 * `report:` (title, subtitle, issuer, date), the typed contents and list of tables dropped (the
 * engine makes them), the preface (前言), and chapters, sections and third-level sections —
 * by their heading styles (Heading 1–3, 标题 1–3) or, in a draft that uses none, by the
 * numbers typed before them, which are removed (the engine numbers). Typed page numbers are
 * dropped; a deeper heading becomes a run-in heading. After the chapters, a heading 附录 A … /
 * 附件 1 … (in Heading 1, or by its text alone in a draft without heading styles) starts the appendices (spec §6.6), without its label.
 */
import { plainText, type DraftBlock, type DraftParagraph } from './docx-model.js';
import { captionOf, opensCase, isContentsEntry, isContentsTitle, isPageNumber, isPrefaceTitle } from './draft-captions.js';
import { looksLikeHeading, NUMBER_PATTERNS, numberPatternOf, withoutNumber } from '../../content/heading-numbers.js';
import { BlockReader, isRunInHeading, type Block } from './draft-blocks.js';
import { outlineKinds, type OutlineItem } from './outline-kinds.js';
import type { ImportLog } from './import-log.js';
import { DraftArticles } from './draft-articles.js';

/** A chapter, section or third-level section. */
export interface Part {
  title: string;
  body?: Block[];
  sections?: Part[];
}

/** The report as written in the YAML. */
export interface ImportedReport {
  report: { title: string; subtitle?: string; issuer?: string; date?: string };
  preface?: { title: string; body: Block[] };
  chapters: Part[];
  appendices?: Part[];
}

/** Heading styles: `Heading 2`, `heading 2`, `标题 2`. */
const HEADING_STYLE = /^(?:heading|标题)\s*(\d)$/i;

/**
 * What a top-level paragraph is to the report's outline. A heading's `title`: the part's title
 * (markup, without its typed number) to level 3; deeper, its plain text, which tells it as a
 * run-in heading.
 */
type Role = { kind: 'contents' | 'page-number' | 'preface' | 'body' } | { kind: 'heading'; level: number; title: string; appendix?: boolean };

/** An appendix's heading: 附录 A, 附录一, 附件 1, 附录： or 附录 alone, then its title. */
const APPENDIX_HEADING = /^(附录|附件)(?:\s*(?:[A-Za-z]|\d{1,2}|[一二三四五六七八九十]+)(?![A-Za-z\d])|(?=[\s：:、.．]|$))[\s：:、.．]*/;

/** The report of the draft's top-level blocks. `fallbackTitle`: the title when the draft has no cover. */
export function reportTree(blocks: readonly DraftBlock[], reader: BlockReader, log: ImportLog, fallbackTitle: string): ImportedReport {
  const roles = outlineRoles(blocks, reader, log);
  const firstOutline = roles.findIndex((r) => r.kind !== 'body');
  const coverEnd = firstOutline < 0 ? 0 : firstOutline;
  const report = cover(blocks.slice(0, coverEnd), reader, log, fallbackTitle);

  let preface: ImportedReport['preface'];
  const chapters: Part[] = [];
  const appendices: Part[] = [];
  /** The open chapter, section and third-level section. */
  const open: Part[] = [];
  let pending: DraftBlock[] = [];
  const articles = new DraftArticles();
  let target: { body?: Block[] } | undefined;
  /**
   * The text after the cover and before the first heading (chapter or 前言): its blocks and
   * first paragraph. Placed at the end, when it is known where it can go: at the start of the
   * preface, in a preface of its own, or, in a draft without chapters, as the chapter 正文.
   */
  let untitled: { body: Block[]; paragraph: number } | undefined;
  const flush = () => {
    if (!pending.length) return;
    const body = reader.blocks(pending, (p) => isRunInHeading(p) || runInByNumber(p), articles);
    if (body.length) {
      if (!target) {
        untitled = { body: [], paragraph: reader.numberOf(pending[0]) };
        target = untitled;
      }
      (target.body ??= []).push(...body);
    }
    pending = [];
  };
  const runInNumbers = new Set(roles.flatMap((r) => (r.kind === 'heading' && r.level > 3 ? [r.title] : [])));
  const runInByNumber = (p: DraftParagraph) => runInNumbers.has(plainText(p.children).trim());

  for (let i = coverEnd; i < blocks.length; i++) {
    const role = roles[i];
    const b = blocks[i];
    if (role.kind === 'contents' || role.kind === 'page-number') {
      log.engineMade.push(plainText(b.type === 'paragraph' ? b.children : [b]));
      continue;
    }
    if (role.kind === 'preface') {
      flush();
      // 前 言 -> 前言: the spaces typed between its characters go (not those of a footnote after them)
      preface = { title: reader.title(b as DraftParagraph).replace(/^[^^]*/, (words) => words.replace(/\s+/g, '')), body: [] };
      target = preface;
      continue;
    }
    if (role.kind === 'heading' && role.level <= 3) {
      flush();
      const part: Part = { title: role.title };
      const level = Math.min(role.level, open.length + 1); // a level skipped is the next one down
      open.length = level - 1;
      if (level === 1) (appendices.length || (role.appendix && chapters.length) ? appendices : chapters).push(part);
      else (open[level - 2].sections ??= []).push(part);
      open.push(part);
      target = part;
      continue;
    }
    pending.push(b);
  }
  flush();
  if (untitled && preface) {
    preface.body.unshift(...untitled.body);
    log.notCarried(untitled.paragraph, `text before the title of the preface (${preface.title}): put at the start of the preface`);
  } else if (untitled && chapters.length) {
    preface = { title: '前言', body: untitled.body };
    log.notCarried(untitled.paragraph, 'text before the first chapter, with no 前言 above it: put in a preface titled 前言');
  }
  // articles are numbered through the preface and chapters, afresh in each appendix
  articles.settle([...(preface ? [preface.body] : []), ...chapters.flatMap(bodiesOf)], log);
  for (const appendix of appendices) articles.settle(bodiesOf(appendix), log);
  if (!chapters.length) {
    const noChapter = 'no chapter heading found (a heading style or a typed number such as 第一章, 1, 一、)';
    if (untitled && !preface) {
      chapters.push({ title: '正文', body: untitled.body });
      log.notCarried(0, `${noChapter}: the text is one chapter titled 正文`);
    } else {
      chapters.push({ title: '正文' });
      log.notCarried(0, `${noChapter}: ${preface ? 'the text stays in the preface, and an empty chapter titled 正文 follows it' : 'an empty chapter titled 正文 is written'} (a report has at least one chapter)`);
    }
  }
  return { report, ...(preface ? { preface } : {}), chapters, ...(appendices.length ? { appendices } : {}) };
}

/** The bodies of a part and of its sections, in the order of the draft. */
function bodiesOf(part: Part): Block[][] {
  return [...(part.body ? [part.body] : []), ...(part.sections ?? []).flatMap(bodiesOf)];
}

/** The role of each top-level block in the outline. */
function outlineRoles(blocks: readonly DraftBlock[], reader: BlockReader, log: ImportLog): Role[] {
  const texts = blocks.map((b) => (b.type === 'paragraph' ? plainText(b.children).trim() : ''));
  const styled = blocks.some((b) => b.type === 'paragraph' && headingStyleLevel(b) !== undefined);
  const contents = contentsLines(blocks, texts).map((typed, i) => typed || (blocks[i].type === 'paragraph' && reader.inContentsField(blocks[i] as DraftParagraph)));
  // without heading styles: the kinds of typed numbers of the outline, outermost first, give the levels
  const items = blocks.map((b, i): OutlineItem => {
    if (b.type !== 'paragraph' || contents[i]) return { caseCaption: false, endsCase: b.type === 'table' };
    const caption = captionOf(texts[i]);
    const numbered = !styled && !reader.inTextBox(b) && !b.numbering && looksLikeHeading(texts[i]) && withoutNumber(texts[i]) !== texts[i];
    return { numberKind: numbered ? numberPatternOf(texts[i])?.name : undefined, caseCaption: opensCase(texts[i]), endsCase: caption !== undefined };
  });
  const kinds = outlineKinds(items);
  const levels = new Map(NUMBER_PATTERNS.filter((p) => kinds.has(p.name)).map((p, k) => [p.name, k + 1]));
  return blocks.map((b, i): Role => {
    if (contents[i]) return { kind: 'contents' };
    if (b.type !== 'paragraph') return { kind: 'body' };
    const text = texts[i];
    if (!text) return { kind: 'body' };
    if (isPageNumber(text)) return { kind: 'page-number' };
    if (isPrefaceTitle(text) && (styled ? headingStyleLevel(b) !== undefined || looksLikeHeading(text) : true)) return { kind: 'preface' };
    const appendix = APPENDIX_HEADING.exec(text);
    if (appendix && looksLikeHeading(text) && (styled ? headingStyleLevel(b) === 1 : true)) {
      if (text.slice(appendix[0].length)) log.engineMade.push(appendix[0]);
      const title = reader.title(b);
      return { kind: 'heading', level: 1, title: title.replace(APPENDIX_HEADING, '') || title, appendix: true };
    }
    const level = styled ? headingStyleLevel(b) : levels.get(items[i].numberKind ?? '');
    if (level === undefined) return { kind: 'body' };
    if (level > 3) return { kind: 'heading', level, title: text };
    const words = withoutNumber(text).replace(/\s+/g, ' ');
    if (words !== text.replace(/\s+/g, ' ')) log.engineMade.push(text.slice(0, text.length - words.length));
    return { kind: 'heading', level, title: withoutNumber(reader.title(b)) };
  });
}

/** Which blocks are a contents or list typed in the draft: its title and the entries below it. */
function contentsLines(blocks: readonly DraftBlock[], texts: readonly string[]): boolean[] {
  let inContents = false;
  return blocks.map((b, i) => {
    if (b.type !== 'paragraph') return (inContents = false);
    if (isContentsTitle(texts[i])) return (inContents = true);
    return (inContents &&= !texts[i] || isContentsEntry(texts[i], b.styleName));
  });
}

/** The level of a heading style (1 for Heading 1 / 标题 1), if the paragraph has one. */
function headingStyleLevel(p: DraftParagraph): number | undefined {
  const m = HEADING_STYLE.exec(p.styleName ?? '') ?? HEADING_STYLE.exec(p.styleId ?? '');
  return m ? Number(m[1]) : undefined;
}

/** A cover line that names the report: its title (上海市静安区教育局 may stand above it). */
const NAMES_REPORT = /报告|年报|白皮书|公报|蓝皮书/;

/**
 * The cover: title (the first line that names a report, 报告 …, else the first line), subtitle
 * in brackets, date, issuer; other lines are reported.
 */
function cover(blocks: readonly DraftBlock[], reader: BlockReader, log: ImportLog, fallbackTitle: string): ImportedReport['report'] {
  const report: ImportedReport['report'] = { title: '' };
  const textOf = (b: DraftBlock) => (b.type === 'paragraph' ? plainText(b.children).trim().replace(/\s+/g, ' ') : '');
  // (not a subtitle in brackets, nor a sentence: 本报告数据截至2024年底。)
  const named = blocks.find((b) => NAMES_REPORT.test(textOf(b)) && !/^[（(].*[）)]$|[。；！？]$/.test(textOf(b)));
  if (named) report.title = reader.title(named as DraftParagraph);
  for (const b of blocks) {
    if (b === named) continue;
    const text = textOf(b);
    if (b.type === 'paragraph' && !text) continue;
    const line = () => reader.title(b as DraftParagraph);
    if (!report.title && text) report.title = line();
    else if (!report.subtitle && /^[（(].*[）)]$/.test(text)) report.subtitle = line();
    else if (!report.date && /^\d{4}\s*年(\s*\d{1,2}\s*月)?(\s*\d{1,2}\s*日)?$/.test(text)) report.date = line();
    else if (!report.issuer && text && text.length <= 30) report.issuer = line();
    else log.notCarried(reader.numberOf(b), 'a part of the cover (before the first heading), left out', text || plainText([b]));
  }
  if (!report.title) report.title = fallbackTitle;
  return report;
}
