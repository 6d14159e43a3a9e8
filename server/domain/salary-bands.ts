/**
 * Market salary bands: 25th, 50th and 75th percentiles of annual pay in US dollars per segment
 * (seniority × country or region × optionally a primary skill), falling back to a wider segment when
 * a segment has too few samples. The table is plain JSON so it can be stored as a document.
 */
import {
  RATES_DATE,
  type Region,
  type SalaryPeriod,
  currencyForCountry,
  fromUsd,
  isKnownCurrency,
  regionForCountry,
  toAnnualUsd,
} from './currency.ts';
import type { Seniority } from '../shared/vocabulary.ts';
import type { ListingData } from './listing.ts';

export {
  RATES_DATE,
  USD_RATES,
  countryCodeForName,
  currencyForCountry,
  fromUsd,
  isKnownCurrency,
  regionForCountry,
  toAnnualUsd,
} from './currency.ts';

export type SalarySource = 'survey' | 'posting';

export interface SalarySample {
  annualUsd: number;
  seniority: Seniority | null;
  /** ISO 3166 alpha-2. */
  country: string | null;
  /** Skill ids; each one makes the sample count for that skill's segment. */
  skills: string[];
  source: SalarySource;
  /** Relative weight, default 1 (e.g. to let stated posting ranges count more than an old survey). */
  weight?: number;
}

export interface BandStats {
  p25: number;
  p50: number;
  p75: number;
  n: number;
  sources: Partial<Record<SalarySource, number>>;
}

export interface BandTable {
  version: 1;
  ratesDate: string;
  minSample: number;
  sampleCount: number;
  /** Only segments with at least `minSample` samples (and the global one), keyed by `segmentKey`. */
  segments: Record<string, BandStats>;
}

export interface BandSegment {
  seniority?: string;
  country?: string;
  region?: string;
  skill?: string;
}

export interface SalaryBand {
  p25: number;
  p50: number;
  p75: number;
  n: number;
  currency: string;
  segment: BandSegment;
  fellBack: boolean;
  fallbackReason?: string;
  sources: string[];
}

export interface BandOptions {
  /** Below this many samples a segment is not used; default 30. */
  minSample?: number;
  /** Samples outside these bounds (annual USD) are treated as data-entry errors; defaults 1 000 and 1 000 000. */
  minAnnualUsd?: number;
  maxAnnualUsd?: number;
}

export const DEFAULT_MIN_SAMPLE = 30;

/** A stable key per segment: "seniority=senior|country=DE|skill=python"; the global segment is "all". */
export function segmentKey(segment: BandSegment): string {
  const parts: string[] = [];
  if (segment.seniority !== undefined) parts.push(`seniority=${segment.seniority}`);
  if (segment.country !== undefined) parts.push(`country=${segment.country}`);
  if (segment.region !== undefined) parts.push(`region=${segment.region}`);
  if (segment.skill !== undefined) parts.push(`skill=${segment.skill}`);
  return parts.length === 0 ? 'all' : parts.join('|');
}

/** Every segment a sample counts in. */
function segmentsOf(sample: SalarySample): BandSegment[] {
  const country = sample.country?.trim().toUpperCase() || undefined;
  const region = country === undefined ? undefined : regionForCountry(country);
  const seniority = sample.seniority ?? undefined;
  const segments: BandSegment[] = [{}];
  if (country !== undefined) segments.push({ country });
  if (region !== undefined) segments.push({ region });
  if (seniority !== undefined) {
    segments.push({ seniority });
    if (country !== undefined) {
      segments.push({ seniority, country });
      for (const skill of new Set(sample.skills)) segments.push({ seniority, country, skill });
    }
    if (region !== undefined) segments.push({ seniority, region });
  }
  return segments;
}

interface WeightedValue {
  value: number;
  weight: number;
}

/**
 * Weighted percentile, each sample centred on its share of the total weight (with equal weights this
 * is the Hazen rule: the i-th of n sorted values sits at (i + 0.5) / n), linear between neighbours.
 */
