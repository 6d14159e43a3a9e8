import { trusted } from 'mongoose';
import { AppError } from '../../errors.ts';
import type {
  LagKind,
  ListingPatch,
  ListingStatus,
  MatchRecord,
  NewListing,
  NewRefreshToken,
  NewUser,
  PageRequest,
  ProfileData,
  SourceKey,
} from './port.ts';
import { LISTING_STATUSES } from '../../shared/vocabulary.ts';
import { LISTING_DATA_FIELDS } from './port.ts';
import type {
  CompanyDoc,
  ListingDoc,
  MatchDoc,
  ProfileDoc,
  RefreshTokenDoc,
  UserDoc,
} from './mongodb-schemas.ts';

/**
 * Every filter and update the MongoDB adapter sends is built here, by small pure functions, from
 * values checked to be plain strings, integers, booleans or Dates. An object such as `{ $ne: '' }`
 * passed where an id or an email belongs is refused before it can become a query operator. The
 * operators these builders add themselves are marked `trusted()`, because the connection also runs
 * mongoose's `sanitizeFilter`, which wraps any other `$` object in `$eq`.
 */

type Filter = Record<string, unknown>;
type Sort = Record<string, 1 | -1>;

export interface FilterAndUpdate {
  filter: Filter;
  update: Record<string, unknown>;
}

export interface PagedQuery {
  filter: Filter;
  sort: Sort;
  skip: number;
  limit: number;
}

const badInput = (field: string, expected: string) =>
  new AppError('bad_request', `${field} must be ${expected}`, [
    { path: `/${field}`, message: `must be ${expected}` },
  ]);

/** A key used in a filter: strings pass, finite numbers become strings, anything else is refused. */
export function asKey(value: unknown, field = 'id'): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw badInput(field, 'a string');
}

export function asKeys(values: unknown, field = 'ids'): string[] {
  if (!Array.isArray(values)) throw badInput(field, 'a list of strings');
  return [...new Set(values.map((value) => asKey(value, field)))];
}

export function asVersion(value: unknown, field = 'version'): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  throw badInput(field, 'a non-negative integer');
}

function asBoolean(value: unknown, field: string): boolean {
  if (typeof value === 'boolean') return value;
  throw badInput(field, 'true or false');
}

function asStatus(value: unknown): ListingStatus {
  if (LISTING_STATUSES.includes(value as ListingStatus)) return value as ListingStatus;
  throw badInput('status', `one of ${LISTING_STATUSES.join(', ')}`);
}

export function asSourceKey(value: unknown): SourceKey {
  if (typeof value !== 'object' || value === null) throw badInput('source', 'an object { source, sourceId }');
  const { source, sourceId } = value as Record<string, unknown>;
  return { source: asKey(source, 'source/source'), sourceId: asKey(sourceId, 'source/sourceId') };
}

export function pageWindow(page: PageRequest): { skip: number; limit: number } {
  const pageNumber = asVersion(page.page, 'page');
  const limit = asVersion(page.limit, 'limit');
  if (pageNumber < 1) throw badInput('page', 'at least 1');
  if (limit < 1) throw badInput('limit', 'at least 1');
  return { skip: (pageNumber - 1) * limit, limit };
}

/** Case-insensitive, nothing more: the embedded store compares with SQLite's NOCASE. */
export const emailKeyOf = (email: unknown): string => asKey(email, 'email').toLowerCase();
export const companyNameKeyOf = (name: unknown): string => asKey(name, 'name').toLowerCase();

export const byId = (id: unknown): Filter => ({ _id: asKey(id) });
export const byIds = (ids: unknown): Filter => ({ _id: trusted({ $in: asKeys(ids) }) });

// Users

export function newUserDoc(input: NewUser, id: string, now: Date): UserDoc {
  return {
    _id: id,
    email: asKey(input.email, 'email'),
    emailKey: emailKeyOf(input.email),
    name: input.name,
    role: input.role,
    companyId: input.companyId === null ? null : asKey(input.companyId, 'companyId'),
    passwordHash: input.passwordHash,
    createdAt: now,
    updatedAt: now,
  };
}

export const userByEmail = (email: unknown): Filter => ({ emailKey: emailKeyOf(email) });

// Companies

export function companyFindOrCreate(name: string, id: string, now: Date): FilterAndUpdate {
  const nameKey = companyNameKeyOf(name);
  const insert: CompanyDoc = { _id: id, name, nameKey, createdAt: now };
  return { filter: { nameKey }, update: { $setOnInsert: insert } };
}

// Listings

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

/** A write bumps the version and marks both workers behind, in one atomic update. */
function bumpVersion(set: Record<string, unknown>, now: Date, pendingFlags: readonly string[]) {
  const flags = Object.fromEntries(pendingFlags.map((flag) => [flag, true]));
  return { $set: { ...set, ...flags, updatedAt: now }, $inc: { version: 1 } };
}

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

export function bySource(source: unknown): Filter {
  const key = asSourceKey(source);
  return { 'source.source': key.source, 'source.sourceId': key.sourceId };
}

