/** The inline markup of spec §6.2, parsed into typed nodes; unpaired delimiters stay text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inlinePlainText, parseInline, type InlineNode } from '../../src/content/inline-markup.js';

/** A compact picture of nodes: text as is, constructs as kind(…). */
function show(nodes: InlineNode[]): string {
  return nodes
    .map((n) => {
      switch (n.kind) {
        case 'text':
          return n.text;
        case 'code':
          return `code(${n.text})`;
        case 'ref':
          return `ref(${n.id}${n.part === 'label' ? '' : `#${n.part}`})`;
        case 'link':
          return `link(${n.url}|${show(n.children)})`;
        default:
          return `${n.kind}(${show(n.children)})`;
      }
    })
    .join('');
}

const parse = (s: string) => show(parseInline(s).nodes);

describe('inline markup', () => {
  it('reads each construct of §6.2', () => {
    expect(parse('**一是**坚持')).toBe('strong(一是)坚持');
    expect(parse('要*着重*说明')).toBe('要emphasis(着重)说明');
    expect(parse('数据^[来源：区教育局。]如下')).toBe('数据footnote(来源：区教育局。)如下');
    expect(parse('如[[teachers]]所示，见第 [[teachers#page]] 页，第 [[teachers#number]] 号')).toBe('如ref(teachers)所示，见第 ref(teachers#page) 页，第 ref(teachers#number) 号');
    expect(parse('见[教育局网站](https://example.org/a)。')).toBe('见link(https://example.org/a|教育局网站)。');
    expect(parse('<https://example.org/a/b?x=1&y=2>')).toBe('link(https://example.org/a/b?x=1&y=2|https://example.org/a/b?x=1&y=2)');
    // a mail address printed without its mailto: (nor a query after it), as [address](mailto:address) prints it
    expect(parse('<mailto:zhang@example.cn>')).toBe('link(mailto:zhang@example.cn|zhang@example.cn)');
    expect(parse('<MAILTO:li@example.cn?subject=报告>')).toBe('link(MAILTO:li@example.cn?subject=报告|li@example.cn)');
    expect(parseInline('见<mailto:zhang@example.cn>').nodes[1]).toMatchObject({ kind: 'link', children: [{ kind: 'text', text: 'zhang@example.cn', at: 9 }] });
    // parentheses inside the URL in pairs; the first unpaired ) ends it
    expect(parse('见[维基](https://zh.wikipedia.org/wiki/Foo_(bar))条目。')).toBe('见link(https://zh.wikipedia.org/wiki/Foo_(bar)|维基)条目。');
    expect(parse('（见[这里](https://a.b/x(1)(2)y)）')).toBe('（见link(https://a.b/x(1)(2)y|这里)）');
    expect(parse('[a](https://a.b/x)(b)')).toBe('link(https://a.b/x|a)(b)');
    expect(parse('运行 `ls -l` 查看')).toBe('运行 code(ls -l) 查看');
    expect(parse('面积 20 m^2^，CO~2~ 排放')).toBe('面积 20 msup(2)，COsub(2) 排放');
  });

  it('keeps what the backslash escapes, and a backslash before anything else', () => {
    expect(parse('\\*不是着重\\*，\\[\\[id]]，2\\^3\\^，\\~，\\`，\\\\')).toBe('*不是着重*，[[id]]，2^3^，~，`，\\');
    expect(parse('C:\\data\\new')).toBe('C:\\data\\new');
  });

  it('is CJK-friendly where CommonMark is not: marks beside Chinese punctuation', () => {
    expect(parse('**“火焰蓝”**精神铸魂')).toBe('strong(“火焰蓝”)精神铸魂');
    expect(parse('“**一是**”，**二是**。')).toBe('“strong(一是)”，strong(二是)。');
  });

  it('leaves delimiters that find no partner as they are', () => {
    for (const s of ['5 * 3 = 15', '**未闭合', '2^10 与 3^5', '3~5 年和 6~8 月', '3~5年和6~8月', 'a ` b', '[不是链接] (x)', '[文字](有 空格)', '<不是网址>', 'x < y > z', '***', '^[未闭合'])
      expect(parse(s), s).toBe(s);
  });

  it('nests: emphasis and code in bold, markup in footnotes and link texts', () => {
    expect(parse('**甲*乙*丙**')).toBe('strong(甲emphasis(乙)丙)');
    expect(parse('*甲**乙**丙*')).toBe('emphasis(甲strong(乙)丙)');
    expect(parse('**`a**b`**')).toBe('strong(code(a**b))');
    expect(parse('注^[见 **表 1** 与 [[t1]]，[链接](https://a.b)]。')).toBe('注footnote(见 strong(表 1) 与 ref(t1)，link(https://a.b|链接))。');
    expect(parse('^[甲[乙]丙]')).toBe('footnote(甲[乙]丙)');
    expect(parse('``a ` b``')).toBe('code(a ` b)');
  });

  it('reports real mistakes at their offset and keeps going', () => {
    const r = parseInline('甲[[表 1]]乙^[注一^[注二]]');
    expect(r.problems.map((p) => p.at)).toEqual([1, 13]);
    expect(r.problems[0].message).toContain('not a cross-reference');
    expect(r.problems[1].message).toContain('cannot hold another footnote');
    expect(show(r.nodes)).toBe('甲[[表 1]]乙footnote(注一footnote(注二))');
  });

  it('refuses a link to anything but a web, FTP or mail address, at its URL: a viewer would open javascript: or file: on the reader’s machine', () => {
    for (const url of ['https://a.b/c', 'http://a.b', 'ftp://a.b/f', 'mailto:x@a.b', 'HTTPS://A.B']) expect(parseInline(`[甲](${url})`).problems).toEqual([]);
    const r = parseInline('[甲](javascript:alert(1)) [乙](file:///etc/passwd) [丙](www.example.org/a) [丁](report.pdf)');
    expect(r.problems.map((p) => [p.at, p.message])).toEqual([
      [4, 'a link goes to an https://, http://, ftp:// or mailto: address, not "javascript:alert(1)"'],
      [29, 'a link goes to an https://, http://, ftp:// or mailto: address, not "file:///etc/passwd"'],
      [53, 'a link goes to an https://, http://, ftp:// or mailto: address, not "www.example.org/a" (write https://www.example.org/a)'],
      [76, 'a link goes to an https://, http://, ftp:// or mailto: address, not "report.pdf"'],
    ]);
  });

  it('knows where each node starts', () => {
    const { nodes } = parseInline('甲**乙**丙[[t]]');
    expect(nodes.map((n) => n.at)).toEqual([0, 1, 6, 7]);
  });

  it('gives back the plain text, nothing lost', () => {
    const s = '甲**乙**丙*丁* `c` m^2^ [x](https://a) <https://b> [[t]] 5 * 3';
    expect(inlinePlainText(parseInline(s).nodes)).toBe('甲乙丙丁 c m2 x https://b [[t]] 5 * 3');
  });

  it('reads any string: no markup characters, one text node; otherwise nodes in order, inside the text', () => {
    const piece = fc.constantFrom('*', '**', '`', '^', '~', '[', ']', '[[', ']]', '(', ')', '<', '>', '\\', '^[', 'https://a.b/c', '#page', ' ', '甲', '乙', '，', 'x', '1');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const s = pieces.join('');
        const { nodes } = parseInline(s);
        const starts = nodes.map((n) => n.at);
        expect(starts).toEqual([...starts].sort((a, b) => a - b));
        for (const a of starts) expect(a >= 0 && a < s.length).toBe(true);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[^*`^~[\]<\\]+$/), (s) => {
        expect(parseInline(s).nodes).toEqual([{ kind: 'text', text: s, at: 0 }]);
      }),
    );
  });

  it('returns on long and hostile input (no recursion without bound, no rescans)', () => {
    for (const s of ['*'.repeat(20000), '**a'.repeat(5000), '['.repeat(20000), '^['.repeat(5000), '`'.repeat(20000), '<https://'.repeat(3000)]) {
      expect(inlinePlainText(parseInline(s).nodes).length).toBeGreaterThan(0);
    }
  });
});
