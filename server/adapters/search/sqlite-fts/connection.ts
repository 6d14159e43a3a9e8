import type Database from 'better-sqlite3';
import type { SearchTables } from './schema.ts';

const STATEMENT_CACHE_SIZE = 200;

/** One index's way to its tables: the handle, the tables' names, and statements prepared once. */
export interface SearchConnection {
  db: Database.Database;
  tables: SearchTables;
  /** The statement of `sql`, prepared on first use (the SQL of some queries varies, as IN lists do). */
  statement(sql: string): Database.Statement;
}

export function createSearchConnection(db: Database.Database, tables: SearchTables): SearchConnection {
  const prepared = new Map<string, Database.Statement>();
  return {
    db,
    tables,
    statement(sql) {
      let stmt = prepared.get(sql);
      if (!stmt) {
        if (prepared.size >= STATEMENT_CACHE_SIZE) prepared.clear();
        stmt = db.prepare(sql);
        prepared.set(sql, stmt);
      }
      return stmt;
    },
  };
}