export function listingsOfCompany(companyId: unknown, page: PageRequest): PagedQuery {
  return {
    filter: { companyId: asKey(companyId, 'companyId'), deletedAt: null },
    sort: { updatedAt: -1, _id: -1 },
    ...pageWindow(page),
  };
}

const LAG_FIELDS = {
  indexed: { version: 'indexedVersion', pending: 'indexPending' },
  matched: { version: 'matchedVersion', pending: 'matchPending' },
} as const;

function lagFields(kind: unknown) {
  if (kind !== 'indexed' && kind !== 'matched') throw badInput('kind', 'indexed or matched');
  return LAG_FIELDS[kind];
}

export function lagging(kind: LagKind, limit: number): { filter: Filter; sort: Sort; limit: number } {
  return {
    filter: { [lagFields(kind).pending]: true },
    sort: { updatedAt: 1, _id: 1 },
    limit: Math.max(1, asVersion(limit, 'limit')),
  };
}

/**
 * Recording a processed version is two conditional updates, never lowering what is stored:
 * `caughtUp` matches when `version` is the newest and also clears the pending flag; `behind` only
 * raises the recorded version (a newer write is still pending). The adapter runs `behind` when
 * `caughtUp` matched nothing.
 */
export function markProcessedUpdates(
  kind: LagKind,
  id: unknown,
  version: number,
): { caughtUp: FilterAndUpdate; behind: FilterAndUpdate } {
  const fields = lagFields(kind);
  const processed = asVersion(version);
  const notRecorded = { ...byId(id), [fields.version]: trusted({ $lt: processed }) };
  return {
    caughtUp: {
      filter: { ...notRecorded, version: trusted({ $lte: processed }) },
      update: { $set: { [fields.version]: processed, [fields.pending]: false } },
    },
    behind: { filter: notRecorded, update: { $set: { [fields.version]: processed } } },
  };
}

/** Tombstones the index has caught up with (no indexing pending). */
/** Tombstones both the index and the matches have seen. */
export const purgeableListings = (): Filter => ({
  deletedAt: trusted({ $ne: null }),
  indexPending: false,
  matchPending: false,
});

export function listingScope(filter?: { status?: ListingStatus }): Filter {
  const scope: Filter = { deletedAt: null };
  if (filter?.status !== undefined) scope.status = asStatus(filter.status);
  return scope;
}

/** Keyset pagination by id: each batch starts after the last id of the previous one. */
export function afterId(scope: Filter, lastId: string | null): Filter {
  return lastId === null ? scope : { ...scope, _id: trusted({ $gt: asKey(lastId) }) };
}

// Profiles

export const PROFILE_DATA_FIELDS = [
  'headline',
  'yearsExperience',
  'seniority',
  'location',
  'remote',
  'expectedSalary',
  'skills',
  'discoverable',
] as const;

/** Every profile field, so a save replaces the whole profile (absent optional values become null). */
export function profileDataSet(data: ProfileData): Pick<ProfileDoc, (typeof PROFILE_DATA_FIELDS)[number]> {
  return {
    headline: data.headline ?? '',
    yearsExperience: data.yearsExperience,
    seniority: data.seniority ?? null,
    location: data.location ?? null,
    remote: data.remote ?? null,
    expectedSalary: data.expectedSalary ?? null,
    skills: data.skills ?? [],
    discoverable: asBoolean(data.discoverable ?? false, 'discoverable'),
  };
}

export function newProfileDoc(
  userId: unknown,
  data: ProfileData,
  id: string,
  now: Date,
  source: SourceKey | null = null,
): ProfileDoc {
  return {
    _id: id,
    userId: asKey(userId, 'userId'),
    ...profileDataSet(data),
    version: 1,
    matchedVersion: 0,
    matchPending: true,
    source: source === null ? null : asSourceKey(source),
    createdAt: now,
    updatedAt: now,
  };
}

export const profileOfUser = (userId: unknown): Filter => ({ userId: asKey(userId, 'userId') });

/**
 * Without `expectedVersion` the save upserts (creating the profile with version 1, `insertId` as its
 * id); with it, the filter only matches that stored version.
 */
export function profileSave(
  userId: unknown,
  data: ProfileData,
  now: Date,
  options: { expectedVersion?: number; insertId: string },
): FilterAndUpdate {
  const filter = profileOfUser(userId);
  const update: Record<string, unknown> = bumpVersion(profileDataSet(data), now, ['matchPending']);
  if (options.expectedVersion === undefined) {
    update.$setOnInsert = { _id: options.insertId, createdAt: now, matchedVersion: 0, source: null };
  } else {
    filter.version = asVersion(options.expectedVersion, 'expectedVersion');
  }
  return { filter, update };
}

/** A re-import rewrites the profile data only; the owner and the source stay. */
export function profileUpsertUpdate(id: unknown, data: ProfileData, now: Date): FilterAndUpdate {
  return { filter: byId(id), update: bumpVersion(profileDataSet(data), now, ['matchPending']) };
}

