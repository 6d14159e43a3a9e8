import { resolveSkill } from '../domain/skills.ts';
import { EMPLOYMENT_TYPES, REMOTE_POLICIES, SENIORITIES } from '../shared/vocabulary.ts';
import { toAnnualUsd } from '../domain/currency.ts';
import { AppError } from '../errors.ts';
import {
  FACET_NAMES,
  MAX_SEARCH_LIMIT,
  type SearchFilter,
  type SearchIndex,
} from '../adapters/search/port.ts';
import type { Listing, Store } from '../adapters/store/port.ts';
import type { MatchSummary } from '../domain/matching.ts';
import type { SearchQuerystring } from '../schemas/search.ts';
import type { MatchingService } from './matching.ts';
import type { Viewer } from './viewer.ts';

/** How many hits "best match" re-ranks: the top of the relevance order, scored for this candidate. */
const MATCH_SORT_WINDOW = 300;

const csv = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .slice(0, 20);

/** Values each enumerated filter accepts; anything else is a 400, not a silent empty result. */
const ALLOWED: Record<'seniority' | 'remote' | 'employmentType', readonly string[]> = {
  seniority: SENIORITIES,
  remote: REMOTE_POLICIES,
  employmentType: EMPLOYMENT_TYPES,
};

function filterOf(query: SearchQuerystring): SearchFilter {
  const filter: SearchFilter = {};
  const skills = csv(query.skills).map((name) => resolveSkill(name).id);
  if (skills.length) filter.skills = skills;
  const problems: { path: string; message: string }[] = [];
  for (const key of ['seniority', 'remote', 'employmentType'] as const) {
    const values = csv(query[key]);
    const unknown = values.filter((value) => !ALLOWED[key].includes(value));
    if (unknown.length)
      problems.push({ path: `querystring:/${key}`, message: `must be among ${ALLOWED[key].join(', ')}` });
    else if (values.length) filter[key] = values;
  }
  const countries = csv(query.country).map((value) => value.toUpperCase());
  if (countries.some((country) => !/^[A-Z]{2}$/.test(country))) {
    problems.push({ path: 'querystring:/country', message: 'must be ISO 3166 alpha-2 codes' });
  } else if (countries.length) filter.country = countries;
  const companies = csv(query.company);
  if (companies.length) filter.company = companies;
  if (problems.length) throw new AppError('validation_failed', 'Invalid search filter', problems);
  if (query.salaryMin !== undefined) {
    try {
      filter.salaryMinUsd = Math.round(toAnnualUsd(query.salaryMin, query.currency, 'year'));
    } catch {
      throw new AppError('validation_failed', 'Unknown currency', [
        { path: 'querystring:/currency', message: `no rate for ${query.currency}` },
      ]);
    }
  }
  if (query.postedSince) filter.postedSince = Date.parse(`${query.postedSince}T00:00:00Z`);
  return filter;
}

export interface SearchItem {
  listing: Listing;
  highlights: { title?: string; description?: string };
  match: MatchSummary | null;
}

export function createSearchService(store: Store, search: SearchIndex, matching: MatchingService) {
  return {
    async searchListings(viewer: Viewer | null, query: SearchQuerystring) {
      const filter = filterOf(query);
      const byMatch = query.sort === 'match';
      if (byMatch && viewer?.role !== 'candidate') {
        throw new AppError('validation_failed', 'Sorting by best match needs a signed-in candidate', [
          { path: 'querystring:/sort', message: 'sign in as a candidate to sort by match' },
        ]);
      }
      const offset = (query.page - 1) * query.limit;
      const base = { q: query.q, filter, facets: [...FACET_NAMES], highlight: true };
      const hits = [];
      let total = 0;
      let facets = {};
      let processingTimeMs = 0;
      if (byMatch) {
        // Re-rank the most relevant window by this candidate's score.
        for (let windowOffset = 0; windowOffset < MATCH_SORT_WINDOW; windowOffset += MAX_SEARCH_LIMIT) {
          const result = await search.search({
            ...base,
            sort: 'relevance',
            offset: windowOffset,
            limit: MAX_SEARCH_LIMIT,
          });
          if (windowOffset === 0) ({ total, facets, processingTimeMs } = result);
          hits.push(...result.hits);
          if (result.hits.length < MAX_SEARCH_LIMIT) break;
        }
      } else {
        const result = await search.search({
          ...base,
          sort: query.sort as 'relevance' | 'newest' | 'salary',
          offset,
          limit: query.limit,
        });
        ({ total, facets, processingTimeMs } = result);
        hits.push(...result.hits);
      }
      const listings = new Map(
        (await store.listings.findManyByIds(hits.map((hit) => hit.id))).map((l) => [l.id, l]),
      );
      // The index may briefly hold a listing closed a moment ago: answer only what the store says is open.
      const found = hits.filter((hit) => listings.get(hit.id)?.status === 'open');
      const { summaries, note } = await matching.summariesFor(
        viewer,
        found.map((hit) => listings.get(hit.id)!),
      );
      let items: SearchItem[] = found.map((hit) => ({
        listing: listings.get(hit.id)!,
        highlights: hit.highlights ?? {},
        match: summaries.get(hit.id) ?? null,
      }));
      if (byMatch) {
        items = items
          .sort(
            (a, b) =>
              (b.match?.score ?? -1) - (a.match?.score ?? -1) || a.listing.id.localeCompare(b.listing.id),
          )
          .slice(offset, offset + query.limit);
        total = Math.min(total, MATCH_SORT_WINDOW);
      }
      return {
        items,
        total,
        page: query.page,
        limit: query.limit,
        facets,
        matchNote: note,
        processingTimeMs,
      };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
