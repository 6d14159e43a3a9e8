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
import { withBusyAsUnavailable, writeTransaction } from '../../sqlite-writes.ts';

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
  // A file another process keeps locked past the busy timeout answers 503 "try again", never a 500.
  const guard = withBusyAsUnavailable;
  return {
    kind: 'sqlite',
    db,
    users: guard(createUserStore(db)),
    companies: guard(createCompanyStore(db)),
    listings: guard(createListingStore(db, writeDelivery)),
    profiles: guard(createProfileStore(db)),
    refreshTokens: guard(createRefreshTokenStore(db)),
    matches: guard(createMatchStore(db)),
    documents: guard(createDocumentStore(db)),
    saved: guard(createSavedListingStore(db)),
    applications: guard(createApplicationStore(db, writeDelivery)),
    invitations: guard(createInvitationStore(db, writeDelivery)),
    notifications: guard(createNotificationStore(db)),
    outbox: guard(createOutboxStore(db)),
    deliver: guard({
      async deliver(delivery: Parameters<Store['deliver']>[0]) {
        writeTransaction(db, () => writeDelivery(delivery))();
      },
    }).deliver,
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