export function profileScope(filter?: { discoverable?: boolean }): Filter {
  return filter?.discoverable === undefined
    ? {}
    : { discoverable: asBoolean(filter.discoverable, 'discoverable') };
}

// Refresh tokens

export function newRefreshTokenDoc(input: NewRefreshToken, id: string, now: Date): RefreshTokenDoc {
  return {
    _id: id,
    userId: asKey(input.userId, 'userId'),
    familyId: asKey(input.familyId, 'familyId'),
    tokenHash: asKey(input.tokenHash, 'tokenHash'),
    expiresAt: new Date(input.expiresAt),
    revokedAt: null,
    replacedById: null,
    createdAt: now,
  };
}

export const tokenByHash = (tokenHash: unknown): Filter => ({ tokenHash: asKey(tokenHash, 'tokenHash') });

export function tokenRevoke(id: unknown, now: Date, replacedById?: string): FilterAndUpdate {
  return {
    filter: { ...byId(id), revokedAt: null },
    update: {
      $set: {
        revokedAt: now,
        replacedById: replacedById === undefined ? null : asKey(replacedById, 'replacedById'),
      },
    },
  };
}

export function familyRevoke(familyId: unknown, now: Date): FilterAndUpdate {
  return {
    filter: { familyId: asKey(familyId, 'familyId'), revokedAt: null },
    update: { $set: { revokedAt: now } },
  };
}

export function expiredTokens(now: Date): Filter {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw badInput('now', 'a valid Date');
  return { expiresAt: trusted({ $lt: now }) };
}

// Matches

export type MatchSide = 'listing' | 'profile';

export const matchStateKey = (side: MatchSide, id: unknown): string => `${side}:${asKey(id)}`;

/**
 * Records `version` as the newest stored match set. Run in the same transaction as the rewrite, after
 * `isStaleMatchWrite` said no: equal versions rewrite (a retried job), older ones never do.
 */
export function matchStateWrite(side: MatchSide, id: unknown, version: number): FilterAndUpdate {
  return { filter: { _id: matchStateKey(side, id) }, update: { $set: { version: asVersion(version) } } };
}

export const isStaleMatchWrite = (stored: { version: number } | null, version: number): boolean =>
  stored !== null && stored.version > version;

/** The list one entity owns: a listing's candidates (side `listing`) or a profile's recommendations (side `profile`). */
export const matchesOf = (side: MatchSide, id: unknown): Filter =>
  side === 'listing'
    ? { side, listingId: asKey(id, 'listingId') }
    : { side, profileId: asKey(id, 'profileId') };

/** Every recommendation row of one listing, across profiles. */
export const recommendationsOfListing = (listingId: unknown): Filter => ({
  side: 'profile',
  listingId: asKey(listingId, 'listingId'),
});

/** The listing's rows in the recommendations of these profiles only. */
export const recommendationsOfListingFor = (listingId: unknown, profileIds: unknown): Filter => ({
  ...recommendationsOfListing(listingId),
  profileId: trusted({ $in: asKeys(profileIds, 'profileIds') }),
});

/** Every row of one listing, on both sides. */
export const allMatchesOfListing = (listingId: unknown): Filter => ({
  listingId: asKey(listingId, 'listingId'),
});

/** One document per (listing, profile) pair; a repeated pair keeps its last record, as SQLite's REPLACE does. */
export function matchDocs(side: MatchSide, id: unknown, records: MatchRecord[]): MatchDoc[] {
  const owner = asKey(id);
  return pairDocs(
    side,
    records.map((record) =>
      side === 'listing' ? { ...record, listingId: owner } : { ...record, profileId: owner },
    ),
  );
}

/** Rows of one side, each keyed by its own (listing, profile) pair. */
export function pairDocs(side: MatchSide, records: MatchRecord[]): MatchDoc[] {
  const byPair = new Map<string, MatchDoc>();
  for (const record of records) {
    const doc: MatchDoc = {
      side,
      listingId: asKey(record.listingId, 'listingId'),
      profileId: asKey(record.profileId, 'profileId'),
      score: record.score,
      summary: JSON.stringify(record.summary ?? {}),
      listingVersion: asVersion(record.listingVersion, 'listingVersion'),
      profileVersion: asVersion(record.profileVersion, 'profileVersion'),
      computedAt: new Date(record.computedAt),
    };
    byPair.set(JSON.stringify([doc.listingId, doc.profileId]), doc);
  }
  return [...byPair.values()];
}

/** Best first; ties by the other side's id. */
export function rankedMatches(side: MatchSide, id: unknown, page: PageRequest): PagedQuery {
  const tieBreak = side === 'listing' ? 'profileId' : 'listingId';
  return { filter: matchesOf(side, id), sort: { score: -1, [tieBreak]: 1 }, ...pageWindow(page) };
}

// Documents

export function documentPut(key: unknown, value: unknown, now: Date): FilterAndUpdate {
  const json = JSON.stringify(value);
  if (json === undefined) throw badInput('value', 'JSON-serialisable');
  return { filter: byId(asKey(key, 'key')), update: { $set: { value: json, updatedAt: now } } };
}
