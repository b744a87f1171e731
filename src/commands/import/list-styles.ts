/**
 * The list style (spec §6.3) of each Word numbering level, from word/numbering.xml read with
 * saxes (mammoth keeps only whether a level is a bullet): the number format and the text
 * around the number, e.g. chineseCounting with `%1、` is `一、`.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** The list styles of the format. */
export type ListStyle = 'bullet' | '一、' | '（一）' | '1.' | '（1）' | '①';

/** A numbering level's style, by `numId` and level (0-based). */
export type ListStyles = (numId: string, level: number) => ListStyle | undefined;

/** Word's number formats that count in Chinese numerals. */
const CHINESE = /^(chineseCounting|chineseCountingThousand|chineseLegalSimplified|ideographTraditional|ideographDigital|japaneseCounting|taiwaneseCounting)/;

/** The style of a level of format `numFmt` whose number is written as `lvlText` (`%1.`). */
export function listStyleOf(numFmt: string, lvlText: string): ListStyle {
  if (numFmt === 'bullet') return 'bullet';
  if (/^decimalEnclosedCircle/.test(numFmt)) return '①';
  const parenthesised = /^[（(]%\d[）)]$/.test(lvlText.trim());
  if (CHINESE.test(numFmt)) return parenthesised ? '（一）' : '一、';
  return parenthesised ? '（1）' : '1.';
}

/** Reads numbering.xml (absent: no styles known). Throws on XML that is not well formed. */
export function readListStyles(xml: string | undefined): ListStyles {
  const abstracts = new Map<string, Map<number, ListStyle>>();
  const nums = new Map<string, string>();
  if (xml) {
    let abstract: Map<number, ListStyle> | undefined;
    let level: { index: number; numFmt: string; lvlText: string } | undefined;
    let num: string | undefined;
    const parser = new SaxesParser({ xmlns: false });
    parser.on('opentag', (tag: SaxesTagPlain) => {
      const val = String(tag.attributes['w:val'] ?? '');
      if (tag.name === 'w:abstractNum') abstracts.set(String(tag.attributes['w:abstractNumId']), (abstract = new Map()));
      else if (tag.name === 'w:lvl' && abstract) level = { index: Number(tag.attributes['w:ilvl'] ?? 0), numFmt: 'decimal', lvlText: '%1.' };
      else if (tag.name === 'w:numFmt' && level) level.numFmt = val;
      else if (tag.name === 'w:lvlText' && level) level.lvlText = val;
      else if (tag.name === 'w:num') num = String(tag.attributes['w:numId']);
      else if (tag.name === 'w:abstractNumId' && num !== undefined) nums.set(num, val);
    });
    parser.on('closetag', (tag) => {
      if (tag.name === 'w:lvl' && level && abstract) {
        abstract.set(level.index, listStyleOf(level.numFmt, level.lvlText));
        level = undefined;
      } else if (tag.name === 'w:abstractNum') abstract = undefined;
      else if (tag.name === 'w:num') num = undefined;
    });
    parser.write(xml).close();
  }
  return (numId, level) => abstracts.get(nums.get(numId) ?? '')?.get(level);
}
