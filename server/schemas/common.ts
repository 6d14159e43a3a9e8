import Type, { type Static } from 'typebox';
import {
  EMPLOYMENT_TYPES,
  LISTING_STATUSES,
  REMOTE_POLICIES,
  ROLES,
  SALARY_PERIODS,
  SENIORITIES,
} from '../shared/vocabulary.ts';

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Array(Type.Object({ path: Type.Optional(Type.String()), message: Type.String() })),
    }),
  },
  { $id: 'ErrorResponse' },
);
export type ErrorResponse = Static<typeof ErrorResponse>;

/** Response schemas for the error statuses a route can answer. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(statuses.map((status) => [status, Type.Ref('ErrorResponse')]));
}

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

export const PageQuery = {
  page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
};

export function PageOf<T extends Type.TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    limit: Type.Integer(),
  });
}

export const SkillRef = Type.Object({ id: Type.String(), name: Type.String() });
export type SkillRef = Static<typeof SkillRef>;

/**
 * Characters no text people type needs, which only hide or disguise what it says: control characters,
 * unpaired surrogates (text that is not valid Unicode) and the bidirectional overrides and isolates that
 * reorder what a reader sees.
 */
const DISGUISING = '\\p{Cs}\\u202A-\\u202E\\u2066-\\u2069';
/** One line: no control character at all, and something besides spaces. */
export const LINE_PATTERN = `^(?=[\\s\\S]*\\S)[^\\p{Cc}${DISGUISING}]*$`;
/** The same, where it may be left empty. */
export const OPTIONAL_LINE_PATTERN = `^[^\\p{Cc}${DISGUISING}]*$`;
/** Several lines: tabs and line breaks allowed, other control characters not. */
export const TEXT_PATTERN = `^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F${DISGUISING}]*$`;

/** What the error answer says for these patterns instead of echoing them. */
const PATTERN_MESSAGES: Readonly<Record<string, string>> = {
  [LINE_PATTERN]: 'must be one line of visible text (no control or direction-override characters)',
  [OPTIONAL_LINE_PATTERN]: 'must be one line without control or direction-override characters',
  [TEXT_PATTERN]: 'must not contain control or direction-override characters',
};

/** A schema issue in words, as the API and the importer both report it. */
export function issueMessage(issue: {
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}): string {
  if (issue.keyword === 'pattern') {
    const known = PATTERN_MESSAGES[String(issue.params?.['pattern'])];
    if (known) return known;
  }
  return issue.message ?? 'is invalid';
}

/** A single line of text people type (a name, a title): required lines must hold more than spaces. */
export function Line(
  options: { maxLength: number; minLength?: number; optional?: boolean } & Type.TSchemaOptions,
) {
  const { optional, ...rest } = options;
  return Type.String({ ...rest, pattern: optional ? OPTIONAL_LINE_PATTERN : LINE_PATTERN });
}

/** Free text of several lines (a description, a note). */
export function Text(options: { maxLength: number } & Type.TSchemaOptions) {
  return Type.String({ ...options, pattern: TEXT_PATTERN });
}

/** A skill as typed by a user: a name or alias in any casing. */
export const skillName = (options: Type.TSchemaOptions = {}) =>
  Line({ ...options, minLength: 1, maxLength: 80 });
export const SkillName = skillName();

export const countryCode = (options: Type.TSchemaOptions = {}) =>
  Type.String({ ...options, pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, upper case' });
export const CountryCode = countryCode();
export const currencyCode = (options: Type.TSchemaOptions = {}) =>
  Type.String({ ...options, pattern: '^[A-Z]{3}$', description: 'ISO 4217, upper case' });
export const CurrencyCode = currencyCode();

export const Location = Type.Object(
  { country: CountryCode, city: Line({ maxLength: 120, optional: true, default: '' }) },
  { additionalProperties: false },
);

/** A schema for one vocabulary array (server/shared/vocabulary.ts): `{ enum: [...] }`, typed as its union. */
export function OneOf<const T extends readonly string[]>(
  values: T,
  options: Type.TSchemaOptions = {},
): Type.TEnum<[...T]> {
  return Type.Enum([...values], options) as Type.TEnum<[...T]>;
}

export const RemotePolicy = OneOf(REMOTE_POLICIES);
export const EmploymentType = OneOf(EMPLOYMENT_TYPES);
export const Seniority = OneOf(SENIORITIES);
export const SalaryPeriod = OneOf(SALARY_PERIODS);
export const ListingStatus = OneOf(LISTING_STATUSES);
export const Role = OneOf(ROLES);

const BandDimension = Type.Union([
  Type.Literal('seniority'),
  Type.Literal('country'),
  Type.Literal('remote'),
  Type.Literal('skill'),
]);

/** A market salary band as answered: yearly figures in `currency`, dated, with the segment behind them. */
export const SalaryBand = Type.Object({
  p25: Type.Number(),
  p50: Type.Number(),
  p75: Type.Number(),
  n: Type.Integer({
    description: 'contributors behind the figures: survey respondents, and companies (one per company)',
  }),
  currency: Type.String(),
  segment: Type.Object(
    {
      levels: Type.Optional(Type.Array(Type.String())),
      years: Type.Optional(Type.String({ description: 'years of professional experience the levels cover' })),
      country: Type.Optional(Type.String()),
      region: Type.Optional(Type.String()),
      remote: Type.Optional(Type.String()),
      skill: Type.Optional(Type.String()),
    },
    { description: 'the segment the figures come from (back-end developers)' },
  ),
  requested: Type.Object({
    seniority: Type.Optional(Type.String()),
    country: Type.Optional(Type.String()),
    remote: Type.Optional(Type.String()),
    skill: Type.Optional(Type.String()),
  }),
  dropped: Type.Array(Type.Object({ dimension: BandDimension, value: Type.String(), reason: Type.String() })),
  fellBack: Type.Boolean(),
  fallbackReason: Type.Optional(Type.String()),
  notes: Type.Array(Type.String()),
  sources: Type.Array(Type.String()),
  samples: Type.Object({ survey: Type.Optional(Type.Integer()), posting: Type.Optional(Type.Integer()) }),
  trimmed: Type.Integer({ description: 'samples set aside as outliers, beyond the segment’s fence' }),
  dataFrom: Type.String({ description: 'date of the oldest pay behind the band (YYYY-MM-DD)' }),
  dataTo: Type.String({ description: 'date of the newest pay behind the band (YYYY-MM-DD)' }),
  asOf: Type.String({ description: 'the date the pay is carried forward to (YYYY-MM-DD)' }),
  carriedForward: Type.Object({ yearlyRate: Type.Union([Type.Number(), Type.Null()]), rule: Type.String() }),
  exchange: Type.Union([
    Type.Object({ from: Type.String(), rate: Type.Number(), date: Type.String() }),
    Type.Null(),
  ]),
});
