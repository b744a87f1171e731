/**
 * The title of the list of tables, cases and figures in the front matter, worded by what it
 * lists, as Chinese reports title it: a list with a case is 图表与案例目录; without one, tables
 * and figures 图表目录, tables alone 表格目录, figures alone 插图目录 (a 统计公报 of tables and
 * figures was titled 图表与案例目录 over a list without one case).
 */
import type { ListedView } from './view.js';

/** The titles by the kinds listed (sorted, joined by a space), a list with a case aside. */
const TITLES: Readonly<Record<string, string>> = { table: '表格目录', figure: '插图目录', 'figure table': '图表目录' };

/** The title of a list with a case (or of any other kinds). */
const WITH_CASES = '图表与案例目录';

/** The title of the list of `listed`. */
export function listingTitle(listed: readonly ListedView[]): string {
  const kinds = [...new Set(listed.map((l) => l.kind))].sort().join(' ');
  return TITLES[kinds] ?? WITH_CASES;
}
