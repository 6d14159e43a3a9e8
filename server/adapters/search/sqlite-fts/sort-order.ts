import type { SearchQuery } from '../port.ts';
import type { DocTable } from './doc-table.ts';
import type { TextMatches } from './index-cache.ts';

/** Positions into a list of matches, ordered by a sort. */
export type PositionOrder = (a: number, b: number) => number;

/** The first `count` positions in `compare` order, without sorting everything when `count` is small. */
export function topPositions(positions: Int32Array, count: number, compare: PositionOrder): number[] {
  if (count <= 0) return [];
  if (count * 4 >= positions.length) return Array.from(positions).sort(compare).slice(0, count);
  const best: number[] = [];
  for (const item of positions) {
    if (best.length === count && compare(item, best[count - 1]!) >= 0) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compare(best[middle]!, item) <= 0) low = middle + 1;
      else high = middle;
    }
    best.splice(low, 0, item);
    if (best.length > count) best.pop();
  }
  return best;
}

/**
 * The sort of a query over positions: typo tier then relevance when `ranked` is given, else the
 * query's sort; every sort ends with newest, then id ascending.
 */
export function positionOrder(
  query: SearchQuery,
  ranked: TextMatches | null,
  ridAt: (position: number) => number,
  table: DocTable,
): PositionOrder {
  const { ids, createdAt, salaryMin, salaryMax } = table;
  const byNewest = (a: number, b: number) => {
    const ridA = ridAt(a);
    const ridB = ridAt(b);
    const idA = ids[ridA]!;
    const idB = ids[ridB]!;
    return createdAt[ridB]! - createdAt[ridA]! || (idA < idB ? -1 : idA > idB ? 1 : 0);
  };
  if (ranked) {
    const scores = ranked.scores!;
    const tiers = ranked.tiers!;
    return (a, b) => tiers[a]! - tiers[b]! || scores[b]! - scores[a]! || byNewest(a, b);
  }
  if (query.sort === 'salary') {
    return (a, b) => {
      const ridA = ridAt(a);
      const ridB = ridAt(b);
      return salaryMax[ridB]! - salaryMax[ridA]! || salaryMin[ridB]! - salaryMin[ridA]! || byNewest(a, b);
    };
  }
  return byNewest;
}
