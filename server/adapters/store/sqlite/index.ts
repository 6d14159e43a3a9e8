import type Database from 'better-sqlite3';
import type { Store } from '../port.ts';
import { createCompanyStore } from './companies.ts';
import { openSqliteDatabase } from './database.ts';
import { createDocumentStore } from './documents.ts';
import { createListingStore } from './listings.ts';
import { createMatchStore } from './matches.ts';
import { createProfileStore } from './profiles.ts';
import { createRefreshTokenStore } from './refresh-tokens.ts';
import { createUserStore } from './users.ts';

export { openSqliteDatabase };

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for tests. */
  file: string;
}

export interface SqliteStore extends Store {
  /** The open database, shared with the embedded search index so both live in one file. */
  readonly db: Database.Database;
}

/** The embedded store: one SQLite file under DATA_DIR, WAL mode, migrations as numbered SQL files. */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const db = openSqliteDatabase(options.file);
  return {
    kind: 'sqlite',
    db,
    users: createUserStore(db),
    companies: createCompanyStore(db),
    listings: createListingStore(db),
    profiles: createProfileStore(db),
    refreshTokens: createRefreshTokenStore(db),
    matches: createMatchStore(db),
    documents: createDocumentStore(db),
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
