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

/** Reads a search from the page URL, so a search can be shared and reloaded. */
export function searchFromUrl(params: URLSearchParams): SearchQuery & { page: number } {
  const salaryMin = Number(params.get(filterParam('salaryMinUsd')));
  const page = Number(params.get('page'));
  const query: SearchQuery & { page: number } = {
    q: params.get('q') ?? '',
    sort: params.get('sort') ?? undefined,
    salaryMin: Number.isFinite(salaryMin) && salaryMin > 0 ? salaryMin : undefined,
    currency: params.get('currency') ?? undefined,
    page: Number.isInteger(page) && page > 1 ? page : 1,
    limit: PAGE_SIZE,
  };
  for (const facet of FACETS) {
    const values = list(params, filterParam(facet));
    if (isSingleChoice(facet) && values.length > 1) continue;
    if (values.length > 0) query[facet] = values;
  }
  return query;
}
