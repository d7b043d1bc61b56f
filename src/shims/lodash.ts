/**
 * Bundle-time stand-in for `lodash`, of which sdk-core's signers use only `sortBy(array, iteratee)`
 * (stable, ascending). See src/shims/moment.ts for why; a unit test compares it with lodash.
 * @example sortBy(['b', 'A'], (x) => x.toLowerCase()) // ['A', 'b']
 */
export function sortBy<T>(items: readonly T[], iteratee: (item: T) => string | number): T[] {
  return items
    .map((item, index) => ({ item, index, key: iteratee(item) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index))
    .map((entry) => entry.item);
}
