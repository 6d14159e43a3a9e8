import type Database from 'better-sqlite3';
import { AppError } from '../../../errors.ts';

/** The embedded engine's tables. */

/** The FTS5 columns, and their weights for bm25 in that order: title > skills > company > description. */
export const COLUMNS = ['title', 'skills', 'company', 'description', 'tags'] as const;
export const COLUMN_WEIGHTS = [10, 5, 3, 1, 1];
export const TITLE = COLUMNS.indexOf('title');

/**
 * FTS5 index upkeep on a live board. Every write adds a small segment and leaves a tombstone in an
 * older one, and FTS5 merges lazily: in a profiling run over 20k postings, after 1,000 single-posting
 * writes "backend engineer" without the query cache took 43 ms (p50), against 13.5 ms on a freshly
 * optimized index. Each write therefore also does a bounded step of merging (MERGE_PAGES pages,
 * segments merged from MERGE_SEGMENTS on a level); with it the same query took 22 ms. What a write
 * costs is `npm run bench -- search`'s "upsert one posting".
 */
const MERGE_SEGMENTS = 2;
export const MERGE_PAGES = 32;

/** The names of one index's tables. */
export interface SearchTables {
  prefix: string;
  /** One row per document: what filters, sorts and highlights need, keyed by the FTS5 rowid. */
  docs: string;
  fts: string;
  /** The terms FTS5 holds (fts5vocab), for typo candidates. */
  vocab: string;
}

export function searchTables(prefix: string): SearchTables {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(prefix)) {
    throw new AppError('internal', `Invalid search table prefix: ${prefix}`);
  }
  return {
    prefix,
    docs: `${prefix}docs`,
    fts: `${prefix}fts`,
    vocab: `${prefix}vocab`,
  };
}

/** Creates the tables where they do not exist yet. */
export function openSearchTables(db: Database.Database, tables: SearchTables): void {
  const { docs, fts, vocab } = tables;
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${docs} (
      rid INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      version INTEGER NOT NULL,
      status TEXT NOT NULL,
      title TEXT NOT NULL,
      description TEXT NOT NULL,
      company TEXT NOT NULL,
      company_id TEXT NOT NULL,
      seniority TEXT NOT NULL,
      remote TEXT NOT NULL,
      country TEXT NOT NULL,
      city TEXT NOT NULL,
      employment_type TEXT NOT NULL,
      salary_min_usd REAL NOT NULL,
      salary_max_usd REAL NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      skill_ids TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS ${fts} USING fts5(
      ${COLUMNS.join(', ')},
      content = '', contentless_delete = 1, tokenize = 'ascii', prefix = '2 3'
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS ${vocab} USING fts5vocab(${fts}, 'row');
  `);
  // Written once: a write at every start would make every other connection reload its caches.
  const usermerge = db.prepare(`SELECT v FROM ${fts}_config WHERE k = 'usermerge'`).pluck().get();
  if (usermerge !== MERGE_SEGMENTS) {
    db.exec(`INSERT INTO ${fts} (${fts}, rank) VALUES ('usermerge', ${MERGE_SEGMENTS})`);
  }
}
