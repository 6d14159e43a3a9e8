import type { SkillRef } from '../../domain/skill-ref.ts';
import { AppError } from '../../errors.ts';
import type { EmploymentType, Listing, ListingStatus, RemotePolicy, Seniority } from '../store/port.ts';
import { plainTextOfMarkdown } from '../../posting-text.ts';
import { areasCovered } from '../../shared/regions.ts';
import {
  FACET_NAMES,
  filterField,
  type FacetName,
  type SearchFilter,
  type SearchFilterName,
} from '../../shared/search-filters.ts';

/**
 * The search port: a full-text index of listings with typed filters, facet counts, sorts and highlights.
 * Two adapters implement it (Meilisearch in production, SQLite FTS5 as the embedded default) and both
 * pass `search-index.contract.ts`.
 */

/** What the index holds for one listing. Salaries are annual USD; times are epoch milliseconds. */
export interface ListingDocument {
  id: string;
  title: string;
  /** Plain text (markdown removed). */
  description: string;
  company: string;
  companyId: string;
  /** Required then nice-to-have skills, each once (canonical taxonomy ids, or `custom:` ids). */
  skills: SkillRef[];
  seniority: Seniority;
  remote: RemotePolicy;
  /** ISO 3166 alpha-2. */
  country: string;
  city: string;
  employmentType: EmploymentType;
  salaryMinUsd: number;
  salaryMaxUsd: number;
  visaSponsorship: boolean;
  /**
   * Remote postings: every country and region a remote hire may live in (what the posting lists,
   * widened by server/shared/regions.ts `areasCovered`); empty for onsite and hybrid postings.
   */
  remoteRegions: string[];
  createdAt: number;
  updatedAt: number;
  status: ListingStatus;
  /** The listing's store version; an upsert never replaces a document of a higher version. */
  version: number;
}

export { emptyFacets, FACET_NAMES } from '../../shared/search-filters.ts';
export type { FacetName, SearchFilter } from '../../shared/search-filters.ts';

export type SearchSort = 'relevance' | 'newest' | 'salary';

export interface SearchQuery {
  /**
   * Free text. Blank means "browse": every open posting matching the filter. Only the first
   * MAX_QUERY_LENGTH characters and MAX_QUERY_WORDS words count (as in Meilisearch).
   */
  q: string;
  filter: SearchFilter;
  facets: FacetName[];
  /** `relevance` with a blank query orders like `newest`; every sort ends with `id` ascending for ties. */
  sort: SearchSort;
  offset: number;
  /** 0 to MAX_SEARCH_LIMIT; 0 answers only total and facets. */
  limit: number;
  highlight?: boolean;
}

export interface SearchHit {
  id: string;
  /** Engine-specific relevance, higher is better; present for text queries only. */
  score?: number;
  /**
   * HTML-safe text (escaped) with matched words wrapped in `<mark>`…`</mark>`. The description is a
   * crop of about 30 words around the first match, `…` marking cut ends.
   */
  highlights?: { title?: string; description?: string };
}

export interface SearchResult {
  hits: SearchHit[];
  /** Exact number of open postings matching query and filter. */
  total: number;
  /** Counts over all matching postings (filters included), for each requested facet, biggest first. */
  facets: Record<FacetName, Record<string, number>>;
  processingTimeMs: number;
}

/** A document to remove, at most at `version` (the newest version of the listing its remover has seen). */
export interface IndexRemoval {
  id: string;
  version: number;
}

