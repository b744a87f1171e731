/** The words of the commands Imprint prints for the user to run: a shell reads each back as the text it names, and the word is one line without control characters. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellWord } from '../../src/shell-word.js';

/** What bash reads `word` as. */
const readBack = (word: string) => spawnSync('bash', ['-c', `printf %s ${word}`], { encoding: 'utf8' }).stdout;

describe('shell word', () => {
  it("is read back by the shell as the text, and holds no control character (a line break, a tab, an escape, U+0085, U+2028: printed raw in 'next: cd …' and 'mkdir -p …')", () => {
    for (const text of ['report', '报告/2025', 'a b', "it's", 'a\nb', 'a\tb', 'x\x1b[31my', 'c\x85d', 'e\u2028f\u2029g', "q'\n\\", '\u{20000}\x7f']) {
      const word = shellWord(text);
      expect({ text, word, controls: /[\p{Cc}\u2028\u2029]/u.test(word) }).toEqual({ text, word, controls: false });
      expect(readBack(word)).toBe(text);
    }
  });
});
