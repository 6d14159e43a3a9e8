import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openSqliteDatabase, readMigrations } from '../../server/adapters/store/sqlite/database.ts';
import { createSqliteStore } from '../../server/adapters/store/sqlite/index.ts';

const MIGRATIONS = fileURLToPath(new URL('../../server/adapters/store/sqlite/migrations/', import.meta.url));
/** Written by the store before its migrations became files; copied, never opened in place. */
const DATA_FOLDER_2026_11 = fileURLToPath(new URL('../fixtures/data-2026-11/', import.meta.url));

const temporaryDirs: string[] = [];
afterEach(() => {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function temporaryDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'backboard-migrations-'));
  temporaryDirs.push(dir);
  return dir;
}

function migrationsDir(files: Record<string, string>): string {
  const dir = temporaryDir();
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

function copyOfDataFolder(): string {
  const dir = temporaryDir();
  cpSync(DATA_FOLDER_2026_11, dir, { recursive: true });
  return join(dir, 'backboard.db');
}

/** The store's own schema objects; the search index keeps its tables in the same file. */
function storeSchema(db: Database.Database) {
  return db
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name NOT LIKE 'search%' ORDER BY name",
    )
    .all();
}

async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const batch of batches) all.push(...batch);
  return all;
}

describe('SQLite migration files', () => {
  it('are numbered from 001 without gaps, and a fresh database ends at user_version = their count', () => {
    const files = readdirSync(MIGRATIONS).filter((file) => file.endsWith('.sql'));
    expect(files.length).toBeGreaterThan(0);
    const numbers = files.map((file) => Number(/^(\d{3})-/.exec(file)?.[1])).sort((a, b) => a - b);
    expect(numbers).toEqual(files.map((_, index) => index + 1));
    expect(readMigrations().map((migration) => migration.number)).toEqual(numbers);

    const db = openSqliteDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(files.length);
    db.close();
  });

  it('refuses a gap in the numbers', () => {
    const dir = migrationsDir({ '001-a.sql': 'SELECT 1;', '003-c.sql': 'SELECT 1;' });
    expect(() => readMigrations(dir)).toThrow('SQLite migration 002 is missing: the next file is 003-c.sql');
    const withoutFirst = migrationsDir({ '002-b.sql': 'SELECT 1;' });
    expect(() => readMigrations(withoutFirst)).toThrow('SQLite migration 001 is missing');
  });

  it('refuses two files with the same number', () => {
    const dir = migrationsDir({
      '001-a.sql': 'SELECT 1;',
      '002-b.sql': 'SELECT 1;',
      '002-c.sql': 'SELECT 1;',
    });
    expect(() => readMigrations(dir)).toThrow('SQLite migrations 002-b.sql and 002-c.sql share number 2');
  });

  it('refuses a .sql file that is not named NNN-name.sql', () => {
    const dir = migrationsDir({ '001-a.sql': 'SELECT 1;', '2-b.sql': 'SELECT 1;' });
    expect(() => readMigrations(dir)).toThrow('SQLite migration 2-b.sql is not named NNN-name.sql');
  });

  it('applies only the files numbered above user_version', () => {
    const files = { '001-a.sql': 'CREATE TABLE a (x);', '002-b.sql': 'CREATE TABLE b (x);' };
    const db = new Database(':memory:');
    migrate(db, readMigrations(migrationsDir(files)));
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    // Re-running 001 or 002 would fail: their tables exist.
    migrate(db, readMigrations(migrationsDir({ ...files, '003-c.sql': 'CREATE TABLE c (x);' })));
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.close();
  });
});

describe('a data folder written before the migrations became files (2026-11)', () => {
  it('opens with its 3 listings (one closed) and its profile, re-running none of the migrations it had', async () => {
    const file = copyOfDataFolder();
    const before = new Database(file, { readonly: true });
    const schemaBefore = storeSchema(before);
    expect(before.pragma('user_version', { simple: true })).toBe(2);
    before.close();

    const store = createSqliteStore({ file });
    try {
      // Every schema object it had is as it was, or gained columns: later migrations only add.
      type SchemaObject = { name: string; sql: string | null };
      const after = storeSchema(store.db) as SchemaObject[];
      const usersBefore = (schemaBefore as SchemaObject[]).find((entry) => entry.name === 'users')!;
      expect(after).toEqual(expect.arrayContaining(schemaBefore.filter((entry) => entry !== usersBefore)));
      // Migration 004 adds the email confirmation to users (ALTER TABLE appends it to the table's SQL).
      const usersAfter = after.find((entry) => entry.name === 'users')!;
      expect(usersAfter.sql!.replace(/, email_confirmed_at TEXT\)$/, ')')).toBe(usersBefore.sql);
      const users = store.db.prepare('SELECT email_confirmed_at, created_at FROM users').all() as {
        email_confirmed_at: string;
        created_at: string;
      }[];
      expect(users.length).toBeGreaterThan(0);
      expect(users.every((user) => user.email_confirmed_at === user.created_at)).toBe(true);

      const listings = await collect(store.listings.scan(10));
      expect(listings.map((listing) => listing.status).sort()).toEqual(['closed', 'open', 'open']);
      expect(await store.listings.count({ status: 'closed' })).toBe(1);
      expect(listings.find((listing) => listing.title === 'Senior Go Engineer')).toMatchObject({
        location: { country: 'DE', city: 'Berlin' },
        salary: { min: 70_000, max: 90_000, currency: 'EUR', period: 'year' },
      });
      const profiles = await collect(store.profiles.scan(10));
      expect(profiles).toHaveLength(1);

      // Migration 002 would reset every matched version and drop the stored recommendations.
      expect(listings.every((listing) => listing.matchedVersion === listing.version)).toBe(true);
      expect(await store.listings.findLagging('matched', 10)).toEqual([]);
      expect((await store.matches.recommendationsOf(profiles[0]!.id, { page: 1, limit: 10 })).total).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('migrates to the latest user_version with the hiring loop’s tables, empty', async () => {
    const store = createSqliteStore({ file: copyOfDataFolder() });
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(readMigrations().length);
      for (const table of [
        'saved_listings',
        'applications',
        'invitations',
        'notifications',
        'outbox_emails',
      ]) {
        expect(store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
      }
      const [listing] = await collect(store.listings.scan(1));
      const [profile] = await collect(store.profiles.scan(1));
      expect((await store.applications.listByListing(listing!.id, {}, { page: 1, limit: 10 })).total).toBe(0);
      expect((await store.applications.countsByStage([listing!.id])).size).toBe(0);
      expect((await store.saved.list(profile!.userId, { page: 1, limit: 10 })).total).toBe(0);
      expect(await store.notifications.unreadCount(profile!.userId)).toBe(0);
      expect(await store.outbox.findUnsent(new Date().toISOString(), 10)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('has, once migrated, the schema a fresh database gets from the migration files', async () => {
    const store = createSqliteStore({ file: copyOfDataFolder() });
    const fresh = openSqliteDatabase(':memory:');
    expect(storeSchema(store.db)).toEqual(storeSchema(fresh));
    await store.close();
    fresh.close();
  });

  it('has the schema that migrations 001 and 002 give a fresh database', () => {
    const old = new Database(copyOfDataFolder(), { readonly: true });
    const fresh = new Database(':memory:');
    migrate(fresh, readMigrations().slice(0, 2));
    expect(storeSchema(fresh)).toEqual(storeSchema(old));
    old.close();
    fresh.close();
  });
});
