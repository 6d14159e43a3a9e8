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
import { type ExperienceLevel, isCountryKey, placeKeysOf, skillKeysOf } from './salary-segments.ts';
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
  const [result] = percentilesOf(
    sorted.map((entry) => entry.value),
    sorted.map((entry) => entry.weight),
    [fraction],
  );
  return result!;
}

/**
 * `weightedPercentile` for several ascending fractions in one pass over `values[start, end)` and their
 * `weights`, the values sorted.
 */
function percentilesOf(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  fractions: number[],
  start = 0,
  end = values.length,
): number[] {
  let total = 0;
  for (let index = start; index < end; index += 1) total += weights[index]!;
  const results: number[] = [];
  let before = 0;
  let previousCentre = Number.NaN;
  let previousValue = Number.NaN;
  for (let index = start; index < end && results.length < fractions.length; index += 1) {
    const value = values[index]!;
    const centre = (before + weights[index]! / 2) / total;
    while (results.length < fractions.length && centre >= fractions[results.length]!) {
      const fraction = fractions[results.length]!;
      results.push(
        index === start
          ? value
          : previousValue +
              ((fraction - previousCentre) / (centre - previousCentre)) * (value - previousValue),
      );
    }
    previousCentre = centre;
    previousValue = value;
    before += weights[index]!;
  }
  while (results.length < fractions.length) results.push(previousValue);
  return results;
}

/**
 * The indexes of `keys` in ascending order of their key, ties in index order: a bottom-up merge sort
 * over typed arrays that pauses after about `slice` moves, so a caller can yield between steps.
 */
function* ascendingOrder(keys: Float64Array, slice: number): Generator<void, Uint32Array> {
  const n = keys.length;
  let from = new Uint32Array(n);
  let to = new Uint32Array(n);
  for (let index = 0; index < n; index += 1) from[index] = index;
  let moves = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let start = 0; start < n; start += 2 * width) {
      const middle = Math.min(start + width, n);
      const end = Math.min(start + 2 * width, n);
      let left = start;
      let right = middle;
      let at = start;
      while (left < middle && right < end) {
        to[at++] = keys[from[left]!]! <= keys[from[right]!]! ? from[left++]! : from[right++]!;
      }
      while (left < middle) to[at++] = from[left++]!;
      while (right < end) to[at++] = from[right++]!;
      moves += end - start;
      if (moves >= slice) {
        moves = 0;
        yield;
      }
    }
    [from, to] = [to, from];
  }
  return from;
}

interface SegmentGroup {
  currency: string;
  inCountry: boolean;
  survey: number;
  posting: number;
  dataFrom: string;
  dataTo: string;
  /** Where the group's values sit in the sealed arrays (ascending), and how many are poured so far. */
  offset: number;
  filled: number;
}

interface PreparedSample {
  /** Pay carried to the band date, in the country's pay currency. */
  carried: number;
  /** The same in US dollars at the band date's rates. */
  usdNow: number;
  weight: number;
  /** The sample's segments, as lists shared by every sample with the same coordinates. */
  groups: SegmentGroup[][];
}

/**
 * Collects samples into their segments and computes each segment's band on demand. Segments are
 * independent: one sample touches only the groups of `segmentKeysOf(sample)`, and a group's band depends
 * only on its own values, so a caller can compute the table a slice of segments at a time, and an
 * incremental path could recompute just the segments a changed listing touches.
 *
 * Sorting is done once for all segments: samples are ordered by their pay in US dollars at the band date,
 * then poured into their groups in that order. Within a country every sample converts at the same rate,
 * so that order is also the order of the local amounts, and every group comes out sorted.
 */
