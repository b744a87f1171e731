/**
 * A line breaks inside a run of letters and digits of a word (at a camelCase hump, before digits:
 * `getUserInfoBy|IdAsync`, which reads as two words) only as a last resort: where a break after
 * one of the word's marks (`.` `/` `_`) or at a space leaves lines within the justification
 * limits, a line standing short beside the word up to a third of the measure, that break is
 * taken. Paragraphs of helper-91's manual (pp. 6, 13, 17, 26), set with the real fonts at its
 * measures.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { fakeStyle } from '../helpers/fake-font.js';
import { lineTexts } from './line-text.js';
import { DEFAULT_LOOK } from '../../src/text/atoms.js';
import { setParagraph } from '../../src/text/paragraph.js';
import { FaceSet } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import { FaceTextFont } from '../../src/text/text-font.js';
import type { Line } from '../../src/text/justify.js';

const root = path.resolve(import.meta.dirname, '../..');

/** Where a line ends between two letters or digits of a word (`Back|Off`). */
function runBreaks(lines: Line[]): string[] {
  return lines.slice(1).flatMap(({ atoms: [first] }, i) => {
    const last = lines[i].atoms.at(-1)!;
    return first.continuesWord && /[A-Za-z0-9]$/.test(last.text) && /^[A-Za-z0-9]/.test(first.text) ? [`${last.text}|${first.text}`] : [];
  });
}

describe('a break inside a run of letters and digits', () => {
  const faces = new FaceSet(loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]));
  const font = new FaceTextFont(faces.keyOf('serif'), (k) => faces.byKey(k));
  const mono = new FaceTextFont(faces.keyOf('mono'), (k) => faces.byKey(k));
  const look = { ...DEFAULT_LOOK, code: { regular: [mono], bold: [mono] } };
  const set = (text: string, width: number, indent: number) =>
    setParagraph(parseInlineMarkup(text), { regular: [font], bold: [font], size: 12, punctuation: 'gb', width, indent, align: 'justify', look }).lines;

  it.each([
    // a list item's measure (p. 6, p. 13): the line stands short after the object's name
    ['修改完成后点击“提交”，系统调用 `authService.getUserInfoByIdAsync` 接口（/api/v2/auth/users/{userId}）保存数据，并在页面顶部提示“保存成功”。', 402, 0, 'authService.'],
    ['修改完成后点击“提交”，系统调用 `studentService.listStudentRecordsByClassIdAsync` 接口（/api/v2/student/records）保存数据，并在页面顶部提示“保存成功”。', 402, 0, 'studentService.'],
    // (p. 26) before a resource's custom method, after the `:` that joins them (as a `.` joins a name's parts)
    ['以 `batchImportExamScoresFromExcelAsync` 为例说明调用方法。该接口对应 HTTP 请求 `GET /api/v2/score/exams/{examId}/scores:batchImport`，调用方须在请求头中携带 `Authorization: Bearer <token>`，令牌的获取方法见 2.6 节。', 442, 24, 'scores:'],
  ])('gives way to a break after a mark of the word: %s', (text, width, indent, end) => {
    const lines = set(text, width, indent);
    expect(runBreaks(lines)).toEqual([]);
    expect(lineTexts(lines).some((line) => line.endsWith(end)), lineTexts(lines).join('\n')).toBe(true);
  });

  it('gives way to a looser line before it (p. 17: CrashLoopBack|Off)', () => {
    const text = '答：通常是上游服务未启动或正在重启。执行 `kubectl -n edu-prod get pods -l app=edu-student-svc` 查看状态；若为 `CrashLoopBackOff`，用 `kubectl logs --previous` 查看上一次崩溃的日志。';
    const lines = set(text, 442, 24);
    expect(runBreaks(lines), lineTexts(lines).join('\n')).toEqual([]);
  });

  it('gives way on a character grid too, the line standing short (GB/T 9704)', () => {
    const lines = lineTexts(setParagraph(parseInlineMarkup('甲乙丙丁 `abcd.efghiJklmnopq` 戊己'), { ...fakeStyle(10), cell: 10 }).lines);
    expect(lines).toEqual(['甲乙丙丁abcd.', 'efghiJklmnopq戊己']);
  });

  it('is still taken where every other break leaves a line too short or too loose', () => {
    // (the line before the name would stand 40% of the measure short)
    const lines = lineTexts(setParagraph(parseInlineMarkup('甲乙丙丁戊己 `abcdefgHijklmnopq`'), fakeStyle(10)).lines);
    expect(lines).toEqual(['甲乙丙丁戊己abcdefg', 'Hijklmnopq']);
  });
});
