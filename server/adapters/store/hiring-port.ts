import type { ProfileData } from '../../domain/profile.ts';
import type { SkillGap } from '../../domain/matching.ts';
import type { StageActor } from '../../domain/applications.ts';
import type { ApplicationStage, EmailKind, NotificationKind } from '../../shared/vocabulary.ts';
import type { Page, PageRequest } from './port.ts';

export type { StageActor };

/**
 * The store port's hiring loop: saved postings, applications, invitations, notifications and the email
 * outbox. Part of `port.ts` (which re-exports all of it and holds `Store`), in its own file for size.
 */

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
  /** listingId → how many applications each stage holds (stages, and listings, with none left out). */
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
  kind: EmailKind;
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
  /** When it was handed to the mail server: null until then, and for a kept email. */
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
  /**
   * Records the outcome of the attempt that claimed it. Like `release`, it changes only an email an
   * attempt holds (`sending`): a late word from a dead attempt never moves a sent email.
   */
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