export class BandAccumulator {
  private readonly groups = new Map<string, SegmentGroup>();
  /** Segment lists by coordinates ("senior|DE|remote", "senior|DE|k=django"): one lookup per sample and skill. */
  private readonly lists = new Map<string, SegmentGroup[]>();
  private readonly prepared: PreparedSample[] = [];
  private readonly skillsInSurvey = new Set<string>();
  private sealed = false;
  /** Every group's values and weights, group after group, each run ascending (filled by `sealing`). */
  private values = new Float64Array(0);
  private weights = new Float64Array(0);
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
    return this.prepared.length;
  }

  /** Resolves the keys of a list of segments once and keeps the list under `id`. */
  private storeList(id: string, home: string, keys: string[]): SegmentGroup[] {
    const list = keys.map((key) => {
      let group = this.groups.get(key);
      if (!group) {
        const inCountry = isCountryKey(key);
        group = {
          currency: inCountry ? home : 'USD',
          inCountry,
          survey: 0,
          posting: 0,
          dataFrom: '9999-12-31',
          dataTo: '0000-01-01',
          offset: 0,
          filled: 0,
        };
        this.groups.set(key, group);
      }
      return group;
    });
    this.lists.set(id, list);
    return list;
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
    if (sample.source === 'survey') for (const skill of sample.skills) this.skillsInSurvey.add(skill);

    const { level, remote } = sample;
    const place = `${level}|${country}|${remote}`;
    const region = country ? (regionForCountry(country) ?? null) : null;
    const groups = [
      this.lists.get(place) ?? this.storeList(place, home, placeKeysOf({ level, country, region, remote })),
    ];
    for (const skill of new Set(sample.skills)) {
      const id = `${level}|${country}|k=${skill}`;
      groups.push(this.lists.get(id) ?? this.storeList(id, home, skillKeysOf(level, country, skill)));
    }
    for (const list of groups) {
      for (const group of list) {
        if (sample.source === 'survey') group.survey += 1;
        else group.posting += 1;
        if (sample.date < group.dataFrom) group.dataFrom = sample.date;
        if (sample.date > group.dataTo) group.dataTo = sample.date;
      }
    }
    this.prepared.push({ carried, usdNow, weight, groups });
    this.sealed = false;
    return true;
  }

  /** Pours every sample into its groups in ascending order (once; again only after more samples). */
  seal(): void {
    for (const _ of this.sealing(Number.POSITIVE_INFINITY));
  }

  /**
   * `seal` in steps: it pauses after sorting and after every `slice` samples poured, so a caller can hand
   * the event loop back in between.
   */
  *sealing(slice: number): Generator<void> {
    if (this.sealed) return;
    let total = 0;
    for (const group of this.groups.values()) {
      group.offset = total;
      group.filled = 0;
      total += group.survey + group.posting;
    }
    this.values = new Float64Array(total);
    this.weights = new Float64Array(total);
    const usd = Float64Array.from(this.prepared, (sample) => sample.usdNow);
    const order = yield* ascendingOrder(usd, slice * 10);
    let poured = 0;
    for (const index of order) {
      const sample = this.prepared[index]!;
      for (const list of sample.groups) {
        for (const group of list) {
          const at = group.offset + group.filled;
          this.values[at] = group.inCountry ? sample.carried : sample.usdNow;
          this.weights[at] = sample.weight;
          group.filled += 1;
        }
      }
      poured += 1;
      if (poured % slice === 0) yield;
    }
    this.sealed = true;
  }

  /** Every segment key with at least `minSample` samples, sorted. */
  keys(minSample = DEFAULT_MIN_SAMPLE): string[] {
    const keys: string[] = [];
    for (const [key, group] of this.groups) if (group.survey + group.posting >= minSample) keys.push(key);
    return keys.sort();
  }

  /** The band of one segment, or null when it has no samples. */
  statsFor(key: string): SegmentStats | null {
    const group = this.groups.get(key);
    if (!group) return null;
    this.seal();
    const end = group.offset + group.filled;
    const [p25, p50, p75] = percentilesOf(this.values, this.weights, [0.25, 0.5, 0.75], group.offset, end);
    return {
      p25: Math.round(p25!),
      p50: Math.round(p50!),
      p75: Math.round(p75!),
      currency: group.currency,
      n: group.filled,
      sources: {
        ...(group.survey ? { survey: group.survey } : {}),
        ...(group.posting ? { posting: group.posting } : {}),
      },
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
      sampleCount: this.prepared.length,
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
