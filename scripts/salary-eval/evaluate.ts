/**
 * The held-out check of the salary bands: split the 2024 respondents by a seeded rule, build bands from
 * one part, and count how often the other part's back-end pay falls inside the band's p25–p75.
 */
import { computeBands, type BandTable } from '../../server/domain/salary-bands.ts';
import { salaryBandFor, type BandQuery } from '../../server/domain/salary-band-query.ts';
import { isBackEnd, referenceSamples, type Respondent2024 } from '../../server/seed/salary-reference.ts';

/**
 * FNV-1a over the text, then MurmurHash3's final mix (FNV alone leaves the high bits of short, similar
 * strings uneven): a stable 32-bit hash, so the same seed always holds out the same respondents.
 */
function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * Split rule: a respondent is held out when `stableHash("<seed>:<ResponseId>")` / 2^32 is below
 * `share`. It depends on nothing but the seed and the id, so a row's side never changes with the file's
 * order or the other rows.
 */
export function isHeldOut(responseId: number, seed: string, share: number): boolean {
  return stableHash(`${seed}:${responseId}`) / 2 ** 32 < share;
}

export function splitRespondents(
  respondents: readonly Respondent2024[],
  seed: string,
  share: number,
): { train: Respondent2024[]; test: Respondent2024[] } {
  const train: Respondent2024[] = [];
  const test: Respondent2024[] = [];
  for (const respondent of respondents) {
    (isHeldOut(respondent.responseId, seed, share) ? test : train).push(respondent);
  }
  return { train, test };
}

/** How a held-out respondent is looked up: by country only, by country and experience, or also remote work. */
export type EvaluationQuery = 'country' | 'country × seniority' | 'country × seniority × remote';

export const EVALUATION_QUERIES: readonly EvaluationQuery[] = [
  'country',
  'country × seniority',
  'country × seniority × remote',
];

function queryFor(respondent: Respondent2024, kind: EvaluationQuery): BandQuery {
  const query: BandQuery = { country: respondent.country!, currency: 'USD' };
  if (kind !== 'country' && respondent.level) query.seniority = respondent.level;
  if (kind === 'country × seniority × remote' && respondent.remote) query.remote = respondent.remote;
  return query;
}

export interface CountryCoverage {
  country: string;
  /** Held-out back-end respondents of the country. */
  n: number;
  /** Share whose pay lies within p25–p75 (ends included), per query kind; null without any band. */
  coverage: Record<EvaluationQuery, number | null>;
  /** The held-out respondents' median pay and the country band's p50 (USD). */
  dataMedian: number;
  bandMedian: number | null;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Coverage of each country's held-out back-end pay by bands built from `table`. */
export function coverageByCountry(
  table: BandTable,
  test: readonly Respondent2024[],
  countries: readonly string[],
): CountryCoverage[] {
  return countries.map((country) => {
    const held = test.filter((respondent) => isBackEnd(respondent) && respondent.country === country);
    const coverage = {} as Record<EvaluationQuery, number | null>;
    for (const kind of EVALUATION_QUERIES) {
      let inside = 0;
      let banded = 0;
      for (const respondent of held) {
        const { band } = salaryBandFor(table, queryFor(respondent, kind));
        if (!band) continue;
        banded += 1;
        if (respondent.annualUsd >= band.p25 && respondent.annualUsd <= band.p75) inside += 1;
      }
      coverage[kind] = banded === 0 ? null : inside / banded;
    }
    const countryBand = salaryBandFor(table, { country, currency: 'USD' }).band;
    return {
      country,
      n: held.length,
      coverage,
      dataMedian: held.length ? median(held.map((respondent) => respondent.annualUsd)) : Number.NaN,
      bandMedian: countryBand?.p50 ?? null,
    };
  });
}

/** The countries with the most back-end respondents, biggest first. */
export function biggestCountries(respondents: readonly Respondent2024[], count: number): string[] {
  const counts = new Map<string, number>();
  for (const respondent of respondents) {
    if (isBackEnd(respondent) && respondent.country) {
      counts.set(respondent.country, (counts.get(respondent.country) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([country]) => country);
}

/** Bands from the training part, carried to `asOf` (the survey's own date measures the segments alone). */
export function bandsFrom(train: readonly Respondent2024[], asOf: string): BandTable {
  return computeBands(referenceSamples(train), { asOf });
}
