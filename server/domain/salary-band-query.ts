/**
 * Reading a band from the table: the narrowest segment the query allows that has enough samples, what
 * was dropped on the way and why, the dates of its data and the rule that carried it to the band date.
 */
import { currencyForCountry, regionForCountry } from './currency.ts';
import { convert, isKnownCurrency, ratesOn } from './exchange-rates.ts';
import { payGrowthRate } from './pay-growth.ts';
import type { BandTable, SalarySource, SegmentStats } from './salary-bands.ts';
import {
  type BandSegment,
  type ExperienceLevel,
  describeSegment,
  describeYears,
  levelForSeniority,
  segmentKey,
  wideningChain,
} from './salary-segments.ts';
import { isCustomSkillId } from './skills.ts';
import type { ListingData } from './listing.ts';
import type { RemotePolicy, Seniority } from '../shared/vocabulary.ts';

export interface BandQuery {
  seniority?: Seniority;
  /** ISO 3166 alpha-2. */
  country?: string;
  /** Skill id. */
  skill?: string;
  remote?: RemotePolicy;
  /** ISO 4217; default the country's currency, else USD. */
  currency?: string;
}

export type BandDimension = 'seniority' | 'country' | 'remote' | 'skill';

export interface DroppedDimension {
  dimension: BandDimension;
  /** What was asked for: "senior", "DE", "remote", "rust". */
  value: string;
  reason: string;
}

export interface SalaryBand {
  p25: number;
  p50: number;
  p75: number;
  n: number;
  currency: string;
  /** The segment the figures come from. */
  segment: BandSegment & { years?: string };
  /** What the query asked for. */
  requested: Omit<BandQuery, 'currency'>;
  /** Each asked-for dimension the segment lacks or widened, with the reason. */
  dropped: DroppedDimension[];
  fellBack: boolean;
  /** The reasons of `dropped`, as one sentence. */
  fallbackReason?: string;
  /** Notes on how the query was read (e.g. lead counted with staff). */
  notes: string[];
  sources: SalarySource[];
  /** Contributors by source: survey respondents, and companies (a company's postings count once). */
  samples: Partial<Record<SalarySource, number>>;
  /** Samples of the segment set aside as outliers (beyond its fence, see `OUTLIER_FENCE`). */
  trimmed: number;
  /** Earliest and latest date of the pay behind the band (YYYY-MM-DD). */
  dataFrom: string;
  dataTo: string;
  /** The date the pay is carried to. */
  asOf: string;
  carriedForward: { yearlyRate: number | null; rule: string };
  /** Set when the figures were converted from the segment's currency: the rate and its date. */
  exchange: { from: string; rate: number; date: string } | null;
}

export type BandAnswer = { band: SalaryBand; reason?: undefined } | { band: null; reason: string };

const SURVEY_SKILL_NOTE =
  'the 2024 survey records web frameworks and cloud platforms, not languages, databases or tools';

function carryRule(segment: BandSegment, asOf: string): SalaryBand['carriedForward'] {
  if (segment.country === undefined) {
    return {
      yearlyRate: null,
      rule: `Each sample carried from its date to ${asOf} at its country's pay-growth rate (none where Backboard has no rate).`,
    };
  }
  const rate = payGrowthRate(segment.country);
  if (rate === null) {
    return {
      yearlyRate: null,
      rule: `Not carried forward: Backboard has no pay-growth rate for ${segment.country}; the figures are pay in US dollars as of its dates.`,
    };
  }
  const percent = Math.round(rate * 1000) / 10;
  return {
    yearlyRate: rate,
    rule: `Carried from each sample's date to ${asOf} at ${percent} % a year (pay growth in ${segment.country}).`,
  };
}

function tooFew(table: BandTable, segment: BandSegment): string {
  return `fewer than ${table.minSample} samples for ${describeSegment(segment)}`;
}

/** Why each asked-for dimension is missing from (or widened in) the chosen segment. */
function droppedDimensions(
  table: BandTable,
  asked: { level?: ExperienceLevel; country?: string; remote?: RemotePolicy; skill?: string },
  chosen: BandSegment,
): DroppedDimension[] {
  const dropped: DroppedDimension[] = [];
  const { level, country, remote, skill } = asked;
  const levels = level === undefined ? undefined : [level];
  const at = (segment: BandSegment) => table.segments[segmentKey(segment)];
  if (remote !== undefined && chosen.remote === undefined) {
    dropped.push({ dimension: 'remote', value: remote, reason: tooFew(table, { levels, country, remote }) });
  }
  if (skill !== undefined && chosen.skill === undefined) {
    const inSurvey = table.surveySkills.includes(skill);
    const narrow = { levels, country, skill };
    const reason =
      chosen.remote !== undefined && at(narrow)
        ? `a band narrows by one of remote policy or skill, and remote policy comes first`
        : `${tooFew(table, narrow)}${inSurvey ? '' : ` (${SURVEY_SKILL_NOTE})`}`;
    dropped.push({ dimension: 'skill', value: skill, reason });
  }
  if (level !== undefined && chosen.levels?.length !== 1) {
    const widened = chosen.levels
      ? `; counting the levels around it (${describeYears(chosen.levels)})`
      : country !== undefined
        ? ', even with the levels around it'
        : '';
    dropped.push({
      dimension: 'seniority',
      value: level,
      reason: `${tooFew(table, { levels, country })}${widened}`,
    });
  }
  if (country !== undefined && chosen.country === undefined) {
    dropped.push({
      dimension: 'country',
      value: country,
      reason: `${tooFew(table, { country })}; showing its region, ${chosen.region}`,
    });
  }
  return dropped;
}

