/**
 * Shapes the API answers. Where the server has a TypeBox schema, its static type is reused here
 * (type-only imports: nothing from the server reaches the bundle); the rest follow DESIGN.md §2a.
 */
import type { Static } from 'typebox';
import type {
  EmploymentType,
  ListingStatus,
  Location,
  RemotePolicy,
  Role,
  SalaryPeriod,
  Seniority,
  SkillRequirement,
} from '../../../server/adapters/store/port.ts';
import type { PublicUser, SessionResponse } from '../../../server/schemas/auth.ts';
import type { SalaryBand as SalaryBandSchema, SkillRef } from '../../../server/schemas/common.ts';
import type { ExtractedSkill } from '../../../server/domain/extraction.ts';
import type { MatchKind, MatchTerm, SkillGap, SkillGapEntry } from '../../../server/domain/matching.ts';
import type { ListingAnswer, ListingCreateBody } from '../../../server/schemas/listing.ts';
import type { ProfileAnswer, ProfileBody } from '../../../server/schemas/profile.ts';

export type {
  EmploymentType,
  ListingStatus,
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
export type SalaryBand = Static<typeof SalaryBandSchema>;
export type Listing = ListingAnswer & { candidatesCount?: number };
export type ListingInput = ListingCreateBody;
export type Profile = ProfileAnswer;
export type ProfileInput = ProfileBody;

export interface ListPage<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

/*
 * The shapes below mirror the server's schemas for search, matching, candidates and admin
 * (server/schemas/{search,matching,candidates}.ts, server/routes/admin.ts).
 */

export type { ExtractedSkill, MatchKind, MatchTerm, SkillGap, SkillGapEntry };

export interface MatchSummary {
  score: number | null;
  /** Up to three skills that would raise the score most. */
  topMissing: SkillRef[];
  matchedCount: number;
  requiredCount: number;
}

export interface SearchItem {
  listing: Listing;
  /** HTML-escaped text with matched words in `<mark>`…`</mark>`. */
  highlights: { title?: string; description?: string };
  /** For a signed-in candidate whose profile can be scored. */
  match: MatchSummary | null;
}

/** One facet: value → count. */
export type FacetCounts = Record<string, number>;

export interface SearchAnswer extends ListPage<SearchItem> {
  facets: Record<string, FacetCounts>;
  /** Why hits carry no match score for a signed-in candidate. */
  matchNote: string | null;
}

export interface MatchResult {
  scored: boolean;
  score?: number;
  reason?: string;
  terms?: MatchTerm[];
}

export interface MatchAnswer {
  match: MatchResult;
  gap: SkillGap | null;
  summary: MatchSummary | null;
}

export interface Recommendation {
  listing: Listing;
  score: number;
  summary: MatchSummary;
}

export interface RecommendationsAnswer extends ListPage<Recommendation> {
  /** True while the latest profile version is still being matched. */
  pending: boolean;
  reason: string | null;
}

export interface CandidateMatch {
  profileId: string;
  name: string;
  headline: string;
  seniority: Seniority | null;
  yearsExperience: number;
  location: Location | null;
  remote: RemotePolicy | null;
  score: number;
  summary: MatchSummary;
  gap: SkillGap;
}

export interface CandidatesAnswer extends ListPage<CandidateMatch> {
  pending: boolean;
}

export type SkillSuggestion = SkillRef;

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
