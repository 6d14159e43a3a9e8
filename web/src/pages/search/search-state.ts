import type { SearchQuery } from '../../lib/api.ts';
import {
  FACET_NAMES,
  SEARCH_FILTERS,
  SEARCH_SORTS,
  SEARCH_SORT_LABEL,
  filterParam,
  type FacetName,
} from '../../../../server/shared/search-filters.ts';

/** The filters that are facets, from the server's filter table: URL parameter = API parameter = facet key. */
export const FACETS = FACET_NAMES;
export type { FacetName };

export const FACET_TITLE = Object.fromEntries(
  FACET_NAMES.map((name) => [name, SEARCH_FILTERS[name].label]),
) as Record<FacetName, string>;

export const SORTS = SEARCH_SORTS.map((value) => ({
  value,
  label: SEARCH_SORT_LABEL[value],
  needsCandidate: value === 'match',
}));

export const PAGE_SIZE = 20;

/** A yes/no facet takes one answer at a time: choosing one replaces the other. */
export function isSingleChoice(facet: FacetName): boolean {
  return SEARCH_FILTERS[facet].type === 'flag';
}

/** The facet's values after ticking (or unticking) one of them. */
export function toggledValues(facet: FacetName, current: string[], value: string, on: boolean): string[] {
  const others = current.filter((existing) => existing.toLowerCase() !== value.toLowerCase());
  if (!on) return others;
  return isSingleChoice(facet) ? [value] : [...others, value];
}

function list(params: URLSearchParams, key: string): string[] {
  return (params.get(key) ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
}

/** The API's highest page number (its querystring schema). */
export const LAST_PAGE_ASKABLE = 1000;

export type UrlSearch = SearchQuery & {
  page: number;
  /** What the URL asked for that the page could not do, said in words, with what it did instead. */
  notices: string[];
};

function sortOf(raw: string | null, candidate: boolean, notices: string[]): string | undefined {
  if (raw === null || raw === '' || raw === 'relevance') return undefined;
  const known = SORTS.find((sort) => sort.value === raw);
  if (!known) {
    notices.push(`“${raw}” is not a way to sort, so the results are sorted by relevance.`);
    return undefined;
  }
  if (known.needsCandidate && !candidate) {
    notices.push(
      `Sorting by ${known.label.toLowerCase()} needs a candidate's profile: sign in as a candidate to use it. Sorted by relevance.`,
    );
    return undefined;
  }
  return known.value;
}

function pageOf(raw: string | null, notices: string[]): number {
  if (raw === null || raw === '' || raw === '1') return 1;
  const page = Number(raw);
  if (!Number.isInteger(page) || page < 1) {
    notices.push(`“${raw}” is not a page number, so this is the first page.`);
    return 1;
  }
  if (page > LAST_PAGE_ASKABLE) {
    notices.push(`Results go up to page ${LAST_PAGE_ASKABLE}; this is page ${LAST_PAGE_ASKABLE}.`);
    return LAST_PAGE_ASKABLE;
  }
  return page;
}

/**
 * Reads a search from the page URL, so a search can be shared and reloaded. A value the API would refuse
 * (an unknown sort, "best match" without a candidate signed in, a page that is not a number) falls back
 * to the default with a notice, rather than replacing the results with a validation message.
 */
export function searchFromUrl(
  params: URLSearchParams,
  viewer: { candidate: boolean } = { candidate: false },
): UrlSearch {
  const salaryMin = Number(params.get(filterParam('salaryMinUsd')));
  const notices: string[] = [];
  const query: UrlSearch = {
    q: params.get('q') ?? '',
    sort: sortOf(params.get('sort'), viewer.candidate, notices),
    salaryMin: Number.isFinite(salaryMin) && salaryMin > 0 ? salaryMin : undefined,
    currency: params.get('currency') ?? undefined,
    page: pageOf(params.get('page'), notices),
    limit: PAGE_SIZE,
    notices,
  };
  for (const facet of FACETS) {
    const values = list(params, filterParam(facet));
    if (isSingleChoice(facet) && values.length > 1) continue;
    if (values.length > 0) query[facet] = values;
  }
  return query;
}

/** The last page holding results, for a search answering `total` postings. */
export function lastPage(total: number): number {
  return Math.min(LAST_PAGE_ASKABLE, Math.max(1, Math.ceil(total / PAGE_SIZE)));
}
