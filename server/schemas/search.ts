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
import { Listing } from './listing.ts';
import { MatchSummary } from './matching.ts';

/** Comma-separated list in one query parameter, e.g. `skills=go,postgres`. */
const CsvList = Type.String({ maxLength: 500, pattern: '^[^\\u0000-\\u001f]*$' });

/** The query-string parameter of one filter, by its type in the filter table. */
type FilterParamSchema<Def extends SearchFilterDef> = Def extends { type: 'keyword' | 'keywords' }
  ? Type.TOptional<typeof CsvList>
  : Def extends { type: 'flag' }
    ? Type.TOptional<Type.TBoolean>
    : Def extends { input: 'money' }
      ? Type.TOptional<Type.TNumber>
      : Type.TOptional<Type.TString>;

function filterParamSchema(def: SearchFilterDef) {
  switch (def.type) {
    case 'keyword':
    case 'keywords':
      return Type.Optional(CsvList);
    case 'flag':
      return Type.Optional(Type.Boolean());
    case 'atLeast':
      return def.input === 'money'
        ? Type.Optional(
            Type.Number({ minimum: 0, maximum: 100_000_000, description: 'Yearly, in `currency`' }),
          )
        : Type.Optional(Type.String({ format: 'date' }));
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
  FILTER_NAMES.map((name) => [filterParam(name), filterParamSchema(SEARCH_FILTERS[name])]),
) as FilterParams;

export const SearchQuerystring = Type.Object(
  {
    q: Type.String({ maxLength: MAX_QUERY_LENGTH, default: '' }),
    ...filterParams,
    currency: Type.String({ pattern: '^[A-Z]{3}$', default: 'USD' }),
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
      listing: Listing,
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
