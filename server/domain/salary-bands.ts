/**
 * Market salary bands: the 25th, 50th and 75th percentiles of yearly pay per segment (see
 * salary-segments.ts), from dated samples carried forward to one date. Each sample's pay is converted
 * once, at the rates of its own date, into its country's pay currency, then grown to the band date by
 * the country's pay-growth rate (pay-growth.ts). Country segments are kept in that currency; regional and
 * worldwide ones in US dollars at the rates of the band date. The table is plain JSON, so it can be stored
 * as a document.
 *
 * Poisoning: a band must not move because one party says so many times or says something absurd. Samples
 * that name a contributor (a posting's company) count once per segment, and each segment sets aside the
 * values beyond a robust fence (`OUTLIER_FENCE` in salary-percentiles.ts) before its percentiles are read.
 */
import { currencyForCountry, regionForCountry } from './currency.ts';
import { type RatesTable, convert, ratesOn } from './exchange-rates.ts';
import { payCurrencyFor, payGrowthFactor } from './pay-growth.ts';
import { ascendingOrder, outlierFence, percentilesOf } from './salary-percentiles.ts';
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
  /**
   * Who stated the pay, where the data knows it (a posting's company). A contributor's samples count as
   * one in each segment: they share one sample's weight (the mean of theirs) and `n` counts them once, so
   * fifteen postings of one company are one voice. Without it a sample is its own contributor, as a survey
   * answer is (one respondent, one row).
   */
  contributor?: string;
}

export interface SegmentStats {
  p25: number;
  p50: number;
  p75: number;
  /** The figures' currency: the country's pay currency for a country segment, else USD. */
  currency: string;
  /** Contributors behind the figures, after the fence. */
  n: number;
  /** The same by source. */
  sources: Partial<Record<SalarySource, number>>;
  /** Samples set aside beyond the segment's outlier fence. */
  trimmed: number;
  /** The earliest and latest date of the pay in the segment (YYYY-MM-DD). */
  dataFrom: string;
  dataTo: string;
}

