import { trusted } from 'mongoose';
import type { PageRequest } from '../../port.ts';
import {
  asKey,
  asKeys,
  pageWindow,
  type Filter,
  type FilterAndUpdate,
  type PagedQuery,
} from './checked-input.ts';

export const savedListingKey = (userId: unknown, listingId: unknown): Filter => ({
  userId: asKey(userId, 'userId'),
  listingId: asKey(listingId, 'listingId'),
});

/** An upsert on the unique key: saving again matches the stored posting and keeps its first savedAt. */
export function savedListingSave(
  userId: unknown,
  listingId: unknown,
  id: string,
  now: Date,
): FilterAndUpdate {
  return { filter: savedListingKey(userId, listingId), update: { $setOnInsert: { _id: id, savedAt: now } } };
}

export function savedListingsOf(userId: unknown, page: PageRequest): PagedQuery {
  return {
    filter: { userId: asKey(userId, 'userId') },
    sort: { savedAt: -1, listingId: -1 },
    ...pageWindow(page),
  };
}

export const savedAmong = (userId: unknown, listingIds: unknown): Filter => ({
  userId: asKey(userId, 'userId'),
  listingId: trusted({ $in: asKeys(listingIds, 'listingIds') }),
});
