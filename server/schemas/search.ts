import Type, { type Static } from 'typebox';
import { MAX_QUERY_LENGTH } from '../adapters/search/port.ts';
import {
  FILTER_NAMES,
  SEARCH_FILTERS,
  SEARCH_SORTS,
  filterParam,
  type SearchFilterDef,
  type SearchFilterName,
} from '../shared/search-filters.ts';
import { OneOf } from './common.ts';
import { ListingSummary } from './listing.ts';
import { MatchSummary } from './matching.ts';

/** Comma-separated list in one query parameter, e.g. `skills=go,postgres`. */
const csvList = (options: Type.TSchemaOptions) =>
  Type.String({ ...options, maxLength: 500, pattern: '^[^\\u0000-\\u001f]*$' });

/** The query-string parameter of one filter, by its type in the filter table. */
type FilterParamSchema<Def extends SearchFilterDef> = Def extends { type: 'keyword' | 'keywords' }
  ? Type.TOptional<Type.TString>
  : Def extends { type: 'flag' }
    ? Type.TOptional<Type.TBoolean>
    : Def extends { input: 'money' }
      ? Type.TOptional<Type.TNumber>
      : Type.TOptional<Type.TString>;

/** A value of one filter's parameter, as the API docs show it. */
type FilterExample<Def extends SearchFilterDef> = Def extends { type: 'flag' }
  ? boolean
  : Def extends { input: 'money' }
    ? number
    : string;

const FILTER_EXAMPLES: { [Name in SearchFilterName]: FilterExample<(typeof SEARCH_FILTERS)[Name]> } = {
  skills: 'Go,PostgreSQL',
  seniority: 'senior,staff',
  remote: 'remote,hybrid',
  country: 'DE,NL',
  employmentType: 'full-time',
  company: 'Acme Payments',
  visaSponsorship: true,
  remoteRegion: 'eu',
  salaryMinUsd: 80_000,
  postedSince: '2026-11-01',
};

function filterParamSchema(def: SearchFilterDef, example: string | number | boolean) {
  const examples = [example];
  switch (def.type) {
    case 'keyword':
    case 'keywords':
      return Type.Optional(csvList({ examples }));
    case 'flag':
      return Type.Optional(Type.Boolean({ examples }));
    case 'atLeast':
      return def.input === 'money'
        ? Type.Optional(
            Type.Number({ minimum: 0, maximum: 100_000_000, description: 'Yearly, in `currency`', examples }),
          )
        : Type.Optional(Type.String({ format: 'date', examples }));
  }
}

type FilterParams = {
  [
    Name in SearchFilterName as (typeof SEARCH_FILTERS)[Name] extends { param: infer P extends string }
      ? P
      : Name
  ]: FilterParamSchema<(typeof SEARCH_FILTERS)[Name]>;
};

/** One parameter per row of the filter table (server/shared/search-filters.ts). */
const filterParams = Object.fromEntries(
  FILTER_NAMES.map((name) => [
    filterParam(name),
    filterParamSchema(SEARCH_FILTERS[name], FILTER_EXAMPLES[name]),
  ]),
) as FilterParams;

export const SearchQuerystring = Type.Object(
  {
    q: Type.String({ maxLength: MAX_QUERY_LENGTH, default: '', examples: ['payments api'] }),
    ...filterParams,
    currency: Type.String({ pattern: '^[A-Z]{3}$', default: 'USD', examples: ['EUR'] }),
    sort: OneOf(SEARCH_SORTS, { default: 'relevance' }),
    page: Type.Integer({ minimum: 1, maximum: 1000, default: 1 }),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 20 }),
  },
  { additionalProperties: false },
);
export type SearchQuerystring = Static<typeof SearchQuerystring>;

export const SearchResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      listing: ListingSummary,
      highlights: Type.Object({
        title: Type.Optional(Type.String()),
        description: Type.Optional(Type.String()),
      }),
      match: Type.Union([MatchSummary, Type.Null()]),
    }),
  ),
  total: Type.Integer(),
  page: Type.Integer(),
  limit: Type.Integer(),
  facets: Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer())),
  /** What people read for facet keys that are ids (skills: the taxonomy's names). */
  facetLabels: Type.Object({ skills: Type.Record(Type.String(), Type.String()) }),
  /** Why hits have no match score, for a signed-in candidate whose profile cannot be scored. */
  matchNote: Type.Union([Type.String(), Type.Null()]),
  processingTimeMs: Type.Number(),
});
