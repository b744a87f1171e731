/**
 * Problems as printed: an error repeated in one file (a list indented wrong makes one at every
 * item) is printed three times, then counted, so that the first, the one to mend, stays in view.
 */
import { describe, expect, it } from 'vitest';
import { shownProblems, type Problem } from '../../src/problems.js';

const at = (file: string, line: number, message: string, severity: Problem['severity'] = 'error'): Problem => ({ pos: { file, line, col: 9 }, message, severity });

describe('shownProblems', () => {
  it('a message given a thousand times: three of it, then one line counting the rest at the first not shown, to its last line', () => {
    const many = Array.from({ length: 1000 }, (_, i) => at('r.yaml', 14 + i, 'a block must be a paragraph'));
    expect(shownProblems([at('r.yaml', 13, '`rows:` must be a list'), ...many])).toEqual([
      'r.yaml:13:9: `rows:` must be a list',
      'r.yaml:14:9: a block must be a paragraph',
      'r.yaml:15:9: a block must be a paragraph',
      'r.yaml:16:9: a block must be a paragraph',
      'r.yaml:17:9: 997 more like the one above, to line 1013',
    ]);
  });
  it('other messages keep their places among them; the same message in another file is counted apart; three or four of one are all shown or one counted', () => {
    const shown = shownProblems([at('a.yaml', 1, 'm'), at('a.yaml', 2, 'other'), at('a.yaml', 3, 'm'), at('b.yaml', 3, 'm'), at('a.yaml', 4, 'm'), at('a.yaml', 5, 'm', 'warning'), at('a.yaml', 6, 'm')]);
    expect(shown).toEqual(['a.yaml:1:9: m', 'a.yaml:2:9: other', 'a.yaml:3:9: m', 'b.yaml:3:9: m', 'a.yaml:4:9: m', 'a.yaml:6:9: 1 more like the one above, here', 'a.yaml:5:9: warning: m']);
    expect(shownProblems([at('a.yaml', 1, 'm'), at('a.yaml', 2, 'm'), at('a.yaml', 3, 'm')])).toHaveLength(3);
  });
  it('warnings are all printed (the build goes on; each names a place of the PDF)', () => {
    expect(shownProblems(Array.from({ length: 5 }, (_, i) => at('a.yaml', i + 1, 'no font has 😀', 'warning')))).toHaveLength(5);
  });
});