export interface BandTable {
  version: 3;
  /** The date every sample's pay is carried forward to (YYYY-MM-DD). */
  asOf: string;
  /** The date of the rates cross-country segments and answers in another currency are converted at. */
  ratesDate: string;
  minSample: number;
  sampleCount: number;
  /** Skill ids the survey samples record; a segment for any other skill can only come from postings. */
  surveySkills: string[];
  /** Only segments with at least `minSample` contributors after the fence, keyed by `segmentKey`. */
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

const DAY_MS = 86_400_000;
const dayOfDate = (date: string) => Math.floor(Date.parse(date) / DAY_MS);
const dateOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

interface SegmentGroup {
  currency: string;
  inCountry: boolean;
  /** Samples in the group, and the distinct contributors among them. */
  entries: number;
  contributors: number;
  /** Samples per named contributor; null until a sample names one. */
  perContributor: Map<number, number> | null;
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
  /** The contributor's number, or -1 when the sample names none. */
  contributor: number;
  posting: boolean;
  /** The date of the pay, in days since 1970-01-01. */
  day: number;
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
  private readonly contributorIds = new Map<string, number>();
  private readonly skillsInSurvey = new Set<string>();
  private sealed = false;
  /**
   * Every group's entries, group after group, each run ascending by value (filled by `sealing`): value,
   * weight (a contributor's share of its mean weight), vote (its share of one), contributor (-1 for
   * none), whether it is a posting, and its day.
   */
  private values = new Float64Array(0);
  private weights = new Float64Array(0);
  private shares = new Float64Array(0);
  private owners = new Int32Array(0);
  private postings = new Uint8Array(0);
  private days = new Int32Array(0);
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
          entries: 0,
          contributors: 0,
          perContributor: null,
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
    let contributor = -1;
    if (sample.contributor !== undefined) {
      contributor = this.contributorIds.get(sample.contributor) ?? this.contributorIds.size;
      this.contributorIds.set(sample.contributor, contributor);
    }
    for (const list of groups) {
      for (const group of list) {
        group.entries += 1;
        if (contributor < 0) {
          group.contributors += 1;
          continue;
        }
        group.perContributor ??= new Map();
        const before = group.perContributor.get(contributor) ?? 0;
        if (before === 0) group.contributors += 1;
        group.perContributor.set(contributor, before + 1);
      }
    }
    this.prepared.push({
      carried,
      usdNow,
      weight,
      contributor,
      posting: sample.source === 'posting',
      day: dayOfDate(sample.date),
      groups,
    });
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
      total += group.entries;
    }
    this.values = new Float64Array(total);
    this.weights = new Float64Array(total);
    this.shares = new Float64Array(total);
    this.owners = new Int32Array(total);
    this.postings = new Uint8Array(total);
    this.days = new Int32Array(total);
    const usd = Float64Array.from(this.prepared, (sample) => sample.usdNow);
    const order = yield* ascendingOrder(usd, slice * 10);
    let poured = 0;
    for (const index of order) {
      const sample = this.prepared[index]!;
      for (const list of sample.groups) {
        for (const group of list) {
          const at = group.offset + group.filled;
          const share = sample.contributor < 0 ? 1 : group.perContributor!.get(sample.contributor)!;
          this.values[at] = group.inCountry ? sample.carried : sample.usdNow;
          this.weights[at] = sample.weight / share;
          this.shares[at] = 1 / share;
          this.owners[at] = sample.contributor;
          this.postings[at] = sample.posting ? 1 : 0;
          this.days[at] = sample.day;
          group.filled += 1;
        }
      }
      poured += 1;
      if (poured % slice === 0) yield;
    }
    this.sealed = true;
  }

  /**
   * Every segment key with at least `minSample` contributors, sorted (before the fence: a segment's band
   * can still come out thinner, see `table`).
   */
  keys(minSample = DEFAULT_MIN_SAMPLE): string[] {
    const keys: string[] = [];
    for (const [key, group] of this.groups) if (group.contributors >= minSample) keys.push(key);
    return keys.sort();
  }

  /**
   * The band of one segment, or null when it has no samples: the values beyond its outlier fence set
   * aside, then the weighted percentiles of the rest, with the contributors, sources and dates they hold.
   */
  statsFor(key: string): SegmentStats | null {
    const group = this.groups.get(key);
    if (!group) return null;
    this.seal();
    const { values, weights } = this;
    const start = group.offset;
    const end = start + group.filled;
    const reach = outlierFence(values, this.shares, start, end);
    let from = start;
    let to = end;
    while (from < to && values[from]! < reach.low) from += 1;
    while (to > from && values[to - 1]! > reach.high) to -= 1;
    const [p25, p50, p75] = percentilesOf(values, weights, [0.25, 0.5, 0.75], from, to);

    // Contributors by source: a sample without one counts alone, a named one once.
    const named = [new Set<number>(), new Set<number>()];
    const alone = [0, 0];
    let firstDay = Number.POSITIVE_INFINITY;
    let lastDay = Number.NEGATIVE_INFINITY;
    for (let index = from; index < to; index += 1) {
      const owner = this.owners[index]!;
      const source = this.postings[index]!;
      if (owner >= 0) named[source]!.add(owner);
      else alone[source]! += 1;
      firstDay = Math.min(firstDay, this.days[index]!);
      lastDay = Math.max(lastDay, this.days[index]!);
    }
    const survey = alone[0]! + named[0]!.size;
    const postings = alone[1]! + named[1]!.size;
    return {
      p25: Math.round(p25!),
      p50: Math.round(p50!),
      p75: Math.round(p75!),
      currency: group.currency,
      n: survey + postings,
      sources: {
        ...(survey ? { survey } : {}),
        ...(postings ? { posting: postings } : {}),
      },
      trimmed: group.filled - (to - from),
      dataFrom: dateOfDay(firstDay),
      dataTo: dateOfDay(lastDay),
    };
  }

  /** The table header; its `segments` are filled in by the caller (or by `table`). */
  emptyTable(minSample = DEFAULT_MIN_SAMPLE): BandTable {
    return {
      version: 3,
      asOf: this.asOf,
      ratesDate: this.rates.date,
      minSample,
      sampleCount: this.prepared.length,
      surveySkills: [...this.skillsInSurvey].sort(),
      segments: {},
    };
  }

  /** The whole table at once: every segment with at least `minSample` contributors after its fence. */
  table(minSample = DEFAULT_MIN_SAMPLE): BandTable {
    const table = this.emptyTable(minSample);
    for (const key of this.keys(minSample)) {
      const stats = this.statsFor(key)!;
      if (stats.n >= minSample) table.segments[key] = stats;
    }
    return table;
  }
}

export function computeBands(samples: Iterable<SalarySample>, options: BandOptions): BandTable {
  const accumulator = new BandAccumulator(options);
  for (const sample of samples) accumulator.add(sample);
  return accumulator.table(options.minSample ?? DEFAULT_MIN_SAMPLE);
}
