import { AppError, type ErrorDetail } from '../errors.ts';
import type {
  EmploymentType,
  ListingStatus,
  RemotePolicy,
  SalaryPeriod,
  Seniority,
} from '../shared/vocabulary.ts';
import { REMOTE_REGIONS, normaliseArea } from '../shared/regions.ts';
import { isCountryCode } from '../shared/countries.ts';
import { isKnownCurrency, toAnnualUsd } from './currency.ts';
import type { SkillRef } from './skill-ref.ts';
import { resolveSkill } from './skills.ts';

/** A listing as Backboard models it: what a recruiter writes. The store persists it; search indexes it. */

export interface Location {
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  city: string;
}

export interface SkillRequirement {
  skill: SkillRef;
  level: number;
  weight: number;
}

export interface SalaryRange {
  min: number;
  max: number;
  currency: string;
  period: SalaryPeriod;
  /** True when the range was estimated from market bands (seeded postings), not stated by the employer. */
  estimated?: boolean;
}

export interface ListingData {
  title: string;
  description: string;
  location: Location;
  remote: RemotePolicy;
  employmentType: EmploymentType;
  seniority: Seniority;
  salary: SalaryRange;
  requiredSkills: SkillRequirement[];
  niceToHaveSkills: SkillRequirement[];
  /** The employer sponsors a work visa for this role. */
  visaSponsorship: boolean;
  /**
   * Remote postings: where a remote hire may live, as ISO countries and region ids (server/shared/
   * regions.ts), canonical and each once; empty means the posting's own country. Empty otherwise.
   */
  remoteRegions: string[];
}

/**
 * Values of the fields added to listings after the first were stored: data stored before a field
 * existed reads as if written with its default. Every adapter reads stored listings through
 * `withListingDefaults`.
 */
export const LISTING_DEFAULTS = {
  visaSponsorship: false,
  remoteRegions: [] as string[],
} satisfies Partial<ListingData>;

export function withListingDefaults<T extends Partial<ListingData>>(stored: T): T & typeof LISTING_DEFAULTS {
  return { ...LISTING_DEFAULTS, remoteRegions: [], ...stored };
}

/** The fields of ListingData, for adapters that copy or compare them. */
export const LISTING_DATA_FIELDS = [
  'title',
  'description',
  'location',
  'remote',
  'employmentType',
  'seniority',
  'salary',
  'requiredSkills',
  'niceToHaveSkills',
  'visaSponsorship',
  'remoteRegions',
] as const satisfies readonly (keyof ListingData)[];

export type { ListingStatus };

/** The listing data of anything that holds it (a stored listing), field by field. */
export function pickListingData(holder: ListingData): ListingData {
  return Object.fromEntries(
    LISTING_DATA_FIELDS.map((field) => [field, holder[field]]),
  ) as unknown as ListingData;
}

/** A requirement as people type it: the skill by any name or alias. */
export interface RequirementInput {
  skill: string;
  level: number;
  weight: number;
}

/** Listing data as the API, the importer and the seed receive it (already schema-valid): skills by name. */
export interface ListingInput extends Omit<
  ListingData,
  'requiredSkills' | 'niceToHaveSkills' | 'salary' | 'visaSponsorship' | 'remoteRegions'
> {
  salary: Omit<SalaryRange, 'estimated'> & { estimated?: boolean };
  requiredSkills: RequirementInput[];
  niceToHaveSkills: RequirementInput[];
  visaSponsorship?: boolean;
  /** Countries and regions in any casing, or region names ("EU", "Worldwide"). */
  remoteRegions?: string[];
}

export const MIN_TITLE_LENGTH = 3;

function invalid(message: string, details: ErrorDetail[]): AppError {
  return new AppError('validation_failed', message, details);
}

/** Refuses a currency without an exchange rate (bands and search convert every salary). */
export function checkCurrency(currency: string, path: string): void {
  if (!isKnownCurrency(currency)) {
    throw invalid(`Unknown currency ${currency}`, [
      { path, message: 'must be a currency we have an exchange rate for' },
    ]);
  }
}

/** Refuses a country code that ISO 3166 does not assign ("ZZ", "XX"). */
export function checkCountry(country: string, path: string): void {
  if (!isCountryCode(country)) {
    throw invalid(`Unknown country ${country}`, [
      { path, message: 'must be an assigned ISO 3166-1 alpha-2 code' },
    ]);
  }
}

/**
 * No real job pays more than this a year (in US dollars, whatever the currency and period): a bound
 * that catches a slip ("per hour" for a yearly figure) and keeps absurd pay out of the market bands.
 */
export const MAX_ANNUAL_USD = 5_000_000;

