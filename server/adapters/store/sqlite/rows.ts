import Database from 'better-sqlite3';
import type { Page, PageRequest, SourceKey } from '../port.ts';

export const now = (): string => new Date().toISOString();

export const sourceOf = (source: string | null, sourceId: string | null): SourceKey | null =>
  source !== null && sourceId !== null ? { source, sourceId } : null;

export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT_UNIQUE');
}

/** One page of `sql` (its LIMIT and OFFSET appended here), with the total that `countSql` counts. */
export function pageOf<Row, T>(
  db: Database.Database,
  sql: string,
  countSql: string,
  params: unknown[],
  page: PageRequest,
  map: (row: Row) => T,
): Page<T> {
  const total = (db.prepare(countSql).get(...params) as { n: number }).n;
  const rows = db
    .prepare(`${sql} LIMIT ? OFFSET ?`)
    .all(...params, page.limit, (page.page - 1) * page.limit) as Row[];
  return { items: rows.map(map), total };
}

/** Rows of `table` with these ids (in no particular order); `where` narrows further, e.g. live rows only. */
export function rowsByIds<Row, T>(
  db: Database.Database,
  table: string,
  where: string,
  ids: string[],
  map: (row: Row) => T,
): T[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(`SELECT * FROM ${table} WHERE ${where} id IN (${placeholders(ids.length)})`)
    .all(...ids) as Row[];
  return rows.map(map);
}
