import type { Model } from 'mongoose';
import { notFound } from '../../../errors.ts';
import type { LagKind, SourceKey, UpsertOutcome } from '../port.ts';
import type { MongoRun } from './connection.ts';
import { isDuplicateKeyError } from './errors.ts';
import { AFTER, inOrder } from './mapping.ts';
import type { MongoModels } from './models.ts';
import * as q from './queries/index.ts';

/** Key-order-independent JSON, to tell whether a re-import changes anything. */
export function canonicalJson(value: unknown): string {
  const sortKeys = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(sortKeys);
    if (item instanceof Date) return item.toISOString();
    if (item === null || typeof item !== 'object') return item;
    const entries = Object.entries(item).filter(([, child]) => child !== undefined);
    return Object.fromEntries(
      entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, child]) => [key, sortKeys(child)]),
    );
  };
  return JSON.stringify(sortKeys(value));
}

function sameFields(a: object, b: object, fields: readonly string[]): boolean {
  const pick = (source: object) =>
    Object.fromEntries(fields.map((field) => [field, (source as Record<string, unknown>)[field]]));
  return canonicalJson(pick(a)) === canonicalJson(pick(b));
}

async function* keysetBatches<T extends { _id: string }>(
  fetch: (lastId: string | null) => Promise<T[]>,
  batchSize: number,
): AsyncIterable<T[]> {
  let lastId: string | null = null;
  for (;;) {
    const batch = await fetch(lastId);
    if (batch.length === 0) return;
    yield batch;
    if (batch.length < batchSize) return;
    lastId = batch[batch.length - 1]!._id;
  }
}

/** Listings and profiles: every write bumps `version`. */
export interface VersionedDoc {
  _id: string;
  version: number;
}

export interface VersionedCollectionSpec<Doc extends VersionedDoc, Entity> {
  /** As errors name it: `listing`, `profile`. */
  entity: 'listing' | 'profile';
  notFoundName: 'Listing' | 'Profile';
  model(models: MongoModels): Model<Doc>;
  /** The aggregate's single document-to-entity function. */
  fromDoc(doc: Doc): Entity;
  /** Which of these ids may be read (listings hide their tombstones). */
  byIds(ids: string[]): q.Filter;
  /** A tombstone is never "unchanged" by an import: importing it again brings it back. */
  isDeleted(doc: Doc): boolean;
}

/** What `upsertBySource` needs from the aggregate: how to create, compare and rewrite one record. */
export interface SourceUpsert<Doc> {
  /** Creates the imported record and answers it as stored. */
  create(models: MongoModels, source: SourceKey): Promise<Doc>;
  /** The document the import would store over `existing`, cast through the schema so that "same
   * data" means the same once stored. */
  wouldStore(models: MongoModels, existing: Doc, source: SourceKey): object;
  /** The fields compared to tell `unchanged` from `updated`. */
  compared: readonly string[];
  update(existing: Doc): q.FilterAndUpdate;
}

/**
 * What listings and profiles share in MongoDB: reads by id in the caller's order, upserts by source
 * key, the lag sweep the reconcile job reads and its two-step markProcessed, keyset scans and counts.
 * `Kind` is the worker kinds the aggregate records (profiles: `matched` only).
 */
export function createVersionedCollection<Doc extends VersionedDoc, Entity, Kind extends LagKind>(
  run: MongoRun,
  spec: VersionedCollectionSpec<Doc, Entity>,
) {
  const { entity, model, fromDoc } = spec;

  return {
    findManyByIds: (ids: string[]) =>
      run(entity, async (models) => {
        const keys = q.asKeys(ids);
        const docs = await model(models).find(spec.byIds(keys)).lean<Doc[]>();
        return inOrder(keys, docs).map(fromDoc);
      }),

    upsertBySource: (input: SourceKey, upsert: SourceUpsert<Doc>) =>
      run(entity, async (models): Promise<{ entity: Entity; outcome: UpsertOutcome }> => {
        const source = q.asSourceKey(input);
        const find = () => model(models).findOne(q.bySource(source)).lean<Doc>();
        let existing = await find();
        if (!existing) {
          try {
            return { entity: fromDoc(await upsert.create(models, source)), outcome: 'created' };
          } catch (error) {
            // Another importer created it first: compare against theirs.
            if (!isDuplicateKeyError(error) || !(existing = await find())) throw error;
          }
        }
        const candidate = upsert.wouldStore(models, existing, source);
        if (!spec.isDeleted(existing) && sameFields(candidate, existing, upsert.compared)) {
          return { entity: fromDoc(existing), outcome: 'unchanged' };
        }
        const { filter, update } = upsert.update(existing);
        const updated = await model(models).findOneAndUpdate(filter, update, AFTER).lean<Doc>();
        if (!updated) throw notFound(spec.notFoundName);
        return { entity: fromDoc(updated), outcome: 'updated' };
      }),

    findLagging: (kind: Kind, limit: number) =>
      run(entity, async (models) => {
        const query = q.lagging(kind, limit);
        const docs = await model(models).find(query.filter).sort(query.sort).limit(query.limit).lean<Doc[]>();
        return docs.map(fromDoc);
      }),

    markProcessed: (kind: Kind, id: string, version: number) =>
      run(entity, async (models) => {
        const { caughtUp, behind } = q.markProcessedUpdates(kind, id, version);
        const result = await model(models).updateOne(caughtUp.filter, caughtUp.update);
        if (result.matchedCount === 0) await model(models).updateOne(behind.filter, behind.update);
      }),

    resetProcessed: (kind: Kind) =>
      run(entity, async (models) => {
        const { filter, update } = q.resetProcessedUpdate(kind);
        return (await model(models).updateMany(filter, update)).modifiedCount;
      }),

    /** `scope` is built by the caller before the first batch, so bad input fails at the call. */
    scan: (batchSize: number, scope: q.Filter): AsyncIterable<Entity[]> => {
      const size = Math.max(1, q.asVersion(batchSize, 'batchSize'));
      return (async function* () {
        for await (const docs of keysetBatches(
          (lastId) =>
            run(entity, (models) =>
              model(models).find(q.afterId(scope, lastId)).sort({ _id: 1 }).limit(size).lean<Doc[]>(),
            ),
          size,
        )) {
          yield docs.map(fromDoc);
        }
      })();
    },

    count: (scope: () => q.Filter) => run(entity, (models) => model(models).countDocuments(scope())),
  };
}
