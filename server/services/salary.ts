import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { isKnownCurrency } from '../domain/currency.ts';
import { BandAccumulator, type BandTable, type SalarySample } from '../domain/salary-bands.ts';
import {
  bandQueryForListing,
  salaryBandFor,
  type BandAnswer,
  type SalaryBand,
} from '../domain/salary-band-query.ts';
import { positionInBand, type BandPosition } from '../domain/salary-position.ts';
import { postingSample } from '../domain/salary-samples.ts';
import { resolveSkill } from '../domain/skills.ts';
import { AppError } from '../errors.ts';
import type { Listing, ListingData, RemotePolicy, Seniority, Store } from '../adapters/store/port.ts';

/** Where the salary-bands job keeps the latest band table. */
export const SALARY_BANDS_DOCUMENT = 'salary-bands';
/** The table changes at most every few seconds (debounced job); a short cache spares a read per answer. */
const TABLE_TTL_MS = 1_000;
/** The job hands the event loop back after this many samples, or segments, so requests are not held up. */
const SAMPLE_SLICE = 250;
const SEGMENT_SLICE = 250;

export interface ListingBand {
  band: SalaryBand | null;
  position: BandPosition | null;
  /** Why there is no band, when there is none. */
  reason?: string;
}

/** A listing as the editor holds it before saving: skills by name, as a recruiter types them. */
export interface ListingDraft {
  seniority: Seniority;
  location: { country: string };
  remote: RemotePolicy;
  salary: { min: number; max: number; currency: string; period: ListingData['salary']['period'] };
  requiredSkills: { skill: string; level?: number; weight?: number }[];
}

type BandedListing = Pick<ListingData, 'seniority' | 'location' | 'remote' | 'requiredSkills' | 'salary'>;

function isoDate(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * Market salary bands: recomputed by the salary-bands job from the reference survey and every posting
 * that states its pay, read from the table it stores.
 */
export function createSalaryService(
  store: Store,
  referenceSamples: () => Promise<readonly SalarySample[]> = async () => [],
  clock: () => number = Date.now,
) {
  let cached: { at: number; table: BandTable | null } | undefined;

  async function table(): Promise<BandTable | null> {
    if (!cached || Date.now() - cached.at > TABLE_TTL_MS) {
      const stored = await store.documents.get<BandTable>(SALARY_BANDS_DOCUMENT);
      // A table of the earlier shape waits for the recomputation the start-up enqueues.
      cached = { at: Date.now(), table: stored?.version === 3 ? stored : null };
    }
    return cached.table;
  }

  function bandOf(current: BandTable, listing: BandedListing): ListingBand {
    if (!isKnownCurrency(listing.salary.currency)) return { band: null, position: null };
    const answer = salaryBandFor(current, bandQueryForListing(listing));
    if (!answer.band) return { band: null, position: null, reason: answer.reason };
    const { min, max, currency, period } = listing.salary;
    return { band: answer.band, position: positionInBand(answer.band, { min, max, currency, period }) };
  }

  return {
    /**
     * Recomputes the bands from the reference survey plus every posting that states its pay, carried to
     * today, and stores the table. Works in slices, yielding between them.
     */
    async recomputeBands() {
      const now = clock();
      const accumulator = new BandAccumulator({ asOf: isoDate(now) });
      const reference = await referenceSamples();
      for (let start = 0; start < reference.length; start += SAMPLE_SLICE) {
        for (const sample of reference.slice(start, start + SAMPLE_SLICE)) accumulator.add(sample);
        await yieldToEventLoop();
      }
      let postings = 0;
      for await (const batch of store.listings.scan(1000)) {
        for (const [index, listing] of batch.entries()) {
          const sample = postingSample(listing, now);
          if (sample && accumulator.add(sample)) postings += 1;
          if (index % SAMPLE_SLICE === SAMPLE_SLICE - 1) await yieldToEventLoop();
        }
      }
      for (const _ of accumulator.sealing(SAMPLE_SLICE)) await yieldToEventLoop();
      const bands = accumulator.emptyTable();
      const keys = accumulator.keys(bands.minSample);
      for (const [index, key] of keys.entries()) {
        const stats = accumulator.statsFor(key)!;
        if (stats.n >= bands.minSample) bands.segments[key] = stats;
        if (index % SEGMENT_SLICE === SEGMENT_SLICE - 1) await yieldToEventLoop();
      }
      await store.documents.put(SALARY_BANDS_DOCUMENT, bands);
      cached = undefined;
      return {
        samples: bands.sampleCount,
        postings,
        segments: Object.keys(bands.segments).length,
        asOf: bands.asOf,
      };
    },

    /** The band a stored listing is shown against, and where its range sits in it. */
    async bandForListing(listing: Listing): Promise<ListingBand> {
      const current = await table();
      return current ? bandOf(current, listing) : { band: null, position: null };
    },

    /**
     * The band a listing being written will be shown against once saved: the same query and the same
     * table as `bandForListing`. Null while the table is being computed.
     */
    async previewBand(draft: ListingDraft): Promise<ListingBand | null> {
      const current = await table();
      if (!current) return null;
      const requiredSkills = draft.requiredSkills.map((requirement) => ({
        skill: resolveSkill(requirement.skill),
        level: requirement.level ?? 3,
        weight: requirement.weight ?? 1,
      }));
      return bandOf(current, { ...draft, location: { ...draft.location, city: '' }, requiredSkills });
    },

    /** A band for a segment; null while the table is being computed. */
    async bandFor(query: {
      seniority?: Seniority;
      country?: string;
      skill?: string;
      remote?: RemotePolicy;
      currency?: string;
    }): Promise<BandAnswer | null> {
      if (query.currency && !isKnownCurrency(query.currency)) {
        throw new AppError('validation_failed', 'Unknown currency', [
          { path: 'querystring:/currency', message: `no rate for ${query.currency}` },
        ]);
      }
      const current = await table();
      if (!current) return null;
      const skill = query.skill ? resolveSkill(query.skill).id : undefined;
      return salaryBandFor(current, {
        ...(query.seniority ? { seniority: query.seniority } : {}),
        ...(query.country ? { country: query.country } : {}),
        ...(skill ? { skill } : {}),
        ...(query.remote ? { remote: query.remote } : {}),
        ...(query.currency ? { currency: query.currency } : {}),
      });
    },
  };
}

export type SalaryService = ReturnType<typeof createSalaryService>;
