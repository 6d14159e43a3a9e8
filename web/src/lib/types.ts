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

export interface SearchHit {
  id: string;
  title: string;
  company: string;
  location: Location;
  remote: RemotePolicy;
  employmentType: EmploymentType;
  seniority: Seniority;
  salary: ListingAnswer['salary'];
  requiredSkills?: SkillRequirement[];
  niceToHaveSkills?: SkillRequirement[];
  createdAt: string;
  /** Present for a signed-in candidate with a scored profile. */
  score?: number | null;
  /** Highlighted snippet when the search backend provides one. */
  snippet?: string;
}

/** One facet: value → count. */
export type FacetCounts = Record<string, number>;

export interface SearchAnswer extends ListPage<SearchHit> {
  facets: Record<string, FacetCounts>;
}

export type { ExtractedSkill, MatchKind, MatchTerm, SkillGap, SkillGapEntry };

export interface MatchAnswer {
  score: number | null;
  /** Why there is no score (e.g. a profile without skills). */
  reason?: string;
  terms: MatchTerm[];
  gap: SkillGap;
}

export interface Recommendation {
  listing: SearchHit;
  score: number;
  /** Up to three skills that would raise this score the most. */
  topMissing: SkillRef[];
}

export interface RecommendationsAnswer extends ListPage<Recommendation> {
  learnNext?: { skill: SkillRef; gain: number; listings: number }[];
}

export interface CandidateMatch {
  profileId: string;
  name?: string;
  headline: string;
  seniority: Seniority | null;
  location: Location | null;
  score: number;
  gap: SkillGap;
}

export interface SkillSuggestion {
  id: string;
  name: string;
  category?: string;
  /** The alias that matched the query, when it was not the name. */
  matchedAlias?: string;
}

export interface QueueCounts {
  name: string;
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
}

export interface AdminJob {
  id: string;
  kind: 'reindex' | 'rematch';
  done: number;
  total: number;
  state: 'running' | 'completed' | 'failed';
}
