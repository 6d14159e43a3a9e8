import type Database from 'better-sqlite3';
import { AppError } from '../errors.ts';

/**
 * A write transaction that takes SQLite's write lock when it begins (BEGIN IMMEDIATE). A deferred
 * transaction reads first and asks for the lock only at its first write; when another process (the
 * workers, a second API) committed meanwhile, SQLite cannot wait for it and fails at once with
 * SQLITE_BUSY. Taking the lock up front makes every writer wait its turn, up to the busy timeout.
 * Nested inside another transaction it runs as a savepoint of that one.
 */
export function writeTransaction<Args extends unknown[], Result>(
  db: Database.Database,
  body: (...args: Args) => Result,
): (...args: Args) => Result {
  const transaction = db.transaction(body);
  return (...args) => transaction.immediate(...args);
}

/** How long a writer waits for another process's write lock before giving up. */
export const BUSY_TIMEOUT_MS = 5_000;

/** Whether an error is SQLite still being locked by another connection after the busy timeout. */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

/** What a caller hears when the file stays locked: a 503 to try again shortly, not a 500. */
export function storeBusy(): AppError {
  return new AppError('unavailable', 'The database is busy; please try again in a moment', [], 1);
}

/**
 * The same object with every method answering a still-locked database as `storeBusy()`, whether the
 * method throws or returns a rejected promise.
 */
export function withBusyAsUnavailable<T extends object>(target: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(target)) {
    if (typeof value !== 'function') {
      wrapped[name] = value;
      continue;
    }
    wrapped[name] = (...args: unknown[]) => {
      try {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result instanceof Promise
          ? result.catch((error: unknown) => {
              throw isSqliteBusy(error) ? storeBusy() : error;
            })
          : result;
      } catch (error) {
        throw isSqliteBusy(error) ? storeBusy() : error;
      }
    };
  }
  return wrapped as T;
}
