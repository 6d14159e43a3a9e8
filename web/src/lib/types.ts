/**
 * Shapes the API answers. Where the server has a TypeBox schema, its static type is reused here
 * (type-only imports, erased at build: at run time the web imports only server/shared/, which lint
 * enforces); the rest follow DESIGN.md §2a.
 */
import type { Static } from 'typebox';
import type {
  ApplicationStage,
  EmailTopic,
  EmploymentType,
  ListingStatus,
  NotificationKind,
  RemotePolicy,
  Role,
  SalaryPeriod,
  Seniority,
} from '../../../server/shared/vocabulary.ts';
import type { Location, SkillRequirement } from '../../../server/adapters/store/port.ts';
import type {
  LoginBody,
  PublicUser,
  SessionResponse,
  SignupBody,
  SignupResponse,
} from '../../../server/schemas/auth.ts';
import type { SalaryBand as SalaryBandSchema, SkillRef } from '../../../server/schemas/common.ts';
import type { ExtractedSkill } from '../../../server/domain/extraction.ts';
import type { MatchKind, SkillGapEntry } from '../../../server/domain/matching.ts';
import type { CandidatesResponse, RecommendationsResponse } from '../../../server/schemas/candidates.ts';
import type {
  MatchResponse,
  MatchSummary as MatchSummarySchema,
  MatchTerm as MatchTermSchema,
  SkillGap as SkillGapSchema,
} from '../../../server/schemas/matching.ts';
import type { SearchResponse } from '../../../server/schemas/search.ts';
import type {
  BandPreviewBody,
  ListingAnswer,
  ListingCreateBody,
  ListingPatchBody,
} from '../../../server/schemas/listing.ts';
import type { ProfileAnswer, ProfileBody } from '../../../server/schemas/profile.ts';
import type {
  ApplicationChangeBody,
  CandidateApplication,
  CandidateApplicationsPage,
  CompanyApplication,
  CompanyApplicationsPage,
  InvitationResponse,
  MarkReadResponse,
  Notification as NotificationSchema,
  NotificationSettings,
  NotificationsPage,
  OutboxPage,
  OutboxQuery,
  SavedPage,
  SavedResponse,
  StageChange as StageChangeSchema,
  UnsubscribeResponse,
} from '../../../server/schemas/hiring.ts';

export type {
  ApplicationStage,
  CandidateApplication,
  CompanyApplication,
  EmailTopic,
  EmploymentType,
  ListingStatus,
  NotificationKind,
  Location,
  PublicUser,
  RemotePolicy,
  Role,
  SalaryPeriod,
  Seniority,
  SkillRef,
  SkillRequirement,
};

export type AuthAnswer = SessionResponse;
export type SignupInput = SignupBody;
export type SignupAnswer = Static<typeof SignupResponse>;
export type LoginInput = LoginBody;
export type SalaryBand = Static<typeof SalaryBandSchema>;
/** A band answer: the band, or none with the reason (too few samples for any segment the query allows). */
export interface BandAnswer {
  band: SalaryBand | null;
  reason?: string;
}
export type BandPreviewInput = BandPreviewBody;
export type Listing = ListingAnswer & { candidatesCount?: number };
export type ListingInput = ListingCreateBody;
export type ListingPatch = ListingPatchBody;
export type Profile = ProfileAnswer;
export type ProfileInput = ProfileBody;

export interface ListPage<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export type { ExtractedSkill, MatchKind, SkillGapEntry };
export type MatchTerm = Static<typeof MatchTermSchema>;
export type SkillGap = Static<typeof SkillGapSchema>;
export type MatchSummary = Static<typeof MatchSummarySchema>;
export type MatchAnswer = Static<typeof MatchResponse>;
export type SearchAnswer = Static<typeof SearchResponse>;
export type SearchItem = SearchAnswer['items'][number];
/** One facet: value → count. */
export type FacetCounts = SearchAnswer['facets'][string];
export type RecommendationsAnswer = Static<typeof RecommendationsResponse>;
export type Recommendation = RecommendationsAnswer['items'][number];
export type CandidatesAnswer = Static<typeof CandidatesResponse>;
export type CandidateMatch = CandidatesAnswer['items'][number];

/** A picker suggestion; `exact` when the query is the skill's name or an alias. */
export type SkillSuggestion = SkillRef & { exact?: boolean };

/** What a signed-in candidate did with a posting: saved it, applied to it (search hits and the posting). */
export type ListingViewer = NonNullable<Listing['viewer']>;
export type StageChange = Static<typeof StageChangeSchema>;
export type ApplicationChange = Static<typeof ApplicationChangeBody>;
export type MyApplicationsAnswer = Static<typeof CandidateApplicationsPage>;
export type ApplicantsAnswer = Static<typeof CompanyApplicationsPage>;
/** Applications per stage; stages with none are left out. */
export type StageCounts = ApplicantsAnswer['counts'];
export type SavedAnswer = Static<typeof SavedPage>;
export type SavedPosting = SavedAnswer['items'][number];
export type SavedMark = Static<typeof SavedResponse>['saved'];
export type Invitation = Static<typeof InvitationResponse>['invitation'];
/** An in-app notification (the layout's short-lived messages are `Notice`s). */
export type InboxNotification = Static<typeof NotificationSchema>;
export type NotificationsAnswer = Static<typeof NotificationsPage>;
export type MarkReadAnswer = Static<typeof MarkReadResponse>;
export type EmailSettings = Static<typeof NotificationSettings>['email'];
export type UnsubscribeAnswer = Static<typeof UnsubscribeResponse>;
export type OutboxAnswer = Static<typeof OutboxPage>;
export type OutboxEmail = OutboxAnswer['items'][number];
export type OutboxStatus = NonNullable<Static<typeof OutboxQuery>['status']>;

/** Mirrors server/routes/admin.ts, whose schemas are not exported. */
export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
}

export interface QueuesAnswer {
  adapter: string;
  counts: Record<string, QueueCounts>;
  failed: { jobId: string; name: string; error: string; attempts: number; failedAt: string }[];
}

export interface AdminOperation {
  id: string;
  kind: 'reindex' | 'rematch';
  status: 'running' | 'done' | 'failed';
  total: number;
  enqueued: number;
  error?: string;
  startedAt: string;
  finishedAt?: string;
}
