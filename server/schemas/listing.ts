import Type, { type Static } from 'typebox';
import { LISTING_DEFAULTS } from '../domain/listing.ts';
import { POSTING_SUMMARY_MAX_CHARS } from '../posting-text.ts';
import { REMOTE_REGIONS } from '../shared/regions.ts';
import { APPLICATION_STAGES, REMOTE_POLICIES, SENIORITIES } from '../shared/vocabulary.ts';
import {
  CountryCode,
  CurrencyCode,
  countryCode,
  currencyCode,
  skillName,
  EmploymentType,
  OneOf,
  Line,
  Location,
  Text,
  PageQuery,
  RemotePolicy,
  SalaryBand,
  SalaryPeriod,
  Seniority,
  SkillName,
  SkillRef,
} from './common.ts';

const MAX_SALARY = 100_000_000;

/** A country code or region id as typed (any casing); the listing shape checks and normalises it. */
const AreaCode = Type.String({ minLength: 2, maxLength: 40 });

export const RequirementInput = Type.Object(
  {
    skill: SkillName,
    level: Type.Integer({ minimum: 1, maximum: 5, default: 3 }),
    weight: Type.Number({ exclusiveMinimum: 0, maximum: 10, default: 1 }),
  },
  { additionalProperties: false },
);

export const SalaryInput = Type.Object(
  {
    min: Type.Number({ minimum: 0, maximum: MAX_SALARY }),
    max: Type.Number({ minimum: 0, maximum: MAX_SALARY }),
    currency: CurrencyCode,
    period: SalaryPeriod,
  },
  { additionalProperties: false },
);

/**
 * Every field a recruiter writes, once. A new listing gets `createDefaults` for the fields it leaves out;
 * an edit takes any of them and leaves out what it does not change (so it gets no defaults).
 */
function listingFields(defaults: Partial<typeof createDefaults>) {
  return {
    title: Line({ minLength: 3, maxLength: 200 }),
    description: Text({ maxLength: 20_000 }),
    location: Location,
    remote: RemotePolicy,
    employmentType: EmploymentType,
    seniority: Seniority,
    salary: SalaryInput,
    requiredSkills: Type.Array(RequirementInput, { maxItems: 40 }),
    niceToHaveSkills: Type.Array(RequirementInput, { maxItems: 40, ...defaultOf(defaults.niceToHaveSkills) }),
    visaSponsorship: Type.Boolean({
      description: 'The employer sponsors a work visa for this role.',
      ...defaultOf(defaults.visaSponsorship),
    }),
    remoteRegions: Type.Array(AreaCode, {
      maxItems: 50,
      description:
        'Remote postings only: where a remote hire may live, as ISO 3166 country codes or regions ' +
        `(${REMOTE_REGIONS.join(', ')}); empty means the posting's own country.`,
      ...defaultOf(defaults.remoteRegions),
    }),
  };
}

const createDefaults = {
  niceToHaveSkills: [],
  visaSponsorship: LISTING_DEFAULTS.visaSponsorship,
  remoteRegions: LISTING_DEFAULTS.remoteRegions,
};

function defaultOf(value: unknown): { default?: unknown } {
  return value === undefined ? {} : { default: value };
}

/** What the API docs show of a new listing (tests check it against the schema). */
const listingExample = {
  title: 'Senior Backend Engineer, Payments',
  description:
    'Build the APIs behind our checkout: Go services on PostgreSQL and Kafka, run on Kubernetes.\n\n' +
    'You own your services from design to on-call, with a team of five engineers.',
  location: { country: 'DE', city: 'Berlin' },
  remote: 'hybrid',
  employmentType: 'full-time',
  seniority: 'senior',
  salary: { min: 75_000, max: 95_000, currency: 'EUR', period: 'year' },
  requiredSkills: [
    { skill: 'Go', level: 4, weight: 2 },
    { skill: 'PostgreSQL', level: 3, weight: 1 },
  ],
  niceToHaveSkills: [{ skill: 'Kafka', level: 2, weight: 1 }],
  visaSponsorship: true,
} as const;

export const ListingCreateBody = Type.Object(listingFields(createDefaults), {
  additionalProperties: false,
  examples: [listingExample],
});
export type ListingCreateBody = Static<typeof ListingCreateBody>;

export const ListingPatchBody = Type.Object(
  {
    ...Type.Partial(Type.Object(listingFields({}))).properties,
    version: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Expected current version (optimistic concurrency)' }),
    ),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    examples: [{ salary: { min: 80_000, max: 100_000, currency: 'EUR', period: 'year' }, version: 2 }],
  },
);
export type ListingPatchBody = Static<typeof ListingPatchBody>;

