import type { ListingData, Location, SalaryRange, SkillRequirement } from '../../domain/listing.ts';
import type { ExpectedSalary, ProfileData, ProfileSkill } from '../../domain/profile.ts';
import type { MatchSummary } from '../../domain/matching.ts';
import type {
  ApplicationStore,
  Delivery,
  InvitationStore,
  NotificationStore,
  OutboxStore,
  SavedListingStore,
} from './hiring-port.ts';

/**
 * The store port: every persistent entity of Backboard. Two adapters implement it (SQLite for the
 * embedded default, MongoDB through mongoose in production) and both pass `store.contract.ts`.
 * Timestamps are ISO-8601 strings; ids are opaque strings chosen by the adapter.
 */

import type {
  ApplicationStage,
  EmploymentType,
  ListingStatus,
  NotificationKind,
  RemotePolicy,
  Role,
  SalaryPeriod,
  Seniority,
} from '../../shared/vocabulary.ts';

export type {
  ApplicationStage,
  EmploymentType,
  ListingStatus,
  NotificationKind,
  RemotePolicy,
  Role,
  SalaryPeriod,
  Seniority,
};
export type {
  ExpectedSalary,
  ListingData,
  Location,
  ProfileData,
  ProfileSkill,
  SalaryRange,
  SkillRequirement,
};
export { LISTING_DATA_FIELDS } from '../../domain/listing.ts';

// The hiring loop's part of the port sits beside this file, for size; it is imported from here as the rest.
export type * from './hiring-port.ts';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  companyId: string | null;
  passwordHash: string;
  /**
   * When the owner proved the address by opening the sign-up link; null until then. Accounts the
   * importer, the demo seed and the admin set-up make count as confirmed from their creation.
   */
  emailConfirmedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
export type UnconfirmedDetails = Pick<User, 'name' | 'role' | 'companyId' | 'passwordHash'>;
export type NewUser = Omit<User, 'id' | 'createdAt' | 'updatedAt' | 'emailConfirmedAt'> & {
  /** `null` for a self sign-up, which confirms later; left out, the account is confirmed at creation. */
  emailConfirmedAt?: null;
};

export interface Company {
  id: string;
  name: string;
  createdAt: string;
}

/** Where an imported record came from; (source, sourceId) is unique so re-imports change nothing. */
export interface SourceKey {
  source: string;
  sourceId: string;
}

