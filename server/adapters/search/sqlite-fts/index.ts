import Database from 'better-sqlite3';
import type { SearchIndex, SearchVocabulary } from '../port.ts';
import { createSearchConnection } from './connection.ts';
import { forgetIndexCache } from './index-cache.ts';
import { createQueryVocabulary } from './query-planner.ts';
import { openSearchTables, searchTables } from './schema.ts';
import { createSearch } from './search.ts';
import { createTextAnalyzer } from './text-analyzer.ts';
import { BM25_ROW_LIMIT, createTextMatcher } from './text-matches.ts';
import { createSearchWriter } from './writes.ts';

/**
 * The embedded search engine: SQLite FTS5 in the store's file, with Meilisearch-like behaviour built
 * around it. Text is tokenized in JavaScript (text-analyzer.ts); the query planner expands each query
 * word to its synonyms and to the indexed terms within Meilisearch's typo budget, and all words must
 * match (query-planner.ts); filters, facets and sorts run over document facts kept in memory
 * (doc-table.ts, filters.ts), beside caches that writes keep current (index-cache.ts, word-groups.ts).
 */

export interface SqliteSearchIndexOptions {
  /** A better-sqlite3 handle (shared with the store) or a file to open. */
  db: Database.Database | { file: string };
  vocabulary: SearchVocabulary;
  /** Prefix of this index's tables, letters, digits and `_` only. */
  tablePrefix?: string;
  /** Most matches ranked by bm25; more are ranked by attribute. Default BM25_ROW_LIMIT. */
  relevanceRowLimit?: number;
  /**
   * Keep recent text queries' and word groups' rows between searches (default true). Off, every
   * search asks FTS5 afresh: what a query no one has asked before costs, and less memory.
   */
  queryCache?: boolean;
}

export function createSqliteSearchIndex(options: SqliteSearchIndexOptions): SearchIndex {
  const tables = searchTables(options.tablePrefix ?? 'search_');
  const ownsDb = 'file' in options.db;
  const db = 'file' in options.db ? new Database(options.db.file) : options.db;
  const connection = createSearchConnection(db, tables);
  // Reported by the first applySettings: the tables hold no documents, whatever the store holds.
  let rebuildNeeded = openSearchTables(db, tables).created;
  // Another index object on this handle may have loaded the tables just replaced, and this
  // connection's own changes do not move `data_version`.
  if (rebuildNeeded) forgetIndexCache(connection);
  const analyzer = createTextAnalyzer(options.vocabulary);
  const writer = createSearchWriter(connection, analyzer);
  const search = createSearch({
    connection,
    vocabulary: createQueryVocabulary(options.vocabulary, analyzer),
    matcher: createTextMatcher(connection, options.relevanceRowLimit ?? BM25_ROW_LIMIT),
    queryCache: options.queryCache ?? true,
  });

  return {
    async applySettings() {
      // The tables were made current when the index was made (writes need them at once).
      const answer = { rebuildNeeded };
      rebuildNeeded = false;
      return answer;
    },
    async upsert(batch) {
      writer.upsert(batch);
    },
    async delete(removals) {
      writer.delete(removals);
    },
    async search(query) {
      return search(query);
    },
    async clear() {
      writer.clear();
    },
    async stats() {
      const row = db.prepare(`SELECT count(*) AS n FROM ${tables.docs}`).get() as { n: number };
      return { documents: row.n };
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (ownsDb) db.close();
    },
  };
}
