import type Database from 'better-sqlite3';
import type { DocumentStore } from '../port.ts';
import { now } from './rows.ts';

export function createDocumentStore(db: Database.Database): DocumentStore {
  return {
    async get<T>(key: string) {
      const row = db
        .prepare<[string], { value: string }>('SELECT value FROM documents WHERE key = ?')
        .get(key);
      return row ? (JSON.parse(row.value) as T) : null;
    },
    async put(key, value) {
      db.prepare('INSERT OR REPLACE INTO documents (key, value, updated_at) VALUES (?, ?, ?)').run(
        key,
        JSON.stringify(value),
        now(),
      );
    },
  };
}