export interface Listing extends ListingData {
  id: string;
  ownerId: string;
  companyId: string;
  company: string;
  status: ListingStatus;
  /** Bumped by every write; the index and match workers record the version they last processed. */
  version: number;
  indexedVersion: number;
  matchedVersion: number;
  /** Set when deleted: the row stays as a tombstone until the index has dropped it. */
  deletedAt: string | null;
  source: SourceKey | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewListing extends ListingData {
  ownerId: string;
  companyId: string;
  company: string;
  status?: ListingStatus;
  source?: SourceKey | null;
}

export type ListingPatch = Partial<ListingData> & { status?: ListingStatus };

export interface Profile extends ProfileData {
  id: string;
  userId: string;
  version: number;
  matchedVersion: number;
  source: SourceKey | null;
  createdAt: string;
  updatedAt: string;
}

export interface RefreshToken {
  id: string;
  userId: string;
  /** All tokens rotated from one log-in share a family; reuse of a rotated token revokes the family. */
  familyId: string;
  tokenHash: string;
  expiresAt: string;
  revokedAt: string | null;
  replacedById: string | null;
  createdAt: string;
}
export type NewRefreshToken = Pick<RefreshToken, 'userId' | 'familyId' | 'tokenHash' | 'expiresAt'>;

/** A scored (listing, profile) pair written by the match workers. */
export interface MatchRecord {
  listingId: string;
  profileId: string;
  score: number;
  /**
   * The candidate's summary of a recommendation (score, top missing skills), which their list shows as
   * stored; null on a listing's candidates, which store only the order and the gap is explained on read.
   */
  summary: MatchSummary | null;
  listingVersion: number;
  profileVersion: number;
  computedAt: string;
}

export interface PageRequest {
  page: number;
  limit: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export type LagKind = 'indexed' | 'matched';

export interface UserStore {
  /** Throws AppError `conflict` when the email (case-insensitive) is taken. */
  create(input: NewUser): Promise<User>;
  findById(id: string): Promise<User | null>;
  findByEmail(email: string): Promise<User | null>;
  findManyByIds(ids: string[]): Promise<User[]>;
  /** Marks the email confirmed now, unless it already is; null when there is no such user. */
  confirmEmail(id: string): Promise<User | null>;
  /** Replaces an unconfirmed account's details (a later sign-up); null when it is confirmed or gone. */
  replaceUnconfirmed(id: string, details: UnconfirmedDetails): Promise<User | null>;
}

export interface CompanyStore {
  /** Companies are unique by name, case-insensitive. */
  findOrCreate(name: string): Promise<Company>;
  /** A new company; AppError `conflict` when the name (case-insensitive) is taken. */
  create(name: string): Promise<Company>;
  findById(id: string): Promise<Company | null>;
}

export interface ListingStore {
  create(input: NewListing): Promise<Listing>;
  /** Deleted listings are not found. */
  findById(id: string): Promise<Listing | null>;
  findManyByIds(ids: string[]): Promise<Listing[]>;
  /**
   * Applies the patch and bumps `version`; `expectedVersion` guards against lost updates. The delivery
   * (a closed listing's news to its applicants) is written in the same transaction.
   */
  update(id: string, patch: ListingPatch, expectedVersion?: number, delivery?: Delivery): Promise<Listing>;
  /** Marks the listing deleted and bumps `version`, so the index worker can drop it. */
  delete(id: string): Promise<boolean>;
  /** Newest first (updatedAt, then id). */
  listByCompany(companyId: string, page: PageRequest): Promise<Page<Listing>>;
  /** Creates or updates the record imported under `source`; unchanged data leaves the version alone. */
  upsertBySource(
    input: NewListing & { source: SourceKey },
  ): Promise<{ listing: Listing; outcome: UpsertOutcome }>;
  /** Listings (deleted ones included) whose indexed or matched version lags `version`, oldest first. */
  findLagging(kind: LagKind, limit: number): Promise<Listing[]>;
  /** Records that `version` was processed; never lowers what is recorded. */
  markProcessed(kind: LagKind, id: string, version: number): Promise<void>;
  /**
   * Marks every listing (tombstones included) as not processed for `kind`, so the reconcile sweep
   * redoes them all: what a search index rebuilt empty needs, recorded durably before any work starts.
   */
  resetProcessed(kind: LagKind): Promise<number>;
  /** Removes tombstones whose deletion the index has seen. */
  purgeDeleted(): Promise<number>;
  /** Every non-deleted listing in id order, in batches. */
  scan(batchSize: number, filter?: { status?: ListingStatus }): AsyncIterable<Listing[]>;
  count(filter?: { status?: ListingStatus }): Promise<number>;
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export interface ProfileStore {
  findByUserId(userId: string): Promise<Profile | null>;
  findById(id: string): Promise<Profile | null>;
  findManyByIds(ids: string[]): Promise<Profile[]>;
  /** Creates or replaces the user's profile and bumps `version`. */
  save(userId: string, data: ProfileData, expectedVersion?: number): Promise<Profile>;
  upsertBySource(
    input: ProfileData & { userId: string; source: SourceKey },
  ): Promise<{ profile: Profile; outcome: UpsertOutcome }>;
  findLagging(kind: 'matched', limit: number): Promise<Profile[]>;
  markProcessed(kind: 'matched', id: string, version: number): Promise<void>;
  scan(batchSize: number, filter?: { discoverable?: boolean }): AsyncIterable<Profile[]>;
  count(filter?: { discoverable?: boolean }): Promise<number>;
}

export interface RefreshTokenStore {
  create(input: NewRefreshToken): Promise<RefreshToken>;
  findByHash(tokenHash: string): Promise<RefreshToken | null>;
  findById(id: string): Promise<RefreshToken | null>;
  /** Revokes one token, recording its successor on rotation. Returns false if it was already revoked. */
  revoke(id: string, replacedById?: string): Promise<boolean>;
  revokeFamily(familyId: string): Promise<number>;
  deleteExpired(now: Date): Promise<number>;
}

/**
 * A freshly matched listing's place in recommendations: it goes into the lists of the profiles of
 * `records`, and out of those of the profiles in `previous` (the caller's read of `recommendedTo`) that
 * `records` leaves out. Rows of other profiles, written since that read, are left alone.
 */
export interface RecommendationPlacement {
  records: MatchRecord[];
  previous: string[];
}

/**
 * Two ranked lists per pair of sides: a listing's candidates (scored as the recruiter may see them, without
 * the candidate's private salary expectation) and a profile's recommendations (scored for the candidate).
 */
export interface MatchStore {
  /**
   * Replaces a listing's candidates with `candidates` and places the listing in recommendations
   * (`placement`), in one transaction, unless a newer listing version was already stored: a late job
   * for an older version writes neither list, and no reader sees one list written without the other.
   * Returns whether it wrote.
   */
  replaceForListing(
    listingId: string,
    listingVersion: number,
    candidates: MatchRecord[],
    placement: RecommendationPlacement,
  ): Promise<boolean>;
  /** Replaces a profile's recommendations, unless a newer profile version was already stored. */
  replaceForProfile(profileId: string, profileVersion: number, records: MatchRecord[]): Promise<boolean>;
  /** Ids of the profiles whose recommendations hold this listing. */
  recommendedTo(listingId: string): Promise<string[]>;
  /** A listing's candidates, best first, ties by profileId. */
  candidatesOf(listingId: string, page: PageRequest): Promise<Page<MatchRecord>>;
  /** A profile's recommendations, best first, ties by listingId. */
  recommendationsOf(profileId: string, page: PageRequest): Promise<Page<MatchRecord>>;
  /**
   * Removes a closed or deleted listing from both lists and records `listingVersion`, so a late job for
   * an older version cannot write its candidates back.
   */
  deleteForListing(listingId: string, listingVersion: number): Promise<void>;
}

/** Small named JSON documents (market salary bands, job progress). */
export interface DocumentStore {
  get<T>(key: string): Promise<T | null>;
  put<T>(key: string, value: T): Promise<void>;
}

export interface Store {
  readonly kind: 'sqlite' | 'mongodb';
  readonly users: UserStore;
  readonly companies: CompanyStore;
  readonly listings: ListingStore;
  readonly profiles: ProfileStore;
  readonly refreshTokens: RefreshTokenStore;
  readonly matches: MatchStore;
  readonly documents: DocumentStore;
  readonly saved: SavedListingStore;
  readonly applications: ApplicationStore;
  readonly invitations: InvitationStore;
  readonly notifications: NotificationStore;
  readonly outbox: OutboxStore;
  /** Writes a delivery on its own (atomically, each notification and email once by its dedupe key). */
  deliver(delivery: Delivery): Promise<void>;
  /** Throws when the backend cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
