import mongoose, { type Connection } from 'mongoose';
import { AppError } from '../../../errors.ts';
import { isTransientMongoError, translateMongoError } from './errors.ts';
import { registerModels, type MongoModels } from './models.ts';

export interface MongoStoreOptions {
  uri: string;
  dbName?: string;
  /** How long the first connection may keep retrying before start-up fails (default 30 s). */
  connectTimeoutMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
const MAX_ATTEMPT_TIMEOUT_MS = 10_000;

/** Hides the password of a connection string, for messages and logs. */
export function redactMongoUri(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/[^:@/]+):[^@/]*@/, '$1:***@');
}

/** Exponential backoff for connection attempts: 250 ms, 500 ms, 1 s … capped at 5 s. */
export function connectRetryDelayMs(attempt: number): number {
  return Math.min(250 * 2 ** attempt, 5_000);
}

export interface Handle {
  connection: Connection;
  models: MongoModels;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Transactions (used for match sets) need a replica set or a sharded cluster; a standalone server is
 * refused at start-up with a clear message instead of failing on the first match write.
 */
async function assertReplicaSet(connection: Connection, uri: string): Promise<void> {
  const hello = await connection.db!.command({ hello: 1 });
  if (typeof hello.setName !== 'string' && hello.msg !== 'isdbgrid') {
    throw new AppError(
      'unavailable',
      `MongoDB at ${redactMongoUri(uri)} is a standalone server; Backboard needs a replica set (start mongod with --replSet and run rs.initiate())`,
    );
  }
}

/**
 * A not-yet-opened connection with every model registered. `sanitizeFilter` wraps any `$` object
 * that reaches a filter in `$eq`, a second guard behind the query builders.
 */
export function createStoreConnection(): Handle {
  const connection = mongoose.createConnection();
  connection.set('sanitizeFilter', true);
  return { connection, models: registerModels(connection) };
}

async function openOnce(options: MongoStoreOptions, timeoutMs: number): Promise<Handle> {
  const { connection, models } = createStoreConnection();
  try {
    await connection.openUri(options.uri, {
      dbName: options.dbName,
      serverSelectionTimeoutMS: timeoutMs,
      connectTimeoutMS: timeoutMs,
      // Nothing waits in mongoose's buffer: connecting is explicit, and a lost server surfaces as an error.
      bufferCommands: false,
      autoIndex: false,
      autoCreate: false,
      sanitizeFilter: true,
    });
    await assertReplicaSet(connection, options.uri);
    // Idempotent, so every replica of the API and the workers may do it at start-up. Collections are
    // created up front because a transaction (match writes) may not be the first to touch one.
    await Promise.all(
      Object.values(models).map(async (model) => {
        await model.createCollection();
        await model.createIndexes();
      }),
    );
    return { connection, models };
  } catch (error) {
    await connection.close(true).catch(() => undefined);
    throw error;
  }
}

/** Connects, retrying transient failures with backoff until `connectTimeoutMs`, then fails clearly. */
async function connectWithRetry(options: MongoStoreOptions): Promise<Handle> {
  const budget = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const deadline = Date.now() + budget;
  let lastError: unknown;
  for (let attempt = 0; Date.now() < deadline; attempt += 1) {
    try {
      return await openOnce(options, Math.max(100, Math.min(deadline - Date.now(), MAX_ATTEMPT_TIMEOUT_MS)));
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (!isTransientMongoError(error)) {
        throw new AppError(
          'unavailable',
          `Cannot use MongoDB at ${redactMongoUri(options.uri)}: ${String(error)}`,
        );
      }
      lastError = error;
      await sleep(Math.min(connectRetryDelayMs(attempt), Math.max(0, deadline - Date.now())));
    }
  }
  const reason = lastError instanceof Error ? lastError.message : 'no attempt finished';
  throw new AppError(
    'unavailable',
    `MongoDB at ${redactMongoUri(options.uri)} is unreachable after ${budget} ms: ${reason}`,
  );
}

/** Runs one store operation on the open connection, with driver errors translated for `entity`. */
export type MongoRun = <T>(
  entity: string,
  operation: (models: MongoModels, connection: Connection) => Promise<T>,
) => Promise<T>;

export interface LazyConnection {
  run: MongoRun;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The store's own connection, opened on first use; every aggregate module runs through it. */
export function createLazyConnection(options: MongoStoreOptions): LazyConnection {
  let connecting: Promise<Handle> | null = null;
  let closed = false;

  function handle(): Promise<Handle> {
    if (closed) return Promise.reject(new AppError('unavailable', 'The MongoDB store is closed'));
    connecting ??= connectWithRetry(options).catch((error: unknown) => {
      // The next call starts a fresh attempt instead of replaying this failure.
      connecting = null;
      throw error;
    });
    return connecting;
  }

  return {
    async run(entity, operation) {
      const { models, connection } = await handle();
      try {
        return await operation(models, connection);
      } catch (error) {
        throw translateMongoError(error, entity);
      }
    },

    async ping() {
      const { connection } = await handle();
      try {
        await connection.db!.command({ ping: 1 });
      } catch (error) {
        throw translateMongoError(error, 'ping');
      }
    },

    async close() {
      closed = true;
      const pending = connecting;
      connecting = null;
      if (!pending) return;
      const opened = await pending.catch(() => null);
      await opened?.connection.close();
    },
  };
}