/** Refuses pay beyond MAX_ANNUAL_USD once annualised (currency known). */
export function checkPlausiblePay(
  amount: number,
  currency: string,
  period: SalaryPeriod,
  path: string,
): void {
  if (toAnnualUsd(amount, currency, period) > MAX_ANNUAL_USD) {
    throw invalid('That pay is not plausible', [
      {
        path,
        message: `must be at most ${MAX_ANNUAL_USD.toLocaleString('en-US')} US dollars a year once annualised (check the period)`,
      },
    ]);
  }
}

/** Resolves names to canonical skills; a skill named twice (or already in `exclude`) keeps its first mention. */
export function resolveRequirements(
  inputs: readonly RequirementInput[],
  exclude: ReadonlySet<string> = new Set(),
): SkillRequirement[] {
  const seen = new Set(exclude);
  const out: SkillRequirement[] = [];
  for (const input of inputs) {
    const skill = resolveSkill(input.skill);
    if (seen.has(skill.id)) continue;
    seen.add(skill.id);
    out.push({ skill, level: input.level, weight: input.weight });
  }
  return out;
}

/**
 * The one way input becomes listing data, for the API, the importer and the demo seed alike: trims
 * text, resolves skill names to the taxonomy, drops duplicates (a nice-to-have skill that is also
 * required stays required), and checks what a schema cannot: a title that is not blank once trimmed, a
 * known currency, a range whose minimum is not above its maximum. Throws `validation_failed`.
 */
export function shapeListing(input: ListingInput): ListingData {
  const title = input.title.trim();
  if (title.length < MIN_TITLE_LENGTH) {
    throw invalid('Title is too short', [
      { path: '/title', message: `must have at least ${MIN_TITLE_LENGTH} characters besides spaces` },
    ]);
  }
  checkCountry(input.location.country, '/location/country');
  const { min, max, currency, period, estimated } = input.salary;
  checkCurrency(currency, '/salary/currency');
  checkPlausiblePay(max, currency, period, '/salary/max');
  if (min > max) {
    throw invalid('Salary minimum is above the maximum', [
      { path: '/salary/max', message: 'must be at least salary.min' },
    ]);
  }
  const requiredSkills = resolveRequirements(input.requiredSkills);
  const remoteRegions = shapeRemoteRegions(input.remoteRegions ?? [], input.remote);
  return {
    title,
    description: input.description,
    location: { country: input.location.country, city: input.location.city.trim() },
    remote: input.remote,
    employmentType: input.employmentType,
    seniority: input.seniority,
    salary: { min, max, currency, period, ...(estimated ? { estimated } : {}) },
    requiredSkills,
    niceToHaveSkills: resolveRequirements(
      input.niceToHaveSkills,
      new Set(requiredSkills.map((requirement) => requirement.skill.id)),
    ),
    visaSponsorship: input.visaSponsorship ?? LISTING_DEFAULTS.visaSponsorship,
    remoteRegions,
  };
}

/** Canonical areas, each once; only a remote posting says where a remote hire may live. */
function shapeRemoteRegions(areas: readonly string[], remote: ListingInput['remote']): string[] {
  const unknown = areas.filter((area) => normaliseArea(area) === null);
  if (unknown.length > 0) {
    throw invalid(`Unknown remote region ${unknown[0]}`, [
      {
        path: '/remoteRegions',
        message: `must be ISO 3166 country codes or regions (${REMOTE_REGIONS.join(', ')})`,
      },
    ]);
  }
  const canonical = [...new Set(areas.map((area) => normaliseArea(area)!))];
  if (canonical.length > 0 && remote !== 'remote') {
    throw invalid('Only remote postings say where a remote hire may live', [
      { path: '/remoteRegions', message: 'must be empty unless remote is "remote"' },
    ]);
  }
  return canonical;
}

/** Stored listing data as input again (canonical skill names), so an edit can be shaped like a create. */
export function listingInputOf(data: ListingData): ListingInput {
  const asInput = (requirement: SkillRequirement): RequirementInput => ({
    skill: requirement.skill.name,
    level: requirement.level,
    weight: requirement.weight,
  });
  return {
    ...data,
    requiredSkills: data.requiredSkills.map(asInput),
    niceToHaveSkills: data.niceToHaveSkills.map(asInput),
  };
}

/**
 * An edit: the current data with `patch` applied, shaped as a whole (so the cross-field rules hold for
 * the result), and the fields that really changed. Skills keep their stored canonical form unless the
 * patch names them again.
 */
export function shapeListingEdit(
  current: ListingData,
  patch: Partial<ListingInput>,
): { data: ListingData; changed: Partial<ListingData> } {
  const data = shapeListing({ ...listingInputOf(current), ...patch });
  const changed: Partial<ListingData> = {};
  for (const field of LISTING_DATA_FIELDS) {
    if (!sameData(data[field], current[field])) (changed as Record<string, unknown>)[field] = data[field];
  }
  return { data, changed };
}

/** Deep equality of JSON-like data, whatever the key order (stored documents keep their writer's order). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const bKeys = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) =>
    sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