export function weightedPercentile(sorted: readonly WeightedValue[], fraction: number): number {
  const total = sorted.reduce((sum, entry) => sum + entry.weight, 0);
  let before = 0;
  let previous: { centre: number; value: number } | undefined;
  for (const entry of sorted) {
    const centre = (before + entry.weight / 2) / total;
    if (centre >= fraction) {
      if (!previous) return entry.value;
      const share = (fraction - previous.centre) / (centre - previous.centre);
      return previous.value + share * (entry.value - previous.value);
    }
    previous = { centre, value: entry.value };
    before += entry.weight;
  }
  return previous?.value ?? Number.NaN;
}

export function computeBands(samples: readonly SalarySample[], options: BandOptions = {}): BandTable {
  const minSample = options.minSample ?? DEFAULT_MIN_SAMPLE;
  const minAnnualUsd = options.minAnnualUsd ?? 1_000;
  const maxAnnualUsd = options.maxAnnualUsd ?? 1_000_000;
  const groups = new Map<
    string,
    { values: WeightedValue[]; sources: Partial<Record<SalarySource, number>> }
  >();
  let sampleCount = 0;
  for (const sample of samples) {
    const weight = sample.weight ?? 1;
    if (!(sample.annualUsd >= minAnnualUsd && sample.annualUsd <= maxAnnualUsd) || !(weight > 0)) continue;
    sampleCount++;
    for (const segment of segmentsOf(sample)) {
      const key = segmentKey(segment);
      let group = groups.get(key);
      if (!group) {
        group = { values: [], sources: {} };
        groups.set(key, group);
      }
      group.values.push({ value: sample.annualUsd, weight });
      group.sources[sample.source] = (group.sources[sample.source] ?? 0) + 1;
    }
  }
  const segments: Record<string, BandStats> = {};
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!;
    if (group.values.length < minSample && key !== 'all') continue;
    const sorted = group.values.sort((a, b) => a.value - b.value);
    segments[key] = {
      p25: Math.round(weightedPercentile(sorted, 0.25)),
      p50: Math.round(weightedPercentile(sorted, 0.5)),
      p75: Math.round(weightedPercentile(sorted, 0.75)),
      n: sorted.length,
      sources: group.sources,
    };
  }
  return { version: 1, ratesDate: RATES_DATE, minSample, sampleCount, segments };
}

function describeSegment(segment: BandSegment): string {
  const parts = [segment.seniority, segment.country ?? segment.region, segment.skill].filter(
    (part): part is string => part !== undefined,
  );
  return parts.length === 0 ? 'all samples' : parts.join(' × ');
}

export interface BandQuery {
  seniority?: Seniority;
  /** ISO 3166 alpha-2. */
  country?: string;
  /** Skill id. */
  skill?: string;
  /** ISO 4217; default the country's currency, else USD. */
  currency?: string;
}

/**
 * The band for the narrowest segment with enough samples, widening in this order:
 * seniority × country × skill → seniority × country → seniority × region → country → region →
 * seniority → everything. Says when and why it widened. Null only for an empty table.
 * Throws RangeError for an unknown currency (check with `isKnownCurrency`).
 */
export function salaryBandFor(table: BandTable, query: BandQuery): SalaryBand | null {
  const country = query.country?.trim().toUpperCase() || undefined;
  const region: Region | undefined = country === undefined ? undefined : regionForCountry(country);
  const { seniority, skill } = query;
  const chain: BandSegment[] = [];
  if (seniority !== undefined && country !== undefined && skill !== undefined)
    chain.push({ seniority, country, skill });
  if (seniority !== undefined && country !== undefined) chain.push({ seniority, country });
  if (seniority !== undefined && region !== undefined) chain.push({ seniority, region });
  if (country !== undefined) chain.push({ country });
  if (region !== undefined) chain.push({ region });
  if (seniority !== undefined) chain.push({ seniority });
  chain.push({});

  const currency = (
    query.currency ?? (country === undefined ? 'USD' : currencyForCountry(country))
  ).toUpperCase();
  if (!isKnownCurrency(currency)) throw new RangeError(`No exchange rate for currency ${currency}`);
  const requested = chain[0]!;
  for (const segment of chain) {
    const stats = table.segments[segmentKey(segment)];
    if (!stats || (stats.n < table.minSample && segment !== chain[chain.length - 1])) continue;
    const fellBack = segment !== requested;
    const band: SalaryBand = {
      p25: Math.round(fromUsd(stats.p25, currency)),
      p50: Math.round(fromUsd(stats.p50, currency)),
      p75: Math.round(fromUsd(stats.p75, currency)),
      n: stats.n,
      currency,
      segment,
      fellBack,
      sources: (Object.keys(stats.sources) as SalarySource[]).sort(),
    };
    if (fellBack) {
      band.fallbackReason = `Fewer than ${table.minSample} samples for ${describeSegment(requested)}; showing ${describeSegment(segment)}.`;
    }
    return band;
  }
  return null;
}

