import { isCustomSkillId, resolveSkill, CUSTOM_SKILL_PREFIX } from '../domain/skills.ts';
import { getSkill } from '../domain/taxonomy.ts';
import { REMOTE_REGIONS, normaliseArea } from '../shared/regions.ts';
import { isCountryCode } from '../shared/countries.ts';
import {
  FILTER_NAMES,
  MAX_FILTER_VALUES,
  SEARCH_FILTERS,
  filterParam,
  isListFilter,
  type FilterValues,
  type SearchFilterDef,
} from '../shared/search-filters.ts';
import { toAnnualUsd } from '../domain/currency.ts';
import { AppError } from '../errors.ts';
import {
  FACET_NAMES,
  MAX_SEARCH_LIMIT,
  type FacetName,
  type SearchFilter,
  type SearchIndex,
} from '../adapters/search/port.ts';
import type { Listing, Store } from '../adapters/store/port.ts';
import type { MatchSummary } from '../domain/matching.ts';
import type { SearchQuerystring } from '../schemas/search.ts';
import type { MatchingService } from './matching/index.ts';
import type { BackboardJobs } from '../adapters/queue/jobs.ts';
import type { Viewer } from './viewer.ts';
import { writeConfirmed } from './index-writes.ts';

/** How many hits "best match" re-ranks: the top of the relevance order, scored for this candidate. */
const MATCH_SORT_WINDOW = 300;

const csv = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .slice(0, MAX_FILTER_VALUES);

type Problem = { path: string; message: string };

/** One list filter's values as the index holds them, or a problem naming the parameter. */
function listValues(name: string, values: FilterValues, raw: string[]): string[] | Problem {
  const path = `querystring:/${name}`;
  switch (values.kind) {
    case 'enum': {
      const unknown = raw.filter((value) => !values.values.includes(value));
      return unknown.length ? { path, message: `must be among ${values.values.join(', ')}` } : raw;
    }
    case 'skill':
      return raw.map((value) => resolveSkill(value).id);
    case 'country': {
      const countries = raw.map((value) => value.toUpperCase());
      return countries.some((country) => !isCountryCode(country))
        ? { path, message: 'must be ISO 3166 alpha-2 codes' }
        : countries;
    }
    case 'text':
      return raw;
    case 'area': {
      const areas = raw.map(normaliseArea);
      return areas.some((area) => area === null)
        ? { path, message: `must be ISO 3166 country codes or regions (${REMOTE_REGIONS.join(', ')})` }
        : (areas as string[]);
    }
  }
}

/** The query string's filters, read through the filter table; anything unknown is a 400, not an empty result. */
function filterOf(query: SearchQuerystring): SearchFilter {
  const filter: Record<string, unknown> = {};
  const params = query as unknown as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const name of FILTER_NAMES) {
    const def = SEARCH_FILTERS[name] as SearchFilterDef;
    const param = filterParam(name);
    const raw = params[param];
    if (raw === undefined) continue;
    if (isListFilter(def)) {
      const values = listValues(param, def.values, csv(raw as string));
      if (!Array.isArray(values)) problems.push(values);
      else if (values.length) filter[name] = values;
    } else if (def.type === 'flag') {
      filter[name] = raw;
    } else if (def.input === 'date') {
      filter[name] = Date.parse(`${raw as string}T00:00:00Z`);
    } else {
      try {
        filter[name] = Math.round(toAnnualUsd(raw as number, query.currency, 'year'));
      } catch {
        problems.push({ path: 'querystring:/currency', message: `no rate for ${query.currency}` });
      }
    }
  }
  if (problems.length) throw new AppError('validation_failed', 'Invalid search filter', problems);
  return filter as SearchFilter;
}

/**
 * Facets where one posting holds one value (or any of a list) are "or" within the facet: ticking a second
 * country adds postings. Their counts leave out the facet's own filter, so the other values stay offered
 * with the number of postings ticking them would add. Skills are "all", so their counts narrow.
 */
function isOrFacet(name: FacetName): boolean {
  const def = SEARCH_FILTERS[name] as SearchFilterDef;
  return def.type === 'keyword' || (def.type === 'keywords' && def.match === 'any');
}

/** What people read for a skill facet key (a taxonomy id, or a free-text skill's slug). */
function skillLabel(id: string): string {
  const skill = getSkill(id);
  if (skill) return skill.name;
  const words = (isCustomSkillId(id) ? id.slice(CUSTOM_SKILL_PREFIX.length) : id).replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface SearchItem {
  listing: Listing;
  highlights: { title?: string; description?: string };
  match: MatchSummary | null;
}

export function createSearchService(store: Store, search: SearchIndex, matching: MatchingService) {
  /** Recounts each filtered "or" facet without its own filter (see `isOrFacet`). */
  async function withOwnFilterLeftOut(
    q: string,
    filter: SearchFilter,
    facets: Record<FacetName, Record<string, number>>,
  ): Promise<Record<FacetName, Record<string, number>>> {
    const recount = FACET_NAMES.filter((name) => isOrFacet(name) && filter[name] !== undefined);
    const counts = await Promise.all(
      recount.map((name) => {
        const others: SearchFilter = { ...filter };
        delete others[name];
        return search.search({ q, filter: others, facets: [name], sort: 'relevance', offset: 0, limit: 0 });
      }),
    );
    const merged = { ...facets };
    recount.forEach((name, index) => (merged[name] = counts[index]!.facets[name] ?? {}));
    return merged;
  }

  return {
    /**
     * Puts the listing's current state in the index (or removes it), confirmed against the store after
     * the write (`writeConfirmed`), then records the version indexed.
     */
    async indexListing({ listingId, version }: BackboardJobs['index']) {
      const listing = await store.listings.findById(listingId);
      const seen = Math.max(version, listing?.version ?? 0);
      const confirmed = await writeConfirmed(store, search, [{ id: listingId, listing, seen }]);
      const { version: indexedVersion, removed } = confirmed.get(listingId)!;
      await store.listings.markProcessed('indexed', listingId, indexedVersion);
      return removed ? { removed, indexedVersion } : { indexedVersion };
    },

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
      facets = await withOwnFilterLeftOut(
        query.q,
        filter,
        facets as Record<FacetName, Record<string, number>>,
      );
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
        facetLabels: {
          skills: Object.fromEntries(
            Object.keys((facets as Record<string, Record<string, number>>).skills ?? {}).map((id) => [
              id,
              skillLabel(id),
            ]),
          ),
        },
        matchNote: note,
        processingTimeMs,
      };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