export const Requirement = Type.Object({ skill: SkillRef, level: Type.Integer(), weight: Type.Number() });

/** A listing being written, as the editor's live band needs it: `POST /api/salary-bands/preview`. */
export const BandPreviewBody = Type.Object(
  {
    seniority: Seniority,
    location: Type.Object(
      { country: CountryCode, city: Type.Optional(Type.String({ maxLength: 120 })) },
      { additionalProperties: false },
    ),
    remote: RemotePolicy,
    salary: SalaryInput,
    requiredSkills: Type.Array(RequirementInput, { maxItems: 40 }),
  },
  {
    additionalProperties: false,
    examples: [
      {
        seniority: listingExample.seniority,
        location: listingExample.location,
        remote: listingExample.remote,
        salary: listingExample.salary,
        requiredSkills: listingExample.requiredSkills,
      },
    ],
  },
);
export type BandPreviewBody = Static<typeof BandPreviewBody>;

/** A market band's segment: `GET /api/salary-bands`. */
export const SalaryBandQuery = Type.Object(
  {
    seniority: Type.Optional(OneOf(SENIORITIES, { examples: ['senior'] })),
    country: Type.Optional(countryCode({ examples: ['DE'] })),
    skill: Type.Optional(skillName({ examples: ['Go'] })),
    remote: Type.Optional(OneOf(REMOTE_POLICIES, { examples: ['hybrid'] })),
    currency: Type.Optional(currencyCode({ examples: ['EUR'] })),
  },
  { additionalProperties: false },
);

/** Where a pay range sits against its band: under p25, p25–p75 or over p75, with estimated percentiles. */
export const BandPosition = Type.Object({
  position: Type.Union([Type.Literal('below'), Type.Literal('within'), Type.Literal('above')]),
  minPercentile: Type.Integer(),
  maxPercentile: Type.Optional(Type.Integer()),
  midpointPercentile: Type.Integer(),
});

export const Listing = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  location: Type.Object({ country: Type.String(), city: Type.String() }),
  remote: RemotePolicy,
  employmentType: EmploymentType,
  seniority: Seniority,
  salary: Type.Object({
    min: Type.Number(),
    max: Type.Number(),
    currency: Type.String(),
    period: SalaryPeriod,
    estimated: Type.Boolean(),
  }),
  requiredSkills: Type.Array(Requirement),
  niceToHaveSkills: Type.Array(Requirement),
  visaSponsorship: Type.Boolean(),
  remoteRegions: Type.Array(Type.String()),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  company: Type.String(),
  companyId: Type.String(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  salaryBand: Type.Union([SalaryBand, Type.Null()]),
  salaryPosition: Type.Union([BandPosition, Type.Null()]),
  /** Why there is no band, when there is none. */
  salaryBandReason: Type.Optional(Type.String()),
  /** For a signed-in candidate: whether they saved this posting and their application to it. */
  viewer: Type.Optional(
    Type.Object({
      savedAt: Type.Union([Type.String(), Type.Null()]),
      application: Type.Union([
        Type.Object({ id: Type.String(), stage: OneOf(APPLICATION_STAGES), createdAt: Type.String() }),
        Type.Null(),
      ]),
    }),
  ),
  /** For the company's own list: applications in each stage (stages with none left out). */
  applicationCounts: Type.Optional(Type.Record(Type.String(), Type.Integer())),
});
export type ListingAnswer = Static<typeof Listing>;

/**
 * A listing as a search hit carries it: the fields of `Listing` but the description (a posting can run to
 * 20,000 characters), with `summary`, its opening as plain text, instead. The page fetches the whole
 * listing from `GET /api/listings/{id}`.
 */
export const ListingSummary = Type.Object({
  ...Type.Omit(Listing, ['description', 'applicationCounts']).properties,
  summary: Type.String({
    maxLength: POSTING_SUMMARY_MAX_CHARS,
    description: `The posting's visible text from the start, on one line, cut at a word to at most ${POSTING_SUMMARY_MAX_CHARS} characters (ending in "…" when cut).`,
  }),
});
export type ListingSummaryAnswer = Static<typeof ListingSummary>;

export const ListingResponse = Type.Object({ listing: Listing });

export const MineQuery = Type.Object(
  { mine: Type.Literal(true), ...PageQuery },
  { additionalProperties: false },
);