export interface PayRange {
  min: number;
  max?: number;
  /** Default: the band's currency. */
  currency?: string;
  /** Default: year. */
  period?: SalaryPeriod;
}

export interface BandPosition {
  /** Where the range's midpoint (or the single amount) sits: under p25, p25–p75, over p75. */
  position: 'below' | 'within' | 'above';
  /** Estimated market percentiles (1–99) of the amounts, in the band's currency per year. */
  minPercentile: number;
  maxPercentile?: number;
  midpointPercentile: number;
}

/** Percentile of an amount: linear through (p25, 25), (p50, 50), (p75, 75), extended outward, 1–99. */
function percentileOf(band: SalaryBand, amount: number): number {
  const points: [number, number][] = [
    [band.p25, 25],
    [band.p50, 50],
    [band.p75, 75],
  ];
  let low = points[0]!;
  let high = points[1]!;
  if (amount > band.p50) {
    low = points[1]!;
    high = points[2]!;
  }
  const slope = high[0] === low[0] ? 0 : (high[1] - low[1]) / (high[0] - low[0]);
  const estimate =
    slope === 0 ? (amount < low[0] ? 1 : amount > high[0] ? 99 : 50) : low[1] + (amount - low[0]) * slope;
  return Math.min(99, Math.max(1, Math.round(estimate)));
}

/** Where a posting's range, or a candidate's expectation, sits against a band. */
export function positionInBand(band: SalaryBand, range: PayRange): BandPosition {
  const annual = (amount: number) => {
    const period = range.period ?? 'year';
    const currency = range.currency ?? band.currency;
    if (period === 'year' && currency.toUpperCase() === band.currency) return amount;
    return fromUsd(toAnnualUsd(amount, currency, period), band.currency);
  };
  const min = annual(range.min);
  const max = range.max === undefined ? undefined : annual(range.max);
  const midpoint = max === undefined ? min : (min + max) / 2;
  const position = midpoint < band.p25 ? 'below' : midpoint > band.p75 ? 'above' : 'within';
  const result: BandPosition = {
    position,
    minPercentile: percentileOf(band, min),
    midpointPercentile: percentileOf(band, midpoint),
  };
  if (max !== undefined) result.maxPercentile = percentileOf(band, max);
  return result;
}

const DAY_MS = 86_400_000;
/** A stated posting range counts this much more than one survey answer when it is new… */
const POSTING_WEIGHT = 3;
/** …and half as much again every this many days. */
const POSTING_HALF_LIFE_DAYS = 180;

/** One sample per open posting that states its pay (estimated ranges would only echo the bands back). */
export function postingSample(
  listing: Pick<ListingData, 'salary' | 'seniority' | 'location' | 'requiredSkills'> & { updatedAt: string },
  now: number,
): SalarySample | null {
  if (listing.salary.estimated) return null;
  const { min, max, currency, period } = listing.salary;
  let annualUsd: number;
  try {
    annualUsd = toAnnualUsd((min + max) / 2, currency, period);
  } catch {
    return null;
  }
  const ageDays = Math.max(0, (now - Date.parse(listing.updatedAt)) / DAY_MS);
  return {
    annualUsd,
    seniority: listing.seniority,
    country: listing.location.country,
    skills: listing.requiredSkills.map((requirement) => requirement.skill.id),
    source: 'posting',
    weight: POSTING_WEIGHT * 0.5 ** (ageDays / POSTING_HALF_LIFE_DAYS),
  };
}
