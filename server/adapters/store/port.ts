import type { ListingData, Location, SalaryRange, SkillRequirement } from '../../domain/listing.ts';
import type { ExpectedSalary, ProfileData, ProfileSkill } from '../../domain/profile.ts';
import type { MatchSummary, SkillGap } from '../../domain/matching.ts';
import type { StageActor } from '../../domain/applications.ts';

export type { StageActor };

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

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  companyId: string | null;
  passwordHash: string;
  createdAt: string;
  updatedAt: string;
}
export type NewUser = Omit<User, 'id' | 'createdAt' | 'updatedAt'>;

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
 * Two ranked lists per pair of sides: a listing's candidates (scored as the recruiter may see them, without
 * the candidate's private salary expectation) and a profile's recommendations (scored for the candidate).
 */
export interface MatchStore {
  /**
   * Replaces a listing's candidates with `records`, unless a newer listing version was already stored
   * (late jobs never overwrite newer results). Returns whether it wrote.
   */
  replaceForListing(listingId: string, listingVersion: number, records: MatchRecord[]): Promise<boolean>;
  /** Same, for a profile's recommendations. */
  replaceForProfile(profileId: string, profileVersion: number, records: MatchRecord[]): Promise<boolean>;
  /**
   * Puts a freshly matched listing into the recommendations of the profiles of `records`, and takes it
   * out of those of the profiles in `previous` (the caller's read of `recommendedTo`) that `records`
   * leaves out. Rows of other profiles, written since that read, are left alone.
   */
  placeListingInRecommendations(listingId: string, records: MatchRecord[], previous: string[]): Promise<void>;
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

// ---- The hiring loop: saved postings, applications, invitations, notifications and the email outbox.

export interface SavedListing {
  userId: string;
  listingId: string;
  savedAt: string;
}

export interface SavedListingStore {
  /** Saves a posting for a user; saving it again keeps the first `savedAt`. */
  save(userId: string, listingId: string): Promise<SavedListing>;
  /** Returns false when it was not saved. */
  remove(userId: string, listingId: string): Promise<boolean>;
  /** Newest first (savedAt, then listingId). */
  list(userId: string, page: PageRequest): Promise<Page<SavedListing>>;
  /** listingId → savedAt, for those of `listingIds` the user saved. */
  savedAmong(userId: string, listingIds: string[]): Promise<Map<string, string>>;
}

export interface StageChange {
  stage: ApplicationStage;
  at: string;
  by: StageActor;
}

/** A company's private note on an application: never shown to the candidate. */
export interface CompanyNote {
  text: string;
  at: string;
  authorId: string;
}

/**
 * What the company sees of the candidate as of applying: the profile without the private salary
 * expectation, and the match scored as a recruiter sees it.
 */
export interface ApplicationSnapshot {
  profile: Omit<ProfileData, 'expectedSalary' | 'discoverable'>;
  score: number | null;
  gap: SkillGap;
}

export interface Application {
  id: string;
  listingId: string;
  /** The company that posted the listing: the only one that sees the application. */
  companyId: string;
  /** The candidate's user id. */
  candidateId: string;
  profileId: string;
  stage: ApplicationStage;
  /** The candidate's note to the company, as sent. */
  note: string;
  snapshot: ApplicationSnapshot;
  /** Revealed to the company by applying. */
  contact: { name: string; email: string };
  /** Every stage the application has been in, oldest first, starting with `applied`. */
  timeline: StageChange[];
  companyNotes: CompanyNote[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type NewApplication = Omit<
  Application,
  'id' | 'stage' | 'timeline' | 'companyNotes' | 'version' | 'createdAt' | 'updatedAt'
>;

/** A stage change (or only a note) made to an application. */
export interface ApplicationChange {
  stage?: { to: ApplicationStage; by: StageActor };
  companyNote?: { text: string; authorId: string };
}

export interface ApplicationStore {
  /** AppError `conflict` when this candidate already applied to this listing. */
  create(input: NewApplication, delivery?: Delivery): Promise<Application>;
  findById(id: string): Promise<Application | null>;
  /** Newest first (createdAt, then id). */
  listByCandidate(candidateId: string, page: PageRequest): Promise<Page<Application>>;
  /** Best snapshot score first (unscored last), then oldest; `stage` narrows to one stage. */
  listByListing(
    listingId: string,
    filter: { stage?: ApplicationStage },
    page: PageRequest,
  ): Promise<Page<Application>>;
  /** listingId → the candidate's application to it, for those of `listingIds` they applied to. */
  appliedAmong(candidateId: string, listingIds: string[]): Promise<Map<string, Application>>;
  /** listingId → how many applications each stage holds (stages with none left out). */
  countsByStage(listingIds: string[]): Promise<Map<string, Partial<Record<ApplicationStage, number>>>>;
  /** Applications of the listing in an open stage (applied, in review, interviewing, offer). */
  openForListing(listingId: string): Promise<Application[]>;
  /**
   * Applies the change, appending to the timeline and the notes, and bumps `version`; with
   * `expectedVersion`, a concurrent change is refused (`version_conflict`). The delivery is written in
   * the same transaction. Throws `not_found` for an unknown id.
   */
  update(
    id: string,
    change: ApplicationChange,
    expectedVersion?: number,
    delivery?: Delivery,
  ): Promise<Application>;
}

export interface Invitation {
  id: string;
  listingId: string;
  companyId: string;
  profileId: string;
  candidateId: string;
  /** The recruiter who invited. */
  invitedBy: string;
  message: string;
  createdAt: string;
}

export type NewInvitation = Omit<Invitation, 'id' | 'createdAt'>;

export interface InvitationStore {
  /** AppError `conflict` when the profile was already invited to this listing. */
  create(input: NewInvitation, delivery?: Delivery): Promise<Invitation>;
  /** profileId → invitation, for those of `profileIds` invited to the listing. */
  invitedAmong(listingId: string, profileIds: string[]): Promise<Map<string, Invitation>>;
}

export interface Notification {
  id: string;
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** A path in the web app the notification leads to. */
  link: string;
  readAt: string | null;
  createdAt: string;
}

export interface NewNotification extends Pick<Notification, 'userId' | 'kind' | 'title' | 'body' | 'link'> {
  /** Unique: a delivery written twice (a retried job) adds each notification once. */
  dedupeKey: string;
}

export interface NotificationStore {
  /** Newest first (createdAt, then id). */
  list(userId: string, page: PageRequest): Promise<Page<Notification>>;
  unreadCount(userId: string): Promise<number>;
  /** Marks the user's notifications read (only `ids`, when given); returns how many changed. */
  markRead(userId: string, ids?: string[]): Promise<number>;
}

/**
 * An email waiting in (or sent from) the outbox: `pending` until a send job claims it (`sending`),
 * then `sent` (handed to the mail server) or `kept` (no mail server: the outbox is the mailbox), or
 * back to `pending` with its error for the next attempt.
 */
export type EmailStatus = 'pending' | 'sending' | 'sent' | 'kept';

export interface OutboxEmail {
  id: string;
  userId: string;
  kind: NotificationKind;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers (List-Unsubscribe and the like). */
  headers: Record<string, string>;
  status: EmailStatus;
  attempts: number;
  lastError: string | null;
  /** The Message-ID it was sent with: the same on every attempt, so a resend is recognisably one mail. */
  messageId: string;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

export interface NewEmail extends Pick<
  OutboxEmail,
  'userId' | 'kind' | 'to' | 'subject' | 'text' | 'html' | 'headers'
> {
  /** Unique: a delivery written twice adds each email once. */
  dedupeKey: string;
}

export interface OutboxStore {
  findById(id: string): Promise<OutboxEmail | null>;
  /**
   * Takes the email for one send attempt: `pending` (or `sending` since before `staleBefore`, an
   * attempt that died) becomes `sending` with one more attempt. Null when it is not claimable (sent,
   * kept, or another attempt holds it).
   */
  claim(id: string, staleBefore: string): Promise<OutboxEmail | null>;
  /** Records the outcome of the attempt that claimed it. */
  markDone(id: string, status: 'sent' | 'kept'): Promise<void>;
  /** Gives a failed attempt back: `pending` again, with its error. */
  release(id: string, error: string): Promise<void>;
  /** Emails the sweep should (re)send: pending, or sending since before `staleBefore`; oldest first. */
  findUnsent(staleBefore: string, limit: number): Promise<OutboxEmail[]>;
  /** Newest first, for the admin page. */
  list(page: PageRequest, filter?: { status?: EmailStatus }): Promise<Page<OutboxEmail>>;
}

/** Notifications and emails written atomically with the change that causes them. */
export interface Delivery {
  notifications: NewNotification[];
  emails: NewEmail[];
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
