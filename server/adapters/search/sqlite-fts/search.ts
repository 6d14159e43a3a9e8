import { assertValidSearchQuery, type SearchHit, type SearchQuery, type SearchResult } from '../port.ts';
import type { SearchConnection } from './connection.ts';
import { countFacets, filterPredicate } from './filters.ts';
import { hitHighlights } from './highlight.ts';
import { currentIndexCache, recentResult, withEmptyQueryCaches, type IndexCache } from './index-cache.ts';
import { planQuery, type QueryVocabulary } from './query-planner.ts';
import { positionOrder, topPositions } from './sort-order.ts';
import type { TextMatcher } from './text-matches.ts';

export interface SearchDeps {
  connection: SearchConnection;
  vocabulary: QueryVocabulary;
  matcher: TextMatcher;
  /** Off, each search starts from empty caches of text queries and word groups of its own. */
  queryCache: boolean;
}

/**
 * FTS5 finds the matching rows (and their bm25 score when ranking by relevance); filters, facet
 * counts, sorting and paging then run over the document facts in memory, which is much faster than
 * joining and grouping in SQL for result sets of thousands of postings.
 */
export function createSearch(deps: SearchDeps): (query: SearchQuery) => SearchResult {
  const { connection, vocabulary, matcher } = deps;

  /** The title and description of the rowids, for highlighting. */
  function textsOf(rids: number[]): Map<number, { title: string; description: string }> {
    const rows = connection
      .statement(
        `SELECT rid, title, description FROM ${connection.tables.docs}
        WHERE rid IN (${rids.map(() => '?').join(', ')})`,
      )
      .raw()
      .all(...rids) as [number, string, string][];
    return new Map(rows.map(([rid, title, description]) => [rid, { title, description }]));
  }

  /** Frozen, since it is shared by every caller asking the same until the next write. */
  function frozen(result: SearchResult): SearchResult {
    for (const hit of result.hits) Object.freeze(hit);
    Object.freeze(result.hits);
    Object.freeze(result.facets);
    return Object.freeze(result);
  }

  function answer(query: SearchQuery, cache: IndexCache): SearchResult {
    const started = performance.now();
    const plan = planQuery(query.q, vocabulary, cache);
    const accepts = filterPredicate(query.filter, cache.docs);
    const byRelevance = query.sort === 'relevance' && plan !== null;
    const found = plan ? matcher.textMatches(plan, byRelevance, cache) : null;

    // Positions into `found` (or rowids when browsing) of the open postings that pass the filter.
    const candidates = found ? found.rids : null;
    const positions = new Int32Array(candidates ? candidates.length : cache.docs.end);
    let total = 0;
    if (candidates) {
      for (let i = 0; i < candidates.length; i++) if (accepts(candidates[i]!)) positions[total++] = i;
    } else {
      for (let rid = 1; rid < cache.docs.end; rid++) if (accepts(rid)) positions[total++] = rid;
    }
    const matched = positions.subarray(0, total);
    const ridAt = candidates ? (position: number) => candidates[position]! : (position: number) => position;
    let matchedRids = matched;
    if (candidates) {
      matchedRids = new Int32Array(total);
      for (let i = 0; i < total; i++) matchedRids[i] = candidates[matched[i]!]!;
    }

    const facets = countFacets(matchedRids, [...new Set(query.facets)], cache.docs);
    const page = topPositions(
      matched,
      query.offset + query.limit,
      positionOrder(query, byRelevance ? found : null, ridAt, cache.docs),
    ).slice(query.offset);
    const pageRids = page.map(ridAt);
    const texts = query.highlight && plan && page.length > 0 ? textsOf(pageRids) : null;
    const hits = page.map((position, i): SearchHit => {
      const rid = pageRids[i]!;
      const hit: SearchHit = { id: cache.docs.ids[rid]! };
      if (byRelevance) hit.score = found!.scores![position]!;
      const text = texts?.get(rid);
      if (plan && text) hit.highlights = hitHighlights(vocabulary.analyzer, text, plan);
      return hit;
    });
    return frozen({ hits, total, facets, processingTimeMs: performance.now() - started });
  }

  return function search(query) {
    assertValidSearchQuery(query);
    const cache = deps.queryCache
      ? currentIndexCache(connection)
      : withEmptyQueryCaches(currentIndexCache(connection));
    return recentResult(cache, JSON.stringify(query), () => answer(query, cache));
  };
}
