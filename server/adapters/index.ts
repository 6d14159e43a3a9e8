import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Store } from './store/port.ts';
import { createSqliteStore } from './store/sqlite.ts';

export interface Adapters {
  store: Store;
  close(): Promise<void>;
}

/** Chooses every adapter from validated config; the server and the workers both call this. */
export async function createAdapters(
  config: Config,
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>,
): Promise<Adapters> {
  const store = createSqliteStore({ file: join(config.dataDir, 'backboard.db') });
  log.info(
    { file: join(config.dataDir, 'backboard.db') },
    'store: embedded SQLite (set MONGODB_URI for MongoDB)',
  );
  return {
    store,
    async close() {
      await store.close();
    },
  };
}
