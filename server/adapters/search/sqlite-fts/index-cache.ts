import type Database from 'better-sqlite3';
import type { SearchResult } from '../port.ts';
import type { SearchConnection } from './connection.ts';
import { DocTable, type DocFacts } from './doc-table.ts';
import { isPlaceholder } from './text-analyzer.ts';
import { GroupRowsCache } from './word-groups.ts';

/** Bounds of the recent text query cache: entries, and rowids over all entries (4 to 13 bytes each). */
const TEXT_MATCH_ENTRIES = 64;
const TEXT_MATCH_ROWS = 1_000_000;
/** Bound of the recent results cache: whole answers (a page of hits with highlights, and facets). */
const RESULT_ENTRIES = 256;
/** Bounds of the cache of word groups' rows: entries, rowids over all entries, writes remembered. */
const GROUP_LIMITS = { entries: 1024, rows: 2_000_000, changes: 256 };

/** The rowids a text query matches, with what relevance ranking needs, kept per write generation. */
export interface TextMatches {
  /** Ascending. */
  rids: Int32Array;
  /** Higher is better (negated bm25), aligned with `rids`; computed on the first relevance sort. */
  scores: Float64Array | null;
  /** 0 when the posting matches without typos or prefixes, aligned with `rids`. */
  tiers: Uint8Array | null;
}

/** Indexed terms and document facts, shared by every index object over one database handle and prefix. */
export interface IndexCache {
  /** `PRAGMA data_version` when loaded: it moves when another connection commits. */
  dataVersion: number;
  terms: Set<string>;
  termsByLength: Map<number, string[]>;
  docs: DocTable;
  /**
   * Recent text queries (FTS5 match expression → matches), least recently used first: filter, sort,
   * facet and page changes repeat the same text. Every write empties it (its bm25 scores depend on the
   * whole board), so results never go stale; the word groups below survive writes.
   */
  textMatches: Map<string, TextMatches>;
  /** Rowids held by `textMatches`, to bound its memory. */
  textMatchRows: number;
  /**
   * Recent whole answers (the query as JSON → its result), least recently used first: the search page's
   * traffic repeats queries (browsing, popular words, paging back), and planning, facets and highlights
   * cost far more than a look-up. Emptied with `textMatches` on every write.
   */
  results: Map<string, SearchResult>;
  /**
   * Rows of single query word groups (`("golang" OR "go" OR "golang"*)`): a query is the intersection
   * of its groups, computed here instead of by FTS5 so that queries sharing words (typing on, changing
   * one word, the strict tier, the title ranking) read each group's rows once, and kept current
   * across writes (word-groups.ts).
   */
  groups: GroupRowsCache;
}

/** The same documents and terms, with caches of text queries and word groups of its own, empty. */
export function withEmptyQueryCaches(cache: IndexCache): IndexCache {
  return {
    ...cache,
    textMatches: new Map(),
    textMatchRows: 0,
    results: new Map(),
    groups: new GroupRowsCache(GROUP_LIMITS),
  };
}

function emptyIndexCache(dataVersion: number): IndexCache {
  return {
    dataVersion,
    terms: new Set(),
    termsByLength: new Map(),
    docs: new DocTable(),
    textMatches: new Map(),
    textMatchRows: 0,
    results: new Map(),
    groups: new GroupRowsCache(GROUP_LIMITS),
  };
}

export function addTerm(cache: IndexCache, term: string): void {
  if (cache.terms.has(term) || isPlaceholder(term)) return;
  cache.terms.add(term);
  const bucket = cache.termsByLength.get(term.length);
  if (bucket) bucket.push(term);
  else cache.termsByLength.set(term.length, [term]);
}

const indexCaches = new WeakMap<Database.Database, Map<string, IndexCache>>();

/** The shared cache, loaded afresh when there is none or another connection has committed since. */
export function currentIndexCache(connection: SearchConnection): IndexCache {
  const { db, tables, statement } = connection;
  let byPrefix = indexCaches.get(db);
  if (!byPrefix) {
    byPrefix = new Map();
    indexCaches.set(db, byPrefix);
  }
  const dataVersion = db.pragma('data_version', { simple: true }) as number;
  let cache = byPrefix.get(tables.prefix);
  if (!cache || cache.dataVersion !== dataVersion) {
    const fresh = emptyIndexCache(dataVersion);
    for (const term of statement(`SELECT term FROM ${tables.vocab}`).pluck().iterate()) {
      addTerm(fresh, term as string);
    }
    const rows = statement(
      `SELECT rid, id, status, salary_min_usd AS salaryMinUsd, salary_max_usd AS salaryMaxUsd,
        created_at AS createdAt, filters FROM ${tables.docs}`,
    ).iterate() as IterableIterator<Omit<DocFacts, 'filters'> & { rid: number; filters: string }>;
    for (const row of rows) {
      fresh.docs.set(row.rid, { ...row, filters: JSON.parse(row.filters) as DocFacts['filters'] });
    }
    cache = fresh;
    byPrefix.set(tables.prefix, cache);
  }
  return cache;
}

/** The shared cache if loaded; writes through this connection keep it current instead of reloading. */
export function loadedIndexCache(connection: SearchConnection): IndexCache | undefined {
  return indexCaches.get(connection.db)?.get(connection.tables.prefix);
}

/** Drops the shared cache: this connection's own writes do not move `data_version`. */
export function forgetIndexCache(connection: SearchConnection): void {
  indexCaches.get(connection.db)?.delete(connection.tables.prefix);
}

/** From the cache of recent text queries when it holds `match`, else computed and remembered. */
export function recentTextMatches(cache: IndexCache, match: string, rowsOf: () => Int32Array): TextMatches {
  let entry = cache.textMatches.get(match);
  if (entry) {
    // Re-insert: the Map's order is the recency order.
    cache.textMatches.delete(match);
    cache.textMatches.set(match, entry);
    return entry;
  }
  entry = { rids: rowsOf(), scores: null, tiers: null };
  cache.textMatchRows += entry.rids.length;
  cache.textMatches.set(match, entry);
  for (const [key, old] of cache.textMatches) {
    if (cache.textMatches.size <= TEXT_MATCH_ENTRIES && cache.textMatchRows <= TEXT_MATCH_ROWS) break;
    if (old === entry) break;
    cache.textMatches.delete(key);
    cache.textMatchRows -= old.rids.length;
  }
  return entry;
}

/** From the cache of recent results when it holds `key`, else computed and remembered. */
export function recentResult(cache: IndexCache, key: string, compute: () => SearchResult): SearchResult {
  const kept = cache.results.get(key);
  if (kept) {
    cache.results.delete(key);
    cache.results.set(key, kept);
    return kept;
  }
  const result = compute();
  cache.results.set(key, result);
  if (cache.results.size > RESULT_ENTRIES) cache.results.delete(cache.results.keys().next().value!);
  return result;
}
