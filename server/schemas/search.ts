import Type, { type Static } from 'typebox';
import { MAX_QUERY_LENGTH } from '../adapters/search/port.ts';
import { Listing } from './listing.ts';
import { MatchSummary } from './matching.ts';

/** Comma-separated list in one query parameter, e.g. `skills=go,postgres`. */
const CsvList = Type.String({ maxLength: 500, pattern: '^[^\\u0000-\\u001f]*$' });

export const SearchQuerystring = Type.Object(
  {
    q: Type.String({ maxLength: MAX_QUERY_LENGTH, default: '' }),
    skills: Type.Optional(CsvList),
    seniority: Type.Optional(CsvList),
    remote: Type.Optional(CsvList),
    country: Type.Optional(CsvList),
    employmentType: Type.Optional(CsvList),
    company: Type.Optional(CsvList),
    salaryMin: Type.Optional(
      Type.Number({ minimum: 0, maximum: 100_000_000, description: 'Yearly, in `currency`' }),
    ),
    currency: Type.String({ pattern: '^[A-Z]{3}$', default: 'USD' }),
    postedSince: Type.Optional(Type.String({ format: 'date' })),
    sort: Type.Union(
      [Type.Literal('relevance'), Type.Literal('newest'), Type.Literal('salary'), Type.Literal('match')],
      {
        default: 'relevance',
      },
    ),
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
  /** Why hits have no match score, for a signed-in candidate whose profile cannot be scored. */
  matchNote: Type.Union([Type.String(), Type.Null()]),
  processingTimeMs: Type.Number(),
});
