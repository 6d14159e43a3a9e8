/**
 * Market salary bands: the 25th, 50th and 75th percentiles of yearly pay per segment (see
 * salary-segments.ts), from dated samples carried forward to one date. Each sample's pay is converted
 * once, at the rates of its own date, into its country's pay currency, then grown to the band date by
 * the country's pay-growth rate (pay-growth.ts). Country segments are kept in that currency; regional and
 * worldwide ones in US dollars at the rates of the band date. The table is plain JSON, so it can be stored
 * as a document.
 */
import { currencyForCountry, regionForCountry } from './currency.ts';
import { type RatesTable, convert, ratesOn } from './exchange-rates.ts';
import { payCurrencyFor, payGrowthFactor } from './pay-growth.ts';
import { type ExperienceLevel, isCountryKey, segmentKeysOf } from './salary-segments.ts';
import type { RemotePolicy } from '../shared/vocabulary.ts';

export type SalarySource = 'survey' | 'posting';

export interface SalarySample {
  /** Yearly pay in `currency`, as stated on `date`. */
  amount: number;
  currency: string;
  /** YYYY-MM-DD: when the pay was stated (the survey's fieldwork, a posting's last edit). */
  date: string;
  level: ExperienceLevel | null;
  /** ISO 3166 alpha-2. */
  country: string | null;
  remote: RemotePolicy | null;
  /** Skill ids; each one makes the sample count in that skill's segments. */
  skills: readonly string[];
  source: SalarySource;
  /** Relative weight, default 1 (a new posting counts more than one survey answer; old ones fade). */
  weight?: number;
}

export interface SegmentStats {
  p25: number;
  p50: number;
  p75: number;
  /** The figures' currency: the country's pay currency for a country segment, else USD. */
  currency: string;
  n: number;
  sources: Partial<Record<SalarySource, number>>;
  /** The earliest and latest date of the pay in the segment (YYYY-MM-DD). */
  dataFrom: string;
  dataTo: string;
}

export interface BandTable {
  version: 2;
  /** The date every sample's pay is carried forward to (YYYY-MM-DD). */
  asOf: string;
  /** The date of the rates cross-country segments and answers in another currency are converted at. */
  ratesDate: string;
  minSample: number;
  sampleCount: number;
  /** Skill ids the survey samples record; a segment for any other skill can only come from postings. */
  surveySkills: string[];
  /** Only segments with at least `minSample` samples, keyed by `segmentKey`. */
  segments: Record<string, SegmentStats>;
}

export interface BandOptions {
  /** The date pay is carried forward to (YYYY-MM-DD). */
  asOf: string;
  /** Below this many samples a segment is not kept; default 30. */
  minSample?: number;
  /** Samples outside these bounds (yearly USD at their date) are data-entry errors; defaults 1 000 and 1 000 000. */
  minAnnualUsd?: number;
  maxAnnualUsd?: number;
}

export const DEFAULT_MIN_SAMPLE = 30;

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

interface SegmentGroup {
  currency: string;
  values: WeightedValue[];
  sources: Partial<Record<SalarySource, number>>;
  dataFrom: string;
  dataTo: string;
}

/**
 * Collects samples into their segments and computes each segment's band on demand. Segments are
 * independent: one sample touches only the groups of `segmentKeysOf(sample)`, and a group's band depends
 * only on its own values, so a caller can compute the table a slice of segments at a time, and an
 * incremental path could recompute just the segments a changed listing touches.
 */
export class BandAccumulator {
  private readonly groups = new Map<string, SegmentGroup>();
  private readonly skillsInSurvey = new Set<string>();
  private kept = 0;
  readonly asOf: string;
  /** The rates of the band date: what carried pay is converted at. */
  private readonly rates: RatesTable;
  private readonly minAnnualUsd: number;
  private readonly maxAnnualUsd: number;

