import type { Model } from 'mongoose';
import type { Page } from '../port.ts';
import type { PagedQuery } from './queries/index.ts';

/** One page of `query`, each document as the port's entity, with the total the filter counts. */
export async function pageOf<Doc, T>(
  model: Model<Doc>,
  query: PagedQuery,
  fromDoc: (doc: Doc) => T,
): Promise<Page<T>> {
  const [docs, total] = await Promise.all([
    model.find(query.filter).sort(query.sort).skip(query.skip).limit(query.limit).lean<Doc[]>(),
    model.countDocuments(query.filter),
  ]);
  return { items: docs.map(fromDoc), total };
}
