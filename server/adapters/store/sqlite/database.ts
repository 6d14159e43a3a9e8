import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { BUSY_TIMEOUT_MS, writeTransaction } from '../../sqlite-writes.ts';

/** Shipped beside this module and read when a database opens, so a schema change is one new file. */
const MIGRATIONS_DIRECTORY = fileURLToPath(new URL('./migrations/', import.meta.url));

const MIGRATION_FILE = /^(\d{3})-[a-z0-9][a-z0-9-]*\.sql$/;

export interface Migration {
  /** 1 for `001-…sql`; `PRAGMA user_version` holds the number of the last one applied. */
  number: number;
  file: string;
  sql: string;
}

/**
 * The migration files in order. `user_version` counts applied files, so a gap or a repeated number
 * would skip or re-run a migration on some existing database: both are refused.
 */
export function readMigrations(directory: string = MIGRATIONS_DIRECTORY): Migration[] {
  const files = readdirSync(directory).filter((file) => file.endsWith('.sql'));
  const migrations = files.map((file): Migration => {
    const match = MIGRATION_FILE.exec(file);
    if (!match)
      throw new Error(
        `SQLite migration ${file} is not named NNN-name.sql (three digits, then lower-case words joined by hyphens)`,
      );
    return { number: Number(match[1]), file, sql: readFileSync(join(directory, file), 'utf8') };
  });
  migrations.sort((a, b) => a.number - b.number || a.file.localeCompare(b.file));
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (previous?.number === migration.number) {
      throw new Error(
        `SQLite migrations ${previous.file} and ${migration.file} share number ${migration.number}`,
      );
    }
    if (migration.number !== index + 1) {
      const missing = String(index + 1).padStart(3, '0');
      throw new Error(`SQLite migration ${missing} is missing: the next file is ${migration.file}`);
    }
  });
  return migrations;
}

/** Applies, each in its own transaction, the migrations numbered above the database's `user_version`. */
export function migrate(db: Database.Database, migrations: Migration[] = readMigrations()): void {
  const applied = () => db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations.slice(applied())) {
    // Checked again under the write lock: of two processes opening an old file at once, one migrates.
    writeTransaction(db, () => {
      if (applied() >= migration.number) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.number}`);
    })();
  }
}

export function openSqliteDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  migrate(db);
  return db;
}