function sentence(dropped: DroppedDimension[]): string {
  const text = dropped.map((entry) => entry.reason).join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/**
 * The band for the narrowest segment with at least `table.minSample` samples, in the requested
 * currency (default the country's), or no band with the reason. It never answers from a handful of
 * samples. Throws RangeError for an unknown currency (check with `isKnownCurrency`).
 */
export function salaryBandFor(table: BandTable, query: BandQuery): BandAnswer {
  const country = query.country?.trim().toUpperCase() || undefined;
  const region = country === undefined ? undefined : regionForCountry(country);
  const level = query.seniority === undefined ? undefined : levelForSeniority(query.seniority);
  const currency = (
    query.currency ?? (country === undefined ? 'USD' : currencyForCountry(country))
  ).toUpperCase();
  if (!isKnownCurrency(currency)) throw new RangeError(`No exchange rate for currency ${currency}`);

  const asked = { level, country, remote: query.remote, skill: query.skill };
  const chain = wideningChain({ ...asked, region });
  let chosen: { segment: BandSegment; stats: SegmentStats } | undefined;
  for (const segment of chain) {
    const stats = table.segments[segmentKey(segment)];
    if (stats && stats.n >= table.minSample) {
      chosen = { segment, stats };
      break;
    }
  }
  if (!chosen) {
    const widest = chain[chain.length - 1]!;
    return {
      band: null,
      reason: `No reliable band: ${tooFew(table, widest)}, the smallest sample Backboard shows a band for.`,
    };
  }

  const { segment, stats } = chosen;
  // The figures are pay as of the band date: they convert at that date's rates.
  const rates = ratesOn(table.asOf);
  const rate = convert(1, stats.currency, currency, rates);
  const dropped = droppedDimensions(table, asked, segment);
  if (country === undefined && (query.remote !== undefined || query.skill !== undefined)) {
    for (const [dimension, value] of [
      ['remote', query.remote],
      ['skill', query.skill],
    ] as const) {
      if (value !== undefined)
        dropped.push({
          dimension,
          value,
          reason: `${dimension} segments are per country; no country was given`,
        });
    }
  }
  const notes: string[] = [];
  if (query.seniority === 'lead') {
    notes.push('Lead is counted with staff (8+ years): the survey records years of experience, not titles.');
  }
  const band: SalaryBand = {
    p25: Math.round(stats.p25 * rate),
    p50: Math.round(stats.p50 * rate),
    p75: Math.round(stats.p75 * rate),
    n: stats.n,
    currency,
    segment: segment.levels ? { ...segment, years: describeYears(segment.levels) } : { ...segment },
    requested: {
      ...(query.seniority ? { seniority: query.seniority } : {}),
      ...(country ? { country } : {}),
      ...(query.remote ? { remote: query.remote } : {}),
      ...(query.skill ? { skill: query.skill } : {}),
    },
    dropped,
    fellBack: dropped.length > 0,
    notes,
    sources: (Object.keys(stats.sources) as SalarySource[]).sort(),
    samples: { ...stats.sources },
    trimmed: stats.trimmed,
    dataFrom: stats.dataFrom,
    dataTo: stats.dataTo,
    asOf: table.asOf,
    carriedForward: carryRule(segment, table.asOf),
    exchange: stats.currency === currency ? null : { from: stats.currency, rate, date: rates.date },
  };
  if (dropped.length > 0) band.fallbackReason = sentence(dropped);
  return { band };
}

/** The primary skill of a posting: its heaviest required taxonomy skill (the first of equals). */
export function primarySkillOf(listing: Pick<ListingData, 'requiredSkills'>): string | undefined {
  let best: { id: string; weight: number } | undefined;
  for (const requirement of listing.requiredSkills) {
    if (isCustomSkillId(requirement.skill.id)) continue;
    if (!best || requirement.weight > best.weight)
      best = { id: requirement.skill.id, weight: requirement.weight };
  }
  return best?.id;
}

/** The one band query a posting is shown against, by the API, the editor's preview and the demo seed. */
export function bandQueryForListing(
  listing: Pick<ListingData, 'seniority' | 'location' | 'remote' | 'requiredSkills' | 'salary'>,
): BandQuery {
  const skill = primarySkillOf(listing);
  return {
    seniority: listing.seniority,
    country: listing.location.country,
    remote: listing.remote,
    currency: listing.salary.currency,
    ...(skill ? { skill } : {}),
  };
}
