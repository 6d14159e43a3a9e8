import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { describe } from 'vitest';
import { createMongoStore } from '../../server/adapters/store/mongodb/index.ts';
import { describeStoreContract } from '../../server/adapters/store/store.contract.ts';
import type { Store } from '../../server/adapters/store/port.ts';

const uri = process.env.MONGODB_URI;
if (!uri)
  console.info('store contract: mongodb skipped: MONGODB_URI is not set (docker compose or CI set it)');

describe.runIf(uri)('mongodb', () => {
  describeStoreContract('mongodb', async () => {
    // Each case gets its own database, dropped when the case closes the store.
    const dbName = `backboard_contract_${process.pid}_${randomBytes(4).toString('hex')}`;
    const store = createMongoStore({ uri: uri!, dbName, connectTimeoutMs: 20_000 });
    return withDroppedDatabase(store, uri!, dbName);
  });
});

/** Closing the store also drops its test database, so runs leave nothing behind on a shared server. */
function withDroppedDatabase(store: Store, serverUri: string, dbName: string): Store {
  return {
    ...store,
    async close() {
      await store.close();
      const connection = await mongoose.createConnection(serverUri, { dbName }).asPromise();
      await connection.dropDatabase();
      await connection.close();
    },
  };
}
