import type Database from 'better-sqlite3';
import { versionConflict } from '../../../errors.ts';
import type { LagKind, SourceKey, UpsertOutcome } from '../port.ts';
import { now, rowsByIds } from './rows.ts';
import { writeTransaction } from '../../sqlite-writes.ts';

/** Listings and profiles: every write bumps `version`. */
export interface VersionedRow {
  id: string;
  version: number;
}

export interface VersionedTableSpec<Row extends VersionedRow, Entity, Kind extends LagKind> {
  table: 'listings' | 'profiles';
  /** What a row must satisfy to be found, scanned or counted (listings hide their tombstones). */
  visible?: string;
  /** The column in which each worker kind records the version it last processed. */
  lagColumns: Record<Kind, string>;
  /** The aggregate's single row-to-entity function. */
  fromRow(row: Row): Entity;
}

/** What `upsertBySource` needs from the aggregate: how to insert, compare and rewrite one record. */
export interface SourceUpsert<Row> {
  /** Inserts the record and returns its id. */
  insert(): string;
  /** True when the stored row already holds what the import brings. */
  unchanged(row: Row): boolean;
  /** The columns to write when it does not. */
  changes(row: Row): Record<string, unknown>;
}

/** Column equality, e.g. `{ status: 'open' }`; column names come from the adapter, values are bound. */
export type ColumnFilter = Record<string, unknown>;

/**
 * What listings and profiles share in SQLite: versioned writes with optimistic concurrency, upserts by
 * source key, the lag sweep the reconcile job reads, batch scans, counts and reads by id.
 */
export function createVersionedTable<Row extends VersionedRow, Entity, Kind extends LagKind>(
  db: Database.Database,
  spec: VersionedTableSpec<Row, Entity, Kind>,
) {
  const { table, visible, lagColumns, fromRow } = spec;
  const conditions = (filter: ColumnFilter) => [
    ...(visible ? [visible] : []),
    ...Object.keys(filter).map((column) => `${column} = ?`),
  ];

  const byId = db.prepare<[string], Row>(
    `SELECT * FROM ${table} WHERE id = ?${visible ? ` AND ${visible}` : ''}`,
  );
  // Tombstones included: a deleted listing imported again comes back.
  const bySource = db.prepare<[string, string], Row>(
    `SELECT * FROM ${table} WHERE source = ? AND source_id = ?`,
  );

  function findById(id: string): Entity | null {
    const row = byId.get(id);
    return row ? fromRow(row) : null;
  }

  /**
   * Writes `columns` and bumps the version, after refusing an `expectedVersion` that is not the stored
   * one. Callers hold a transaction in which they read `current`, so no write slips in between.
   */
  function writeNextVersion(
    current: { id: string; version: number },
    columns: Record<string, unknown>,
    expectedVersion?: number,
  ): void {
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw versionConflict(expectedVersion, current.version);
    }
    const assignments = Object.keys(columns).map((column) => `${column} = ?`);
    db.prepare(
      `UPDATE ${table} SET ${assignments.join(', ')}, version = version + 1, updated_at = ? WHERE id = ?`,
    ).run(...Object.values(columns), now(), current.id);
  }

  /** Creates, rewrites or leaves alone the record imported under `source`; unchanged data keeps its version. */
  function upsertBySource(
    source: SourceKey,
    upsert: SourceUpsert<Row>,
  ): { entity: Entity; outcome: UpsertOutcome } {
    return writeTransaction(db, () => {
      const row = bySource.get(source.source, source.sourceId);
      if (!row) return { entity: findById(upsert.insert())!, outcome: 'created' as const };
      if (upsert.unchanged(row)) return { entity: fromRow(row), outcome: 'unchanged' as const };
      writeNextVersion(row, upsert.changes(row));
      return { entity: findById(row.id)!, outcome: 'updated' as const };
    })();
  }

  /** Rows whose `kind` worker lags their version, oldest first, tombstones included. */
  function findLagging(kind: Kind, limit: number): Entity[] {
    const column = lagColumns[kind];
    const rows = db
      .prepare(`SELECT * FROM ${table} WHERE ${column} < version ORDER BY updated_at, id LIMIT ?`)
      .all(limit) as Row[];
    return rows.map(fromRow);
  }

  function markProcessed(kind: Kind, id: string, version: number): void {
    const column = lagColumns[kind];
    db.prepare(`UPDATE ${table} SET ${column} = MAX(${column}, ?) WHERE id = ?`).run(version, id);
  }

  function resetProcessed(kind: Kind): number {
    const column = lagColumns[kind];
    return db.prepare(`UPDATE ${table} SET ${column} = 0 WHERE ${column} > 0`).run().changes;
  }

  /** Keyset batches in id order. */
  async function* scan(batchSize: number, filter: ColumnFilter = {}): AsyncIterable<Entity[]> {
    const where = ['id > ?', ...conditions(filter)].join(' AND ');
    const query = db.prepare(`SELECT * FROM ${table} WHERE ${where} ORDER BY id LIMIT ?`);
    let after = '';
    for (;;) {
      const rows = query.all(after, ...Object.values(filter), batchSize) as Row[];
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.id;
      yield rows.map(fromRow);
    }
  }

  function count(filter: ColumnFilter = {}): number {
    const where = conditions(filter);
    const sql = `SELECT COUNT(*) AS n FROM ${table}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`;
    return (db.prepare(sql).get(...Object.values(filter)) as { n: number }).n;
  }

  return {
    findById,
    findManyByIds: (ids: string[]) =>
      rowsByIds<Row, Entity>(db, table, visible ? `${visible} AND` : '', ids, fromRow),
    writeNextVersion,
    upsertBySource,
    findLagging,
    markProcessed,
    resetProcessed,
    scan,
    count,
  };
}
