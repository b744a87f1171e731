/**
 * Where an "alias bomb" goes past the limit: the alias at which the `yaml` package's count of
 * the values aliases repeat (`toJS`'s `maxAliasCount`) passes it, found by counting as it counts,
 * in the order it reads the file. Its error names no place; the file's start (1:1) said nothing
 * of where the aliases are.
 */
import { isAlias, isCollection, isNode, isPair, visit, type Alias, type Document } from 'yaml';

/** The yaml package's count for an anchored value: the times it is used, and what one use repeats. */
interface AnchorCount {
  count: number;
  aliasCount: number;
}

/** The alias at which the values aliases repeat pass `max`, in the order `toJS` reads them; undefined when they never do. */
export function aliasPastLimit(doc: Document.Parsed, max: number): Alias | undefined {
  const anchors = new Map<unknown, AnchorCount>();
  // what one use of `node` repeats (as the package's getAliasCount)
  const repeats = (node: unknown): number => {
    if (isAlias(node)) {
      const a = anchors.get(node.resolve(doc));
      return a ? a.count * a.aliasCount : 0;
    }
    if (isCollection(node)) return Math.max(0, ...node.items.map(repeats));
    if (isPair(node)) return Math.max(repeats(node.key), repeats(node.value));
    return 1;
  };
  let past: Alias | undefined;
  visit(doc, (_key, node) => {
    if (isNode(node) && !isAlias(node) && node.anchor) anchors.set(node, { count: 1, aliasCount: 0 });
    const a = isAlias(node) ? anchors.get(node.resolve(doc)) : undefined;
    if (!a) return undefined;
    a.count += 1;
    if (a.aliasCount === 0) a.aliasCount = repeats((node as Alias).resolve(doc));
    if (a.count * a.aliasCount <= max) return undefined;
    past = node as Alias;
    return visit.BREAK;
  });
  return past;
}
