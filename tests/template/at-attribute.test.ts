/** The templates' `at` attribute: any file name, as XML can hold it, read back as it was. */
import { describe, expect, it } from 'vitest';
import { atAttribute, placeOfAt } from '../../src/template/at-attribute.js';

/** What XML 1.0 holds in an attribute's value (its `Char`), less what it turns into a space (tab, line ends). */
const XML_CHAR = /^[\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

describe('at attribute', () => {
  it('writes every file name as XML can hold it, and reads it back as it was: control characters, %, U+FFFE, U+FFFF, a lone surrogate, a line or paragraph separator', () => {
    for (const file of ['r.yaml', 'a\nb.yaml', '100%\x1b[31m.yaml', 'c\x85d.yaml', 'e\uFFFEf\uFFFF.yaml', 'g\uD800h.yaml', '报告/%41\u{20000}.yaml', '%uFFFE.yaml', 'i\u2028j\u2029k.yaml']) {
      const value = atAttribute({ file, line: 12, col: 5 });
      expect({ file, valid: XML_CHAR.test(value) }).toEqual({ file, valid: true });
      expect(placeOfAt(value)).toEqual({ file, line: 12, col: 5 });
    }
  });
});
