import type Database from 'better-sqlite3';
import { AppError } from '../../../errors.ts';
import { FILTER_NAMES } from '../../../shared/search-filters.ts';
import { writeTransaction } from '../../sqlite-writes.ts';

/**
 * The embedded engine's tables, and the version of what they hold. The index is derived data (the
 * store holds every listing), so a change of schema is not migrated in place: tables of another
 * version are dropped and recreated empty, and the caller re-indexes from the store.
 */

/**
 * Bump when what is stored changes shape or meaning: a column of the documents table, the FTS5
 * columns or options, or the terms written into them (text-analyzer.ts, the column texts in
 * writes.ts). The filter table's rows are recorded beside it (FILTERS_STORED). Tables written before the version existed (2026-11) have none and are recreated too.
 * History: 1, the first versioned layout; 2, filter values as one JSON column read by the filter table.
 */
export const SEARCH_SCHEMA_VERSION = 2;

/**
 * The filters whose values the documents hold: a row added to (or removed from) the filter table
 * rebuilds the index by itself, with no version to remember.
 */
const FILTERS_STORED = FILTER_NAMES.join(',');

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
  /** The schema version. */
  meta: string;
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
    meta: `${prefix}meta`,
  };
}

function createTables(db: Database.Database, tables: SearchTables): void {
  const { docs, fts, vocab, meta } = tables;
  db.exec(`
    CREATE TABLE ${docs} (
      rid INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      version INTEGER NOT NULL,
      status TEXT NOT NULL,
      title TEXT NOT NULL,
      description TEXT NOT NULL,
      salary_min_usd REAL NOT NULL,
      salary_max_usd REAL NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      filters TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE ${fts} USING fts5(
      ${COLUMNS.join(', ')},
      content = '', contentless_delete = 1, tokenize = 'ascii', prefix = '2 3'
    );
    CREATE VIRTUAL TABLE ${vocab} USING fts5vocab(${fts}, 'row');
    CREATE TABLE ${meta} (key TEXT PRIMARY KEY, value NOT NULL);
  `);
  db.prepare(`INSERT INTO ${meta} (key, value) VALUES ('schema_version', ?)`).run(SEARCH_SCHEMA_VERSION);
  db.prepare(`INSERT INTO ${meta} (key, value) VALUES ('filters', ?)`).run(FILTERS_STORED);
}

function dropTables(db: Database.Database, tables: SearchTables): void {
  // The vocabulary table reads the FTS5 table, so it goes first.
  for (const table of [tables.vocab, tables.fts, tables.docs, tables.meta]) {
    db.exec(`DROP TABLE IF EXISTS ${table}`);
  }
}

/** Whether every table is there, at this code's version. */
function isCurrent(db: Database.Database, tables: SearchTables): boolean {
  const names = [tables.docs, tables.fts, tables.vocab, tables.meta];
  const present = db
    .prepare(
      `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (${names.map(() => '?').join(', ')})`,
    )
    .pluck()
    .get(...names);
  if (present !== names.length) return false;
  const read = (key: string) => db.prepare(`SELECT value FROM ${tables.meta} WHERE key = ?`).pluck().get(key);
  return read('schema_version') === SEARCH_SCHEMA_VERSION && read('filters') === FILTERS_STORED;
}

/**
 * Makes sure the tables exist at SEARCH_SCHEMA_VERSION, dropping and recreating all of them when
 * they do not. `created` says whether they were created now, and so hold no documents.
 */
export function openSearchTables(db: Database.Database, tables: SearchTables): { created: boolean } {
  let created = false;
  // Checked before taking the write lock: an ordinary start writes nothing, so other connections
  // keep their caches.
  if (!isCurrent(db, tables)) {
    // Checked again under the lock: of two processes opening an old file at once, one recreates.
    writeTransaction(db, () => {
      if (isCurrent(db, tables)) return;
      dropTables(db, tables);
      createTables(db, tables);
      created = true;
    })();
  }
  // Written only when it differs, for the same reason.
  const { fts } = tables;
  const usermerge = db.prepare(`SELECT v FROM ${fts}_config WHERE k = 'usermerge'`).pluck().get();
  if (usermerge !== MERGE_SEGMENTS) {
    db.exec(`INSERT INTO ${fts} (${fts}, rank) VALUES ('usermerge', ${MERGE_SEGMENTS})`);
  }
  return { created };
}