export interface SearchIndex {
  /**
   * Creates the index and applies its settings; idempotent, call once at start-up. `rebuildNeeded`
   * is true when, before this call (or before the adapter was made, for one that opens its tables
   * then), the index did not exist or its schema or settings differed from this code's: it then
   * lacks documents the store holds, or fields the settings now use, and every listing must be
   * upserted again. Called again, it is false.
   */
  applySettings(): Promise<{ rebuildNeeded: boolean }>;
  /**
   * Adds or replaces documents, skipping any whose `version` is lower than the indexed one.
   * Resolves once the change is visible to `search` (read-your-writes). An engine without conditional
   * writes (Meilisearch) checks before it writes, so a concurrent write of an older version can still
   * land last: writers confirm against the store afterwards (`services/index-writes.ts`).
   */
  upsert(docs: ListingDocument[]): Promise<void>;
  /**
   * Removes each document unless the index holds it at a version above the removal's (a listing
   * imported again after its deletion keeps its newer document); unknown ids are ignored. Resolves once
   * the removal is visible. Atomic in both engines.
   */
  delete(removals: IndexRemoval[]): Promise<void>;
  /** Only `status: 'open'` documents are ever found. */
  search(query: SearchQuery): Promise<SearchResult>;
  clear(): Promise<void>;
  stats(): Promise<{ documents: number }>;
  /** Throws when the backend cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The skills the engines know, for whole technology tokens ("C#", "Node.js") and alias synonyms. */
export interface SearchVocabulary {
  skills: { id: string; name: string; aliases: string[] }[];
}

export const MAX_SEARCH_LIMIT = 100;
export const MAX_QUERY_LENGTH = 512;
export const MAX_QUERY_WORDS = 10;

/** The value a document holds for one filter of the filter table (skills by id). */
export function documentFilterValue(
  doc: ListingDocument,
  name: SearchFilterName,
): string | string[] | boolean | number {
  const field = filterField(name) as keyof ListingDocument;
  if (field === 'skills') return doc.skills.map((skill) => skill.id);
  return doc[field] as string | string[] | boolean | number;
}

/** Adapters refuse what the route should already have refused, so a bad caller fails loudly. */
export function assertValidSearchQuery(query: SearchQuery): void {
  const problems: { path: string; message: string }[] = [];
  if (!Number.isInteger(query.offset) || query.offset < 0) {
    problems.push({ path: '/offset', message: 'must be an integer ≥ 0' });
  }
  if (!Number.isInteger(query.limit) || query.limit < 0 || query.limit > MAX_SEARCH_LIMIT) {
    problems.push({ path: '/limit', message: `must be an integer from 0 to ${MAX_SEARCH_LIMIT}` });
  }
  for (const key of ['salaryMinUsd', 'postedSince'] as const) {
    const value = query.filter[key];
    if (value !== undefined && !Number.isFinite(value)) {
      problems.push({ path: `/filter/${key}`, message: 'must be a finite number' });
    }
  }
  for (const facet of query.facets) {
    if (!FACET_NAMES.includes(facet)) problems.push({ path: '/facets', message: `unknown facet ${facet}` });
  }
  if (problems.length > 0) throw new AppError('validation_failed', 'Invalid search query', problems);
}

/** The words of `q` that count: trimmed and cut to MAX_QUERY_LENGTH. */
export function effectiveQueryText(q: string): string {
  return q.slice(0, MAX_QUERY_LENGTH).trim();
}

export function toListingDocument(
  listing: Listing,
  opts: { salaryAnnualUsd: { min: number; max: number } },
): ListingDocument {
  const skills: SkillRef[] = [];
  const seen = new Set<string>();
  for (const requirement of [...listing.requiredSkills, ...listing.niceToHaveSkills]) {
    if (seen.has(requirement.skill.id)) continue;
    seen.add(requirement.skill.id);
    skills.push({ id: requirement.skill.id, name: requirement.skill.name });
  }
  return {
    id: listing.id,
    title: listing.title,
    description: plainTextOfMarkdown(listing.description),
    company: listing.company,
    companyId: listing.companyId,
    skills,
    seniority: listing.seniority,
    remote: listing.remote,
    country: listing.location.country,
    city: listing.location.city,
    employmentType: listing.employmentType,
    salaryMinUsd: opts.salaryAnnualUsd.min,
    salaryMaxUsd: opts.salaryAnnualUsd.max,
    visaSponsorship: listing.visaSponsorship,
    remoteRegions:
      listing.remote === 'remote' ? areasCovered(listing.remoteRegions, listing.location.country) : [],
    createdAt: Date.parse(listing.createdAt),
    updatedAt: Date.parse(listing.updatedAt),
    status: listing.status,
    version: listing.version,
  };
}
