import { TOMBSTONE } from '../schemas/listings.ts';
import { trusted } from 'mongoose';
import { LISTING_STATUSES } from '../../../../shared/vocabulary.ts';
import { LISTING_DATA_FIELDS } from '../../port.ts';
import type { ListingPatch, ListingStatus, NewListing, PageRequest } from '../../port.ts';
import type { ListingDoc } from '../schemas/listings.ts';
import {
  asKey,
  asSourceKey,
  asVersion,
  badInput,
  byId,
  byIds,
  pageWindow,
  type Filter,
  type FilterAndUpdate,
  type PagedQuery,
} from './checked-input.ts';
import { bumpVersion } from './versioned-entities.ts';

function asStatus(value: unknown): ListingStatus {
  if (LISTING_STATUSES.includes(value as ListingStatus)) return value as ListingStatus;
  throw badInput('status', `one of ${LISTING_STATUSES.join(', ')}`);
}

/** Copies only the fields the port defines, so no extra key of the input reaches `$set`. */
function pickListingData(input: ListingPatch): Partial<ListingDoc> {
  const picked: Record<string, unknown> = {};
  for (const field of LISTING_DATA_FIELDS) if (input[field] !== undefined) picked[field] = input[field];
  if (input.status !== undefined) picked.status = asStatus(input.status);
  return picked as Partial<ListingDoc>;
}

export function newListingDoc(input: NewListing, id: string, now: Date): ListingDoc {
  return {
    _id: id,
    ownerId: asKey(input.ownerId, 'ownerId'),
    companyId: asKey(input.companyId, 'companyId'),
    company: input.company,
    ...(pickListingData(input) as Pick<ListingDoc, (typeof LISTING_DATA_FIELDS)[number]>),
    status: input.status === undefined ? 'open' : asStatus(input.status),
    version: 1,
    indexedVersion: 0,
    matchedVersion: 0,
    indexPending: true,
    matchPending: true,
    deletedAt: null,
    source: input.source ? asSourceKey(input.source) : null,
    createdAt: now,
    updatedAt: now,
  };
}

export const liveListing = (id: unknown): Filter => ({ _id: asKey(id), deletedAt: null });
export const liveListings = (ids: unknown): Filter => ({ ...byIds(ids), deletedAt: null });

const LISTING_PENDING = ['indexPending', 'matchPending'] as const;

/** Without `expectedVersion` the last write wins; with it, the filter only matches that version. */
export function listingUpdate(
  id: unknown,
  patch: ListingPatch,
  now: Date,
  expectedVersion?: number,
): FilterAndUpdate {
  const filter = liveListing(id);
  if (expectedVersion !== undefined) filter.version = asVersion(expectedVersion, 'expectedVersion');
  return { filter, update: bumpVersion(pickListingData(patch), now, LISTING_PENDING) };
}

export function listingDelete(id: unknown, now: Date): FilterAndUpdate {
  return { filter: liveListing(id), update: bumpVersion({ deletedAt: now }, now, LISTING_PENDING) };
}

/**
 * What a re-import compares and rewrites: the listing data, and the status when the import states
 * one. Owner and company stay as first imported; a deleted listing that is imported again comes back.
 */
export function listingUpsertSet(input: NewListing, currentStatus: ListingStatus): Partial<ListingDoc> {
  return {
    ...pickListingData(input),
    status: input.status === undefined ? currentStatus : asStatus(input.status),
  };
}

export function listingUpsertUpdate(
  id: unknown,
  input: NewListing,
  currentStatus: ListingStatus,
  now: Date,
): FilterAndUpdate {
  return {
    filter: byId(id),
    update: bumpVersion({ ...listingUpsertSet(input, currentStatus), deletedAt: null }, now, LISTING_PENDING),
  };
}

export function listingsOfCompany(companyId: unknown, page: PageRequest): PagedQuery {
  return {
    filter: { companyId: asKey(companyId, 'companyId'), deletedAt: null },
    sort: { updatedAt: -1, _id: -1 },
    ...pageWindow(page),
  };
}

/**
 * Tombstones the index and the matches have caught up with. Filtering on the tombstone index's own
 * partial filter lets the sweep read that small index each minute instead of every listing (`$ne: null`
 * has no index bounds worth having, and no index led with `deletedAt`).
 */
export const purgeableListings = (): Filter => ({
  deletedAt: trusted(TOMBSTONE),
  indexPending: false,
  matchPending: false,
});

export function listingScope(filter?: { status?: ListingStatus }): Filter {
  const scope: Filter = { deletedAt: null };
  if (filter?.status !== undefined) scope.status = asStatus(filter.status);
  return scope;
}
