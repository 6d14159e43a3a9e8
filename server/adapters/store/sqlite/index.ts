import type Database from 'better-sqlite3';
import type { Store } from '../port.ts';
import { createApplicationStore } from './applications.ts';
import { createCompanyStore } from './companies.ts';
import { openSqliteDatabase } from './database.ts';
import { createDeliveryWriter } from './deliveries.ts';
import { createDocumentStore } from './documents.ts';
import { createInvitationStore } from './invitations.ts';
import { createListingStore } from './listings.ts';
import { createMatchStore } from './matches.ts';
import { createNotificationStore } from './notifications.ts';
import { createOutboxStore } from './outbox.ts';
import { createProfileStore } from './profiles.ts';
import { createRefreshTokenStore } from './refresh-tokens.ts';
import { createSavedListingStore } from './saved-listings.ts';
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
  const writeDelivery = createDeliveryWriter(db);
  return {
    kind: 'sqlite',
    db,
    users: createUserStore(db),
    companies: createCompanyStore(db),
    listings: createListingStore(db, writeDelivery),
    profiles: createProfileStore(db),
    refreshTokens: createRefreshTokenStore(db),
    matches: createMatchStore(db),
    documents: createDocumentStore(db),
    saved: createSavedListingStore(db),
    applications: createApplicationStore(db, writeDelivery),
    invitations: createInvitationStore(db, writeDelivery),
    notifications: createNotificationStore(db),
    outbox: createOutboxStore(db),
    async deliver(delivery) {
      db.transaction(() => writeDelivery(delivery))();
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
