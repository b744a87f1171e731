/** A report whose table has groups of rows joined by merged cells (tests of their page breaks). */

const content = '围绕专业群建设开展课程改革，完善人才培养方案，推进校企合作与产教融合，建设实训基地。';

/** `fillers` paragraphs of three lines, then a table of three groups of six two-line rows, each group under a merged cell 专业群N. */
export function groupedReport(fillers: number): string {
  const rows = [1, 2, 3].flatMap((g) => Array.from({ length: 6 }, (_, i) => `              - [${i === 0 ? `{text: 专业群${g}, rowspan: 6}, ` : ''}项目${g}之${i}, "${content}", "${100 + i}"]`));
  return [
    'report:',
    '  title: 分组',
    'chapters:',
    '  - title: 第一章',
    '    body:',
    ...Array.from({ length: fillers }, (_, i) => `          - 第${i}段，${'这是表前用来占位的正文文字，说明有关情况。'.repeat(3)}`),
    '          - table:',
    '              title: 专业群建设项目',
    '              columns: [专业群, 项目, 主要内容, 经费]',
    '              rows:',
    ...rows,
    '',
  ].join('\n');
}
