import { AppError } from '../../../errors.ts';
import type { IndexRemoval, ListingDocument } from '../port.ts';
import type { SearchConnection } from './connection.ts';
import { addTerm, forgetIndexCache, loadedIndexCache, type IndexCache } from './index-cache.ts';
import { docFactsOf, type DocFacts } from './doc-table.ts';
import { COLUMNS, MERGE_PAGES } from './schema.ts';
import { placeholderTerm, type TextAnalyzer } from './text-analyzer.ts';
import type { RowChange } from './word-groups.ts';
import { writeTransaction } from '../../sqlite-writes.ts';

/**
 * Writes of the embedded engine. Each runs in a transaction of its own and then brings the shared
 * in-memory cache up to date (documents, terms, and a log the word groups catch up with) instead of
 * emptying it.
 */
export interface SearchWriter {
  upsert(batch: ListingDocument[]): void;
  delete(removals: IndexRemoval[]): void;
  clear(): void;
}

export function createSearchWriter(connection: SearchConnection, analyzer: TextAnalyzer): SearchWriter {
  const { db } = connection;
  const { docs, fts } = connection.tables;

  const selectExisting = db.prepare(`SELECT rid, version FROM ${docs} WHERE id = ?`);
  const insertDoc = db.prepare(`INSERT INTO ${docs} (id, version, status, title, description,
      salary_min_usd, salary_max_usd, created_at, updated_at, filters)
    VALUES (@id, @version, @status, @title, @description, @salaryMinUsd, @salaryMaxUsd, @createdAt,
      @updatedAt, @filters) RETURNING rid`);
  const updateDoc = db.prepare(`UPDATE ${docs} SET version = @version, status = @status, title = @title,
      description = @description, salary_min_usd = @salaryMinUsd, salary_max_usd = @salaryMaxUsd,
      created_at = @createdAt, updated_at = @updatedAt, filters = @filters
    WHERE rid = @rid`);
  const deleteDocRow = db.prepare(`DELETE FROM ${docs} WHERE rid = ?`);
  const deleteFtsRow = db.prepare(`DELETE FROM ${fts} WHERE rowid = ?`);
  const insertFtsRow = db.prepare(
    `INSERT INTO ${fts} (rowid, ${COLUMNS.join(', ')}) VALUES (?, ${COLUMNS.map(() => '?').join(', ')})`,
  );
  const mergeSegments = db.prepare(`INSERT INTO ${fts} (${fts}, rank) VALUES ('merge', ${MERGE_PAGES})`);

  /** The text of each FTS5 column (COLUMNS order): terms joined by spaces. */
  function columnTexts(doc: ListingDocument): string[] {
    return [
      analyzer.indexText(doc.title),
      [
        ...doc.skills.map((s) => placeholderTerm('skill', s.id)),
        ...doc.skills.map((s) => analyzer.indexText(s.name)),
      ].join(' '),
      analyzer.indexText(doc.company),
      analyzer.indexText(doc.description),
      analyzer.indexText(`${doc.seniority} ${doc.remote} ${doc.employmentType} ${doc.city}`),
    ];
  }

  const writeDocuments = writeTransaction(db, (batch: ListingDocument[]) => {
    const written: { rid: number; facts: DocFacts; columns: string[] }[] = [];
    for (const doc of batch) {
      const existing = selectExisting.get(doc.id) as { rid: number; version: number } | undefined;
      if (existing && existing.version > doc.version) continue;
      const facts = docFactsOf(doc);
      const row = {
        id: doc.id,
        version: doc.version,
        status: doc.status,
        title: doc.title,
        description: doc.description,
        salaryMinUsd: doc.salaryMinUsd,
        salaryMaxUsd: doc.salaryMaxUsd,
        createdAt: doc.createdAt,
        updatedAt: doc.updatedAt,
        filters: JSON.stringify(facts.filters),
      };
      let rid: number;
      if (existing) {
        rid = existing.rid;
        updateDoc.run({ ...row, rid });
        deleteFtsRow.run(rid);
      } else {
        rid = (insertDoc.get(row) as { rid: number }).rid;
      }
      const columns = columnTexts(doc);
      insertFtsRow.run(rid, ...columns);
      written.push({ rid, facts, columns });
    }
    if (written.length > 0) mergeSegments.run();
    return written;
  });

  const deleteDocuments = writeTransaction(db, (removals: IndexRemoval[]) => {
    const removed: number[] = [];
    for (const { id, version } of removals) {
      const existing = selectExisting.get(id) as { rid: number; version: number } | undefined;
      if (!existing || existing.version > version) continue;
      deleteFtsRow.run(existing.rid);
      deleteDocRow.run(existing.rid);
      removed.push(existing.rid);
    }
    if (removed.length > 0) mergeSegments.run();
    return removed;
  });

  const clearAll = writeTransaction(db, () => {
    db.prepare(`DELETE FROM ${docs}`).run();
    db.prepare(`INSERT INTO ${fts} (${fts}) VALUES ('delete-all')`).run();
  });

  /** Empties the text queries' and results' caches and logs the writes for the word groups to catch up with. */
  function recordWrites(cache: IndexCache, changes: RowChange[]): void {
    cache.textMatches.clear();
    cache.textMatchRows = 0;
    cache.results.clear();
    cache.groups.record(changes);
  }

  /**
   * Writes update the in-memory caches as soon as they return; inside a caller's transaction, a later
   * rollback would leave the caches ahead of the file (a rollback does not move `data_version`).
   */
  function assertOwnTransaction(): void {
    if (db.inTransaction) {
      throw new AppError('internal', 'Search index writes must not run inside another transaction');
    }
  }

  return {
    upsert(batch) {
      assertOwnTransaction();
      const written = writeDocuments(batch);
      const cache = loadedIndexCache(connection);
      if (!cache) return;
      recordWrites(
        cache,
        written.map(({ rid, columns }) => ({
          rid,
          columns: columns.map((text) => text.split(' ').filter(Boolean)),
        })),
      );
      for (const { rid, facts, columns } of written) {
        cache.docs.set(rid, facts);
        for (const column of columns) for (const term of column.split(' ')) if (term) addTerm(cache, term);
      }
    },
    delete(removals) {
      assertOwnTransaction();
      const removed = deleteDocuments(removals);
      const cache = loadedIndexCache(connection);
      if (!cache) return;
      recordWrites(
        cache,
        removed.map((rid) => ({ rid, columns: null })),
      );
      for (const rid of removed) cache.docs.delete(rid);
    },
    clear() {
      clearAll();
      forgetIndexCache(connection);
    },
  };
}
