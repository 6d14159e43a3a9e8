/**
 * Shapes the API answers, per DESIGN.md §2a. Where the server already has a type, it is reused
 * (type-only imports: nothing from the server reaches the bundle).
 */
import type {
  EmploymentType,
  ExpectedSalary,
  ListingData,
  ListingStatus,
  Location,
  ProfileData,
  ProfileSkill,
  RemotePolicy,
  Role,
  SalaryPeriod,
  Seniority,
  SkillRequirement,
} from '../../../server/adapters/store/port.ts';
import type { SkillRef } from '../../../server/domain/skill-ref.ts';

export type {
  EmploymentType,
  ExpectedSalary,
  ListingData,
  ListingStatus,
  Location,
  ProfileData,
  ProfileSkill,
  RemotePolicy,
  Role,
  SalaryPeriod,
  Seniority,
  SkillRef,
  SkillRequirement,
};

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  company?: string | null;
}

export interface AuthAnswer {
  user: PublicUser;
  accessToken: string;
}

export interface ListPage<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export interface SalaryBand {
  p25: number;
  p50: number;
  p75: number;
  n: number;
  currency: string;
  segment: string;
  sources: string[];
  fallback?: boolean;
}

export interface Listing extends ListingData {
  id: string;
  status: ListingStatus;
  company: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  band?: SalaryBand | null;
  candidatesCount?: number;
}

/** What the create and edit forms send: skills by name or alias, the server resolves them. */
export interface ListingInput extends Omit<ListingData, 'requiredSkills' | 'niceToHaveSkills'> {
  requiredSkills: { skill: string; level: number; weight: number }[];
  niceToHaveSkills: { skill: string; level: number; weight: number }[];
}

export interface Profile extends ProfileData {
  version?: number;
  updatedAt?: string;
}

export interface ProfileInput extends Omit<ProfileData, 'skills'> {
  skills: { skill: string; level?: number; years?: number }[];
}

export interface SearchHit {
  id: string;
  title: string;
  company: string;
  location: Location;
  remote: RemotePolicy;
  employmentType: EmploymentType;
  seniority: Seniority;
  salary: ListingData['salary'];
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

export type SkillMatchKind = 'exact' | 'alias' | 'implied' | 'related' | 'below-level';

export interface ScoreTerm {
  key: string;
  label: string;
  points: number;
  detail?: string;
}

export interface GapItem {
  skill: SkillRef;
  requiredLevel?: number;
  candidateLevel?: number | null;
  kind?: SkillMatchKind;
  /** The related or implying skill the candidate already has. */
  via?: SkillRef | null;
  /** How many points closing this gap would add. */
  gain?: number;
}

export interface SkillGap {
  matched: GapItem[];
  partial: GapItem[];
  missingRequired: GapItem[];
  missingNiceToHave: GapItem[];
}

export interface MatchAnswer {
  score: number | null;
  /** Why there is no score (e.g. an empty profile). */
  reason?: string;
  terms: ScoreTerm[];
  gap: SkillGap;
  salaryFit?: string;
}

export interface Recommendation {
  listing: SearchHit;
  score: number;
  /** The missing skills that would raise this score the most, best first. */
  topMissing: GapItem[];
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

export interface ExtractedSkill {
  skill: SkillRef;
  start: number;
  end: number;
  text: string;
  level?: number;
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
