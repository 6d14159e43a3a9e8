import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { CallObserver } from '../metrics.ts';
import { allSkills } from '../domain/taxonomy.ts';
import { JOB_NAMES, type BackboardJobs } from './queue/jobs.ts';
import { instrumentSearchIndex, instrumentStore } from './instrumented.ts';
import { createInProcessQueue } from './queue/in-process.ts';
import type { JobQueue } from './queue/port.ts';
import type { SearchIndex, SearchVocabulary } from './search/port.ts';
import type { Mailer } from './mail/port.ts';
import { createOutboxOnlyMailer } from './mail/outbox-only.ts';
import { createSqliteSearchIndex } from './search/sqlite-fts/index.ts';
import type { Store } from './store/port.ts';
import { createSqliteStore, type SqliteStore } from './store/sqlite/index.ts';

export interface AdapterLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface Adapters {
  store: Store;
  search: SearchIndex;
  queue: JobQueue<BackboardJobs>;
  mailer: Mailer;
  backends: { name: string; adapter: string; ping(): Promise<void> }[];
  /**
   * Listings to index again: at start-up the search index was new, or its schema or settings were of
   * another version, so it lacks what the store holds. They are already recorded as not indexed (the
   * reconcile sweep finishes the rebuild even after a crash); 0 when the index was current.
   */
  listingsToReindex: number;
  close(): Promise<void>;
}

export type StoreKind = 'sqlite' | 'mongodb';
export type SearchKind = 'sqlite-fts' | 'meilisearch';
export type QueueKind = 'in-process' | 'bullmq';
export type MailKind = 'outbox' | 'smtp';

export function searchVocabulary(): SearchVocabulary {
  return { skills: allSkills().map((skill) => ({ id: skill.id, name: skill.name, aliases: skill.aliases })) };
}

export function chosenKinds(config: Config): {
  store: StoreKind;
  search: SearchKind;
  queue: QueueKind;
  mail: MailKind;
} {
  return {
    mail: config.smtpUrl ? 'smtp' : 'outbox',
    store: config.mongodbUri ? 'mongodb' : 'sqlite',
    search: config.meiliHost ? 'meilisearch' : 'sqlite-fts',
    queue: config.redisUrl ? 'bullmq' : 'in-process',
  };
}

function unreachable(kind: never): never {
  throw new Error(`unknown adapter kind ${String(kind)}`);
}

/** The embedded store on its own connection to `file`: what the job thread works on. */
export const openEmbeddedStore = (file: string): Store => createSqliteStore({ file });

/** The embedded store's file under DATA_DIR. */
export const sqliteFile = (config: Pick<Config, 'dataDir'>) => join(config.dataDir, 'backboard.db');

/**
 * Chooses every adapter from validated config; the server and the workers both call this. Production
 * adapters need their URL; embedded ones say once that they are the embedded default. With
 * `observeCall`, every store and search call is timed the same way whatever the adapter.
 */
export async function createAdapters(
  config: Config,
  log: AdapterLog,
  options: { observeCall?: CallObserver } = {},
): Promise<Adapters> {
  const kinds = chosenKinds(config);
  let sqlite: SqliteStore | undefined;
  const openSqlite = () => (sqlite ??= createSqliteStore({ file: sqliteFile(config) }));

  let store: Store;
  switch (kinds.store) {
    case 'sqlite':
      store = openSqlite();
      log.info(`store: embedded SQLite at ${sqliteFile(config)} (set MONGODB_URI for MongoDB)`);
      break;
    case 'mongodb': {
      const { createMongoStore } = await import('./store/mongodb/index.ts');
      store = createMongoStore({ uri: config.mongodbUri as string });
      await store.ping();
      log.info('store: MongoDB');
      break;
    }
    default:
      unreachable(kinds.store);
  }

  let search: SearchIndex;
  switch (kinds.search) {
    case 'sqlite-fts':
      search = createSqliteSearchIndex({ db: openSqlite().db, vocabulary: searchVocabulary() });
      log.info('search: embedded SQLite FTS5 (set MEILI_HOST for Meilisearch)');
      break;
    case 'meilisearch': {
      const { createMeiliSearchIndex } = await import('./search/meilisearch.ts');
      search = createMeiliSearchIndex({
        host: config.meiliHost as string,
        indexUid: config.meiliIndex,
        requestTimeoutMs: config.meiliTimeoutMs,
        ...(config.meiliApiKey ? { apiKey: config.meiliApiKey } : {}),
        ...(config.meiliMasterKey ? { masterKey: config.meiliMasterKey } : {}),
        vocabulary: searchVocabulary(),
      });
      log.info('search: Meilisearch');
      break;
    }
    default:
      unreachable(kinds.search);
  }
  const { rebuildNeeded } = await search.applySettings();
  const listingsToReindex = rebuildNeeded ? await store.listings.resetProcessed('indexed') : 0;
  if (listingsToReindex > 0) {
    log.info(`search: the index is new or its schema changed; re-indexing ${listingsToReindex} listings`);
  }
  if (options.observeCall) {
    store = instrumentStore(store, kinds.store, options.observeCall);
    search = instrumentSearchIndex(search, kinds.search, options.observeCall);
  }

  let queue: JobQueue<BackboardJobs>;
  switch (kinds.queue) {
    case 'in-process':
      queue = createInProcessQueue<BackboardJobs>(JOB_NAMES, { concurrency: config.workerConcurrency });
      log.info('queue: in-process (set REDIS_URL for BullMQ; jobs then run in the workers process)');
      break;
    case 'bullmq': {
      const { createBullMqQueue } = await import('./queue/bullmq.ts');
      queue = createBullMqQueue<BackboardJobs>(JOB_NAMES, {
        url: config.redisUrl as string,
        lockDurationMs: config.jobLockMs,
        stalledIntervalMs: config.jobLockMs,
        prefix: config.queuePrefix,
      });
      await queue.ping();
      log.info('queue: BullMQ on Redis');
      break;
    }
    default:
      unreachable(kinds.queue);
  }

  let mailer: Mailer;
  switch (kinds.mail) {
    case 'outbox':
      mailer = createOutboxOnlyMailer();
      log.info(
        `email: kept in the outbox, readable at ${config.publicUrl}/admin (set SMTP_URL to send through a mail server)`,
      );
      break;
    case 'smtp': {
      const { createSmtpMailer } = await import('./mail/smtp.ts');
      mailer = createSmtpMailer({ url: config.smtpUrl as string, from: config.mailFrom });
      // Not a start-up condition: the outbox holds email until the mail server answers.
      await mailer.ping().then(
        () => log.info('email: SMTP'),
        (error: Error) =>
          log.warn(`email: SMTP server not answering yet (${error.message}); the outbox waits`),
      );
      break;
    }
    default:
      unreachable(kinds.mail);
  }

  return {
    store,
    search,
    queue,
    mailer,
    backends: [
      { name: 'store', adapter: kinds.store, ping: () => store.ping() },
      { name: 'search', adapter: kinds.search, ping: () => search.ping() },
      { name: 'queue', adapter: kinds.queue, ping: () => queue.ping() },
    ],
    listingsToReindex,
    async close() {
      // Workers and queue first (running jobs finish), then search, then the store they write to.
      await queue.close();
      await mailer.close();
      await search.close();
      await store.close();
    },
  };
}
