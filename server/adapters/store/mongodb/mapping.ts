import { Types } from 'mongoose';
import type { SourceKey } from '../port.ts';

// How stored values become port values, for every aggregate: Dates to ISO strings, fresh ids, keys.

export const iso = (date: Date): string => date.toISOString();
export const isoOrNull = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);
export const newId = (): string => new Types.ObjectId().toHexString();

export function toSource(source: SourceKey | null | undefined): SourceKey | null {
  return source ? { source: source.source, sourceId: source.sourceId } : null;
}

/** Keeps the order of `ids`, drops the ones not found. */
export function inOrder<T extends { _id: string }>(ids: string[], docs: T[]): T[] {
  const byId = new Map(docs.map((doc) => [doc._id, doc]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** findOneAndUpdate answers the document as written, validated like a create. */
export const AFTER = { returnDocument: 'after', runValidators: true } as const;
