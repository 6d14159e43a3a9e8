import {
  EMPLOYMENT_LABEL,
  EMPLOYMENT_TYPES,
  REMOTE_LABEL,
  REMOTE_POLICIES,
  SENIORITIES,
  SENIORITY_LABEL,
} from './vocabulary.ts';

/**
 * Every search filter, declared once as data. The querystring schema, the search service's parsing, both
 * search adapters' translations, the facet lists, the web's URL state and filter panel, and a generic
 * case of the search contract all read this table; adding a filter is adding a row (and its document
 * field). The key is the filter's name in the port's `SearchFilter`, in facet answers and, unless
 * `param` says otherwise, in query strings and page URLs.
 */

/** How the values a user gives are checked and normalised. */
export type FilterValues =
  /** One of a vocabulary; `labels` are what people read. */
  | { kind: 'enum'; values: readonly string[]; labels: Readonly<Record<string, string>> }
  /** Any skill name or alias; the service resolves it to a taxonomy id (facet keys are ids). */
  | { kind: 'skill' }
  /** ISO 3166-1 alpha-2, upper-cased. */
  | { kind: 'country' }
  /** Exact text, as the facet lists it. */
  | { kind: 'text' }
  /** A country code or remote region id (server/shared/regions.ts), in any casing. */
  | { kind: 'area' };

interface FilterCommon {
  /** What the filter panel calls it. */
  label: string;
  /** Query-string name when it differs from the key. */
  param?: string;
  /** The search document's field it reads, when it differs from the key. */
  field?: string;
}

/** The document holds one value; the filter keeps postings whose value is any of the given ones. */
export interface KeywordFilter extends FilterCommon {
  type: 'keyword';
  values: FilterValues;
  facet: true;
}

/** The document holds a list; the filter keeps postings holding `all` (or `any`) of the given values. */
export interface KeywordsFilter extends FilterCommon {
  type: 'keywords';
  match: 'all' | 'any';
  values: FilterValues;
  facet: true;
}

/** A yes/no property; `true` keeps postings that have it, `false` those that do not. */
export interface FlagFilter extends FilterCommon {
  type: 'flag';
  facet: true;
  /** What people read for each answer (facet keys are "true" and "false"). */
  labels: { true: string; false: string };
}

/**
 * A lower bound on a number of the document: `money` is a yearly amount in the query's `currency`,
 * turned into annual US dollars; `date` is an ISO date, turned into epoch milliseconds.
 */
export interface AtLeastFilter extends FilterCommon {
  type: 'atLeast';
  input: 'money' | 'date';
  facet: false;
}

export type SearchFilterDef = KeywordFilter | KeywordsFilter | FlagFilter | AtLeastFilter;

export const SEARCH_FILTERS = {
  skills: { type: 'keywords', match: 'all', values: { kind: 'skill' }, label: 'Skills', facet: true },
  seniority: {
    type: 'keyword',
    values: { kind: 'enum', values: SENIORITIES, labels: SENIORITY_LABEL },
    label: 'Seniority',
    facet: true,
  },
  remote: {
    type: 'keyword',
    values: { kind: 'enum', values: REMOTE_POLICIES, labels: REMOTE_LABEL },
    label: 'Remote policy',
    facet: true,
  },
  country: { type: 'keyword', values: { kind: 'country' }, label: 'Country', facet: true },
  employmentType: {
    type: 'keyword',
    values: { kind: 'enum', values: EMPLOYMENT_TYPES, labels: EMPLOYMENT_LABEL },
    label: 'Employment type',
    facet: true,
  },
  company: { type: 'keyword', values: { kind: 'text' }, label: 'Company', facet: true },
  visaSponsorship: {
    type: 'flag',
    label: 'Visa sponsorship',
    labels: { true: 'Sponsors a work visa', false: 'No visa sponsorship' },
    facet: true,
  },
  remoteRegion: {
    type: 'keywords',
    match: 'any',
    values: { kind: 'area' },
    field: 'remoteRegions',
    label: 'Remote from',
    facet: true,
  },
  salaryMinUsd: {
    type: 'atLeast',
    input: 'money',
    param: 'salaryMin',
    field: 'salaryMaxUsd',
    label: 'Minimum salary',
    facet: false,
  },
  postedSince: { type: 'atLeast', input: 'date', field: 'createdAt', label: 'Posted since', facet: false },
} as const satisfies Record<string, SearchFilterDef>;

export type SearchFilterName = keyof typeof SEARCH_FILTERS;
type Defs = typeof SEARCH_FILTERS;

/** The value one filter takes in the port's `SearchFilter`. */
export type FilterValue<Def extends SearchFilterDef> = Def extends { type: 'keyword' | 'keywords' }
  ? string[]
  : Def extends { type: 'flag' }
    ? boolean
    : number;

/** What the search port receives: each filter optional; empty lists and absent fields filter nothing. */
export type SearchFilter = { [Name in SearchFilterName]?: FilterValue<Defs[Name]> };

export type FacetName = {
  [Name in SearchFilterName]: Defs[Name]['facet'] extends true ? Name : never;
}[SearchFilterName];

export const FILTER_NAMES = Object.keys(SEARCH_FILTERS) as SearchFilterName[];

export const FACET_NAMES = FILTER_NAMES.filter(
  (name): name is FacetName => SEARCH_FILTERS[name].facet,
) as readonly FacetName[];

/** The query-string (and page URL) parameter of a filter. */
export function filterParam(name: SearchFilterName): string {
  const def = SEARCH_FILTERS[name] as SearchFilterDef;
  return def.param ?? name;
}

/** The search document field a filter reads. */
export function filterField(name: SearchFilterName): string {
  const def = SEARCH_FILTERS[name] as SearchFilterDef;
  return def.field ?? name;
}

export function emptyFacets(): Record<FacetName, Record<string, number>> {
  return Object.fromEntries(FACET_NAMES.map((name) => [name, {}])) as Record<
    FacetName,
    Record<string, number>
  >;
}

/** The "list" filters, whose query-string form is comma-separated values. */
export function isListFilter(def: SearchFilterDef): def is KeywordFilter | KeywordsFilter {
  return def.type === 'keyword' || def.type === 'keywords';
}

/** How many values one list filter takes at most (the rest of a longer list is ignored). */
export const MAX_FILTER_VALUES = 20;

/** Sorts a search can ask for; `match` needs a signed-in candidate. */
export const SEARCH_SORTS = ['relevance', 'newest', 'salary', 'match'] as const;
export type SearchSortName = (typeof SEARCH_SORTS)[number];
export const SEARCH_SORT_LABEL: Readonly<Record<SearchSortName, string>> = {
  relevance: 'Relevance',
  newest: 'Newest',
  salary: 'Highest salary',
  match: 'Best match',
};