  constructor(options: Omit<BandOptions, 'minSample'>) {
    this.asOf = options.asOf;
    this.rates = ratesOn(options.asOf);
    this.minAnnualUsd = options.minAnnualUsd ?? 1_000;
    this.maxAnnualUsd = options.maxAnnualUsd ?? 1_000_000;
  }

  get sampleCount(): number {
    return this.kept;
  }

  /** Adds one sample; false when it is refused (implausible pay, unknown currency, no weight). */
  add(sample: SalarySample): boolean {
    const weight = sample.weight ?? 1;
    const country = sample.country?.trim().toUpperCase() || null;
    let usdThen: number;
    let local: number;
    const home = country ? payCurrencyFor(country, currencyForCountry(country)) : 'USD';
    try {
      const then = ratesOn(sample.date);
      usdThen = convert(sample.amount, sample.currency, 'USD', then);
      local = convert(sample.amount, sample.currency, home, then);
    } catch {
      return false;
    }
    if (!(usdThen >= this.minAnnualUsd && usdThen <= this.maxAnnualUsd) || !(weight > 0)) return false;
    const carried = local * payGrowthFactor(country, sample.date, this.asOf);
    const usdNow = convert(carried, home, 'USD', this.rates);
    this.kept += 1;
    if (sample.source === 'survey') for (const skill of sample.skills) this.skillsInSurvey.add(skill);

    const coordinates = {
      level: sample.level,
      country,
      region: country ? (regionForCountry(country) ?? null) : null,
      remote: sample.remote,
      skills: sample.skills,
    };
    for (const key of segmentKeysOf(coordinates)) {
      const inCountry = isCountryKey(key);
      let group = this.groups.get(key);
      if (!group) {
        group = {
          currency: inCountry ? home : 'USD',
          values: [],
          sources: {},
          dataFrom: sample.date,
          dataTo: sample.date,
        };
        this.groups.set(key, group);
      }
      group.values.push({ value: inCountry ? carried : usdNow, weight });
      group.sources[sample.source] = (group.sources[sample.source] ?? 0) + 1;
      if (sample.date < group.dataFrom) group.dataFrom = sample.date;
      if (sample.date > group.dataTo) group.dataTo = sample.date;
    }
    return true;
  }

  /** Every segment key with at least `minSample` samples, sorted. */
  keys(minSample = DEFAULT_MIN_SAMPLE): string[] {
    return [...this.groups.entries()]
      .filter(([, group]) => group.values.length >= minSample)
      .map(([key]) => key)
      .sort();
  }

  /** The band of one segment, or null when it has no samples. */
  statsFor(key: string): SegmentStats | null {
    const group = this.groups.get(key);
    if (!group) return null;
    const sorted = [...group.values].sort((a, b) => a.value - b.value);
    return {
      p25: Math.round(weightedPercentile(sorted, 0.25)),
      p50: Math.round(weightedPercentile(sorted, 0.5)),
      p75: Math.round(weightedPercentile(sorted, 0.75)),
      currency: group.currency,
      n: sorted.length,
      sources: { ...group.sources },
      dataFrom: group.dataFrom,
      dataTo: group.dataTo,
    };
  }

  /** The table header; its `segments` are filled in by the caller (or by `table`). */
  emptyTable(minSample = DEFAULT_MIN_SAMPLE): BandTable {
    return {
      version: 2,
      asOf: this.asOf,
      ratesDate: this.rates.date,
      minSample,
      sampleCount: this.kept,
      surveySkills: [...this.skillsInSurvey].sort(),
      segments: {},
    };
  }

  /** The whole table at once. */
  table(minSample = DEFAULT_MIN_SAMPLE): BandTable {
    const table = this.emptyTable(minSample);
    for (const key of this.keys(minSample)) table.segments[key] = this.statsFor(key)!;
    return table;
  }
}

export function computeBands(samples: Iterable<SalarySample>, options: BandOptions): BandTable {
  const accumulator = new BandAccumulator(options);
  for (const sample of samples) accumulator.add(sample);
  return accumulator.table(options.minSample ?? DEFAULT_MIN_SAMPLE);
}
