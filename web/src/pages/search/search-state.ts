import type { SearchQuery } from '../../lib/api.ts';

/** The filters that are facets: URL parameter name = API parameter name = facet key. */
export const FACETS = ['skills', 'seniority', 'remote', 'employmentType', 'country', 'company'] as const;
export type FacetName = (typeof FACETS)[number];

export const FACET_TITLE: Record<FacetName, string> = {
  skills: 'Skills',
  seniority: 'Seniority',
  remote: 'Remote policy',
  employmentType: 'Employment type',
  country: 'Country',
  company: 'Company',
};

export const SORTS = [
  { value: 'relevance', label: 'Relevance', needsCandidate: false },
  { value: 'newest', label: 'Newest', needsCandidate: false },
  { value: 'salary', label: 'Highest salary', needsCandidate: false },
  { value: 'match', label: 'Best match', needsCandidate: true },
] as const;

export const PAGE_SIZE = 20;

function list(params: URLSearchParams, key: string): string[] {
  return (params.get(key) ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
}

/** Reads a search from the page URL, so a search can be shared and reloaded. */
export function searchFromUrl(params: URLSearchParams): SearchQuery & { page: number } {
  const salaryMin = Number(params.get('salaryMin'));
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
    const values = list(params, facet);
    if (values.length > 0) query[facet] = values;
  }
  return query;
}
